// The neuron and the dense layer.
//
// A neuron:      y = f(sum_i w_i x_i + b)
// A dense layer: y = f(x W + b), i.e. `units` neurons that all see the same inputs.
//
// The kernel W is stored as Keras stores it: W[input][unit], row-major, shape (inputs, units).
// So the weights of neuron j are column j: W[0 * units + j], W[1 * units + j], ...
#pragma once

#include <cstddef>

#include "activation.hpp"

namespace anne {

/// @brief What a dense layer is: its width, its activation and whether it has a bias.
/// Its weights live elsewhere (in a network's parameter buffer).
struct layer {
    std::size_t units;
    const activation* f;
    float alpha;  // the activation's parameter (leaky_relu's slope, elu's alpha), if it has one
    bool use_bias;
};

/// @brief The weighted sum of one neuron: z = sum_i w_i x_i + b, summed in order i = 0, 1, ...
/// and the bias added last, as Keras's matmul-then-bias_add does.
/// x is (n); the neuron's weights are w[0], w[stride], w[2 * stride], ... (a kernel column).
inline float weighted_sum(const float* x, std::size_t n, const float* w, std::size_t stride,
                          float b) {
    float z = 0.0f;
    for (std::size_t i = 0; i < n; ++i) z += x[i] * w[i * stride];
    return z + b;
}

/// @brief One neuron with an element-wise activation: y = f(sum_i w_i x_i + b).
inline float neuron(const float* x, std::size_t n, const float* w, std::size_t stride, float b,
                    const activation& f, float alpha) {
    return f.value(weighted_sum(x, n, w, stride, b), alpha);
}

/// @brief Dense layer forward pass for one sample.
/// x is (inputs), kernel is (inputs, l.units), bias is (l.units) or nullptr when !l.use_bias,
/// z and y are (l.units). z receives x W + b, y receives f(z); z may be nullptr when the caller
/// does not need it (y then holds z before the activation is applied in place).
///
/// The loop runs over inputs on the outside so that it reads the kernel row by row; each z_j is
/// still summed in the order i = 0, 1, ..., so the result equals `weighted_sum` bit for bit.
inline void dense_forward(const layer& l, std::size_t inputs, const float* kernel,
                          const float* bias, const float* x, float* z, float* y) {
    const std::size_t units = l.units;
    float* s = z ? z : y;
    for (std::size_t j = 0; j < units; ++j) s[j] = 0.0f;
    for (std::size_t i = 0; i < inputs; ++i) {
        const float xi = x[i];
        const float* row = kernel + i * units;
        for (std::size_t j = 0; j < units; ++j) s[j] += xi * row[j];
    }
    if (l.use_bias)
        for (std::size_t j = 0; j < units; ++j) s[j] += bias[j];
    activate(*l.f, l.alpha, s, y, units);
}

/// @brief The same layer computed neuron by neuron, as the papers do: the plain reference
/// that `dense_forward` is tested against. Element-wise activations only.
inline void dense_forward_by_neuron(const layer& l, std::size_t inputs, const float* kernel,
                                    const float* bias, const float* x, float* y) {
    for (std::size_t j = 0; j < l.units; ++j)
        y[j] = neuron(x, inputs, kernel + j, l.units, l.use_bias ? bias[j] : 0.0f, *l.f, l.alpha);
}

}  // namespace anne
