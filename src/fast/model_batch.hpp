// A host model (preprocessing, network, output meaning) on a whole data set at once: what
// `anne eval` needs, one call instead of a model::predict per row. In mode::exact, so every
// number and every decision is the one model::predict and `anne predict` give for that row.
#pragma once

#include <cstddef>
#include <vector>

#include "data.hpp"
#include "model.hpp"

namespace anne::fast {

/// @brief Every row of d (raw values, as in the data file) through the model's preprocessing
/// and network. Returns the outputs (d.rows(), m.outputs()). Throws anne::error, as
/// model::predict does, when d has another number of features than the model has inputs.
std::vector<float> predict_rows(const model& m, const dataset& d);

/// @brief The class index m.decide() gives each row of d (binary threshold or argmax).
std::vector<std::size_t> classify_rows(const model& m, const dataset& d);

}  // namespace anne::fast
