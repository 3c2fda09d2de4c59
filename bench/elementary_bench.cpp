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
BENCHMARK(call<own_exp>)->Name("elementary/exp/own");
BENCHMARK(call<libm_exp>)->Name("elementary/exp/libm");
BENCHMARK(call<own_logistic>)->Name("elementary/logistic/own");
BENCHMARK(call<libm_logistic>)->Name("elementary/logistic/libm");
BENCHMARK(call<own_tanh>)->Name("elementary/tanh/own");
BENCHMARK(call<libm_tanh>)->Name("elementary/tanh/libm");
BENCHMARK(call<own_erf>)->Name("elementary/erf/own");
BENCHMARK(call<libm_erf>)->Name("elementary/erf/libm");

}  // namespace
