// What a layer's units did over a set of samples (an epoch, or one step's batch), counted
// from their outputs during training. Three things stop a unit from learning, and each is
// counted where its activation can show it:
//
//   dead       relu, relu6: a unit whose output was 0 for every sample. Its slope is 0 for all
//              of them, so no gradient reaches its weights, and it stays dead. Share of units.
//   saturated  sigmoid, hard_sigmoid (bounds 0 and 1), tanh, softsign (-1 and 1): an output
//              within `saturation_margin` of a bound. There sigmoid's slope y (1 - y) is below
//              0.0099 (4 % of its top 0.25), tanh's 1 - y^2 below 0.02: the gradient through
//              it nearly vanishes. Share of unit-samples (one unit, one sample).
//   negative   leaky_relu, elu, selu: an output on the negative side (z < 0), where the slope
//              is alpha (leaky) or shrinking towards 0 (elu, selu). Share of unit-samples.
//
// Other activations (linear, softmax, ...) have none of these: their shares are NaN.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <anne/network.hpp>

namespace anne {

/// Distance from a bound below which a sigmoid/tanh output counts as saturated.
constexpr float saturation_margin = 0.01f;
/// From these shares on, dead or saturated units are worth a student's attention.
constexpr float dead_warning_share = 0.25f;
constexpr float saturated_warning_share = 0.5f;

/// @brief One layer's statistics over some samples; NaN where its activation has no such
/// notion (or no sample was seen).
struct unit_activity {
    std::size_t units;
    float dead, saturated, negative;      // shares, 0 to 1 (see the top of this file)
    std::vector<std::size_t> dead_units;  // 0-based indices of the dead units
};

/// @brief Counts, layer by layer, what the units of a network output over the samples added.
class activity_census {
public:
    explicit activity_census(const network& n);

    /// @brief One sample's layer k: z and y are (units of layer k), as forward() leaves them.
    void add(std::size_t k, const float* z, const float* y);
    /// @brief Forgets the samples added so far.
    void clear();
    /// @brief The statistics of layer k over the samples added since the last clear().
    unit_activity layer(std::size_t k) const;
    std::vector<unit_activity> layers() const;

private:
    struct counts {
        const activation* f;
        std::size_t units, samples = 0, saturated = 0, negative = 0;
        std::vector<bool> alive;  // (units): a positive output for some sample
    };
    std::vector<counts> layers_;
};

/// @brief What a layer's statistics show, in words, when a share reaches its warning level
/// above (else ""): "2 of its 5 ReLUs (40 %) are dead (output 0 for every sample)", "its
/// sigmoid units are saturated (93 % of outputs within 0.01 of 0 or 1)". f is its activation.
std::string activity_problem(const activation& f, const unit_activity& a);

/// @brief A share as people read it: "93 %", "<1 %" for a share above 0 that rounds to 0.
std::string percent(float share);

}  // namespace anne
