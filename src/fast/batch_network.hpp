// A whole network on a batch of samples: prediction and one training step, the host's fast
// counterparts of the core's `predict` (network.hpp) and `train_step` (train.hpp).
//
//     anne::fast::workspace ws;                        // reused between calls
//     anne::fast::predict_batch(net, x, rows, y, ws);  // x (rows, inputs) -> y (rows, outputs)
//
//     anne::fast::training_workspace tw(net, anne::adam());  // gradients, Adam's moments
//     float loss = anne::fast::train_step(net, params, anne::loss_kind::categorical_crossentropy,
//                                         anne::adam(), tw, x, t, 32);
//
// The single-sample `anne::predict` stays the reference (and Keras-exact); with
// options{mode::exact} these functions give its numbers bit for bit, with the default
// mode::fast they are within rounding of them (gemm.hpp).
#pragma once

#include <cstddef>
#include <vector>

#include <anne/loss.hpp>
#include <anne/network.hpp>
#include <anne/optimizer.hpp>

#include "gemm.hpp"

namespace anne::fast {

/// @brief Memory that batch prediction reuses between calls: it grows to the largest batch
/// seen (up to predict_chunk rows) and then stays.
struct workspace {
    options config;
    std::vector<float> ping, pong;  // (chunk, max_width): one layer's outputs, the next one's
    std::vector<float> scratch;     // packed panels for gemm
};

/// @brief predict_batch works through at most this many samples at a time, so that its memory
/// stays bounded (2 x 1024 x the widest layer) however many rows there are.
constexpr std::size_t predict_chunk = 1024;

/// @brief Runs `batch` samples through the network. x is (batch, n.inputs), y is (batch,
/// output_count(n)), both row-major, one sample a row. n must pass anne::check.
void predict_batch(const network& n, const float* x, std::size_t batch, float* y, workspace& ws);

/// @brief Memory for batched training: the gradients and the optimizer's state (sized for the
/// network and optimizer it was made for, and zeroed), and every layer's values for a batch.
struct training_workspace {
    training_workspace(const network& n, const optimizer& o);

    options config;
    std::vector<float> grads;   // (parameter_count): dL/dparams of the last step, like params
    std::vector<float> state;   // (optimizer_state_size): momentum, Adam's moments
    std::vector<float> zs, ys;  // (batch, units) per layer, layer after layer
    std::vector<float> deltas;  // 2 x (batch, max_width): dL/dZ of a layer and the one before
    std::vector<float> losses;  // (batch): each sample's loss in the last step
    std::vector<float> onehot;  // (outputs): the sparse loss's target
    std::vector<float> scratch;
};

/// @brief Layer k's values for a batch, as the network computed them before the update:
/// z = dL/dZ's argument Z and y = f(Z), each (batch, units of layer k), one sample a row.
struct layer_values {
    const float* z;
    const float* y;
};

/// @brief After train_step: layer k's values for its batch (k = depth - 1: the outputs, for
/// accuracy as a training driver counts it). Each sample's loss is in ws.losses[0 .. batch - 1].
layer_values batch_layer(const training_workspace& ws, const network& n, std::size_t batch,
                         std::size_t k);

/// @brief One optimizer step on a mini-batch, with the semantics of anne::train_step: the
/// per-sample losses and gradients of `loss`, averaged over the batch, then `optimizer_step`.
/// params must be n.params. x is (batch, inputs), t is (batch, target_size(loss, outputs)).
/// Returns the batch's mean loss before the update. Throws anne::error on a wrong call.
float train_step(const network& n, float* params, loss_kind loss, const optimizer& o,
                 training_workspace& ws, const float* x, const float* t, std::size_t batch);

}  // namespace anne::fast
