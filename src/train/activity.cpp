#include "train/activity.hpp"

#include <cmath>
#include <limits>
#include <sstream>

namespace anne {

namespace {

enum class watch { nothing, dead, saturated, negative };

watch watched(const activation& f) {
    namespace a = activations;
    if (&f == &a::relu || &f == &a::relu6) return watch::dead;
    if (&f == &a::sigmoid || &f == &a::hard_sigmoid || &f == &a::tanh || &f == &a::softsign)
        return watch::saturated;
    if (&f == &a::leaky_relu || &f == &a::elu || &f == &a::selu) return watch::negative;
    return watch::nothing;
}

// The lower bound of a saturating activation's output (the upper one is 1).
float lower_bound(const activation& f) {
    return &f == &activations::tanh || &f == &activations::softsign ? -1.0f : 0.0f;
}

constexpr float none = std::numeric_limits<float>::quiet_NaN();

}  // namespace

activity_census::activity_census(const network& n) {
    for (std::size_t k = 0; k < n.depth; ++k)
        layers_.push_back({n.layers[k].f, n.layers[k].units, 0, 0, 0,
                           std::vector<bool>(n.layers[k].units, false)});
}

void activity_census::add(std::size_t k, const float* z, const float* y) {
    counts& c = layers_[k];
    ++c.samples;
    switch (watched(*c.f)) {
    case watch::dead:
        for (std::size_t j = 0; j < c.units; ++j)
            if (y[j] > 0.0f) c.alive[j] = true;
        break;
    case watch::saturated: {
        const float lo = lower_bound(*c.f);
        for (std::size_t j = 0; j < c.units; ++j)
            if (y[j] - lo < saturation_margin || 1.0f - y[j] < saturation_margin) ++c.saturated;
        break;
    }
    case watch::negative:
        for (std::size_t j = 0; j < c.units; ++j)
            if (z[j] < 0.0f) ++c.negative;
        break;
    case watch::nothing: break;
    }
}

void activity_census::clear() {
    for (counts& c : layers_) {
        c.samples = c.saturated = c.negative = 0;
        c.alive.assign(c.units, false);
    }
}

unit_activity activity_census::layer(std::size_t k) const {
    const counts& c = layers_[k];
    unit_activity a{c.units, none, none, none, {}};
    if (c.samples == 0) return a;
    const float unit_samples = static_cast<float>(c.units * c.samples);
    switch (watched(*c.f)) {
    case watch::dead:
        for (std::size_t j = 0; j < c.units; ++j)
            if (!c.alive[j]) a.dead_units.push_back(j);
        a.dead = static_cast<float>(a.dead_units.size()) / static_cast<float>(c.units);
        break;
    case watch::saturated: a.saturated = static_cast<float>(c.saturated) / unit_samples; break;
    case watch::negative: a.negative = static_cast<float>(c.negative) / unit_samples; break;
    case watch::nothing: break;
    }
    return a;
}

std::vector<unit_activity> activity_census::layers() const {
    std::vector<unit_activity> all;
    for (std::size_t k = 0; k < layers_.size(); ++k) all.push_back(layer(k));
    return all;
}

std::string percent(float share) {
    const long rounded = std::lround(100.0f * share);
    return rounded == 0 && share > 0.0f ? "<1 %" : std::to_string(rounded) + " %";
}

std::string activity_problem(const activation& f, const unit_activity& a) {
    if (a.dead >= dead_warning_share) {
        const std::size_t dead = a.dead_units.size();
        const std::string count =
            dead == a.units ? "all " + std::to_string(dead) + " of its ReLUs are"
            : dead == 1
                ? "1 of its " + std::to_string(a.units) + " ReLUs (" + percent(a.dead) + ") is"
                : std::to_string(dead) + " of its " + std::to_string(a.units) + " ReLUs (" +
                      percent(a.dead) + ") are";
        return count + " dead (output 0 for every sample)";
    }
    if (a.saturated >= saturated_warning_share) {
        std::ostringstream margin;
        margin << saturation_margin;
        return std::string("its ") + f.name + " units are saturated (" + percent(a.saturated) +
               " of outputs within " + margin.str() + " of " +
               (lower_bound(f) < 0.0f ? "-1 or 1" : "0 or 1") + ")";
    }
    return "";
}

}  // namespace anne
