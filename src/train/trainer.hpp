// The host training driver behind `anne train`: data in, a trained model file out, with the
// per-epoch history, gradient norms and warnings a student needs to see why a network learns
// or does not. The arithmetic is the core's (train.hpp); this file organizes it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <anne/loss.hpp>
#include <anne/optimizer.hpp>

#include "data.hpp"
#include "model.hpp"
#include "train/activity.hpp"
#include "train/training_trace.hpp"

namespace anne {

struct train_options {
    std::string data;                  // CSV file with a header row
    std::string target;                // the label column
    std::vector<std::string> classes;  // class order; rows of other classes are left out
    std::string layers;                // "3:relu,1:sigmoid"; input width from the data
    std::string loss = "binary_crossentropy";
    std::string optimizer = "adam";
    float learning_rate = 0.0f;  // 0: Keras's default for the optimizer
    float momentum = 0.0f;
    bool nesterov = false;
    std::string adam_epsilon = "keras";  // or "bias_corrected" (TensorFlow.js, PyTorch)
    std::size_t epochs = 100;
    std::size_t batch = 32;
    std::uint64_t seed = 1;
    float validation = 0.2f;            // share of rows held out, 0 for none
    std::string scale = "standardize";  // "standardize", "minmax" or "none"
    std::string init_from;              // a model to fine-tune (its layers and scaling)
    std::string name;
    std::string trace_every;  // "step" or "epoch": keep a training trace of each; "": none
};

/// @brief One epoch's figures. Training loss and accuracy are the means over the epoch's
/// batches before each update (as Keras reports them); validation ones are measured after it.
struct epoch_record {
    std::size_t epoch = 0;
    float loss = 0, accuracy = 0, val_loss = 0, val_accuracy = 0;
    std::vector<float> grad_norms;  // per layer: mean L2 norm of its gradient over the batches
    std::vector<unit_activity> activity;  // per layer, over the epoch's samples
};

/// @brief What happened during training, besides the model.
struct training_run {
    model trained;
    std::vector<epoch_record> history;
    std::vector<std::string> warnings;
    std::vector<trace_record> trace;  // with o.trace_every, up to where training stopped
    std::size_t train_rows = 0, validation_rows = 0, skipped_rows = 0;
    bool classifier = false;
    bool diverged = false;     // loss became NaN or infinite: trained holds the last good epoch
    bool interrupted = false;  // stop() returned true: trained holds the last finished batch
    std::string stop_reason;
};

/// @brief Called after each batch (epoch, batch within it, batches per epoch, running loss)
/// and after each epoch; return true from `stop` to end training early.
struct training_callbacks {
    std::function<void(std::size_t epoch, std::size_t batch, std::size_t batches, float loss)>
        on_batch;
    std::function<void(const epoch_record&)> on_epoch;
    std::function<bool()> stop;
};

/// @brief Parses "3:relu,1:sigmoid" (units:activation, leaky_relu:0.2 style parameters as
/// "4:leaky_relu:0.2"); throws anne::error naming the bad item.
std::vector<layer_info> parse_layer_spec(const std::string& spec);
/// @brief Keras's loss and optimizer names, with the short aliases (bce, cce, mse, ...).
loss_kind parse_loss(const std::string& name);
optimizer parse_optimizer(const train_options& o);
/// @brief Whether a network trained with this loss is a classifier (has classes and an
/// accuracy): every loss but mean squared error.
bool is_classifier(loss_kind loss);

/// @brief Trains as the options say. Same options and data give the same model, bit for bit.
training_run train(const train_options& o, const training_callbacks& callbacks = {});

/// @brief The training trace as JSON (docs/training.md, "anne-training-trace" version 1).
std::string training_trace_json(const train_options& o, const training_run& run);

}  // namespace anne
