// What every system in the benchmarks runs: the same networks, weights and data. anne's
// benchmarks build them here; bench_fixtures writes them to a file that the peers (MicroPython,
// CPython, TensorFlow.js, PyTorch) read, so nobody re-derives a weight.
//
//   iris8, iris6    the papers' networks and weights (models/), the 20 standardized test rows
//   mlp_4_8_3       4 -> 8 relu -> 3 softmax
//   mlp_64_128_10   64 -> 128 relu -> 10 softmax
//   mlp_784_...     784 -> 256 relu -> 128 relu -> 10 softmax
//                   Glorot-uniform kernels from anne::random (PCG32), zero biases (Keras's
//                   defaults); inputs uniform in [-1, 1), 1024 rows (a batch is its first rows)
//   selflearn       the original project's self-learning example (FACTS.md §2): 4 -> 3 relu
//                   -> 1 sigmoid, every parameter uniform in [-0.5, 0.5), the 20 test rows
//   digits          data/digits.csv, pixels / 16, one-hot targets; the 64-128-10 network with
//                   its own Glorot-uniform start
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <anne/network.hpp>

namespace bench {

/// @brief A network with its own layers and parameters.
struct net {
    std::string name;
    std::size_t inputs = 0;
    std::vector<anne::layer> layers;
    std::vector<float> params;

    anne::network view() const { return {inputs, layers.data(), layers.size(), params.data()}; }
    /// 2 * sum of in * out: the multiply-adds of one sample, counted as two operations each.
    double flops_per_sample() const;
};

/// @brief The batch networks of the throughput benchmarks, by name.
net mlp(const std::string& name);
extern const char* const mlp_names[3];

/// @brief Inputs for the batch benchmarks: (rows, inputs), uniform in [-1, 1).
std::vector<float> batch_inputs(std::size_t inputs, std::size_t rows);
constexpr std::size_t max_batch = 1024;

/// @brief The papers' IRIS networks and the 20 standardized rows of the test split
/// (20 x 4) with their labels (1 = virginica).
net iris(const std::string& name);
struct iris_split {
    std::vector<float> x, labels;
};
iris_split iris_test_standardized();

/// @brief The self-learning example: its network at its starting point.
net selflearn_start();
constexpr std::size_t selflearn_epochs = 100;
constexpr float selflearn_learning_rate = 0.05f;

/// @brief data/digits.csv: x (1797, 64) pixels / 16, t (1797, 10) one-hot.
struct digits_data {
    std::size_t rows = 0;
    std::vector<float> x, t;
};
digits_data digits(const std::string& source_dir);
net digits_start();
constexpr std::size_t digits_epochs = 20;
constexpr std::size_t digits_batch = 32;
constexpr float digits_learning_rate = 0.001f;

}  // namespace bench
