// The matrix product under the host's batch kernels: C = op(A) op(B) (+ C) (+ bias).
//
// A batch of samples turns a dense layer into one matrix product. For a batch X (batch, inputs)
// and a kernel W (inputs, units), as Keras stores it:
//
//     forward    Z  = X W + b      (batch, units)   gemm(no,  no,  batch, units, inputs)
//     backward   dW = X^T dZ       (inputs, units)  gemm(yes, no,  inputs, units, batch)
//                dX = dZ W^T       (batch, inputs)  gemm(no,  yes, batch, inputs, units)
//
// Two ways to compute it:
//   own   cache-blocked kernels in own_gemm_kernel.hpp, compiled twice: for any x86-64 (SSE2) and
//         for AVX2 + FMA; the machine's instructions are picked when the program runs.
//   blas  OpenBLAS through CBLAS (when the build found it): packed, multithreaded, best for
//         large products; its call and its threads cost a few microseconds, too much for small
//         ones. automatic picks by size (blas_threshold, measured: see docs/performance.md).
//
// And two promises:
//   exact  own kernels only, no fused multiply-add, every sum in the core's order (k = 0, 1,
//          ..., the bias last): bit-identical to the core's dense_forward and dense_backward.
//   fast   fused multiply-adds, OpenBLAS for large products: each value within a few float
//          roundings of exact (the tests bound it by 1e-6 of the summed magnitudes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace anne::fast {

enum class mode : std::uint8_t { exact, fast };
enum class backend : std::uint8_t { automatic, own, blas };
enum class isa : std::uint8_t { automatic, generic, avx2 };

/// @brief How the batch kernels multiply. The defaults are the fastest this machine has.
struct options {
    mode precision = mode::fast;
    backend multiply = backend::automatic;  // in fast mode; exact mode always uses own kernels
    isa target = isa::automatic;            // for own kernels; avx2 requires AVX2 + FMA
};

/// @brief Products of at least this many multiply-adds (m * n * k), about half a million, go
/// to OpenBLAS when backend::automatic. Measured on the project's 2-core machine (gemm_backend in
/// bench/machine_bench.cpp, table in docs/performance.md): below it the own kernel on one core
/// wins, as OpenBLAS's packing and the wake-up of its second thread cost more than they save;
/// from 2^19 to about 2^23 the two are close, OpenBLAS ahead when the second core is free;
/// above that OpenBLAS's two threads win by 1.4x to 2x.
constexpr std::size_t blas_threshold = std::size_t{1} << 19;

/// @brief Whether op(A) is A or A^T.
enum class trans : std::uint8_t { no, yes };

/// @brief C (m, n) = op(A) (m, k) . op(B) (k, n), plus C's old values when accumulate, plus
/// bias (n) added to every row last (nullptr: none). Row-major: op(A) = A is stored (m, k) with
/// row stride lda, op(A) = A^T is stored (k, m); likewise B. scratch holds packed panels of B
/// between calls (it only grows).
void gemm(trans ta, trans tb, std::size_t m, std::size_t n, std::size_t k, const float* a,
          std::size_t lda, const float* b, std::size_t ldb, const float* bias, bool accumulate,
          float* c, std::size_t ldc, const options& o, std::vector<float>& scratch);

/// @brief Which backend gemm uses for this shape under these options.
backend chosen_backend(std::size_t m, std::size_t n, std::size_t k, const options& o);
/// @brief Which instructions the own kernels use under these options.
isa chosen_isa(const options& o);

/// @brief True when this processor has AVX2 and FMA.
bool cpu_has_avx2_fma();
/// @brief True when the build links OpenBLAS.
bool have_blas();
/// @brief "OpenBLAS 0.3.21 ... (core Zen, 2 threads)", or "none".
std::string blas_description();

}  // namespace anne::fast
