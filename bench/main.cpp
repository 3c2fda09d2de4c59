// anne_bench's main: Google Benchmark's, plus what the report needs to say which code ran.
#include <benchmark/benchmark.h>

#include "fast/gemm.hpp"

int main(int argc, char** argv) {
    benchmark::AddCustomContext("anne_blas", anne::fast::blas_description());
    benchmark::AddCustomContext("anne_own_kernels",
                                anne::fast::cpu_has_avx2_fma() ? "AVX2+FMA" : "generic (SSE2)");
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
