// The machine itself: its fused multiply-add peak (the yardstick for GFLOP/s figures), and the
// matrix product by own kernel and by OpenBLAS across shapes (where blas_threshold comes from).
#include <benchmark/benchmark.h>

#include <cstring>
#include <string>
#include <vector>

#include "fast/gemm.hpp"
#include "fixtures.hpp"

namespace {

#if defined(__x86_64__)
typedef float v8 __attribute__((vector_size(32)));

// 12 independent chains of 8-wide FMAs: enough to cover 2 FMA units x 4 cycles of latency on
// Zen 3 (and Haswell's 2 x 5), so the loop runs at the units' throughput. acc = acc * m + a
// with m < 1 converges and never reaches a denormal. Compiled with -ffp-contract=fast.
__attribute__((target("avx2,fma"), noipa)) float fma_chains(std::size_t n) {
    constexpr int chains = 12;
    v8 acc[chains], m, a;
    for (int c = 0; c < chains; ++c)
        for (int i = 0; i < 8; ++i) acc[c][i] = 1.0f + 0.01f * static_cast<float>(c + i);
    for (int i = 0; i < 8; ++i) {
        m[i] = 0.999f;
        a[i] = 0.001f;
    }
    for (std::size_t k = 0; k < n; ++k)
        for (int c = 0; c < chains; ++c) acc[c] = acc[c] * m + a;
    float sum = 0.0f;
    for (int c = 0; c < chains; ++c)
        for (int i = 0; i < 8; ++i) sum += acc[c][i];
    return sum;
}

// fp32 FMAs per thread; ->Threads(2) runs one loop on each core. "flop" (per iteration) is
// summed over the threads, so divided by the real time per iteration it is the machine's rate.
void fma_peak(benchmark::State& state) {
    std::size_t n = 100000;
    for (auto _ : state) {
        benchmark::DoNotOptimize(n);  // an unknown n each time: the call cannot be hoisted
        benchmark::DoNotOptimize(fma_chains(n));
    }
    state.counters["flop"] = 12.0 * 8 * 2 * static_cast<double>(n);
}
BENCHMARK(fma_peak)->Threads(1)->Threads(2)->UseRealTime();
#endif

// C (m, n) = A (m, k) B (k, n) by the given backend: range(0..2) = m, n, k; range(3) = 0 own
// (fast mode), 1 OpenBLAS.
void gemm_backend(benchmark::State& state) {
    const std::size_t m = static_cast<std::size_t>(state.range(0));
    const std::size_t n = static_cast<std::size_t>(state.range(1));
    const std::size_t k = static_cast<std::size_t>(state.range(2));
    anne::fast::options o;
    o.multiply = state.range(3) ? anne::fast::backend::blas : anne::fast::backend::own;
    if (anne::fast::chosen_backend(m, n, k, o) != o.multiply) {
        state.SkipWithError("backend not available");
        return;
    }
    const std::vector<float> a = bench::batch_inputs(k, m), b = bench::batch_inputs(n, k);
    std::vector<float> c(m * n), scratch;
    for (auto _ : state) {
        anne::fast::gemm(anne::fast::trans::no, anne::fast::trans::no, m, n, k, a.data(), k,
                         b.data(), n, nullptr, false, c.data(), n, o, scratch);
        benchmark::DoNotOptimize(c.data());
        benchmark::ClobberMemory();
    }
    state.counters["flop"] = 2.0 * static_cast<double>(m * n * k);
}

// The layers of the benchmark networks at batches 1, 32, 1024, and square products between.
void crossover_shapes(benchmark::internal::Benchmark* b) {
    const std::vector<std::vector<long>> layers = {{64, 128},  {128, 10}, {784, 256},
                                                   {256, 128}, {32, 32},  {128, 128}};
    for (int blas : {0, 1}) {
        for (long m : {1, 32, 256, 1024})
            for (const auto& l : layers) b->Args({m, l[1], l[0], blas});
        for (long s : {48, 64, 80, 96, 128, 192, 256}) b->Args({s, s, s, blas});
    }
}
BENCHMARK(gemm_backend)->Apply(crossover_shapes)->MinTime(0.05)->UseRealTime();

}  // namespace
