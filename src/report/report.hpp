// The HTML report: one self-contained, offline file (inline SVG, CSS and a little JS; no
// network access, no external scripts or fonts) that shows a network so a student can see it:
//
//   - the network as a diagram: one circle per input and one per neuron, one <path> per weight
//     (blue positive, red negative, thicker = larger |w|), activation names and biases;
//     hovering shows every value;
//   - a histogram of each layer's weights and biases;
//   - training curves (loss and accuracy per epoch, train vs validation, gradient norms per
//     layer) from a training log;
//   - the confusion matrix as a heat map with accuracy, precision, recall and F1;
//   - for a network with two inputs, its decision regions over the input plane.
//
// Each part is an HTML fragment; `html_page` wraps fragments into the document.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "data.hpp"
#include "evaluation.hpp"
#include "model.hpp"
#include "train/training_log.hpp"

namespace anne {

/// @brief Text made safe for HTML and SVG (& < > " ').
std::string html_escape(const std::string& text);

/// @brief The network diagram, an <svg class="network">: one <circle> per input and per
/// neuron (inputs + unit_count circles), one <path class="edge"> per weight, nothing else
/// drawn with those elements. With a sample (raw, (inputs)), the circles show its values.
std::string network_svg(const model& m, const std::vector<float>* sample);

/// @brief A histogram of each layer's weights, with its biases marked, on one shared scale.
std::string weight_histograms(const model& m);

/// @brief Loss and accuracy per epoch (train and validation), and gradient norms per layer
/// when the log has them.
std::string training_curves(const training_log& log);

/// @brief The confusion matrix as a heat map: rows the true class, columns the predicted one.
std::string confusion_heatmap(const confusion& c);
/// @brief The heat map beside a table of accuracy, precision, recall and F1.
std::string confusion_section(const confusion& c);

/// @brief For a model with two inputs: its prediction over a grid of the input plane, with the
/// data's points on top (data may be nullptr). The plane spans the data, or else the
/// preprocessing's range (mean +- 3 std, min..max), or else -3..3.
std::string decision_regions(const model& m, const labelled_data* data);

/// @brief A section: a heading and its content.
std::string section(const std::string& heading, const std::string& content);

/// @brief The whole document around the body's sections.
std::string html_page(const std::string& title, const std::string& subtitle,
                      const std::string& body);

/// @brief What `anne report` puts beside the model; absent parts are left out.
struct report_inputs {
    const training_log* log = nullptr;
    std::string log_name;
    const labelled_data* data = nullptr;
    std::string data_name;
    bool skip_other = false;  // leave out rows whose label is none of the model's classes
};

/// @brief The report of one model: overview, diagram, weights, and what the inputs add.
std::string model_report(const model& m, const report_inputs& in);

/// @brief The report of `anne demo`: the papers' two IRIS networks on the papers' test split,
/// and the activation functions the papers disagree about, side by side.
std::string iris_demo_report();

}  // namespace anne
