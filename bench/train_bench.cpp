// Training, whole runs per iteration, from the same starting weights each time:
//   selflearn  the original project's self-learning example: 4 -> 3 relu -> 1 sigmoid, binary
//              cross-entropy, per-sample SGD (lr 0.05), 100 epochs x the 20 test rows in order
//   digits     64 -> 128 relu -> 10 softmax on data/digits.csv, categorical cross-entropy,
//              Adam (lr 0.001, epsilon 1e-7 added to sqrt(v^) as PyTorch and TensorFlow.js do),
//              batches of 32 in file order (the last one 5 rows), 20 epochs
// each with the core's anne::train_step (per sample, caller memory: what a Pico runs) and with
// the host's batched anne::fast::train_step. The counter "loss" is the last epoch's mean loss,
// which the peers report too: the same computation ends in the same place.
#include <benchmark/benchmark.h>
#include <anne/train.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "fast/batch_network.hpp"
#include "fixtures.hpp"

namespace {

constexpr auto bce = anne::loss_kind::binary_crossentropy;
constexpr auto cce = anne::loss_kind::categorical_crossentropy;

// One call of step(x, t, rows) per batch, epochs times over data (rows of inputs and tsize
// targets). Returns the last epoch's mean loss over its samples.
template <class Step>
float epochs(std::size_t count, std::size_t batch, const std::vector<float>& x, std::size_t inputs,
             const std::vector<float>& t, std::size_t tsize, Step step) {
    const std::size_t rows = t.size() / tsize;
    float last = 0.0f;
    for (std::size_t e = 0; e < count; ++e) {
        double sum = 0.0;
        for (std::size_t first = 0; first < rows; first += batch) {
            const std::size_t n = std::min(batch, rows - first);
            sum +=
                static_cast<double>(step(x.data() + first * inputs, t.data() + first * tsize, n)) *
                static_cast<double>(n);
        }
        last = static_cast<float>(sum / static_cast<double>(rows));
    }
    return last;
}

// One whole training run: where it starts, what it learns from, and how.
struct run {
    bench::net start;
    std::vector<float> x, t;  // (rows, inputs), (rows, tsize)
    std::size_t inputs, tsize, epochs, batch;
    anne::loss_kind loss;
    anne::optimizer o;

    std::size_t steps() const { return epochs * ((t.size() / tsize + batch - 1) / batch); }
};

run selflearn() {
    bench::iris_split data = bench::iris_test_standardized();
    return {bench::selflearn_start(),
            std::move(data.x),
            std::move(data.labels),
            4,
            1,
            bench::selflearn_epochs,
            1,
            bce,
            anne::sgd(bench::selflearn_learning_rate)};
}

run digits() {
    bench::digits_data data = bench::digits(ANNE_SOURCE_DIR);
    anne::optimizer o = anne::adam(bench::digits_learning_rate);
    o.epsilon_form = anne::adam_epsilon::bias_corrected;
    return {bench::digits_start(),
            std::move(data.x),
            std::move(data.t),
            64,
            10,
            bench::digits_epochs,
            bench::digits_batch,
            cce,
            o};
}

void set_counters(benchmark::State& state, const run& r, float loss) {
    state.counters["steps"] = static_cast<double>(r.steps());  // per iteration: one run
    state.counters["loss"] = loss;
}

// The run with the core's train_step (per sample, caller memory: what a Pico runs).
void core(benchmark::State& state, const run& r) {
    bench::net n = r.start;
    const anne::network net = n.view();
    std::vector<float> arena(anne::training_arena_size(net, r.o));
    anne::training_buffers b{};
    float loss = 0.0f;
    for (auto _ : state) {
        std::copy(r.start.params.begin(), r.start.params.end(), n.params.begin());
        anne::make_training_buffers(net, r.o, arena.data(), arena.size(), b);
        loss = epochs(r.epochs, r.batch, r.x, r.inputs, r.t, r.tsize,
                      [&](const float* x, const float* t, std::size_t rows) {
                          float l = 0.0f;
                          anne::train_step(net, n.params.data(), r.loss, r.o, b, x, t, rows, &l);
                          return l;
                      });
        benchmark::DoNotOptimize(n.params.data());
    }
    set_counters(state, r, loss);
}

// The run with the host's batched anne::fast::train_step.
void batched(benchmark::State& state, const run& r, anne::fast::mode precision) {
    bench::net n = r.start;
    const anne::network net = n.view();
    float loss = 0.0f;
    for (auto _ : state) {
        std::copy(r.start.params.begin(), r.start.params.end(), n.params.begin());
        anne::fast::training_workspace ws(net, r.o);
        ws.config.precision = precision;
        loss = epochs(r.epochs, r.batch, r.x, r.inputs, r.t, r.tsize,
                      [&](const float* x, const float* t, std::size_t rows) {
                          return anne::fast::train_step(net, n.params.data(), r.loss, r.o, ws, x, t,
                                                        rows);
                      });
        benchmark::DoNotOptimize(n.params.data());
    }
    set_counters(state, r, loss);
}

void selflearn_core(benchmark::State& state) { core(state, selflearn()); }
BENCHMARK(selflearn_core)->Unit(benchmark::kMicrosecond)->UseRealTime();

void selflearn_fast(benchmark::State& state) {
    batched(state, selflearn(), anne::fast::mode::fast);
}
BENCHMARK(selflearn_fast)->Unit(benchmark::kMicrosecond)->UseRealTime();

void digits_core(benchmark::State& state) { core(state, digits()); }
BENCHMARK(digits_core)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

// Argument 0: mode::fast, 1: mode::exact (bit-identical to digits_core).
void digits_fast(benchmark::State& state) {
    batched(state, digits(), state.range(0) ? anne::fast::mode::exact : anne::fast::mode::fast);
}
BENCHMARK(digits_fast)->Unit(benchmark::kMillisecond)->Arg(0)->Arg(1)->UseRealTime();

}  // namespace
