#include "train/warnings.hpp"

#include <cmath>
#include <sstream>

namespace anne {

namespace {

std::string scientific(float v) {
    std::ostringstream s;
    s.precision(1);
    s << std::scientific << v;
    return s.str();
}

std::string fixed(float v) {
    std::ostringstream s;
    s.precision(3);
    s << std::fixed << v;
    return s.str();
}

// -sum p ln p over the shares p of a distribution (0 ln 0 = 0).
double entropy(const std::vector<double>& shares) {
    double h = 0.0;
    for (double p : shares)
        if (p > 0.0) h -= p * std::log(p);
    return h;
}

// Why layer l's gradients vanish, as far as what the units did tells: its own units, then
// the hidden layers above it (the gradient reaching layer l has been multiplied by their
// slopes and by its own), then a chain of sigmoids (each slope at most 1/4).
std::string vanishing_cause(const network& n, const std::vector<unit_activity>& a, std::size_t l) {
    const std::string own = activity_problem(*n.layers[l].f, a[l]);
    if (!own.empty()) return own;
    std::string above;
    for (std::size_t k = l + 1; k + 1 < n.depth; ++k) {
        const std::string p = activity_problem(*n.layers[k].f, a[k]);
        if (!p.empty())
            above += (above.empty() ? "" : "; ") + ("layer " + std::to_string(k + 1) + ": " + p);
    }
    if (!above.empty()) return "the layers above it pass little of the gradient down; " + above;
    std::size_t sigmoids = 0;
    for (std::size_t k = l; k + 1 < n.depth; ++k)
        sigmoids += n.layers[k].f == &activations::sigmoid;
    if (sigmoids >= 2)
        return "on its way down to this layer the gradient is multiplied by the slopes of " +
               std::to_string(sigmoids) + " sigmoid layers (this one included), each at most 0.25";
    return "the gradient shrinks on its way down through the layers above it";
}

}  // namespace

float constant_answer_loss(loss_kind loss, const float* t, std::size_t rows, std::size_t outputs) {
    const std::size_t width = target_size(loss, outputs);
    std::vector<double> mean(loss == loss_kind::sparse_categorical_crossentropy ? outputs : width);
    for (std::size_t r = 0; r < rows; ++r) {
        if (loss == loss_kind::sparse_categorical_crossentropy)
            mean[static_cast<std::size_t>(t[r])] += 1.0 / static_cast<double>(rows);
        else
            for (std::size_t j = 0; j < width; ++j)
                mean[j] += t[r * width + j] / static_cast<double>(rows);
    }
    switch (loss) {
    case loss_kind::binary_crossentropy:
    case loss_kind::binary_crossentropy_from_logits: {
        double h = 0.0;  // each output a yes/no answer of its own, averaged as the loss is
        for (double p : mean) h += entropy({p, 1.0 - p}) / static_cast<double>(width);
        return static_cast<float>(h);
    }
    case loss_kind::categorical_crossentropy:
    case loss_kind::sparse_categorical_crossentropy: return static_cast<float>(entropy(mean));
    case loss_kind::mean_squared_error: break;
    }
    double variance = 0.0;  // mean over the rows and outputs of (t - mean)^2
    for (std::size_t r = 0; r < rows; ++r)
        for (std::size_t j = 0; j < width; ++j) {
            const double d = t[r * width + j] - mean[j];
            variance += d * d / static_cast<double>(rows * width);
        }
    return static_cast<float>(variance);
}

training_warnings::training_warnings(const network& n, loss_kind loss, float baseline)
    : n_(n),
      loss_(loss),
      baseline_(baseline),
      vanishing_(n.depth),
      exploding_(n.depth),
      units_(n.depth) {}

std::vector<std::string> training_warnings::after_epoch(
    std::size_t epoch, const std::vector<float>& grad_norms,
    const std::vector<unit_activity>& activity) {
    // Dead or saturated units are worth a warning of their own even while the gradients look
    // normal; a saturated output layer is a confident classifier, though, not a problem.
    std::vector<std::string> out;
    const float output_norm = grad_norms.back();
    for (std::size_t l = 0; l < n_.depth; ++l) {
        const float g = grad_norms[l], ratio = output_norm > 0 ? g / output_norm : 1.0f;
        const bool hidden = l + 1 < n_.depth;
        const std::string name =
            "layer " + std::to_string(l + 1) + " (" + n_.layers[l].f->name + ")";
        const std::string in_epoch = " in epoch " + std::to_string(epoch);
        const std::string figures =
            name + ": gradients " + scientific(g) +
            (hidden ? " (" + scientific(ratio) + " x the output layer's)" : "") + in_epoch;
        const unit_activity& a = activity[l];
        const std::string problem = activity_problem(*n_.layers[l].f, a);
        if ((g < 1e-7f || ratio < vanishing_ratio) && !vanishing_[l]) {
            vanishing_[l] = true;
            units_[l] = units_[l] || !problem.empty();
            out.push_back(figures + " - vanishing: its weights hardly change; " +
                          vanishing_cause(n_, activity, l));
        }
        if ((g > 1e3f || ratio > exploding_ratio) && !exploding_[l]) {
            exploding_[l] = true;
            out.push_back(figures +
                          " - exploding: the steps are huge; try a smaller learning rate");
        }
        const bool dead = a.dead >= dead_warning_share;
        if (!problem.empty() && (hidden || dead) && !units_[l]) {
            units_[l] = true;
            out.push_back(name + in_epoch + ": " + problem +
                          (dead ? " - a dead unit no longer learns, as no gradient reaches its "
                                  "weights; try a smaller learning rate or leaky_relu"
                                : " - there its slope is nearly 0, so it learns slowly; try a "
                                  "smaller learning rate, scaled inputs or relu"));
        }
    }
    return out;
}

std::vector<std::string> training_warnings::after_training(const std::vector<float>& losses) const {
    const std::size_t epochs = losses.size(), from = epochs / 2;  // the later half, at least one
    if (epochs == 0) return {};
    for (std::size_t e = from; e < epochs; ++e)
        if (!(std::fabs(losses[e] - baseline_) <= no_learning_margin * baseline_)) return {};
    return {"not learning: the training loss stayed at " + fixed(losses.back()) + " from epoch " +
            std::to_string(from + 1) + " to " + std::to_string(epochs) +
            ", what the same answer for every sample gives (" + fixed(baseline_) +
            (loss_ == loss_kind::mean_squared_error ? ", the targets' variance"
                                                    : ", the entropy of the class shares") +
            "): the network has learned nothing from its inputs; see the warnings above, or try "
            "a larger learning rate, fewer layers or relu"};
}

}  // namespace anne
