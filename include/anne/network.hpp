// A sequential network: dense layers one after the other, over one contiguous parameter buffer.
//
// The parameters of all layers sit in one array, layer after layer, each as its kernel
// (inputs, units) followed by its bias (units) when it has one. IRIS-8 (4 -> 2 -> 3 -> 2 -> 1):
//
//     params = [ W1 (4x2) | b1 (2) | W2 (2x3) | b2 (3) | W3 (3x2) | b3 (2) | W4 (2x1) | b4 (1) ]
//
// One buffer is easy to store in flash, to copy, to hand to an optimizer, and to check.
// The core never allocates: the caller passes every buffer, and the size functions say how big
// (constexpr, so that a microcontroller program can size its static buffers at compile time).
#pragma once

#include <cstddef>

#include "dense.hpp"
#include "status.hpp"

namespace anne {

/// @brief A sequential network of dense layers. It only points at its layers and parameters.
struct network {
    std::size_t inputs;   // features per sample
    const layer* layers;  // (depth)
    std::size_t depth;    // number of layers
    const float* params;  // (parameter_count(*this)), as described above
};

/// @brief Number of inputs of layer k (the previous layer's units, or the network's inputs).
constexpr std::size_t layer_inputs(const network& n, std::size_t k) {
    return k == 0 ? n.inputs : n.layers[k - 1].units;
}

/// @brief Number of parameters of a dense layer: its kernel (inputs, units) and its bias
/// (units) if it has one. The one place this is counted, host code included.
constexpr std::size_t dense_parameter_count(std::size_t inputs, std::size_t units, bool use_bias) {
    return inputs * units + (use_bias ? units : 0);
}

/// @brief Number of parameters (weights and biases) of layer k.
constexpr std::size_t layer_parameter_count(const network& n, std::size_t k) {
    return dense_parameter_count(layer_inputs(n, k), n.layers[k].units, n.layers[k].use_bias);
}

/// @brief Offset of layer k's kernel in the parameter buffer; its bias follows the kernel.
constexpr std::size_t layer_offset(const network& n, std::size_t k) {
    std::size_t offset = 0;
    for (std::size_t i = 0; i < k; ++i) offset += layer_parameter_count(n, i);
    return offset;
}

/// @brief Total number of parameters: the length of `params`.
constexpr std::size_t parameter_count(const network& n) { return layer_offset(n, n.depth); }

/// @brief Number of outputs (the last layer's units).
constexpr std::size_t output_count(const network& n) {
    return n.depth ? n.layers[n.depth - 1].units : n.inputs;
}

/// @brief The widest layer's units (the inputs not counted: they are the caller's).
constexpr std::size_t max_width(const network& n) {
    std::size_t w = 0;
    for (std::size_t k = 0; k < n.depth; ++k) w = n.layers[k].units > w ? n.layers[k].units : w;
    return w;
}

/// @brief Sum of all layers' units: the length of the buffers `forward` fills.
constexpr std::size_t unit_count(const network& n) {
    std::size_t total = 0;
    for (std::size_t k = 0; k < n.depth; ++k) total += n.layers[k].units;
    return total;
}

/// @brief Floats of scratch space `predict` needs: two layers' outputs, ping-pong.
constexpr std::size_t predict_scratch_size(const network& n) { return 2 * max_width(n); }

/// @brief Checks that a network is well formed: at least one layer, no zero width, every layer
/// with an activation. Run it once (after loading); `predict` and `forward` then do not check.
inline status check(const network& n) {
    if (n.inputs == 0 || n.depth == 0 || !n.layers || !n.params) return status::invalid_argument;
    for (std::size_t k = 0; k < n.depth; ++k) {
        if (n.layers[k].units == 0) return status::shape_mismatch;
        if (!n.layers[k].f) return status::unknown_activation;
    }
    return status::ok;
}

/// @brief Layer k's kernel (layer_inputs, units) and bias (units, or nullptr).
inline const float* layer_kernel(const network& n, std::size_t k) {
    return n.params + layer_offset(n, k);
}
inline const float* layer_bias(const network& n, std::size_t k) {
    return n.layers[k].use_bias ? layer_kernel(n, k) + layer_inputs(n, k) * n.layers[k].units
                                : nullptr;
}

/// @brief Runs one sample through the network. x is (inputs), out is (output_count),
/// scratch is (scratch_size >= predict_scratch_size(n)) floats.
inline status predict(const network& n, const float* x, float* out, float* scratch,
                      std::size_t scratch_size) {
    const std::size_t width = max_width(n);
    if (scratch_size < 2 * width) return status::buffer_too_small;
    const float* in = x;
    const float* params = n.params;
    for (std::size_t k = 0; k < n.depth; ++k) {
        const layer& l = n.layers[k];
        const std::size_t inputs = layer_inputs(n, k);
        float* y = k + 1 == n.depth ? out : scratch + (k % 2) * width;
        const float* bias = l.use_bias ? params + inputs * l.units : nullptr;
        dense_forward(l, inputs, params, bias, in, nullptr, y);
        params += layer_parameter_count(n, k);
        in = y;
    }
    return status::ok;
}

/// @brief Runs one sample and keeps every layer's weighted sums and outputs, for explaining
/// and for training. x is (inputs); zs and ys are (unit_count(n)), layer after layer:
/// layer k's values start at the sum of the units of the layers before it.
inline void forward(const network& n, const float* x, float* zs, float* ys) {
    const float* in = x;
    const float* params = n.params;
    for (std::size_t k = 0; k < n.depth; ++k) {
        const layer& l = n.layers[k];
        const std::size_t inputs = layer_inputs(n, k);
        const float* bias = l.use_bias ? params + inputs * l.units : nullptr;
        dense_forward(l, inputs, params, bias, in, zs, ys);
        params += layer_parameter_count(n, k);
        in = ys;
        zs += l.units;
        ys += l.units;
    }
}

}  // namespace anne
