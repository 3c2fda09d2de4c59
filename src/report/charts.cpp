// Training curves: values per epoch as lines, one chart per kind of value.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "report/report.hpp"
#include "report/svg.hpp"

namespace anne {

namespace {

/// One line of a chart: its values per epoch (NaN: none that epoch, a gap in the line).
struct series {
    std::string name;
    const char* color;
    bool dashed;
    std::vector<float> values;  // (epochs)
};

bool any_value(const std::vector<float>& v) {
    return std::any_of(v.begin(), v.end(), [](float x) { return std::isfinite(x); });
}

/// How a chart's y axis runs: from zero to the largest value; logarithmic (gradient norms span
/// orders of magnitude; vanishing and exploding gradients show there); or 0 to 1 for shares.
enum class y_scale { from_zero, logarithmic, share };

/// A line chart over the epochs.
// Long on purpose (~85 lines): the SVG in document order (scale, grid, axes, lines, legend).
std::string line_chart(const std::string& caption, const std::vector<std::size_t>& epochs,
                       const std::vector<series>& lines, y_scale scale) {
    const bool log_scale = scale == y_scale::logarithmic;
    const double w = 490, h = 270, x0 = 52, x1 = 470, y0 = 34, y1 = 232;
    double lo = INFINITY, hi = -INFINITY;
    for (const series& l : lines)
        for (float v : l.values)
            if (std::isfinite(v) && (!log_scale || v > 0)) {
                const double t = log_scale ? std::log10(v) : v;
                lo = std::min(lo, t), hi = std::max(hi, t);
            }
    if (!std::isfinite(lo)) lo = hi = 0.0;
    if (!log_scale) lo = std::min(lo, 0.0);  // losses and accuracies read best from zero
    // A log axis spans whole powers of ten, at least one.
    const svg::axis ya =
        log_scale ? svg::axis{std::floor(lo), std::max(std::ceil(hi), std::floor(lo) + 1), 1.0, {}}
        : scale == y_scale::share ? svg::nice_axis(0.0, 1.0, 5)
                                  : svg::nice_axis(lo, hi, 4);
    const svg::axis xa =
        svg::nice_axis(static_cast<double>(epochs.front()), static_cast<double>(epochs.back()), 6);
    const auto px_x = [&](double e) { return xa.map(e, x0, x1); };
    const auto px_y = [&](float v) { return ya.map(log_scale ? std::log10(v) : v, y1, y0); };

    std::string s = "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    svg::px(w) + " " + svg::px(h) + "\" width=\"" + svg::px(w) + "\">\n";
    std::vector<double> yticks = ya.ticks;
    if (log_scale)
        for (double t = ya.lo; t <= ya.hi; t += 1.0) yticks.push_back(t);
    for (double t : yticks) {
        const double ty = ya.map(t, y1, y0);
        const std::string label =
            log_scale ? svg::value(static_cast<float>(std::pow(10.0, t)), 6) : ya.label(t);
        s += "<line class=\"grid\" x1=\"" + svg::px(x0) + "\" x2=\"" + svg::px(x1) + "\" y1=\"" +
             svg::px(ty) + "\" y2=\"" + svg::px(ty) + "\"/>\n<text x=\"" + svg::px(x0 - 6) +
             "\" y=\"" + svg::px(ty + 4) + "\" text-anchor=\"end\" class=\"muted\" " +
             "font-size=\"11\">" + label + "</text>\n";
    }
    for (double t : xa.ticks)
        s += "<text x=\"" + svg::px(px_x(t)) + "\" y=\"" + svg::px(y1 + 16) +
             "\" text-anchor=\"middle\" class=\"muted\" font-size=\"11\">" + xa.label(t) +
             "</text>\n";
    s += "<g class=\"axis\"><line x1=\"" + svg::px(x0) + "\" x2=\"" + svg::px(x1) + "\" y1=\"" +
         svg::px(y1) + "\" y2=\"" + svg::px(y1) + "\"/><line x1=\"" + svg::px(x0) + "\" x2=\"" +
         svg::px(x0) + "\" y1=\"" + svg::px(y0) + "\" y2=\"" + svg::px(y1) + "\"/></g>\n";
    s += "<text x=\"" + svg::px((x0 + x1) / 2) + "\" y=\"" + svg::px(h - 4) +
         "\" text-anchor=\"middle\" class=\"muted\" font-size=\"11\">epoch</text>\n";

    // Legend along the top.
    double lx = x0;
    for (const series& l : lines) {
        s += "<line x1=\"" + svg::px(lx) + "\" x2=\"" + svg::px(lx + 22) + "\" y1=\"14\" " +
             "y2=\"14\" stroke=\"" + l.color + "\" stroke-width=\"2.5\"" +
             (l.dashed ? " stroke-dasharray=\"5 3\"" : "") + "/>\n<text x=\"" + svg::px(lx + 27) +
             "\" y=\"18\" font-size=\"11\">" + html_escape(l.name) + "</text>\n";
        lx += 40 + 6.5 * static_cast<double>(l.name.size());
    }

    const bool dots = epochs.size() <= 100;  // a hover target per epoch, while they fit
    for (const series& l : lines) {
        std::string d;
        bool pen_down = false;
        for (std::size_t i = 0; i < epochs.size(); ++i) {
            const float v = l.values[i];
            if (!std::isfinite(v) || (log_scale && v <= 0)) {
                pen_down = false;
                continue;
            }
            d += (pen_down ? " L" : " M") + svg::px(px_x(static_cast<double>(epochs[i]))) + " " +
                 svg::px(px_y(v));
            pen_down = true;
        }
        s += "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + l.color +
             "\" stroke-width=\"2\" stroke-linejoin=\"round\"" +
             (l.dashed ? " stroke-dasharray=\"5 3\"" : "") + "/>\n";
        if (!dots) continue;
        for (std::size_t i = 0; i < epochs.size(); ++i) {
            const float v = l.values[i];
            if (!std::isfinite(v) || (log_scale && v <= 0)) continue;
            s += "<circle cx=\"" + svg::px(px_x(static_cast<double>(epochs[i]))) + "\" cy=\"" +
                 svg::px(px_y(v)) + "\" r=\"3\" fill=\"" + l.color + "\">" +
                 svg::title(l.name + ", epoch " + std::to_string(epochs[i]) + ": " +
                            svg::value(v, 6)) +
                 "</circle>\n";
        }
    }
    return s + "</svg>\n<figcaption>" + html_escape(caption) + "</figcaption>\n</figure>\n";
}

std::vector<float> pick(const training_log& log, float logged_epoch::*field) {
    std::vector<float> v;
    for (const logged_epoch& e : log.epochs) v.push_back(e.*field);
    return v;
}

}  // namespace

std::string training_curves(const training_log& log) {
    std::vector<std::size_t> epochs;
    for (const logged_epoch& e : log.epochs) epochs.push_back(e.epoch);
    const char* train = svg::class_color(0);
    const char* validation = svg::class_color(1);

    std::string about = std::to_string(log.epochs.size()) + " epochs";
    if (!log.loss_function.empty()) about += ", loss " + log.loss_function;
    if (!log.optimizer.empty()) about += ", optimizer " + log.optimizer;
    if (log.learning_rate > 0) about += ", learning rate " + svg::value(log.learning_rate, 6);
    std::string s = "<p class=\"note\">" + html_escape(about) + ".</p>\n";
    // What the trainer noticed, and why it stopped early: the first things to read.
    if (!log.stopped.empty())
        s += "<p><strong>Stopped:</strong> " + html_escape(log.stopped) + "</p>\n";
    for (const std::string& w : log.warnings)
        s += "<p><strong>Warning:</strong> " + html_escape(w) + "</p>\n";
    s += "<div class=\"row\">\n";

    std::vector<series> loss = {{"training loss", train, false, pick(log, &logged_epoch::loss)}};
    const std::vector<float> val_loss = pick(log, &logged_epoch::val_loss);
    if (any_value(val_loss)) loss.push_back({"validation loss", validation, true, val_loss});
    s += line_chart(
        "Loss per epoch: it should fall. Validation loss rising while training loss "
        "falls means the network learns its training data by heart (overfitting).",
        epochs, loss, y_scale::from_zero);

    std::vector<series> accuracy;
    const std::vector<float> acc = pick(log, &logged_epoch::accuracy);
    const std::vector<float> val_acc = pick(log, &logged_epoch::val_accuracy);
    if (any_value(acc)) accuracy.push_back({"training accuracy", train, false, acc});
    if (any_value(val_acc)) accuracy.push_back({"validation accuracy", validation, true, val_acc});
    if (!accuracy.empty())
        s += line_chart("Accuracy per epoch: the share of samples classified right.", epochs,
                        accuracy, y_scale::from_zero);

    if (log.layers > 0) {
        std::vector<series> norms;
        for (std::size_t k = 0; k < log.layers; ++k) {
            std::vector<float> v;
            for (const logged_epoch& e : log.epochs)
                v.push_back(e.grad_norms.empty() ? NAN : e.grad_norms[k]);
            norms.push_back({"layer " + std::to_string(k + 1), svg::class_color(k), false, v});
        }
        s += line_chart(
            "Gradient norm per layer (log scale). Norms shrinking towards the first "
            "layer mean vanishing gradients; norms growing without bound, exploding "
            "ones.",
            epochs, norms, y_scale::logarithmic);
    }

    // What the units did: one line per layer that has dead ReLUs or saturated outputs to
    // count, in its gradient-norm colour; dead solid, saturated dashed.
    std::vector<series> units;
    for (const auto& [what, field, dashed] :
         {std::tuple{"dead ReLUs", &logged_epoch::dead_relu, false},
          std::tuple{"saturated", &logged_epoch::saturated, true}}) {
        std::size_t layers = 0;
        for (const logged_epoch& e : log.epochs) layers = std::max(layers, (e.*field).size());
        for (std::size_t k = 0; k < layers; ++k) {
            std::vector<float> v;
            for (const logged_epoch& e : log.epochs)
                v.push_back((e.*field).empty() ? NAN : (e.*field)[k]);
            if (any_value(v))
                units.push_back({"layer " + std::to_string(k + 1) + " " + what, svg::class_color(k),
                                 dashed, v});
        }
    }
    if (!units.empty())
        s += line_chart(
            "What the units did per layer: the share of ReLUs that output 0 for every sample "
            "of the epoch (dead: they no longer learn), and the share of sigmoid/tanh outputs "
            "within 0.01 of their bounds (saturated: their slope is nearly 0; in the output "
            "layer that only means the network is sure of its answers).",
            epochs, units, y_scale::share);
    return s + "</div>\n";
}

}  // namespace anne
