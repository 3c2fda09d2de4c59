// The own kernels that keep the core's arithmetic: every term rounded after its multiply and
// after its add, in the core's order. Compiled with -ffp-contract=off (see CMakeLists.txt).
#include "own_gemm_kernel.hpp"

namespace anne::fast::detail {

// 4-wide: 2 x 2 vectors of sums for 4 rows = 8 registers of SSE2's 16.
void own_gemm_generic(const gemm_args& g) { blocked_gemm<4, 2, 4, 8>(g); }

#if ANNE_FAST_X86
// 8-wide: 6 rows x 2 vectors = 12 sums + 2 of B + 1 of A = 15 of AVX2's 16 registers.
__attribute__((target("avx2,fma"))) void own_gemm_avx2_exact(const gemm_args& g) {
    blocked_gemm<6, 2, 8, 12>(g);
}
#endif

}  // namespace anne::fast::detail
