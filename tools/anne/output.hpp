// Shared by the commands: one sample's values from the command line; printing numbers,
// architectures, confusion matrices, metrics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include <anne/metrics.hpp>

#include "evaluation.hpp"
#include "json.hpp"
#include "model.hpp"

namespace anne::cli {

/// @brief The raw input values of one sample, as typed after the model's name: each must be a
/// number, and there must be as many as the model has inputs (the error names the features).
std::vector<float> sample_values(const model& m, const std::string& model_path,
                                 const std::vector<std::string>& values);

/// @brief A number with `decimals` digits after the point.
std::string fixed(double v, int decimals);
/// @brief "relu, sigmoid, relu, sigmoid".
std::string activation_list(const model& m);

/// @brief The matrix as a table, with TN/FP/FN/TP for two classes, then the metrics.
void print_confusion(std::ostream& out, const confusion& c, const std::string& indent);
/// @brief The matrix and metrics as JSON.
fjson confusion_json(const confusion& c);

}  // namespace anne::cli
