// The self-learning example of the original AI-ANNE (FACTS.md §2): 4 -> 3 relu -> 1 sigmoid,
// weights and biases uniform(-0.5, 0.5), binary cross-entropy, per-sample gradient descent
// with learning rate 0.05, 100 epochs over the papers' 20 standardized test rows.
//
// One definition for both runs that are compared: train.cpp trains it on the Cortex-M boards,
// tests/mcu/generate.cpp on the host (and writes the host's weights for train.cpp). Both call
// `train_epoch` below, so they run the same float operations in the same order; only the
// math library (expf in sigmoid) can differ.
#pragma once

#include <cstddef>
#include <cstdint>

#include <anne/init.hpp>
#include <anne/metrics.hpp>
#include <anne/network.hpp>
#include <anne/train.hpp>

namespace selflearning {

inline constexpr std::size_t inputs = 4;
inline constexpr anne::layer layers[] = {{3, &anne::activations::relu, 0.0f, true},
                                         {1, &anne::activations::sigmoid, 0.0f, true}};
inline constexpr std::size_t depth = sizeof layers / sizeof layers[0];
inline constexpr std::uint64_t seed = 1;  // anne::random's seed for the initial weights
inline constexpr std::size_t epochs = 100;
inline constexpr anne::optimizer sgd = anne::sgd(0.05f);
inline constexpr anne::loss_kind loss = anne::loss_kind::binary_crossentropy;

/// @brief The network over a parameter buffer of `parameters` floats.
constexpr anne::network network_over(const float* params) {
    return {inputs, layers, depth, params};
}

// The sizes, at compile time (the core's size functions are constexpr): 19 parameters, the
// training arena of 33 floats (gradients 19, z and y 4 + 4, two dL/dz buffers 3 + 3; plain
// SGD keeps no state), and predict's scratch of 6 floats.
inline constexpr std::size_t parameters = anne::parameter_count(network_over(nullptr));
inline constexpr std::size_t arena_floats = anne::training_arena_size(network_over(nullptr), sgd);
inline constexpr std::size_t scratch_floats = anne::predict_scratch_size(network_over(nullptr));

/// @brief How many of the samples the network classifies correctly (output > 0.5 is
/// virginica). x is (samples, inputs), t is (samples).
inline std::size_t correct(const float* params, const float* x, const float* t,
                           std::size_t samples) {
    std::size_t right = 0;
    for (std::size_t s = 0; s < samples; ++s) {
        float y[1], scratch[scratch_floats];
        anne::predict(network_over(params), x + s * inputs, y, scratch, scratch_floats);
        right += static_cast<float>(anne::decide(y, 1)) == t[s];
    }
    return right;
}

/// @brief The initial weights: every weight and bias uniform in [-0.5, 0.5) from
/// anne::random(seed). params is (parameters).
inline void initialize(float* params) {
    anne::random rng(seed);
    anne::uniform_init(network_over(params), params, rng, -0.5f, 0.5f);
}

/// @brief The standardization the IRIS networks use: x = (raw - mean) / std per feature.
/// raw and x are (samples, inputs); mean and std are (inputs).
inline void standardize(const float* raw, const float* mean, const float* std, float* x,
                        std::size_t samples) {
    for (std::size_t s = 0; s < samples; ++s)
        for (std::size_t i = 0; i < inputs; ++i)
            x[s * inputs + i] = (raw[s * inputs + i] - mean[i]) / std[i];
}

/// @brief One epoch: a gradient descent step per sample, the samples in order. x is
/// (samples, inputs), standardized; t is (samples), 1 for virginica, 0 for versicolor.
/// Returns the epoch's mean loss (each sample's loss before its step, as Keras reports it).
inline float train_epoch(float* params, anne::training_buffers& b, const float* x, const float* t,
                         std::size_t samples) {
    const anne::network n = network_over(params);
    float sum = 0.0f;
    for (std::size_t s = 0; s < samples; ++s) {
        float l = 0.0f;
        anne::train_step(n, params, loss, sgd, b, x + s * inputs, t + s, 1, &l);
        sum += l;
    }
    return sum / static_cast<float>(samples);
}

}  // namespace selflearning
