// Shared printing for the commands: numbers, architectures, confusion matrices, metrics.
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

/// @brief A number with `decimals` digits after the point.
std::string fixed(double v, int decimals);
/// @brief "4 -> 2 (relu) -> 3 (sigmoid) -> 1 (sigmoid)".
std::string architecture(const model& m);
/// @brief "relu, sigmoid, relu, sigmoid".
std::string activation_list(const model& m);

/// @brief The matrix as a table, with TN/FP/FN/TP for two classes, then the metrics.
void print_confusion(std::ostream& out, const confusion& c, const std::string& indent);
/// @brief The matrix and metrics as JSON.
fjson confusion_json(const confusion& c);

}  // namespace anne::cli
