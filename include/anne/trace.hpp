// Tracing: every number a network computes handed to the caller as it is computed, in the
// forward pass (`tracer`) and in training (`train_tracer`).
//
// `forward_traced` computes a sample exactly as `forward` does — it calls the same
// `dense_forward` for each layer, so z and y agree bit for bit — and after each layer tells a
// `tracer` what every neuron saw and produced. A tracer is a context pointer and three function
// pointers: no heap, no virtual functions. The host's `anne explain` collects the trace into an
// explanation; a microcontroller prints it over its serial port with `print_tracer`:
//
//     anne::trace_printer p{{uart_write, nullptr}, 4};   // through a sink, 4 decimals
//     anne::forward_traced(net, x, zs, ys, anne::print_tracer(p));
//
// prints, for IRIS-8 and the papers' first sample:
//
//     layer 1: 4 inputs -> 2 neurons, relu(z) = max(0, z)
//       z1 = 0.8158*(-0.7532) + (-0.2175)*(-0.4638) + ... + 0.5341 = -1.0281
//       y1 = relu(z) = max(0, z) = 0
//
// Training has its own events beside these: a `train_tracer` given to `accumulate_gradients`,
// `finish_batch` or `train_step` (train.hpp) hears each neuron's dL/dz in the backward pass and
// each parameter's update, and `print_train_tracer` prints them the same way. One SGD step
// (lr 0.1) of a 2 -> 1 sigmoid neuron, w = (0.5, -0.25), b = 0.1, on x = (1, 2) with target 1:
//
//     static float before[3];                         // (parameter_count): kept for the updates
//     const anne::train_tracer t = anne::print_train_tracer(p, before);
//     anne::train_step(net, params, loss, anne::sgd(0.1f), buffers, x, target, 1, nullptr, &t);
//
//     layer 1, backward: dL/dz1 = -0.475
//     layer 1, update:
//       w1,1 = 0.5 + 0.0475 = 0.5475   (gradient -0.475)
//       w2,1 = -0.25 + 0.095 = -0.155   (gradient -0.95)
//       b1 = 0.1 + 0.0475 = 0.1475   (gradient -0.475)
#pragma once

#include <cstddef>

#include "basics.hpp"
#include "network.hpp"

namespace anne {

/// @brief What `forward_traced` reports. Any function pointer may be nullptr: that event is
/// not reported.
///
/// For each layer k (0-based), in order: on_layer_begin, on_neuron for j = 0 .. units - 1,
/// on_layer_end. The pointers are valid only during the call.
///   x      the layer's input, (n) with n = layer_inputs(net, k)
///   w      neuron j's weights: w[0], w[stride], ..., w[(n - 1) * stride] (a kernel column)
///   bias   neuron j's bias; 0 when the layer has none (l.use_bias tells)
///   z, y   the weighted sum and the output. on_neuron comes after the whole layer is computed,
///          because with softmax a neuron's y depends on all the layer's z.
///   zs, ys the layer's weighted sums and outputs, (l.units)
struct tracer {
    void* context;
    void (*on_layer_begin)(void* context, std::size_t k, const layer& l, const float* x,
                           std::size_t n);
    void (*on_neuron)(void* context, std::size_t k, const layer& l, std::size_t j, const float* x,
                      std::size_t n, const float* w, std::size_t stride, float bias, float z,
                      float y);
    void (*on_layer_end)(void* context, std::size_t k, const layer& l, const float* zs,
                         const float* ys);
};

/// @brief What training reports: give one to `accumulate_gradients`, `finish_batch` or
/// `train_step` (train.hpp). Any member may be nullptr: that event is not reported. Tracing
/// changes no number: the traced step computes exactly what the untraced one does.
///
///   on_backward_neuron  one sample's backward pass, from the output layer down: neuron j of
///                       layer k has dL/dz = dz for this sample (the batch's gradient is the
///                       mean over its samples)
///   on_update           after the optimizer's step, every parameter, layer by layer: `index`
///                       counts layer k's parameters, its kernel (n, l.units) row by row, then
///                       its bias (index >= n * l.units), n = layer_inputs(net, k); `gradient`
///                       is the batch's mean, the one the optimizer used; the update is
///                       after - before
///   before              (parameter_count) floats where finish_batch keeps the parameters
///                       before its step; on_update needs it (the caller's memory: no heap)
///   forward             if set, each sample's forward pass is traced with it, as
///                       `forward_traced` traces it
struct train_tracer {
    void* context;
    void (*on_backward_neuron)(void* context, std::size_t k, const layer& l, std::size_t j,
                               float dz);
    void (*on_update)(void* context, std::size_t k, const layer& l, std::size_t n,
                      std::size_t index, float before, float gradient, float after);
    float* before;
    const tracer* forward;
};

/// @brief `forward` with a trace. x is (inputs); zs and ys are (unit_count(n)), laid out as
/// `forward` lays them out (layer k's values after the units of the layers before it).
inline void forward_traced(const network& n, const float* x, float* zs, float* ys,
                           const tracer& t) {
    const float* in = x;
    for (std::size_t k = 0; k < n.depth; ++k) {
        const layer& l = n.layers[k];
        const std::size_t inputs = layer_inputs(n, k);
        const float* kernel = layer_kernel(n, k);
        const float* bias = layer_bias(n, k);
        if (t.on_layer_begin) t.on_layer_begin(t.context, k, l, in, inputs);
        dense_forward(l, inputs, kernel, bias, in, zs, ys);
        if (t.on_neuron)
            for (std::size_t j = 0; j < l.units; ++j)
                t.on_neuron(t.context, k, l, j, in, inputs, kernel + j, l.units,
                            bias ? bias[j] : 0.0f, zs[j], ys[j]);
        if (t.on_layer_end) t.on_layer_end(t.context, k, l, zs, ys);
        in = ys;
        zs += l.units;
        ys += l.units;
    }
}

// ---------------------------------------------------------------------------------------------
// Printing a trace through a sink, as one writes it on paper.

/// @brief v with at most `decimals` digits after the point, trailing zeros dropped, as one
/// writes numbers on paper: 0.5, 6.262, -1.0285, 0. Same rounding as `format_float`; buf needs
/// 32 chars. Returns the length.
inline std::size_t format_short(float v, int decimals, char* buf) {
    std::size_t n = format_float(v, decimals, buf);
    bool point = false, exponent = false;
    for (std::size_t i = 0; i < n; ++i) {
        point = point || buf[i] == '.';
        exponent = exponent || buf[i] == 'e';
    }
    if (!point || exponent) return n;
    while (buf[n - 1] == '0') --n;
    if (buf[n - 1] == '.') --n;
    buf[n] = '\0';
    return n;
}

/// @brief Writes v as `format_short` does, in parentheses when negative, so that it can stand
/// in a product or a sum: "0.8158", "(-0.7532)".
inline void print_operand(const sink& out, float v, int decimals) {
    char buf[32];
    const std::size_t n = format_short(v, decimals, buf);
    const bool negative = buf[0] == '-';
    if (negative) print(out, "(");
    out.write(out.context, buf, n);
    if (negative) print(out, ")");
}

/// @brief Writes a neuron's weighted sum with its numbers: "x1*w1 + x2*w2 + ... + b", the
/// bias term only when use_bias. x is (n); the weights are w[0], w[stride], ...
inline void print_weighted_sum(const sink& out, const float* x, std::size_t n, const float* w,
                               std::size_t stride, float bias, bool use_bias, int decimals) {
    for (std::size_t i = 0; i < n; ++i) {
        if (i) print(out, " + ");
        print_operand(out, x[i], decimals);
        print(out, "*");
        print_operand(out, w[i * stride], decimals);
    }
    if (use_bias) {
        if (n) print(out, " + ");
        print_operand(out, bias, decimals);
    }
}

/// @brief Writes a whole number (counts, indices).
inline void print_count(const sink& out, std::size_t v) {
    char digits[24];
    int d = 0;
    do {
        digits[d++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    while (d) out.write(out.context, &digits[--d], 1);
}

/// @brief Where `print_tracer` writes, and with how many decimals.
struct trace_printer {
    sink out;
    int decimals;
};

namespace detail {
inline void print_short(const sink& out, float v, int decimals) {
    char buf[32];
    out.write(out.context, buf, format_short(v, decimals, buf));
}

inline void print_layer_begin(void* context, std::size_t k, const layer& l, const float*,
                              std::size_t n) {
    const trace_printer& p = *static_cast<const trace_printer*>(context);
    print(p.out, "layer ");
    print_count(p.out, k + 1);
    print(p.out, ": ");
    print_count(p.out, n);
    print(p.out, n == 1 ? " input -> " : " inputs -> ");
    print_count(p.out, l.units);
    print(p.out, l.units == 1 ? " neuron, " : " neurons, ");
    print(p.out, l.f->name);
    print(p.out, "(z) = ");
    print(p.out, l.f->formula);
    if (l.f->parameter) {
        print(p.out, ", ");
        print(p.out, l.f->parameter);
        print(p.out, " = ");
        print_short(p.out, l.alpha, p.decimals);
    }
    print(p.out, "\n");
}

inline void print_neuron(void* context, std::size_t, const layer& l, std::size_t j, const float* x,
                         std::size_t n, const float* w, std::size_t stride, float bias, float z,
                         float y) {
    const trace_printer& p = *static_cast<const trace_printer*>(context);
    print(p.out, "  z");
    print_count(p.out, j + 1);
    print(p.out, " = ");
    print_weighted_sum(p.out, x, n, w, stride, bias, l.use_bias, p.decimals);
    print(p.out, " = ");
    print_short(p.out, z, p.decimals);
    print(p.out, "\n  y");
    print_count(p.out, j + 1);
    print(p.out, " = ");
    print(p.out, l.f->name);
    // A softmax output is the neuron's share of the whole layer, not a function of its z alone.
    print(p.out, l.f->forward ? "(z)_" : "(z) = ");
    if (l.f->forward) {
        print_count(p.out, j + 1);
        print(p.out, " = ");
    }
    print(p.out, l.f->formula);
    print(p.out, " = ");
    print_short(p.out, y, p.decimals);
    print(p.out, "\n");
}
}  // namespace detail

/// @brief A tracer that prints each layer and neuron through p.out (format: see the top of
/// this file). p must outlive the traced call.
inline tracer print_tracer(trace_printer& p) {
    return {&p, detail::print_layer_begin, detail::print_neuron, nullptr};
}

namespace detail {
inline void print_backward_neuron(void* context, std::size_t k, const layer& l, std::size_t j,
                                  float dz) {
    const trace_printer& p = *static_cast<const trace_printer*>(context);
    if (j == 0) {
        print(p.out, "layer ");
        print_count(p.out, k + 1);
        print(p.out, ", backward: ");
    } else {
        print(p.out, ", ");
    }
    print(p.out, "dL/dz");
    print_count(p.out, j + 1);
    print(p.out, " = ");
    print_short(p.out, dz, p.decimals);
    if (j + 1 == l.units) print(p.out, "\n");
}

// "  w2,1 = 0.5 + (-0.0026) = 0.4974   (gradient 0.0259)": the weight from input 2 to neuron 1.
inline void print_update(void* context, std::size_t k, const layer& l, std::size_t n,
                         std::size_t index, float before, float gradient, float after) {
    const trace_printer& p = *static_cast<const trace_printer*>(context);
    if (index == 0) {
        print(p.out, "layer ");
        print_count(p.out, k + 1);
        print(p.out, ", update:\n");
    }
    if (index < n * l.units) {
        print(p.out, "  w");
        print_count(p.out, index / l.units + 1);
        print(p.out, ",");
        print_count(p.out, index % l.units + 1);
    } else {
        print(p.out, "  b");
        print_count(p.out, index - n * l.units + 1);
    }
    print(p.out, " = ");
    print_short(p.out, before, p.decimals);
    print(p.out, " + ");
    print_operand(p.out, after - before, p.decimals);
    print(p.out, " = ");
    print_short(p.out, after, p.decimals);
    print(p.out, "   (gradient ");
    print_short(p.out, gradient, p.decimals);
    print(p.out, ")\n");
}
}  // namespace detail

/// @brief A train tracer that prints each sample's dL/dz per layer and, after each step, each
/// parameter's update through p.out (format: see the top of this file). before is
/// (parameter_count) floats of the caller's; p and before must outlive the traced calls. To
/// print the forward passes too, point its `forward` at a `print_tracer(p)`.
inline train_tracer print_train_tracer(trace_printer& p, float* before) {
    return {&p, detail::print_backward_neuron, detail::print_update, before, nullptr};
}

}  // namespace anne
