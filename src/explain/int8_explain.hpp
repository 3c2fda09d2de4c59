// `anne explain` of an int8 model (anne quantize): the integer arithmetic of one sample.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "model.hpp"

namespace anne {

/// @brief One raw sample (inputs) through m's int8 network, as text: the input quantized, each
/// neuron's int32 sum with its terms, the requantization (high multiply, rounding shift, zero
/// point, clamp), the integer activation, what each int8 value stands for, and the float
/// network's values beside. only_layer (1-based) shows one layer; 0 all.
std::string explain_int8_text(const model& m, const std::vector<float>& raw, int precision,
                              std::size_t only_layer);

}  // namespace anne
