// Prediction: one IRIS sample through the core's anne::predict (the single-sample path a
// microcontroller runs), and batches through the host's fast path, with the core's
// one-sample-at-a-time loop beside it for comparison.
#include <benchmark/benchmark.h>
#include <anne/network.hpp>

#include <string>
#include <vector>

#include "fast/batch_network.hpp"
#include "fixtures.hpp"
#include "prepared_network.hpp"

namespace {

// One sample per iteration, cycling through the 20 standardized test rows.
void iris_predict(benchmark::State& state, const char* name) {
    const bench::net n = bench::iris(name);
    const anne::network net = n.view();
    const bench::iris_split split = bench::iris_test_standardized();
    float y[1], scratch[16];
    std::size_t row = 0;
    for (auto _ : state) {
        anne::predict(net, split.x.data() + row * net.inputs, y, scratch, 16);
        benchmark::DoNotOptimize(y[0]);
        row = row + 1 == 20 ? 0 : row + 1;
    }
}
BENCHMARK_CAPTURE(iris_predict, iris8, "iris8")->UseRealTime();
BENCHMARK_CAPTURE(iris_predict, iris6, "iris6")->UseRealTime();

// The same through anne::fast::prepared_network (the same numbers, bit for bit).
void iris_prepared(benchmark::State& state, const char* name) {
    const bench::net n = bench::iris(name);
    anne::fast::prepared_network p(n.view());
    const bench::iris_split split = bench::iris_test_standardized();
    float y[1];
    std::size_t row = 0;
    for (auto _ : state) {
        p.predict(split.x.data() + row * n.inputs, y);
        benchmark::DoNotOptimize(y[0]);
        row = row + 1 == 20 ? 0 : row + 1;
    }
}
BENCHMARK_CAPTURE(iris_prepared, iris8, "iris8")->UseRealTime();
BENCHMARK_CAPTURE(iris_prepared, iris6, "iris6")->UseRealTime();

// Per iteration (one batch): its floating-point operations, 2 * sum(in * out) * batch, and
// its samples; bench/report.py divides them by the time.
void set_counters(benchmark::State& state, const bench::net& n, std::size_t batch) {
    state.counters["flop"] = n.flops_per_sample() * static_cast<double>(batch);
    state.counters["samples"] = static_cast<double>(batch);
}

// A batch through anne::fast::predict_batch; range(0) is the batch size, range(1) the mode.
void batch_predict(benchmark::State& state, const char* name) {
    const bench::net n = bench::mlp(name);
    const anne::network net = n.view();
    const std::size_t batch = static_cast<std::size_t>(state.range(0));
    const std::vector<float> x = bench::batch_inputs(net.inputs, batch);
    std::vector<float> y(batch * anne::output_count(net));
    anne::fast::workspace ws;
    ws.config.precision = state.range(1) ? anne::fast::mode::exact : anne::fast::mode::fast;
    for (auto _ : state) {
        anne::fast::predict_batch(net, x.data(), batch, y.data(), ws);
        benchmark::DoNotOptimize(y.data());
        benchmark::ClobberMemory();
    }
    set_counters(state, n, batch);
}

// The same batch, one anne::predict per sample: the reference the fast path is measured against.
void core_predict_loop(benchmark::State& state, const char* name) {
    const bench::net n = bench::mlp(name);
    const anne::network net = n.view();
    const std::size_t batch = static_cast<std::size_t>(state.range(0));
    const std::size_t outputs = anne::output_count(net);
    const std::vector<float> x = bench::batch_inputs(net.inputs, batch);
    std::vector<float> y(batch * outputs), scratch(anne::predict_scratch_size(net));
    for (auto _ : state) {
        for (std::size_t s = 0; s < batch; ++s)
            anne::predict(net, x.data() + s * net.inputs, y.data() + s * outputs, scratch.data(),
                          scratch.size());
        benchmark::DoNotOptimize(y.data());
        benchmark::ClobberMemory();
    }
    set_counters(state, n, batch);
}

// Batches 1, 32, 1024; the fast path in mode::fast (0) and mode::exact (1).
// Real (wall-clock) time: OpenBLAS works on both cores, and the peers are timed by the clock.
void batch_args(benchmark::internal::Benchmark* b) {
    for (int exact : {0, 1})
        for (int batch : {1, 32, 1024}) b->Args({batch, exact});
    b->UseRealTime();
}
void loop_args(benchmark::internal::Benchmark* b) {
    for (int batch : {1, 32, 1024}) b->Args({batch});
    b->UseRealTime();
}

BENCHMARK_CAPTURE(batch_predict, mlp_4_8_3, "mlp_4_8_3")->Apply(batch_args);
BENCHMARK_CAPTURE(batch_predict, mlp_64_128_10, "mlp_64_128_10")->Apply(batch_args);
BENCHMARK_CAPTURE(batch_predict, mlp_784_256_128_10, "mlp_784_256_128_10")->Apply(batch_args);
BENCHMARK_CAPTURE(core_predict_loop, mlp_4_8_3, "mlp_4_8_3")->Apply(loop_args);
BENCHMARK_CAPTURE(core_predict_loop, mlp_64_128_10, "mlp_64_128_10")->Apply(loop_args);
BENCHMARK_CAPTURE(core_predict_loop, mlp_784_256_128_10, "mlp_784_256_128_10")->Apply(loop_args);

}  // namespace
