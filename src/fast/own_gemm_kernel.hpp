// The own matrix-product kernel, written once and compiled several times: included only by
// own_gemm_exact.cpp (no floating-point contraction) and own_gemm_fused.cpp (multiply-adds fused
// into FMAs), each of which instantiates it for the generic and the AVX2 target. Everything is
// in an unnamed namespace so that the copies, compiled with different options, never mix.
//
// The blocking (Goto's, without packing A):
//
//     for each depth block of panel_depth rows of B            (pc)
//       for each panel of NR columns of B (packed if it must be)   (jc)   <- stays in L1
//         for each block of MR rows of op(A)                        (ic)
//           micro-kernel: C[MR x NR] += A[MR x kc] . B[kc x NR]   in registers
//
// The micro-kernel holds MR x NR sums in vector registers (GCC's vector extensions: the
// compiler picks SSE, AVX2 or NEON instructions) and runs p = 0, 1, ..., kc - 1 in order, so
// every sum is formed in the core's order; between depth blocks the sums wait in C. Written as
// plain loops, GCC vectorizes this across the MR rows with shuffles instead (checked with -S),
// hence the explicit vectors.
#pragma once

#include <cstddef>
#include <cstring>

#include "own_gemm.hpp"

#define ANNE_ALWAYS_INLINE inline __attribute__((always_inline))

namespace anne::fast::detail {
namespace {

/// W floats in one vector register, and the same for loads and stores at any float address
/// (as GCC's own immintrin.h declares __m256_u). Values, not arrays, are moved in and out, so
/// that the sums stay in registers: copying into the sum array with memcpy makes GCC keep it
/// on the stack (checked with objdump).
template <int W>
struct vec {
    typedef float type __attribute__((vector_size(4 * W)));
    typedef float unaligned __attribute__((vector_size(4 * W), aligned(4), may_alias));
};

/// @brief C (rows <= MR, cols <= NV * W) = (load_c ? C : 0) + sum_p a(r, p) b(p, :) (+ bias).
/// a(r, p) = a[r * a_rs + p * a_cs]; b is (kc, NV * W) with row stride ldb, zero-padded
/// beyond cols; c is (rows, cols) with row stride ldc; bias is (cols) or nullptr.
template <int MR, int NV, int W>
ANNE_ALWAYS_INLINE void micro_kernel(std::size_t kc, const float* a, std::size_t a_rs,
                                     std::size_t a_cs, const float* b, std::size_t ldb, float* c,
                                     std::size_t ldc, std::size_t cols, bool load_c,
                                     const float* bias) {
    using V = typename vec<W>::type;
    using U = typename vec<W>::unaligned;
    constexpr std::size_t NR = NV * W;
    const bool full = cols == NR;
    V acc[MR][NV];
    for (int r = 0; r < MR; ++r) {
        float row[NR] = {};  // a partial row of C, zero-padded
        if (load_c && !full) std::memcpy(row, c + r * ldc, cols * sizeof(float));
        const float* src = full ? c + r * ldc : row;
        for (int v = 0; v < NV; ++v)
            acc[r][v] = load_c ? *reinterpret_cast<const U*>(src + v * W) : V{};
    }
    for (std::size_t p = 0; p < kc; ++p) {
        V bv[NV];
        for (int v = 0; v < NV; ++v) bv[v] = *reinterpret_cast<const U*>(b + p * ldb + v * W);
        for (int r = 0; r < MR; ++r) {
            const float ar = a[r * a_rs + p * a_cs];
            for (int v = 0; v < NV; ++v) acc[r][v] += ar * bv[v];
        }
    }
    if (bias) {
        float brow[NR] = {};
        std::memcpy(brow, bias, cols * sizeof(float));
        for (int v = 0; v < NV; ++v) {
            const V bv = *reinterpret_cast<const U*>(brow + v * W);
            for (int r = 0; r < MR; ++r) acc[r][v] += bv;
        }
    }
    for (int r = 0; r < MR; ++r) {
        if (full) {
            for (int v = 0; v < NV; ++v) *reinterpret_cast<U*>(c + r * ldc + v * W) = acc[r][v];
        } else {
            float row[NR];
            for (int v = 0; v < NV; ++v) *reinterpret_cast<U*>(row + v * W) = acc[r][v];
            std::memcpy(c + r * ldc, row, cols * sizeof(float));
        }
    }
}

/// @brief The micro-kernel for the last rows < MR of a column panel: one instantiation each.
template <int MR, int NV, int W>
ANNE_ALWAYS_INLINE void micro_kernel_rows(std::size_t rows, std::size_t kc, const float* a,
                                          std::size_t a_rs, std::size_t a_cs, const float* b,
                                          std::size_t ldb, float* c, std::size_t ldc,
                                          std::size_t cols, bool load_c, const float* bias) {
    if constexpr (MR > 1) {
        if (rows < MR) {
            micro_kernel_rows<MR - 1, NV, W>(rows, kc, a, a_rs, a_cs, b, ldb, c, ldc, cols, load_c,
                                             bias);
            return;
        }
    }
    micro_kernel<MR, NV, W>(kc, a, a_rs, a_cs, b, ldb, c, ldc, cols, load_c, bias);
}

/// @brief One column panel (cols <= NV * W) of C over depth rows pc .. pc + kc of B, all rows
/// of C in blocks of MR. B is read in place when its rows are contiguous and the panel is
/// full; else (B transposed, or the last, narrower panel) it is copied to g.pack, zero-padded.
template <int MR, int NV, int W>
ANNE_ALWAYS_INLINE void panel(const gemm_args& g, std::size_t pc, std::size_t kc, std::size_t jc,
                              std::size_t cols) {
    constexpr std::size_t NR = NV * W;
    const float* b = g.b + pc * g.b_rs + jc * g.b_cs;
    std::size_t ldb = g.b_rs;
    if (g.b_cs != 1 || cols != NR) {
        for (std::size_t p = 0; p < kc; ++p) {
            float* dst = g.pack + p * NR;
            const float* src = b + p * g.b_rs;
            if (g.b_cs == 1)
                std::memcpy(dst, src, cols * sizeof(float));
            else
                for (std::size_t j = 0; j < cols; ++j) dst[j] = src[j * g.b_cs];
            for (std::size_t j = cols; j < NR; ++j) dst[j] = 0.0f;
        }
        b = g.pack;
        ldb = NR;
    }
    const bool load_c = g.accumulate || pc > 0;
    const float* bias = g.bias && pc + kc == g.k ? g.bias + jc : nullptr;
    for (std::size_t ic = 0; ic < g.m; ic += MR) {
        const std::size_t rows = g.m - ic < MR ? g.m - ic : MR;
        micro_kernel_rows<MR, NV, W>(rows, kc, g.a + ic * g.a_rs + pc * g.a_cs, g.a_rs, g.a_cs, b,
                                     ldb, g.c + ic * g.ldc + jc, g.ldc, cols, load_c, bias);
    }
}

/// @brief The whole product. Columns go in panels of NV vectors; what is left (fewer than
/// NV * W) in panels of one vector, by a narrow kernel with more rows (MR_NARROW), so that
/// layers with few units (IRIS's 1 to 3, ten classes) neither compute mostly padding nor copy
/// more of B than they use. Register use: MR * NV sums + NV of B + 1 of A.
template <int MR, int NV, int W, int MR_NARROW>
ANNE_ALWAYS_INLINE void blocked_gemm(const gemm_args& g) {
    constexpr std::size_t NR = NV * W;
    for (std::size_t pc = 0; pc < g.k; pc += panel_depth) {
        const std::size_t kc = g.k - pc < panel_depth ? g.k - pc : panel_depth;
        std::size_t jc = 0;
        for (; g.n - jc >= NR; jc += NR) panel<MR, NV, W>(g, pc, kc, jc, NR);
        for (; jc < g.n; jc += W) {
            const std::size_t cols = g.n - jc < W ? g.n - jc : W;
            panel<MR_NARROW, 1, W>(g, pc, kc, jc, cols);
        }
    }
}

}  // namespace
}  // namespace anne::fast::detail
