// The core's elementary functions (include/anne/elementary.hpp) beside the platform's libm
// (glibc's float functions here), one call per iteration over arguments in [-6, 6), the range
// activations see: what a sigmoid or tanh unit costs on the PC with identical bits on every
// target, against what it cost with libm. docs/elementary.md gives the figures.
#include <benchmark/benchmark.h>
#include <anne/elementary.hpp>

#include <cmath>

namespace {

template <float (*f)(float)>
void call(benchmark::State& state) {
    float z = -6.0f;
    for (auto _ : state) {
        benchmark::DoNotOptimize(f(z));
        z = z < 6.0f ? z + 0.01f : -6.0f;
    }
}
float own_exp(float z) { return anne::elementary::exp(z); }
float libm_exp(float z) { return std::exp(z); }
float own_logistic(float z) { return anne::elementary::logistic(z); }
float libm_logistic(float z) { return 1.0f / (1.0f + std::exp(-z)); }
float own_tanh(float z) { return anne::elementary::tanh(z); }
float libm_tanh(float z) { return std::tanh(z); }
float own_erf(float z) { return anne::elementary::erf(z); }
float libm_erf(float z) { return std::erf(z); }
// A layer's sigmoids at once: 24 values in [-6, 6) per call of logistic_each (the exported
// predict_batch's 3 units x 8 samples), against a loop of single calls; per_value is the time
// per value.
constexpr int layer_values = 24;
template <bool each>
void layer(benchmark::State& state) {
    float z[layer_values], y[layer_values];
    for (int k = 0; k < layer_values; ++k) z[k] = -5.9f + 0.49f * static_cast<float>(k);
    for (auto _ : state) {
        for (int k = 0; k < layer_values; ++k) y[k] = z[k];
        if (each) {
            anne::elementary::logistic_each(y, layer_values);
        } else {
            for (float& v : y) v = anne::elementary::logistic(v);
        }
        benchmark::DoNotOptimize(y);
        benchmark::ClobberMemory();
        z[0] = z[0] < 6.0f ? z[0] + 0.01f : -6.0f;
    }
    state.counters["per_value"] = benchmark::Counter(
        layer_values, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(layer<true>)->Name("elementary/logistic/own_each_24");
BENCHMARK(layer<false>)->Name("elementary/logistic/own_one_by_one_24");

BENCHMARK(call<own_exp>)->Name("elementary/exp/own");
BENCHMARK(call<libm_exp>)->Name("elementary/exp/libm");
BENCHMARK(call<own_logistic>)->Name("elementary/logistic/own");
BENCHMARK(call<libm_logistic>)->Name("elementary/logistic/libm");
BENCHMARK(call<own_tanh>)->Name("elementary/tanh/own");
BENCHMARK(call<libm_tanh>)->Name("elementary/tanh/libm");
BENCHMARK(call<own_erf>)->Name("elementary/erf/own");
BENCHMARK(call<libm_erf>)->Name("elementary/erf/libm");

}  // namespace
