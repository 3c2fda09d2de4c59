// The own kernel with fused multiply-adds: the same code as own_gemm_exact.cpp, compiled with
// -ffp-contract=fast (see CMakeLists.txt), so that GCC turns each `acc += a * b` into one FMA.
#include "own_gemm_kernel.hpp"

namespace anne::fast::detail {

#if ANNE_FAST_X86
__attribute__((target("avx2,fma"))) void own_gemm_avx2_fused(const gemm_args& g) {
    blocked_gemm<6, 2, 8, 12>(g);
}
#endif

}  // namespace anne::fast::detail
