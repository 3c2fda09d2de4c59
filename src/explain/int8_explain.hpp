// `anne explain` of an int8 model (anne quantize): the integer arithmetic of one sample.
#pragma once

#include <string>
#include <vector>

#include "explain/explain.hpp"
#include "json.hpp"
#include "model.hpp"

namespace anne {

/// @brief One raw sample (inputs) through m's int8 network, as text or Markdown (v.markdown):
/// the input quantized, each neuron's int32 sum with its terms, the requantization (high
/// multiply, rounding shift, zero point, clamp), the integer activation, what each int8 value
/// stands for, and the float network's values beside. v.layer (1-based) shows one layer.
/// Throws anne::error for a v.layer beyond the layers.
std::string explain_int8_text(const model& m, const std::vector<float>& raw, const explain_view& v);

/// @brief The same steps as JSON, every integer of them, for programs.
fjson explain_int8_json(const model& m, const std::vector<float>& raw, const explain_view& v);

}  // namespace anne
