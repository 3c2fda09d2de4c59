// The own matrix-product kernels' entry points (internal to src/fast/; gemm.hpp is the API).
#pragma once

#include <cstddef>

#if defined(__x86_64__) || defined(__i386__)
#define ANNE_FAST_X86 1
#else
#define ANNE_FAST_X86 0
#endif

namespace anne::fast::detail {

/// @brief One product C (m, n) = op(A) (m, k) . op(B) (k, n) (+ C) (+ bias), by strides:
/// element (i, p) of op(A) is a[i * a_rs + p * a_cs], element (p, j) of op(B) is
/// b[p * b_rs + j * b_cs].
struct gemm_args {
    std::size_t m, n, k;
    const float* a;
    std::size_t a_rs, a_cs;
    const float* b;
    std::size_t b_rs, b_cs;
    const float* bias;  // (n) or nullptr, added after the sum
    bool accumulate;    // start from C's values instead of 0
    float* c;
    std::size_t ldc;
    float* pack;  // room for pack_floats floats: one panel of B, zero-padded
};

/// @brief Panel depth (rows of B per pass) and the widest panel, in floats: a 256 x 16 panel
/// is 16 KiB and stays in the 32 KiB L1 cache while every row block of A passes over it.
constexpr std::size_t panel_depth = 256;
constexpr std::size_t pack_floats = panel_depth * 16;

/// Portable (SSE2 on x86-64): 4-wide vectors, no fused multiply-add. Exact.
void own_gemm_generic(const gemm_args& g);
#if ANNE_FAST_X86
/// AVX2: 8-wide vectors; mul and add apart, so still exact.
void own_gemm_avx2_exact(const gemm_args& g);
/// AVX2 + FMA: 8-wide fused multiply-adds (one rounding instead of two per term).
void own_gemm_avx2_fused(const gemm_args& g);
#endif

}  // namespace anne::fast::detail
