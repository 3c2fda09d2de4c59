#include "batch_network.hpp"

#include <algorithm>
#include <string>

#include <anne/train.hpp>

#include "batch_dense.hpp"
#include "error.hpp"

namespace anne::fast {

void predict_batch(const network& n, const float* x, std::size_t batch, float* y, workspace& ws) {
    const std::size_t width = max_width(n), outputs = output_count(n);
    const std::size_t chunk = std::min(batch, predict_chunk);
    if (ws.ping.size() < chunk * width) ws.ping.resize(chunk * width);
    if (ws.pong.size() < chunk * width) ws.pong.resize(chunk * width);
    for (std::size_t first = 0; first < batch; first += chunk) {
        const std::size_t rows = std::min(chunk, batch - first);
        const float* in = x + first * n.inputs;
        for (std::size_t k = 0; k < n.depth; ++k) {
            float* out = k + 1 == n.depth ? y + first * outputs
                                          : (k % 2 == 0 ? ws.ping.data() : ws.pong.data());
            dense_forward_batch(n.layers[k], layer_inputs(n, k), layer_kernel(n, k),
                                layer_bias(n, k), in, rows, nullptr, out, ws.config, ws.scratch);
            in = out;
        }
    }
}

training_workspace::training_workspace(const network& n, const optimizer& o)
    : grads(parameter_count(n)),
      state(optimizer_state_size(o, parameter_count(n))),
      onehot(output_count(n)) {}

layer_values batch_layer(const training_workspace& ws, const network& n, std::size_t batch,
                         std::size_t k) {
    std::size_t before = 0;  // units of the layers before k
    for (std::size_t j = 0; j < k; ++j) before += n.layers[j].units;
    return {ws.zs.data() + batch * before, ws.ys.data() + batch * before};
}

float train_step(const network& n, float* params, loss_kind loss, const optimizer& o,
                 training_workspace& ws, const float* x, const float* t, std::size_t batch) {
    const std::size_t p = parameter_count(n);
    if (params != n.params) fail("anne::fast::train_step", "params must be the network's params");
    if (batch == 0) fail("anne::fast::train_step", "the batch is empty");
    if (ws.grads.size() != p || ws.state.size() != optimizer_state_size(o, p))
        fail("anne::fast::train_step",
             "the training workspace was made for another network or optimizer");
    const std::size_t units = unit_count(n), width = max_width(n), outputs = output_count(n);
    const std::size_t tsize = target_size(loss, outputs);
    if (ws.zs.size() < batch * units) {
        ws.zs.resize(batch * units);
        ws.ys.resize(batch * units);
    }
    if (ws.deltas.size() < 2 * batch * width) ws.deltas.resize(2 * batch * width);
    if (ws.losses.size() < batch) ws.losses.resize(batch);

    // Forward: layer k's Z and Y for the whole batch start at batch * (units before layer k).
    const float* in = x;
    for (std::size_t k = 0, offset = 0; k < n.depth; ++k) {
        const layer& l = n.layers[k];
        float* z = ws.zs.data() + offset;
        float* y = ws.ys.data() + offset;
        dense_forward_batch(l, layer_inputs(n, k), layer_kernel(n, k), layer_bias(n, k), in, batch,
                            z, y, ws.config, ws.scratch);
        in = y;
        offset += batch * l.units;
    }

    // The output layer's dL/dZ, one sample at a time, by the core's own loss code.
    float* dz = ws.deltas.data();
    float* dx = dz + batch * width;
    const layer& last = n.layers[n.depth - 1];
    std::size_t offset = batch * (units - last.units);  // where layer k's values start
    for (std::size_t s = 0; s < batch; ++s) {
        const std::size_t row = offset + s * outputs;
        ws.losses[s] =
            output_gradient(loss, *last.f, last.alpha, ws.zs.data() + row, ws.ys.data() + row,
                            t + s * tsize, outputs, dz + s * outputs, ws.onehot.data());
    }

    // Backward, layer by layer: gradients of W and b, then dL/dY of the layer before, which
    // its activation's derivative turns into its dL/dZ.
    for (std::size_t k = n.depth; k-- > 0;) {
        const layer& l = n.layers[k];
        const std::size_t inputs = layer_inputs(n, k);
        const float* input = k == 0 ? x : ws.ys.data() + offset - batch * inputs;
        float* grad = ws.grads.data() + layer_offset(n, k);
        dense_backward_batch(l, inputs, layer_kernel(n, k), input, dz, batch, grad,
                             l.use_bias ? grad + inputs * l.units : nullptr, k == 0 ? nullptr : dx,
                             ws.config, ws.scratch);
        if (k == 0) break;
        offset -= batch * inputs;
        const layer& before = n.layers[k - 1];
        activate_backward_rows(*before.f, before.alpha, ws.zs.data() + offset, input, dx, dx, batch,
                               inputs);
        std::swap(dz, dx);
    }

    // The core's own end of a mini-batch: gradients averaged, then the optimizer's update.
    // Given a local copy of the optimizer, the compiler knows that writing the parameters
    // cannot change its learning rate or betas, and vectorizes the update.
    training_buffers b{ws.grads.data(), nullptr, nullptr, nullptr, ws.state.data()};
    const optimizer settings = o;
    finish_batch(n, params, settings, b, batch);
    float sum = 0.0f;  // summed in sample order, as anne::train_step does
    for (std::size_t s = 0; s < batch; ++s) sum += ws.losses[s];
    return sum / static_cast<float>(batch);
}

}  // namespace anne::fast
