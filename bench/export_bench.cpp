// The exported code on the PC: one IRIS sample at a time through the header that
// `anne export --target cpp` writes (and the C files of --target c), and many through their
// predict_batch, beside a naive float loop written by hand for the same network
// (naive_iris8.hpp), compiled in this file with the same flags. Raw inputs, so each includes
// the standardization. (anne::predict, the core's generic
// path, is in predict_bench.cpp.)
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <vector>

#include "cpp/iris6.hpp"
#include "cpp/iris8.hpp"
#include "iris.hpp"
#include "naive_iris8.hpp"
extern "C" {
#include "c/iris8.h"
}

namespace {

// The 20 raw test rows, (20, 4).
std::vector<float> raw_test_rows() {
    const anne::labelled_samples split = anne::iris_test_split(anne::iris_data());
    std::vector<float> x;
    for (const std::vector<float>& row : split.x) x.insert(x.end(), row.begin(), row.end());
    return x;
}

template <void (*predict)(const float*, float*)>
void one_sample(benchmark::State& state) {
    const std::vector<float> x = raw_test_rows();
    float y[1];
    std::size_t row = 0;
    for (auto _ : state) {
        predict(x.data() + row * 4, y);
        benchmark::DoNotOptimize(y[0]);
        row = row + 1 == 20 ? 0 : row + 1;
    }
}

// The least of the repetitions, reported beside mean and median: on a shared machine the
// others include the time other programs took.
double least(const std::vector<double>& v) { return *std::min_element(v.begin(), v.end()); }

// How every benchmark here is timed: wall-clock time, with the least of the repetitions.
void timed(benchmark::internal::Benchmark* b) { b->UseRealTime()->ComputeStatistics("min", least); }

// predict_batch on the test rows repeated 8 times, (160, 4): blocks of `lanes` samples and no
// tail. The naive loop and predict run one sample after another over the same rows; each
// reports its time per sample as per_sample.
constexpr std::size_t batch_rows = 160;

template <void (*batch)(const float*, float*, std::size_t)>
void samples_in_batch(benchmark::State& state) {
    const std::vector<float> rows = raw_test_rows();
    std::vector<float> x;
    while (x.size() < batch_rows * 4) x.insert(x.end(), rows.begin(), rows.end());
    std::vector<float> y(batch_rows);
    for (auto _ : state) {
        batch(x.data(), y.data(), batch_rows);
        benchmark::DoNotOptimize(y.data());
        benchmark::ClobberMemory();
    }
    state.counters["per_sample"] = benchmark::Counter(
        batch_rows, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

template <void (*predict)(const float*, float*)>
void one_by_one(const float* in, float* out, std::size_t n) {
    for (std::size_t s = 0; s < n; ++s) predict(in + s * 4, out + s);
}

BENCHMARK(one_sample<iris8::predict>)->Name("export_cpp/iris8")->Apply(timed);
BENCHMARK(one_sample<iris8_predict>)->Name("export_c/iris8")->Apply(timed);
BENCHMARK(one_sample<naive::iris8>)->Name("naive_loop/iris8")->Apply(timed);
BENCHMARK(one_sample<iris6::predict>)->Name("export_cpp/iris6")->Apply(timed);
BENCHMARK(samples_in_batch<iris8::predict_batch>)->Name("export_cpp_batch/iris8")->Apply(timed);
BENCHMARK(samples_in_batch<iris8_predict_batch>)->Name("export_c_batch/iris8")->Apply(timed);
BENCHMARK(samples_in_batch<one_by_one<iris8::predict>>)
    ->Name("export_cpp_one_by_one/iris8")
    ->Apply(timed);
BENCHMARK(samples_in_batch<one_by_one<naive::iris8>>)
    ->Name("naive_loop_one_by_one/iris8")
    ->Apply(timed);

}  // namespace
