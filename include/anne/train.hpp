// Training by backpropagation, in caller-provided memory, so the same code trains on a PC and
// on a Raspberry Pi Pico.
//
// One step on a mini-batch: for each sample, forward() keeps every layer's z and y; the loss
// gives dL/dz of the output layer; dense_backward() turns each layer's dz into the gradients
// of its kernel and bias and into dL/dx, which the previous layer's activation derivative
// turns into its dz. The gradients are averaged over the batch, then the optimizer updates
// the parameters. Samples are processed one at a time, so the memory does not grow with the
// batch size.
//
// Each of the three steps takes an optional `train_tracer` (trace.hpp) that hears the backward
// pass neuron by neuron and every parameter's update; without one (nullptr) nothing is
// reported and nothing else changes: the arithmetic is the same either way.
#pragma once

#include <cstddef>
#include <cstdint>

#include "dense.hpp"
#include "loss.hpp"
#include "network.hpp"
#include "optimizer.hpp"
#include "status.hpp"
#include "trace.hpp"

namespace anne {

/// @brief The dense layer's backward pass for one sample. dz = dL/dz is (units); x is the
/// layer's input (inputs); kernel is (inputs, units). Adds dL/dW = x^T dz to dkernel
/// (inputs, units) and dL/db = dz to dbias (units, or nullptr without bias), and writes
/// dL/dx = W dz to dx (inputs) unless dx is nullptr (the first layer needs none).
inline void dense_backward(const layer& l, std::size_t inputs, const float* kernel, const float* x,
                           const float* dz, float* dkernel, float* dbias, float* dx) {
    const std::size_t units = l.units;
    for (std::size_t i = 0; i < inputs; ++i) {
        const float* row = kernel + i * units;
        float* drow = dkernel + i * units;
        float sum = 0.0f;
        for (std::size_t j = 0; j < units; ++j) {
            drow[j] += x[i] * dz[j];
            sum += row[j] * dz[j];
        }
        if (dx) dx[i] = sum;
    }
    if (dbias)
        for (std::size_t j = 0; j < units; ++j) dbias[j] += dz[j];
}

/// @brief Memory for training, all of it the caller's: pointers into one arena.
struct training_buffers {
    float* grads;   // (parameter_count): dL/dparams, laid out like params
    float* zs;      // (unit_count): every layer's weighted sums, from forward()
    float* ys;      // (unit_count): every layer's outputs
    float* deltas;  // (2 * max_width): dL/dz of a layer and of the one before it
    float* state;   // (optimizer_state_size): the optimizer's memory
};

/// @brief Floats of arena that `make_training_buffers` needs for this network and optimizer.
/// The batch size does not matter: samples are processed one after the other. constexpr, so
/// that `static float arena[anne::training_arena_size(net, opt)]` works.
constexpr std::size_t training_arena_size(const network& n, const optimizer& o) {
    const std::size_t p = parameter_count(n);
    return p + 2 * unit_count(n) + 2 * max_width(n) + optimizer_state_size(o, p);
}

/// @brief Bytes of training memory beyond the parameters themselves and the data.
constexpr std::size_t training_memory_bytes(const network& n, const optimizer& o) {
    return training_arena_size(n, o) * sizeof(float);
}

/// @brief Splits an arena of `size` floats into training buffers and zeroes the optimizer
/// state. Call once before the first step.
inline status make_training_buffers(const network& n, const optimizer& o, float* arena,
                                    std::size_t size, training_buffers& b) {
    if (size < training_arena_size(n, o)) return status::buffer_too_small;
    const std::size_t p = parameter_count(n), u = unit_count(n), w = max_width(n);
    b.grads = arena;
    b.zs = b.grads + p;
    b.ys = b.zs + u;
    b.deltas = b.ys + u;
    b.state = b.deltas + 2 * w;
    for (std::size_t i = 0; i < optimizer_state_size(o, p); ++i) b.state[i] = 0.0f;
    return status::ok;
}

/// @brief Forward and backward pass for one sample: returns its loss and adds its gradients
/// to b.grads. x is (inputs), t is (target_size(loss, outputs)). With a tracer, each layer's
/// dL/dz is reported once known (and the forward pass, if trace->forward is set).
inline float accumulate_gradients(const network& n, loss_kind loss, const float* x, const float* t,
                                  training_buffers& b, const train_tracer* trace = nullptr) {
    if (trace && trace->forward)
        forward_traced(n, x, b.zs, b.ys, *trace->forward);
    else
        forward(n, x, b.zs, b.ys);
    const std::size_t w = max_width(n);
    std::size_t offset = unit_count(n);  // where layer k's values start in zs and ys
    float* dz = b.deltas;                // this layer's dL/dz
    float* dx = b.deltas + w;            // the previous layer's dL/dy, then its dL/dz
    float value = 0.0f;
    for (std::size_t k = n.depth; k-- > 0;) {
        const layer& l = n.layers[k];
        offset -= l.units;
        const float* z = b.zs + offset;
        const float* y = b.ys + offset;
        if (k + 1 == n.depth)
            value = output_gradient(loss, *l.f, l.alpha, z, y, t, l.units, dz, dx);
        if (trace && trace->on_backward_neuron)
            for (std::size_t j = 0; j < l.units; ++j)
                trace->on_backward_neuron(trace->context, k, l, j, dz[j]);
        const std::size_t inputs = layer_inputs(n, k);
        const float* in = k == 0 ? x : b.ys + offset - inputs;
        float* grad = b.grads + layer_offset(n, k);
        dense_backward(l, inputs, layer_kernel(n, k), in, dz, grad,
                       l.use_bias ? grad + inputs * l.units : nullptr, k == 0 ? nullptr : dx);
        if (k == 0) break;
        const layer& before = n.layers[k - 1];
        activate_backward(*before.f, before.alpha, b.zs + offset - inputs, in, dx, dx, inputs);
        float* swap = dz;
        dz = dx;
        dx = swap;
    }
    return value;
}

/// @brief Starts a mini-batch: clears the gradients.
inline void begin_batch(const network& n, training_buffers& b) {
    const std::size_t p = parameter_count(n);
    for (std::size_t i = 0; i < p; ++i) b.grads[i] = 0.0f;
}

/// @brief Ends a mini-batch of `batch` samples: averages the gradients, then the optimizer
/// updates params (which must be n.params: the network reads its weights from there). With a
/// tracer that has on_update and before, every parameter's update is reported after the step.
inline void finish_batch(const network& n, float* params, const optimizer& o, training_buffers& b,
                         std::size_t batch, const train_tracer* trace = nullptr) {
    const std::size_t p = parameter_count(n);
    const float scale = 1.0f / static_cast<float>(batch);
    for (std::size_t i = 0; i < p; ++i) b.grads[i] *= scale;
    // The optimizer updates all parameters at once (Adam's step count is per step, not per
    // parameter), so the values before it are kept aside to report each update afterwards.
    const bool report = trace && trace->on_update && trace->before;
    if (report)
        for (std::size_t i = 0; i < p; ++i) trace->before[i] = params[i];
    optimizer_step(o, params, b.grads, b.state, p);
    if (!report) return;
    for (std::size_t k = 0, i = 0; k < n.depth; ++k) {
        const std::size_t inputs = layer_inputs(n, k), count = layer_parameter_count(n, k);
        for (std::size_t index = 0; index < count; ++index, ++i)
            trace->on_update(trace->context, k, n.layers[k], inputs, index, trace->before[i],
                             b.grads[i], params[i]);
    }
}

/// @brief One optimizer step on a mini-batch. params must be n.params. x is (batch, inputs),
/// t is (batch, target_size(loss, outputs)). Returns the batch's mean loss (before the update)
/// in *mean_loss unless it is nullptr. The tracer, if any, hears every sample and the update.
inline status train_step(const network& n, float* params, loss_kind loss, const optimizer& o,
                         training_buffers& b, const float* x, const float* t, std::size_t batch,
                         float* mean_loss, const train_tracer* trace = nullptr) {
    if (params != n.params || batch == 0) return status::invalid_argument;
    const std::size_t tsize = target_size(loss, output_count(n));
    begin_batch(n, b);
    float sum = 0.0f;
    for (std::size_t s = 0; s < batch; ++s)
        sum += accumulate_gradients(n, loss, x + s * n.inputs, t + s * tsize, b, trace);
    finish_batch(n, params, o, b, batch, trace);
    if (mean_loss) *mean_loss = sum / static_cast<float>(batch);
    return status::ok;
}

}  // namespace anne
