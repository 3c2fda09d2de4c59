// int8 networks: the dense layer and its activations in integer arithmetic, as TensorFlow Lite
// Micro computes a fully connected layer after full integer post-training quantization.
//
// Every tensor (the network's input, each layer's output) is int8 with a scale and a zero
// point, one pair per tensor:
//
//     real = scale * (q - zero_point),     q in [-128, 127].
//
// A layer's weights are int8 with one scale per output unit and zero point 0 (symmetric:
// real = w_scale[j] * w), its biases int32 with scale input_scale * w_scale[j]. Then the
// weighted sum of unit j is an exact integer,
//
//     acc_j = bias_j + sum_i W[i][j] * (x_i - input_zero_point),   real z_j = input_scale *
//                                                                   w_scale[j] * acc_j,
//
// and the unit's int8 output is acc_j times the real multiplier input_scale * w_scale[j] /
// output_scale, plus the output zero point, clamped: `requantize`. relu and relu6 need no code
// of their own: they are the clamp (q >= the q of 0.0, q <= the q of 6.0). sigmoid, tanh and
// softmax read the layer's int8 sums (scale chosen by calibration) and give int8 outputs of
// fixed scales: sigmoid and softmax 1/256 with zero point -128 (q = -128 is 0.0, q = 127 is
// 0.996), tanh 1/128 with zero point 0.
//
// No heap, no floats in the hot path: the caller passes every buffer, and the float entry
// (`quantize_input`) works on the float's bits, so a Cortex-M0+ without an FPU pays integer
// prices only. The arithmetic is in fixedpoint.hpp.
#pragma once

#include <cstddef>
#include <cstdint>

#include "fixedpoint.hpp"
#include "status.hpp"

namespace anne::int8 {

/// @brief How a tensor's int8 values stand for real numbers: real = scale * (q - zero_point).
struct quantization {
    float scale;
    std::int32_t zero_point;
};

/// @brief q = zero_point + round(real / scale), clamped to [-128, 127] (TensorFlow Lite's
/// Quantize: float division, round half away from zero). Example: scale 0.5, zero point -10:
/// 1.25 -> -10 + round(2.5) = -7.
inline std::int8_t quantize(float real, quantization q) {
    const float steps = real / q.scale;
    // Out of range values (and infinities) clamp; NaN becomes the zero point.
    if (!(steps > -1000.0f)) return steps != steps ? static_cast<std::int8_t>(q.zero_point) : -128;
    if (steps > 1000.0f) return 127;
    const std::int32_t v = static_cast<std::int32_t>(std::round(steps)) + q.zero_point;
    return static_cast<std::int8_t>(v < -128 ? -128 : (v > 127 ? 127 : v));
}

/// @brief real = scale * (q - zero_point). Example: scale 0.5, zero point -10: -7 -> 1.5.
inline float dequantize(std::int8_t value, quantization q) {
    return q.scale * static_cast<float>(static_cast<std::int32_t>(value) - q.zero_point);
}

/// @brief The output of a unit: acc (int32, scale input_scale * w_scale) times the real
/// multiplier input_scale * w_scale / output_scale, plus the output zero point, clamped to
/// [lo, hi]. The clamp is where relu (lo = q of 0.0) and relu6 (hi = q of 6.0) happen.
/// Example: acc 1000, multiplier 0.75 (1610612736, shift 0), zero point -3 -> 747.
inline std::int8_t requantize(std::int32_t acc, std::int32_t multiplier, int shift,
                              std::int32_t output_zero_point, std::int32_t lo, std::int32_t hi) {
    std::int32_t v =
        fixedpoint::multiply_by_quantized_multiplier(acc, multiplier, shift) + output_zero_point;
    v = v < lo ? lo : v;
    return static_cast<std::int8_t>(v > hi ? hi : v);
}

// ---------------------------------------------------------------------------------------------
// Activations with fixed output scales. Each has a `prepare` (done once, on the host, from the
// input's scale: it involves doubles) and an integer-only evaluation.

/// @brief Parameters of the integer sigmoid or tanh of one input tensor: the input
/// (q - zero_point) is rescaled by multiplier * 2^(left_shift - 31) into Q4.27 (4 integer
/// bits: |z| < 16), inputs at or beyond +-radius saturate.
struct squash_params {
    std::int32_t input_zero_point;
    std::int32_t multiplier;
    std::int32_t left_shift;
    std::int32_t radius;
};

/// @brief TensorFlow Lite Micro's preparation: the real multiplier input_scale * 2^27 (Q4.27)
/// split by frexp. Returns false when the scale is too small to be represented (left shift < 0).
inline bool prepare_squash(quantization input, squash_params& p) {
    constexpr int integer_bits = 4;
    const double real = static_cast<double>(input.scale) * static_cast<double>(1 << 27);
    int shift = 0;
    const double q = std::frexp(real, &shift);
    if (shift < 0 || shift > 30) return false;
    p.input_zero_point = input.zero_point;
    p.multiplier = static_cast<std::int32_t>(std::round(q * static_cast<double>(1LL << 31)));
    p.left_shift = shift;
    p.radius = fixedpoint::input_radius(integer_bits, shift);
    return true;
}

/// @brief The fixed output quantizations: sigmoid and softmax 1/256 at zero point -128,
/// tanh 1/128 at zero point 0.
constexpr quantization sigmoid_output{1.0f / 256.0f, -128};
constexpr quantization softmax_output{1.0f / 256.0f, -128};
constexpr quantization tanh_output{1.0f / 128.0f, 0};

/// @brief int8 sigmoid: logistic of the input in Q4.27, its Q0.31 result divided by 2^23 (to
/// steps of 1/256) minus 128. Example (input scale 1/16, zero point 0): 0 -> 0.5 -> 0;
/// 16 (1.0) -> 0.7311 -> round(187.16) - 128 = 59.
inline std::int8_t sigmoid(std::int8_t x, const squash_params& p) {
    const std::int32_t input = static_cast<std::int32_t>(x) - p.input_zero_point;
    if (input <= -p.radius) return -128;
    if (input >= p.radius) return 127;
    const std::int32_t in_q4 =
        fixedpoint::multiply_by_quantized_multiplier(input, p.multiplier, p.left_shift);
    const std::int32_t out =
        fixedpoint::rounding_divide_by_pot(fixedpoint::logistic(in_q4, 4), 23) - 128;
    return static_cast<std::int8_t>(out < -128 ? -128 : (out > 127 ? 127 : out));
}

/// @brief int8 tanh: tanh of the input in Q4.27, its Q0.31 result divided by 2^24 (steps of
/// 1/128). Example (input scale 1/16, zero point 0): 8 (0.5) -> 0.4621 -> round(59.15) = 59.
inline std::int8_t tanh(std::int8_t x, const squash_params& p) {
    const std::int32_t input = static_cast<std::int32_t>(x) - p.input_zero_point;
    if (input <= -p.radius) return -128;
    if (input >= p.radius) return 127;
    const std::int32_t in_q4 =
        fixedpoint::multiply_by_quantized_multiplier(input, p.multiplier, p.left_shift);
    const std::int32_t out = fixedpoint::rounding_divide_by_pot(fixedpoint::tanh(in_q4, 4), 24);
    return static_cast<std::int8_t>(out < -128 ? -128 : (out > 127 ? 127 : out));
}

/// @brief Parameters of the integer softmax: differences to the row's maximum, rescaled by
/// multiplier * 2^(left_shift - 31) into Q5.26; differences below diff_min count as e^-inf = 0.
struct softmax_params {
    std::int32_t multiplier;
    std::int32_t left_shift;
    std::int32_t diff_min;
};

/// @brief TensorFlow Lite's PreprocessSoftmaxScaling with beta = 1: the real multiplier
/// min(input_scale * 2^26, 2^31 - 1), split into (multiplier, shift >= 0).
inline bool prepare_softmax(quantization input, softmax_params& p) {
    constexpr int integer_bits = 5;
    double real = static_cast<double>(input.scale) * static_cast<double>(1 << (31 - integer_bits));
    const double cap = static_cast<double>(1LL << 31) - 1.0;
    real = real < cap ? real : cap;
    const fixedpoint::quantized_multiplier m = fixedpoint::quantize_multiplier(real);
    if (m.shift < 0) return false;
    p.multiplier = m.multiplier;
    p.left_shift = m.shift;
    p.diff_min = -fixedpoint::input_radius(integer_bits, m.shift);
    return true;
}

/// @brief int8 softmax over n values: e^(x_c - max) in Q0.31 (Q5.26 input), their sum in
/// Q12.19, its reciprocal by Newton-Raphson, each share rounded to steps of 1/256 minus 128.
/// Example (input scale 1/16): x = {0, 0} -> {0.5, 0.5} -> {0, 0}; x = {16, 0} (a difference
/// of 1.0) -> {0.7311, 0.2689} -> {59, -59}.
inline void softmax(const std::int8_t* x, std::int8_t* y, std::size_t n, const softmax_params& p) {
    constexpr int accumulation_integer_bits = 12;
    std::int32_t max = -128;
    for (std::size_t c = 0; c < n; ++c) max = x[c] > max ? x[c] : max;
    // e^(x_c - max) in Q0.31, 0 for differences below diff_min.
    const auto exp_of = [&](std::size_t c) -> std::int32_t {
        const std::int32_t diff = static_cast<std::int32_t>(x[c]) - max;
        if (diff < p.diff_min) return 0;
        const std::int32_t shifted =
            static_cast<std::int32_t>(static_cast<std::uint32_t>(diff) << p.left_shift);
        return fixedpoint::exp_on_negative_values(
            fixedpoint::saturating_rounding_doubling_high_mul(shifted, p.multiplier), 5);
    };
    std::int32_t sum = 0;  // Q12.19
    for (std::size_t c = 0; c < n; ++c)
        sum += fixedpoint::rounding_divide_by_pot(exp_of(c), accumulation_integer_bits);
    // sum = 2^bits_over_unit * (1 + f) with f in [0, 1): 1 / sum = 2^-bits_over_unit / (1 + f).
    int leading_zeros = 0;
    for (std::uint32_t u = static_cast<std::uint32_t>(sum); !(u & 0x80000000u); u <<= 1)
        ++leading_zeros;
    const int bits_over_unit = accumulation_integer_bits - leading_zeros;
    const std::int32_t f =
        static_cast<std::int32_t>((static_cast<std::uint32_t>(sum) << leading_zeros) - 0x80000000u);
    const std::int32_t reciprocal = fixedpoint::one_over_one_plus_x_for_x_in_0_1(f);
    for (std::size_t c = 0; c < n; ++c) {
        if (static_cast<std::int32_t>(x[c]) - max < p.diff_min) {
            y[c] = -128;
            continue;
        }
        const std::int32_t e = exp_of(c);
        const std::int32_t share = fixedpoint::rounding_divide_by_pot(
            fixedpoint::saturating_rounding_doubling_high_mul(reciprocal, e),
            bits_over_unit + 31 - 8);
        const std::int32_t out = share - 128;
        y[c] = static_cast<std::int8_t>(out < -128 ? -128 : (out > 127 ? 127 : out));
    }
}

// ---------------------------------------------------------------------------------------------
// The dense layer.

/// @brief What follows a layer's requantized sums. relu and relu6 are folded into the clamp
/// (kind `clamp`); the others read the sums as a tensor of their own.
enum class activation_kind : std::uint8_t { clamp, sigmoid, tanh, softmax };

/// @brief An int8 dense layer; it points at its data (all of it constant, for flash).
/// kernel is (inputs, units) as Keras stores it; bias, multiplier, shift are (units).
/// `sums` is the quantization of the requantized weighted sums; for kind clamp it is the
/// layer's output, otherwise the activation's input. `table` may replace the sigmoid/tanh
/// evaluation by a lookup made from it (`make_table`): table[q - table_first] for q in
/// [table_first, table_last], and below and above that the function's values at -128 and 127
/// (it is monotone, so a table need only hold the q where it is not saturated).
struct layer {
    std::size_t units;
    activation_kind kind;
    const std::int8_t* kernel;
    const std::int32_t* bias;  // nullptr: no bias
    const std::int32_t* multiplier;
    const std::int8_t* shift;
    std::int32_t input_zero_point;
    std::int32_t sums_zero_point;
    std::int32_t lo, hi;   // the clamp of the sums (relu: lo = sums_zero_point)
    squash_params squash;  // sigmoid, tanh
    softmax_params soft;   // softmax
    const std::int8_t* table;
    std::int16_t table_first, table_last;
    std::int8_t table_below, table_above;
};

/// @brief acc_j = bias_j + sum_i W[i][j] * (x_i - input_zero_point), in order i = 0, 1, ...
/// x is (inputs), acc is (l.units). Exact: |acc| stays below 2^31 for inputs < 65536.
inline void weighted_sums(const layer& l, std::size_t inputs, const std::int8_t* x,
                          std::int32_t* acc) {
    for (std::size_t j = 0; j < l.units; ++j) acc[j] = l.bias ? l.bias[j] : 0;
    for (std::size_t i = 0; i < inputs; ++i) {
        const std::int32_t xi = static_cast<std::int32_t>(x[i]) - l.input_zero_point;
        const std::int8_t* row = l.kernel + i * l.units;
        for (std::size_t j = 0; j < l.units; ++j) acc[j] += xi * row[j];
    }
}

/// @brief A sigmoid or tanh by its table (make_table, trimmed to [first, last]): below first
/// the value `below`, above last `above`.
inline std::int8_t lookup(std::int8_t q, const std::int8_t* table, int first, int last,
                          std::int8_t below, std::int8_t above) {
    return q < first ? below : q > last ? above : table[q - first];
}

/// @brief The activation of a layer's requantized sums s (l.units) into y (l.units).
inline void activate(const layer& l, const std::int8_t* s, std::int8_t* y) {
    if (l.kind == activation_kind::softmax) return softmax(s, y, l.units, l.soft);
    for (std::size_t j = 0; j < l.units; ++j) {
        if (l.kind == activation_kind::clamp)
            y[j] = s[j];
        else if (l.table)
            y[j] = lookup(s[j], l.table, l.table_first, l.table_last, l.table_below, l.table_above);
        else
            y[j] =
                l.kind == activation_kind::sigmoid ? sigmoid(s[j], l.squash) : tanh(s[j], l.squash);
    }
}

/// @brief One int8 dense layer: y = f(requantize(acc)). x is (inputs), y is (l.units),
/// acc (l.units) receives the int32 sums and s (l.units) the requantized ones; both are
/// scratch the caller owns (and may read, to explain the layer).
inline void dense_forward(const layer& l, std::size_t inputs, const std::int8_t* x,
                          std::int32_t* acc, std::int8_t* s, std::int8_t* y) {
    weighted_sums(l, inputs, x, acc);
    for (std::size_t j = 0; j < l.units; ++j)
        s[j] = requantize(acc[j], l.multiplier[j], l.shift[j], l.sums_zero_point, l.lo, l.hi);
    activate(l, s, y);
}

// ---------------------------------------------------------------------------------------------
// The same layer for constant data, as exported code calls it: unit by unit, no scratch.

/// @brief y_j = clamp(output_zero_point + requantize(bias_j + sum_i W[i][j] (x_i -
/// input_zero_point))) for j = 0 .. units - 1; the same integers as weighted_sums and
/// requantize. x is (inputs), kernel (inputs, units), bias (units) or nullptr, y (units).
inline void dense_units(const std::int8_t* x, std::size_t inputs, std::size_t units,
                        const std::int8_t* kernel, const std::int32_t* bias,
                        const std::int32_t* multiplier, const std::int8_t* shift,
                        std::int32_t input_zero_point, std::int32_t output_zero_point,
                        std::int32_t lo, std::int32_t hi, std::int8_t* y) {
    for (std::size_t j = 0; j < units; ++j) {
        std::int32_t acc = bias ? bias[j] : 0;
        for (std::size_t i = 0; i < inputs; ++i)
            acc += (static_cast<std::int32_t>(x[i]) - input_zero_point) * kernel[i * units + j];
        y[j] = requantize(acc, multiplier[j], shift[j], output_zero_point, lo, hi);
    }
}

/// @brief dense_units for a Cortex-M0+, the same integers in fewer steps, for a layer whose
/// every reachable sum has |acc| < 2^16, whose shifts are <= 0 and whose multipliers have a
/// nonzero low half (the exporter checks this; see small_sums): the input zero point folded
/// into the bias (folded_bias_j = bias_j - input_zero_point * sum_i W[i][j], so acc = folded_bias_j
/// + sum_i W[i][j] x_i is the same acc), and the high multiply from two 32-bit products
/// (fixedpoint::high_mul_of_small). x is (inputs), kernel (inputs, units), y (units).
inline void dense_units_small(const std::int8_t* x, std::size_t inputs, std::size_t units,
                              const std::int8_t* kernel, const std::int32_t* folded_bias,
                              const std::int32_t* multiplier, const std::int8_t* shift,
                              std::int32_t output_zero_point, std::int32_t lo, std::int32_t hi,
                              std::int8_t* y) {
    for (std::size_t j = 0; j < units; ++j) {
        std::int32_t acc = folded_bias[j];
        for (std::size_t i = 0; i < inputs; ++i)
            acc += static_cast<std::int32_t>(x[i]) * kernel[i * units + j];
        std::int32_t v = fixedpoint::rounding_divide_by_pot(
                             fixedpoint::high_mul_of_small(acc, multiplier[j]), -shift[j]) +
                         output_zero_point;
        v = v < lo ? lo : v;
        y[j] = static_cast<std::int8_t>(v > hi ? hi : v);
    }
}

/// @brief The float scale as integers, for dequantize_on_bits: its 24-bit significand (with
/// the leading 1) and its biased exponent field. A normal scale with exponent <= 245.
struct float_scale {
    std::uint32_t significand;
    std::uint32_t exponent;
};

/// @brief dequantize(value, {scale, zero_point}) on the float's bits, with integers only (no
/// soft-float multiply on a chip without an FPU): k = value - zero_point (|k| <= 255) times the
/// significand M is exact in 32 bits, k * M in [2^(23 + n), 2^(24 + n)) is rounded to 24 bits
/// by n right shifts (to nearest, ties to even, as the float multiply rounds: `lost` is the
/// first bit shifted out, `sticky` whether any below it was set), and the exponent grows by n.
/// Example: scale 1/256 (M = 2^23, exponent 119), k = 56: 56 * 2^23 = 1.75 * 2^28, n = 5,
/// exponent 124: 1.75 * 2^-3 = 0.21875.
inline float dequantize_on_bits(std::int8_t value, std::int32_t zero_point, float_scale scale) {
    const std::int32_t k = static_cast<std::int32_t>(value) - zero_point;
    if (k == 0) return 0.0f;
    std::uint32_t p = static_cast<std::uint32_t>(k < 0 ? -k : k) * scale.significand;
    std::uint32_t exponent = scale.exponent, lost = 0, sticky = 0;
    for (; p >= (1u << 24); p >>= 1, ++exponent) {  // at most 8 times
        sticky |= lost;
        lost = p & 1u;
    }
    // A significand with 8 low zero bits (a power of two, as sigmoid's 1/256) shifts out only
    // zeros; saying so lets the compiler drop the rounding for such a constant scale.
    const bool round_up = (scale.significand & 0xffu) && lost && (sticky || (p & 1u));
    if (round_up && ++p == (1u << 24)) {
        p >>= 1;  // rounded up to the next power of two
        ++exponent;
    }
    const std::uint32_t bits = (k < 0 ? 0x80000000u : 0u) | (exponent << 23) | (p & 0x7fffffu);
    float real;
    __builtin_memcpy(&real, &bits, sizeof real);
    return real;
}

/// @brief Fills table (256) with the layer's sigmoid or tanh of every int8 value, so that a
/// lookup gives the kernel's bits. Returns false for other kinds.
inline bool make_table(const layer& l, std::int8_t* table) {
    if (l.kind != activation_kind::sigmoid && l.kind != activation_kind::tanh) return false;
    for (int q = -128; q <= 127; ++q) {
        const std::int8_t v = static_cast<std::int8_t>(q);
        table[q + 128] =
            l.kind == activation_kind::sigmoid ? sigmoid(v, l.squash) : tanh(v, l.squash);
    }
    return true;
}

// ---------------------------------------------------------------------------------------------
// From float inputs: the preprocessing and the input quantization in one integer step.

/// @brief q = round(raw * a + b) clamped to int8, for one raw (unpreprocessed) input, where
/// a and b fold the preprocessing and the input quantization together: for standardization,
/// q = zero_point + (raw - mean) / (std * scale), so a = 1 / (std * scale) and
/// b = zero_point - mean * a. a = multiplier * 2^(shift - 31) (multiplier in [2^30, 2^31)),
/// b = offset / 2^24.
struct input_affine {
    std::int32_t multiplier;
    std::int32_t shift;
    std::int64_t offset;  // b in Q24
};

/// @brief (m * n + 2^(right - 1)) >> right, the product rounded to 2^right, for m < 2^24,
/// n < 2^31 and right in [1, 55], from 16-bit partial products on two 32-bit words: a
/// Cortex-M0+ has neither a 32 x 32 -> 64-bit multiply nor a 64-bit shift (libgcc's
/// __aeabi_lmul and __aeabi_llsr would do them). With m = m1 2^16 + m0 and n = n1 2^16 + n0,
/// m n = m1 n1 2^32 + (m1 n0 + m0 n1) 2^16 + m0 n0, the middle sum below 2^24 + 2^31.
inline std::uint64_t rounded_product_shift(std::uint32_t m, std::uint32_t n, int right) {
    const std::uint32_t m1 = m >> 16, m0 = m & 0xffffu, n1 = n >> 16, n0 = n & 0xffffu;
    const std::uint32_t middle = m1 * n0 + m0 * n1;
    std::uint32_t low = m0 * n0 + (middle << 16);
    std::uint32_t high = m1 * n1 + (middle >> 16) + (low < (middle << 16) ? 1u : 0u);  // carry
    if (right <= 32) {  // + 2^(right - 1), with its carry
        const std::uint32_t half = 1u << (right - 1);
        low += half;
        high += low < half ? 1u : 0u;
    } else {
        high += 1u << (right - 33);
    }
    if (right >= 32) return high >> (right - 32);
    return (static_cast<std::uint64_t>(high >> right) << 32) | (high << (32 - right)) |
           (low >> right);
}

/// @brief The raw float through its bits: raw = +-m * 2^(e - 150) with the 24-bit mantissa m,
/// so raw * a = +-(m * multiplier) * 2^(e - 181 + shift), rounded to Q24, + b, then rounded
/// half away from zero to an integer and clamped. Zero and subnormal raws count as 0, NaN as 0,
/// infinities saturate. Integer only: no float arithmetic on a chip without an FPU.
inline std::int8_t quantize_input(float raw, const input_affine& a) {
    std::uint32_t bits;
    __builtin_memcpy(&bits, &raw, sizeof bits);  // the float's bits (no <cstring> in the core)
    const int exponent = static_cast<int>((bits >> 23) & 0xffu);
    const bool negative = (bits >> 31) != 0;
    std::int64_t v = a.offset;
    if (exponent == 255 && (bits & 0x7fffffu)) {
        // NaN: as 0.
    } else if (exponent == 255) {
        return negative ? -128 : 127;
    } else if (exponent != 0) {
        // m * multiplier * 2^(exponent - 181 + shift) in Q24: a right shift of the product by
        // 157 - exponent - shift, rounded; from 56 on the product (< 2^55) rounds to 0.
        const int right = 157 - exponent - a.shift;
        if (right <= 0) return negative ? -128 : 127;  // |raw * a| >= 2^30
        if (right < 56) {
            const std::int64_t t = static_cast<std::int64_t>(rounded_product_shift(
                (bits & 0x7fffffu) | 0x800000u, static_cast<std::uint32_t>(a.multiplier), right));
            v += negative ? -t : t;
        }
    }
    // round half away from zero of v / 2^24
    const std::int64_t r = v >= 0 ? (v + (1 << 23)) >> 24 : -((-v + (1 << 23)) >> 24);
    return static_cast<std::int8_t>(r < -128 ? -128 : (r > 127 ? 127 : r));
}

// ---------------------------------------------------------------------------------------------
// The compact form, as exported code for a small network uses it (`anne export` picks it when
// every layer's sums stay below 2^16 and no layer is a softmax): the same integers as
// quantize_input and dense_units_small, with less code and data for a Cortex-M0+'s flash.

/// @brief quantize_input's map for one input, as quantize_input_window reads it: the int8
/// result saturates at -128 for every float whose `key` (its bits, ordered as the floats are:
/// the sign-magnitude bits of a negative float turned into two's complement) is <= below and
/// at 127 for every key >= above; in between v = offset + raw * a (Q24) lies within
/// [-128.5, 127.5] * 2^24, so 32 bits of it suffice.
struct input_window {
    std::uint32_t multiplier;  // a = multiplier * 2^(shift - 31), as input_affine
    std::int32_t offset;       // input_affine's offset modulo 2^32
    std::int32_t below, above;
    std::int32_t right;  // 157 - shift: the product's right shift is right - the exponent field
};

/// @brief quantize_input(raw, map) for every float (the exporter finds below and above on
/// quantize_input itself): NaN as 0, the saturated keys by two comparisons, then
/// t = round(m * multiplier / 2^(right - e)) from 16-bit partial products (as
/// rounded_product_shift) on two words, and v = offset +- t modulo 2^32, exact because v is in
/// the window. Zero and subnormal floats give right - e >= 56: t = 0. The rounding of v / 2^24
/// half away from zero is floor((v + 2^23 - [v < 0]) / 2^24).
inline std::int8_t quantize_input_window(float raw, const input_window& a) {
    std::uint32_t bits;
    __builtin_memcpy(&bits, &raw, sizeof bits);
    if ((bits << 1) > 0xff000000u) bits = 0;  // NaN counts as 0
    const std::int32_t key = static_cast<std::int32_t>(
        bits ^ (static_cast<std::uint32_t>(static_cast<std::int32_t>(bits) >> 31) >> 1));
    if (key <= a.below) return -128;
    if (key >= a.above) return 127;
    const int right = a.right - static_cast<int>((bits >> 23) & 0xffu);
    // The low 32 bits of the rounded product suffice: v is in the window.
    const std::uint32_t t = right < 56 ? static_cast<std::uint32_t>(rounded_product_shift(
                                             (bits & 0x7fffffu) | 0x800000u, a.multiplier, right))
                                       : 0u;  // right >= 1 in the window: |raw * a| < 2^30
    const std::int32_t v = static_cast<std::int32_t>(static_cast<std::uint32_t>(a.offset) +
                                                     ((bits >> 31) ? 0u - t : t));
    return static_cast<std::int8_t>((v + (1 << 23) - (v < 0 ? 1 : 0)) >> 24);
}

/// @brief One unit of a compact layer: dense_units_small's folded bias (|bias| < 2^15),
/// multiplier and right shift (-shift, in [0, 31]).
struct compact_unit {
    std::int32_t multiplier;
    std::int16_t folded_bias;
    std::uint8_t right;
    std::uint8_t unused;  // keeps the next multiplier aligned
};

/// @brief A compact layer: its units' sums zero point and its activation, a monotone step
/// function of the requantized sum q: `below` for q < first, `above` for q > last, and in
/// between either q itself (steps == nullptr: relu, relu6 and no activation are this clamp) or
/// a sigmoid/tanh table stored as its steps: entry i (q = first + i) is base[g] plus the steps
/// before it in word g = i / 2^group_log2, which holds 2^group_log2 steps of 32 >> group_log2
/// bits (2 or 4), the lowest first.
struct compact_layer {
    const std::uint32_t* steps;
    const std::int8_t* base;
    std::uint8_t units;
    std::int8_t sums_zero_point;
    std::int8_t first, last, below, above;
    std::uint8_t group_log2;
};

/// @brief The network in compact form: its layers, its units (all layers' in order), its
/// weights (W[unit][input], layer after layer), the network's inputs and the widest hidden
/// layer (the scratch predict_compact needs is twice that).
struct compact_network {
    const compact_layer* layers;
    const compact_unit* units;
    const std::int8_t* weights;
    std::uint8_t depth, inputs, width;
};

/// @brief The activation of a compact layer at the requantized sum q (any int32).
/// Example: steps 0x00000121 (2-bit steps 1, 0, 2, 1, ...), base {-5}, first 10, group_log2 4:
/// q = 13 -> -5 + 1 + 0 + 2 = -2.
inline std::int8_t activate_compact(std::int32_t q, const compact_layer& l) {
    if (q < l.first) return l.below;
    if (q > l.last) return l.above;
    if (!l.steps) return static_cast<std::int8_t>(q);
    const std::uint32_t i = static_cast<std::uint32_t>(q - l.first), width = 32u >> l.group_log2;
    std::uint32_t r = i & ((1u << l.group_log2) - 1), word = l.steps[i >> l.group_log2];
    std::int32_t y = l.base[i >> l.group_log2];
    for (; r; --r, word >>= width) y += word & ((1u << width) - 1);
    return static_cast<std::int8_t>(y);
}

/// @brief int8 inputs (n.inputs) -> int8 outputs (the last layer's units), one loop over the
/// layers and their units: acc = folded_bias + sum_i W[j][i] x_i (|acc| < 2^16), TensorFlow
/// Lite's high multiply as high_mul_of_small on |acc| (round half away from zero is symmetric,
/// so the sign goes on last), its rounding right shift, the zero point, the activation.
/// scratch holds 2 * n.width int8 (two hidden layers' outputs, in turn).
inline void predict_compact(const compact_network& n, const std::int8_t* x, std::int8_t* y,
                            std::int8_t* scratch) {
    const compact_unit* u = n.units;
    const std::int8_t* w = n.weights;
    std::size_t inputs = n.inputs;
    for (std::size_t k = 0; k < n.depth; ++k) {
        const compact_layer& l = n.layers[k];
        std::int8_t* out = k + 1 == n.depth ? y : scratch + (k % 2) * n.width;
        for (std::size_t j = 0; j < l.units; ++j, ++u) {
            std::int32_t acc = u->folded_bias;
            for (std::size_t i = 0; i < inputs; ++i) acc += x[i] * *w++;
            // |acc| * multiplier / 2^31 rounded (high_mul_of_small), then / 2^right rounded.
            const std::uint32_t s = acc < 0 ? 1u : 0u;
            const std::uint32_t a =
                s ? 0u - static_cast<std::uint32_t>(acc) : static_cast<std::uint32_t>(acc);
            const std::uint32_t b = static_cast<std::uint32_t>(u->multiplier);
            std::uint32_t h = (a * (b >> 16) + (1u << 14) + ((a * (b & 0xffffu) - s) >> 16)) >> 15;
            h = (h + ((1u << u->right) >> 1)) >> u->right;
            const std::int32_t q =
                (s ? -static_cast<std::int32_t>(h) : static_cast<std::int32_t>(h)) +
                l.sums_zero_point;
            out[j] = activate_compact(q, l);
        }
        x = out;
        inputs = l.units;
    }
}

// ---------------------------------------------------------------------------------------------
// The network.

/// @brief A sequential int8 network: its input's quantization and its layers.
/// `affine` (inputs) may be nullptr; then only `predict` on int8 inputs is possible.
struct network {
    std::size_t inputs;
    quantization input;
    const input_affine* affine;
    const layer* layers;
    std::size_t depth;
    quantization output;  // the last layer's output
};

/// @brief The widest layer's units.
constexpr std::size_t max_width(const network& n) {
    std::size_t w = 0;
    for (std::size_t k = 0; k < n.depth; ++k) w = n.layers[k].units > w ? n.layers[k].units : w;
    return w;
}

/// @brief Layer k's inputs.
constexpr std::size_t layer_inputs(const network& n, std::size_t k) {
    return k == 0 ? n.inputs : n.layers[k - 1].units;
}

/// @brief Bytes of scratch `predict` needs: the int32 sums, the requantized sums and two
/// layers' outputs (ping-pong), rounded so the int32 part stays aligned.
constexpr std::size_t predict_scratch_bytes(const network& n) {
    return max_width(n) * (sizeof(std::int32_t) + 3);
}

/// @brief int8 inputs (inputs) -> int8 outputs (output units); scratch (bytes) must be
/// aligned for int32 and hold predict_scratch_bytes(n).
inline status predict(const network& n, const std::int8_t* x, std::int8_t* out, void* scratch,
                      std::size_t bytes) {
    const std::size_t w = max_width(n);
    if (bytes < predict_scratch_bytes(n)) return status::buffer_too_small;
    std::int32_t* acc = static_cast<std::int32_t*>(scratch);
    std::int8_t* s = reinterpret_cast<std::int8_t*>(acc + w);
    std::int8_t* ping = s + w;
    const std::int8_t* in = x;
    for (std::size_t k = 0; k < n.depth; ++k) {
        std::int8_t* y = k + 1 == n.depth ? out : ping + (k % 2) * w;
        dense_forward(n.layers[k], layer_inputs(n, k), in, acc, s, y);
        in = y;
    }
    return status::ok;
}

/// @brief Float raw inputs (inputs, before preprocessing) -> dequantized outputs (output
/// units): the float model's interface. x8 (inputs) receives the quantized inputs, y8 (output
/// units) the int8 outputs.
inline status predict(const network& n, const float* raw, float* out, std::int8_t* x8,
                      std::int8_t* y8, void* scratch, std::size_t bytes) {
    if (!n.affine) return status::invalid_argument;
    for (std::size_t i = 0; i < n.inputs; ++i) x8[i] = quantize_input(raw[i], n.affine[i]);
    const status st = predict(n, x8, y8, scratch, bytes);
    if (st != status::ok) return st;
    for (std::size_t j = 0; j < n.layers[n.depth - 1].units; ++j)
        out[j] = dequantize(y8[j], n.output);
    return status::ok;
}

}  // namespace anne::int8
