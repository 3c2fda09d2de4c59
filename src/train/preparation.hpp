// What anne train does before its first epoch (the options checked, the data read, the classes,
// the seeded split, the scaling, the model described with its starting weights) and the measures
// it takes between steps (the loss and accuracy of some rows, gradient norms, the self-test).
// Apart from the epochs (trainer.cpp), so that the playground's step-by-step session
// (web/wasm/session.cpp) starts where anne train starts and measures as it measures.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <anne/init.hpp>
#include <anne/loss.hpp>
#include <anne/network.hpp>
#include <anne/optimizer.hpp>

#include "model.hpp"
#include "train/trainer.hpp"

namespace anne::training {

/// @brief Samples ready for training: inputs (rows, inputs), targets (rows, target size),
/// labels; raw or scaled.
struct samples {
    std::vector<float> x, t;
    std::vector<std::size_t> label;  // class index, for accuracy
    std::vector<std::size_t> row;    // the data row (from 0, after the header) each comes from
    std::size_t rows = 0;
};

/// @brief The training and the validation rows (indices into samples).
struct row_split {
    std::vector<std::size_t> train, validation;
};

/// @brief Where training starts.
struct prepared {
    loss_kind loss{};
    optimizer opt;
    // trained: the model described (name, scaling, outputs, provenance) with its starting
    // weights; also classifier and the row counts.
    training_run run;
    samples raw;      // every usable row, unscaled
    row_split split;  // seeded by o.seed
    random rng{1};    // after the split and the start: its next draws shuffle the epochs
};

/// @brief Everything anne train does before its first epoch; throws anne::error naming the
/// option or the file at fault.
prepared prepare(const train_options& o);

/// @brief A seeded Fisher-Yates shuffle: the split's and each epoch's order.
void shuffle(std::vector<std::size_t>& order, random& rng);

/// @brief The input scaling `scale` names ("standardize", "minmax", "none"), fit on the rows
/// `rows` of raw: each column's mean and population standard deviation, or its range.
void fit_scaling(preprocessing& pre, const std::string& scale, const samples& raw,
                 const std::vector<std::size_t>& rows);

/// @brief The samples with their inputs through the model's scaling.
samples scaled(const model& m, const samples& raw);

/// @brief Mean loss and accuracy (0 for a regression) of some rows.
struct score {
    float loss = 0, accuracy = 0;
};
score evaluate(const network& n, loss_kind loss, const samples& s,
               const std::vector<std::size_t>& rows, bool classifier, float threshold);

/// @brief Per layer, the L2 norm (summed in double) of its part of grads (laid out as the
/// network's parameters).
std::vector<float> gradient_norms(const network& n, const float* grads);

/// @brief The best constant answer's loss on the rows (warnings.hpp's baseline).
float baseline_loss(loss_kind loss, const samples& s, const std::vector<std::size_t>& rows,
                    std::size_t outputs);

/// @brief The trained model's self-test: training rows (the first 256 of `rows` of raw) and
/// generated inputs, chosen so that every unit reaches an output in some case
/// (src/self_test.hpp), as the network now answers them.
self_test self_test_of(const model& m, const samples& raw, const std::vector<std::size_t>& rows);

}  // namespace anne::training
