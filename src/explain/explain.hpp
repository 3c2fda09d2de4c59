// One sample through a model, step by step, as a student would write it on paper: the raw
// input, the preprocessing, every neuron's weighted sum and activation, softmax's
// normalisation, and the decision.
//
// The numbers come from the core's traced forward pass (include/anne/trace.hpp): the
// explanation is what `forward_traced` reports, collected, so it is exactly what `predict`
// computes. Rendered as text or Markdown for people and as JSON for programs.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "json.hpp"
#include "model.hpp"

namespace anne {

/// @brief One neuron: z = sum_i w_i x_i + b, y = f(z). inputs, weights, products are (n).
struct neuron_step {
    std::vector<float> inputs, weights;
    std::vector<float> products;  // w_i * x_i in float, in order: they add up to z - b exactly
    float bias = 0.0f;            // 0 when the layer has no bias
    float z = 0.0f, y = 0.0f;
};

/// @brief A softmax layer's normalisation: y_i = e^(z_i - m) / sum_j e^(z_j - m), m = max z.
/// Subtracting m keeps e^x from overflowing and does not change the shares.
struct softmax_step {
    float max = 0.0f;
    std::vector<float> exps;  // e^(z_i - m), (units)
    float sum = 0.0f;
};

/// @brief One layer: its activation and its neurons.
struct layer_step {
    std::size_t inputs = 0;
    std::string activation, formula;
    const char* parameter = nullptr;  // the activation's parameter name (alpha), or nullptr
    float alpha = 0.0f;
    bool use_bias = true;
    bool softmax = false;  // the activation couples the units (see `normalisation`)
    std::vector<neuron_step> neurons;
    softmax_step normalisation;  // softmax layers only
};

/// @brief What the model does with one raw sample.
struct explanation {
    std::vector<float> raw;    // the measurements as given, (inputs)
    std::vector<float> input;  // after preprocessing: the network's input, (inputs)
    std::vector<layer_step> layers;
    std::vector<float> zs, ys;  // every layer's z and y, laid out as anne::forward lays them out
    std::vector<float> output;  // the last layer's y
    std::size_t decided = 0;    // the class (classifiers only)
};

/// @brief Runs raw (inputs) through m with the core's traced forward pass; throws anne::error
/// when the number of values is wrong.
explanation explain(const model& m, const std::vector<float>& raw);

/// @brief How to show an explanation.
struct explain_view {
    int precision = 4;      // digits after the point
    std::size_t layer = 0;  // 1-based: show only this layer; 0: show every step
    bool markdown = false;  // text: false, Markdown: true
};

/// @brief Throws anne::error for a --layer beyond m's layers or a --precision beyond 0 to 9.
void check_view(const model& m, const explain_view& v);

/// @brief The steps as text (or Markdown) for people.
std::string explain_text(const model& m, const explanation& e, const explain_view& v);
/// @brief Every intermediate value as JSON for programs; v.layer as in explain_text.
fjson explain_json(const model& m, const explanation& e, const explain_view& v);

/// @brief v as written on paper: at most `decimals` digits after the point, trailing zeros
/// dropped (anne::format_short): 6.8, 0.8158, 0.
std::string paper_number(float v, int decimals);
/// @brief The same, in parentheses when negative, to stand in a product or sum: "(-0.7532)".
std::string paper_operand(float v, int decimals);

/// @brief An activation's formula with the numbers put in: "1 / (1 + e^-z)" with z = -1.03
/// gives "1 / (1 + e^-(-1.03))"; "alpha" is replaced by the parameter's value.
std::string substitute(const std::string& formula, const std::string& z, const std::string& alpha);

}  // namespace anne
