// The training log: `anne train` writes it (docs/training.md), `anne report --log` reads and
// draws it. Writer and reader stand side by side here, as model.cpp's do for model files. The
// report needs only this of it (docs/explain.md, "The training log"):
//
//     {"epochs": [{"epoch": 1, "loss": 0.69, "accuracy": 0.55,
//                  "val_loss": 0.71, "val_accuracy": 0.5, "grad_norms": [0.12, 0.4],
//                  "dead_relu": [0.25, null], "saturated": [null, 0.93]}, ...]}
//
// `epoch` and `loss` are required, the rest optional; a value may be null where it was not a
// finite number (a diverged loss), and the curve then has a gap there. When present, "format"
// must be "anne-training-log" version 1, and the options, row counts, warnings and the reason
// training stopped are shown too.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "train/trainer.hpp"

namespace anne {

/// @brief The training log as JSON: options, rows, per-epoch history, warnings.
std::string training_log_json(const train_options& o, const training_run& run);

/// @brief One epoch's figures as logged. Absent or null values are NaN.
struct logged_epoch {
    std::size_t epoch = 0;
    float loss, accuracy, val_loss, val_accuracy;
    std::vector<float> grad_norms;  // one per layer, or empty
    // One per layer, or empty: the share of dead ReLUs and of saturated outputs (NaN where
    // the layer has no such units).
    std::vector<float> dead_relu, saturated;
};

struct training_log {
    std::string loss_function, optimizer;  // from "options", may be empty
    float learning_rate;                   // from "options"; NaN if absent
    std::vector<std::string> warnings;     // what the trainer noticed (vanishing gradients, ...)
    std::string stopped;                   // why training stopped early, or empty
    std::vector<logged_epoch> epochs;      // in increasing epoch order
    std::size_t layers = 0;                // length of every grad_norms, 0 if none
};

/// @brief Parses a training log; errors name `where` and the JSON path
/// ("log.json: $.epochs[3].loss: expected a number, got string").
training_log parse_training_log(const std::string& text, const std::string& where);
training_log read_training_log(const std::string& path);

}  // namespace anne
