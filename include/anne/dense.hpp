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

// Complete unrolling of weighted_sums' loops on the PC, as -O3 does by itself. At -O2 GCC 12
// leaves a small layer's loops rolled, keeps its sums in memory and then loads two of them with
// one 8-byte load for the vectorized sigmoids, which the processor cannot forward from the two
// 4-byte stores: the exported IRIS-8 took 55.6 ns at -O2 against the naive loop's 35.1, 34.9 ns
// with it (docs/performance.md). Not on the microcontrollers, where unrolled code costs flash.
#if defined(__x86_64__) || defined(__aarch64__)
#define ANNE_UNROLL _Pragma("GCC unroll 16")
#else
#define ANNE_UNROLL
#endif

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

/// @brief A dense layer's weighted sums z = x W + b with its sizes known at compile time: what
/// `anne export` writes for each layer, so that the compiler unrolls and schedules the loops
/// for the one model. x is (inputs), kernel is (inputs, units), bias is (units) or nullptr, z
/// is (units).
///
/// The same float32 sums as dense_forward, bit for bit: each z_j summed in the order
/// i = 0, 1, ..., then + b_j. It starts from x_0 W[0][j] instead of from 0 + x_0 W[0][j],
/// one addition less per neuron; the two differ only in the sign of a zero sum (0 + -0 is
/// +0), and the last addition, of b_j or of 0 when there is no bias, makes that sign +0 as
/// dense_forward's is — unless b_j is -0, which keeps -0: so no bias may be -0.0f (export
/// writes such a bias as 0.0f, which gives dense_forward the same sums).
template <std::size_t inputs, std::size_t units>
inline void weighted_sums(const float* x, const float* kernel, const float* bias, float* z) {
    static_assert(inputs > 0 && units > 0, "a layer has inputs and units");
    ANNE_UNROLL for (std::size_t j = 0; j < units; ++j) z[j] = x[0] * kernel[j];
    ANNE_UNROLL for (std::size_t i = 1; i < inputs; ++i) {
        const float xi = x[i];
        const float* row = kernel + i * units;
        ANNE_UNROLL for (std::size_t j = 0; j < units; ++j) z[j] += xi * row[j];
    }
    ANNE_UNROLL for (std::size_t j = 0; j < units; ++j) z[j] += bias ? bias[j] : 0.0f;
}

/// @brief weighted_sums for `lanes` samples side by side: x is (inputs, lanes), z is (units,
/// lanes), x[i * lanes + s] being sample s's input i. Each sample's sums are formed in
/// weighted_sums' order, so each lane holds the bits weighted_sums gives that sample; the
/// innermost loops run over the lanes, which a compiler turns into vector instructions.
template <std::size_t inputs, std::size_t units, std::size_t lanes>
inline void weighted_sums_lanes(const float* x, const float* kernel, const float* bias, float* z) {
    static_assert(inputs > 0 && units > 0 && lanes > 0, "a layer has inputs, units and samples");
    for (std::size_t j = 0; j < units; ++j)
        for (std::size_t s = 0; s < lanes; ++s) z[j * lanes + s] = x[s] * kernel[j];
    for (std::size_t i = 1; i < inputs; ++i)
        for (std::size_t j = 0; j < units; ++j) {
            const float w = kernel[i * units + j];
            for (std::size_t s = 0; s < lanes; ++s) z[j * lanes + s] += x[i * lanes + s] * w;
        }
    for (std::size_t j = 0; j < units; ++j) {
        const float b = bias ? bias[j] : 0.0f;
        for (std::size_t s = 0; s < lanes; ++s) z[j * lanes + s] += b;
    }
}

/// @brief The same layer computed neuron by neuron, as the papers do: the plain reference
/// that `dense_forward` is tested against. Element-wise activations only.
inline void dense_forward_by_neuron(const layer& l, std::size_t inputs, const float* kernel,
                                    const float* bias, const float* x, float* y) {
    for (std::size_t j = 0; j < l.units; ++j)
        y[j] = neuron(x, inputs, kernel + j, l.units, l.use_bias ? bias[j] : 0.0f, *l.f, l.alpha);
}

}  // namespace anne
