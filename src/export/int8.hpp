// Code generation for int8 models (anne quantize): the exporter dispatches here when a model
// has an "int8" section. Each target keeps the float model's interface (raw float inputs in,
// the int8 outputs dequantized out) and adds one on int8 values.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <anne/quantized.hpp>

#include "export/export.hpp"
#include "model.hpp"

namespace anne {

/// @brief The C++ header of m's int8 network (m.int8 must be set): constant int8 data for the
/// core's integer kernels, predict(raw floats, float outputs) as the float export has, and
/// predict_int8 on int8 values. Throws anne::error if the name is not an identifier.
std::string export_int8_cpp(const model& m, const export_options& o);

/// @brief The C99 header and source of m's int8 network: the core's integer arithmetic
/// spelled out in C, NAME_predict on raw floats, NAME_predict_int8 on int8 values.
c_files export_int8_c(const model& m, const export_options& o, const std::string& header_file);

/// @brief The MicroPython file of m's int8 network: the same integers as the core, in Python
/// ints; predict(raw) gives the dequantized outputs, predict_int8 the int8 ones.
std::string export_int8_micropython(const model& m, const export_options& o);

namespace export_detail {

/// @brief Integers as a comma-separated list ("1, -2, 3,"), wrapped at 100 columns, each line
/// starting with indent.
std::string int_list(const long long* v, std::size_t n, const std::string& indent);
template <typename T>
std::string int_list(const T* v, std::size_t n, const std::string& indent) {
    std::vector<long long> w(v, v + n);
    return int_list(w.data(), n, indent);
}

/// @brief A layer's sigmoid or tanh over every int8 input (the core's own kernel), and the
/// range [first, last] outside which it is saturated at full[0] below and full[255] above.
struct int8_lookup {
    std::int8_t full[256];
    int first = -128, last = 127;
    std::int8_t below() const { return full[0]; }
    std::int8_t above() const { return full[255]; }
    const std::int8_t* begin() const { return full + first + 128; }
    std::size_t size() const { return static_cast<std::size_t>(last - first + 1); }
};
/// @brief The table of layer l, which must be a sigmoid or tanh layer.
int8_lookup make_trimmed_table(const int8::layer& l);
/// @brief True for the layers whose activation is exported as a table (sigmoid, tanh).
bool tabled(const int8::layer& l);

/// @brief The biases of layer k with its input zero point folded in, for the core's
/// dense_units_small, if the layer qualifies: every sum it can reach (its inputs over the
/// previous layer's possible outputs, `tables` for sigmoid/tanh) below 2^16 in magnitude,
/// shifts <= 0, multipliers with a nonzero low half. Empty if it does not.
std::vector<std::int32_t> small_sums_bias(const int8::network& n, std::size_t k,
                                          const std::vector<int8_lookup>& tables);

/// @brief A sigmoid or tanh table as compact_layer holds it: base[g] and the steps of word g
/// (2^group_log2 steps of 32 >> group_log2 bits each).
struct int8_steps {
    std::vector<std::uint32_t> words;
    std::vector<std::int8_t> base;
    std::uint8_t group_log2 = 0;
};
/// @brief t's entries as steps of 2 bits (if every step is in [0, 3]) or 4 bits (in [0, 15]);
/// false if a step is negative or larger.
bool table_steps(const int8_lookup& t, int8_steps& steps);

/// @brief quantize_input_window's form of the input map a, its window found by bisection on
/// the core's quantize_input (monotone in the float); false if zero would not shift out
/// (right < 56).
bool input_window_of(const int8::input_affine& a, int8::input_window& w);

/// @brief True if dequantize_on_bits computes q's dequantized value for this scale (a normal
/// float with room above its exponent), filling bits.
bool scale_on_bits(float scale, int8::float_scale& bits);

}  // namespace export_detail

}  // namespace anne
