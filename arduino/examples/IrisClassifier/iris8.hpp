// iris8.hpp: a neural network as C++ for the AI-ANNE core, made by `anne export`.
//
// Compile it with -ffp-contract=off and without -ffast-math: then it computes bit for bit what
//   `anne predict` computes, on every target. Without -ffp-contract=off GCC fuses a * b + c into
//   one multiply-add where the processor has one (x86-64 with -march=native, the Cortex-M33), which
//   rounds once instead of twice, and the last bits differ. (CMake's anne::core target, the Pico
//   example and the Arduino library set it for you.)
//
// Model: IRIS-8. The AI-ANNE papers' first pre-installed network: 8 neurons in 4 layers (4 -> 2 ->
//   3 -> 2 -> 1), Iris Versicolor (0) vs Iris Virginica (1). The papers name two sets of
//   activations for it: relu, sigmoid, relu, sigmoid (used here) and relu, tanh, softmax, sigmoid;
//   both score 90 % on the papers' test split.
// Source: AI-ANNE papers, Tab. 2 (weights trained in TensorFlow/Keras); standardization over the
//   100 Versicolor and Virginica rows of the Iris data set (population standard deviation)
// Framework: TensorFlow/Keras
// Converted by: written by hand from the papers
// Exported by: anne 0.1.0: anne export iris8 --target cpp --name iris8
//
// Architecture: 4 inputs -> 2 (relu) -> 3 (sigmoid) -> 2 (relu) -> 1 (sigmoid)
// Parameters: 30 floats (120 bytes, const: they stay in flash)
// Buffers: 11 floats (44 bytes of stack): the preprocessed inputs and every layer's outputs but the
//   last
// Output: binary: output > 0.5 means class 1 (virginica), otherwise class 0 (versicolor)
//
// Each layer computes y = f(x W + b): anne::weighted_sums, z_j = sum over i of
// x_i W[i][j] (in the order i = 0, 1, ...), then + b_j, then y_j = f(z_j) with the core's
// activation function: the same float32 operations in the same order as `anne predict`,
// with every size fixed at compile time.
//
// Use it (compile with -I path/to/ai-anne/include):
//
//     #include "iris8.hpp"
//
//     const float raw[iris8::inputs] = {6.8f, 2.8f, 4.8f, 1.4f};
//     float y[iris8::outputs];
//     iris8::predict(raw, y);  // y = {0.21977696}
//     const char* label = iris8::classes[iris8::decide(y)];
//
// No heap, no exceptions, no RTTI. predict() keeps its few buffers on the stack.
#pragma once

#include <cstddef>

#include <anne/metrics.hpp>
#include <anne/network.hpp>

namespace iris8 {

/// @brief Values per sample: raw inputs in, network outputs out.
inline constexpr std::size_t inputs = 4;
inline constexpr std::size_t outputs = 1;

/// @brief The class names, by class index.
inline constexpr const char* classes[2] = {"versicolor", "virginica"};
/// @brief The output above which the class is 1.
inline constexpr float threshold = 0.5f;

// Preprocessing: standardization, x_i = (raw_i - mean_i) / std_i, with the statistics of the
//   training data.
// Inputs: sepal_length, sepal_width, petal_length, petal_width.
inline constexpr float input_mean[4] = {6.262f, 2.872f, 4.906f, 1.676f};
inline constexpr float input_std[4] = {0.6595119f, 0.33108306f, 0.8214402f, 0.42263934f};

// All weights and biases in one buffer, layer after layer: each layer's kernel
// W[input][unit] (row-major, as Keras stores it: row i holds input i's weights to all
// units) followed by its bias b[unit]. See include/anne/network.hpp.
inline constexpr float params[30] = {
    // layer 1: 4 -> 2, relu
    // W1 (4x2)
    -0.75323504f, -0.25906014f,
    -0.46379513f, -0.5019245f,
    2.1273055f, 1.7724446f,
    1.1853403f, 0.88468695f,
    // b1 (2)
    0.53405946f, 0.32578036f,
    // layer 2: 2 -> 3, sigmoid
    // W2 (2x3)
    -1.6785783f, 2.0158117f, 1.2769054f,
    -1.4055765f, 0.6828738f, 1.5902631f,
    // b2 (3)
    1.18362f, -1.1555661f, -1.0966455f,
    // layer 3: 3 -> 2, relu
    // W3 (3x2)
    0.729278f, -1.0240695f,
    -0.80972326f, 1.4383037f,
    -0.90892404f, 1.6760625f,
    // b3 (2)
    0.10695826f, 0.01635581f,
    // layer 4: 2 -> 1, sigmoid
    // W4 (2x1)
    -0.2019448f,
    1.5772797f,
    // b4 (1)
    -1.2177287f,
};

// Each layer's kernel W (inputs x units) and bias b within params.
inline constexpr const float* W1 = params + 0;  // (4x2)
inline constexpr const float* b1 = params + 8;  // (2)
inline constexpr const float* W2 = params + 10;  // (2x3)
inline constexpr const float* b2 = params + 16;  // (3)
inline constexpr const float* W3 = params + 19;  // (3x2)
inline constexpr const float* b3 = params + 25;  // (2)
inline constexpr const float* W4 = params + 27;  // (2x1)
inline constexpr const float* b4 = params + 29;  // (1)

// The layers: {units, activation, its parameter, use_bias}. Each activation record
// is named directly (not looked up by name), so only the code of the activations used
// here ends up in the program.
inline constexpr anne::layer layers[4] = {
    {2, &anne::activations::relu, 0.0f, true},
    {3, &anne::activations::sigmoid, 0.0f, true},
    {2, &anne::activations::relu, 0.0f, true},
    {1, &anne::activations::sigmoid, 0.0f, true},
};

inline constexpr anne::network network{4, layers, 4, params};

/// @brief Runs the network on one sample. in is (inputs) raw values, out is (outputs).
/// Every size is fixed here, so there is nothing to check at run time.
inline void predict(const float* in, float* out) {
    float x[4];  // the preprocessed inputs
    float y1[2];  // layer 1's outputs
    float y2[3];  // layer 2's outputs
    float y3[2];  // layer 3's outputs
    // x[i] = (in[i] - input_mean[i]) / input_std[i], the division by anne::elementary::divide
    // (the bits of "/"; in integer arithmetic on the Cortex-M0+, 4x cheaper there)
    for (std::size_t i = 0; i < inputs; ++i)
        x[i] = anne::elementary::divide(in[i] - input_mean[i], input_std[i]);
    // layer 1: 4 -> 2, relu
    anne::weighted_sums<4, 2>(x, W1, b1, y1);
    for (std::size_t j = 0; j < 2; ++j) y1[j] = anne::relu(y1[j]);
    // layer 2: 2 -> 3, sigmoid
    anne::weighted_sums<2, 3>(y1, W2, b2, y2);
    anne::sigmoid_each(y2, 3);
    // layer 3: 3 -> 2, relu
    anne::weighted_sums<3, 2>(y2, W3, b3, y3);
    for (std::size_t j = 0; j < 2; ++j) y3[j] = anne::relu(y3[j]);
    // layer 4: 2 -> 1, sigmoid, into out
    anne::weighted_sums<2, 1>(y3, W4, b4, out);
    anne::sigmoid_each(out, 1);
}

/// @brief Samples that predict_batch runs side by side.
inline constexpr std::size_t lanes = 8;

/// @brief Runs the network on n samples: in is (n, inputs) raw values, sample after
/// sample, out is (n, outputs). Each sample gets predict()'s bits; on a PC it is faster,
/// as it computes `lanes` samples side by side (each buffer is (units, lanes)) in loops
/// that the compiler turns into vector instructions. Its buffers take 96 floats
/// (384 bytes) of stack.
inline void predict_batch(const float* in, float* out, std::size_t n) {
    const std::size_t blocks = n - n % lanes;  // the samples in whole blocks
    for (std::size_t first = 0; first < blocks; first += lanes) {
        const float* raw = in + first * inputs;  // (lanes, inputs)
        float x[4 * lanes];  // (inputs, lanes)
        float y1[2 * lanes];
        float y2[3 * lanes];
        float y3[2 * lanes];
        float y4[1 * lanes];
        for (std::size_t i = 0; i < inputs; ++i)
            for (std::size_t l = 0; l < lanes; ++l)
                x[i * lanes + l] =
                    anne::elementary::divide(raw[l * inputs + i] - input_mean[i], input_std[i]);
        // layer 1: 4 -> 2, relu
        anne::weighted_sums_lanes<4, 2, lanes>(x, W1, b1, y1);
        for (std::size_t k = 0; k < 2 * lanes; ++k) y1[k] = anne::relu(y1[k]);
        // layer 2: 2 -> 3, sigmoid
        anne::weighted_sums_lanes<2, 3, lanes>(y1, W2, b2, y2);
        anne::sigmoid_each(y2, 3 * lanes);
        // layer 3: 3 -> 2, relu
        anne::weighted_sums_lanes<3, 2, lanes>(y2, W3, b3, y3);
        for (std::size_t k = 0; k < 2 * lanes; ++k) y3[k] = anne::relu(y3[k]);
        // layer 4: 2 -> 1, sigmoid
        anne::weighted_sums_lanes<2, 1, lanes>(y3, W4, b4, y4);
        anne::sigmoid_each(y4, 1 * lanes);
        for (std::size_t l = 0; l < lanes; ++l)
            for (std::size_t j = 0; j < outputs; ++j)
                out[(first + l) * outputs + j] = y4[j * lanes + l];
    }
    for (std::size_t s = blocks; s < n; ++s) predict(in + s * inputs, out + s * outputs);
}

/// @brief The class an output stands for: 1 if out[0] > threshold, else 0.
inline std::size_t decide(const float* out) {
    return anne::decide(out, outputs, threshold);
}

/// @brief predict, then decide: the class of one sample of raw values.
inline std::size_t classify(const float* in) {
    float out[outputs];
    predict(in, out);
    return decide(out);
}

}  // namespace iris8
