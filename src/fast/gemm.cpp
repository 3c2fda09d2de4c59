#include "gemm.hpp"

#include "own_gemm.hpp"

// The build defines ANNE_HAVE_OPENBLAS=1 when it links OpenBLAS (CMakeLists.txt).
#ifndef ANNE_HAVE_OPENBLAS
#define ANNE_HAVE_OPENBLAS 0
#endif
#if ANNE_HAVE_OPENBLAS
#include <cblas.h>
#endif

namespace anne::fast {

bool cpu_has_avx2_fma() {
#if ANNE_FAST_X86
    static const bool has = [] {
        __builtin_cpu_init();  // in case this first runs before main, from a static constructor
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }();
    return has;
#else
    return false;
#endif
}

bool have_blas() { return ANNE_HAVE_OPENBLAS; }

std::string blas_description() {
#if ANNE_HAVE_OPENBLAS
    return std::string(openblas_get_config()) + " (core " + openblas_get_corename() + ", " +
           std::to_string(openblas_get_num_threads()) + " threads)";
#else
    return "none";
#endif
}

backend chosen_backend(std::size_t m, std::size_t n, std::size_t k, const options& o) {
    if (o.precision == mode::exact || !have_blas()) return backend::own;
    if (o.multiply != backend::automatic) return o.multiply;
    return m * n * k >= blas_threshold ? backend::blas : backend::own;
}

isa chosen_isa(const options& o) {
    if (o.target == isa::generic || !cpu_has_avx2_fma()) return isa::generic;
    return isa::avx2;
}

namespace {

/// C = (accumulate ? C : 0) + bias, for a product over k = 0 terms.
void empty_product(std::size_t m, std::size_t n, const float* bias, bool accumulate, float* c,
                   std::size_t ldc) {
    for (std::size_t i = 0; i < m; ++i)
        for (std::size_t j = 0; j < n; ++j)
            c[i * ldc + j] = (accumulate ? c[i * ldc + j] : 0.0f) + (bias ? bias[j] : 0.0f);
}

#if ANNE_HAVE_OPENBLAS
void blas_gemm(trans ta, trans tb, std::size_t m, std::size_t n, std::size_t k, const float* a,
               std::size_t lda, const float* b, std::size_t ldb, const float* bias, bool accumulate,
               float* c, std::size_t ldc) {
    const auto op = [](trans t) { return t == trans::yes ? CblasTrans : CblasNoTrans; };
    const auto i = [](std::size_t v) { return static_cast<blasint>(v); };
    cblas_sgemm(CblasRowMajor, op(ta), op(tb), i(m), i(n), i(k), 1.0f, a, i(lda), b, i(ldb),
                accumulate ? 1.0f : 0.0f, c, i(ldc));
    if (bias)
        for (std::size_t r = 0; r < m; ++r)
            for (std::size_t j = 0; j < n; ++j) c[r * ldc + j] += bias[j];
}
#endif

}  // namespace

void gemm(trans ta, trans tb, std::size_t m, std::size_t n, std::size_t k, const float* a,
          std::size_t lda, const float* b, std::size_t ldb, const float* bias, bool accumulate,
          float* c, std::size_t ldc, const options& o, std::vector<float>& scratch) {
    if (m == 0 || n == 0) return;
    if (k == 0) {
        empty_product(m, n, bias, accumulate, c, ldc);
        return;
    }
#if ANNE_HAVE_OPENBLAS
    if (chosen_backend(m, n, k, o) == backend::blas) {
        blas_gemm(ta, tb, m, n, k, a, lda, b, ldb, bias, accumulate, c, ldc);
        return;
    }
#endif
    if (scratch.size() < detail::pack_floats) scratch.resize(detail::pack_floats);
    const bool at = ta == trans::yes, bt = tb == trans::yes;
    const detail::gemm_args g{
        m,    n,          k, a,   at ? 1 : lda,  at ? lda : 1, b, bt ? 1 : ldb, bt ? ldb : 1,
        bias, accumulate, c, ldc, scratch.data()};
#if ANNE_FAST_X86
    if (chosen_isa(o) == isa::avx2) {
        if (o.precision == mode::exact)
            detail::own_gemm_avx2_exact(g);
        else
            detail::own_gemm_avx2_fused(g);
        return;
    }
#endif
    detail::own_gemm_generic(g);
}

}  // namespace anne::fast
