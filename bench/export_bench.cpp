// The exported code on the PC: one IRIS sample at a time through the header that
// `anne export --target cpp` writes (and the C files of --target c), beside a naive float loop
// written by hand for the same network (naive_iris8.hpp), compiled in this file with the same
// flags. Raw inputs, so each includes the standardization. (anne::predict, the core's generic
// path, is in predict_bench.cpp.)
#include <benchmark/benchmark.h>

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

BENCHMARK(one_sample<iris8::predict>)->Name("export_cpp/iris8")->UseRealTime();
BENCHMARK(one_sample<iris8_predict>)->Name("export_c/iris8")->UseRealTime();
BENCHMARK(one_sample<naive::iris8>)->Name("naive_loop/iris8")->UseRealTime();
BENCHMARK(one_sample<iris6::predict>)->Name("export_cpp/iris6")->UseRealTime();

}  // namespace
