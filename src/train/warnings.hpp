// What `anne train` warns about, epoch by epoch, so that a student sees why a network learns
// slowly or not at all. The playground calls the same code, so both say the same.
//
//   vanishing   a hidden layer's gradient norm below 1/100 of the output layer's (or below
//               1e-7): its weights hardly change. A stack of sigmoids does this, each layer's
//               slope being at most 1/4; what the units did says why (activity.hpp).
//   exploding   a layer's gradient norm above 10^4 x the output layer's (or above 10^3).
//   units       dead ReLUs, or saturated hidden units, even while the gradients look normal.
//   no learning the training loss stays at what the best constant answer gives (the entropy
//               of the class shares for a classifier, ln 2 for a balanced binary task; the
//               targets' variance for mean squared error) over the later half of the
//               epochs: the network ignores its inputs.
//
// Each is given once per layer and kind, in the first epoch that shows it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <anne/loss.hpp>
#include <anne/network.hpp>

#include "train/activity.hpp"

namespace anne {

/// Hidden layer's gradient norm / the output layer's below which (or above the second) the
/// gradients are said to vanish (explode).
constexpr float vanishing_ratio = 1e-2f;
constexpr float exploding_ratio = 1e4f;
/// A training loss within this share of the constant answer's (either side) is "at" it.
constexpr float no_learning_margin = 0.02f;

/// @brief The smallest mean loss a network that gives every sample the same output can have:
/// the output that is the targets' mean. t is (rows, target_size(loss, outputs)).
float constant_answer_loss(loss_kind loss, const float* t, std::size_t rows, std::size_t outputs);

/// @brief The warnings of one training run, each given once.
class training_warnings {
public:
    /// @brief n: the network being trained (its layers' activations), loss its loss; baseline:
    /// the constant_answer_loss of its training rows.
    training_warnings(const network& n, loss_kind loss, float baseline);

    /// @brief After epoch `epoch`: per layer, the mean L2 norm of its gradient over the
    /// epoch's batches, and what its units did. Returns the warnings not given before.
    std::vector<std::string> after_epoch(std::size_t epoch, const std::vector<float>& grad_norms,
                                         const std::vector<unit_activity>& activity);

    /// @brief When training has ended: `losses` are its epochs' training losses. Warns when
    /// the later half of them all stayed at the baseline.
    std::vector<std::string> after_training(const std::vector<float>& losses) const;

private:
    network n_;
    loss_kind loss_;
    float baseline_;
    std::vector<bool> vanishing_, exploding_, units_;  // (layers): warned already
};

}  // namespace anne
