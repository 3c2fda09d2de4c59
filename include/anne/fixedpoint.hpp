// Fixed-point arithmetic for int8 networks, as TensorFlow Lite (Micro) computes it.
//
// An int8 network never multiplies by a real number. Where float code would compute
// `y = x * 0.0123`, integer code stores the real multiplier as a 32-bit integer m and a
// power of two, `0.0123 = m * 2^(shift - 31)` with m in [2^30, 2^31), and computes
//
//     y = round(x * m / 2^31) rounded again by 2^-shift.
//
// TensorFlow Lite does exactly this in two rounding steps (its default "double rounding"):
// `saturating_rounding_doubling_high_mul` (the upper 32 bits of 2 x m, rounded) and then
// `rounding_divide_by_pot` (a right shift that rounds half away from zero). Both are here with
// the arithmetic they do; every int8 kernel of quantized.hpp is built from them. The names are
// gemmlowp's (Google's low-precision GEMM library, which TensorFlow Lite's kernels use).
//
// A fixed-point number with I integer bits is an int32 `raw` that means raw / 2^(31 - I):
// with I = 0 it is in [-1, 1) (Q0.31), with I = 4 in [-16, 16) (Q4.27). The transcendental
// functions below (exp on negative values, 1 / (1 + x), logistic, tanh) are gemmlowp's
// polynomial and Newton-Raphson evaluations, so that sigmoid, tanh and softmax of an int8
// network give TensorFlow Lite Micro's bits.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace anne::fixedpoint {

constexpr std::int32_t int32_min = std::numeric_limits<std::int32_t>::min();
constexpr std::int32_t int32_max = std::numeric_limits<std::int32_t>::max();

// ---------------------------------------------------------------------------------------------
// Requantization: multiplying an int32 by a real number stored as (multiplier, shift).

/// @brief round(a * b / 2^31), i.e. the high half of the doubled 64-bit product, rounded to
/// nearest with ties toward +infinity (0.5 -> 1, -0.5 -> 0: the nudge is 2^30 for positive
/// products, 1 - 2^30 for negative ones, then a division that truncates toward zero); the one
/// product that overflows (-2^31 * -2^31) saturates to 2^31 - 1.
/// Read a and b as Q0.31 numbers in [-1, 1): the result is their product in Q0.31.
/// Example: a = 2^30 (0.5), b = 2^30 (0.5) -> 2^29 (0.25).
inline std::int32_t saturating_rounding_doubling_high_mul(std::int32_t a, std::int32_t b) {
    if (a == int32_min && b == int32_min) return int32_max;
    const std::int64_t ab = static_cast<std::int64_t>(a) * b;
    // +2^30 or 1 - 2^30 before a division by 2^31 that truncates toward zero.
    const std::int64_t nudge = ab >= 0 ? (1LL << 30) : (1 - (1LL << 30));
    return static_cast<std::int32_t>((ab + nudge) / (1LL << 31));
}

/// @brief x / 2^exponent rounded to nearest, ties away from zero (exponent in [0, 31]).
/// An arithmetic shift floors; the remainder decides whether to add one.
/// Examples: 5 / 2 = 2.5 -> 3, -5 / 2 = -2.5 -> -3, 7 / 4 = 1.75 -> 2, -6 / 4 = -1.5 -> -2.
inline std::int32_t rounding_divide_by_pot(std::int32_t x, int exponent) {
    const std::int32_t mask = static_cast<std::int32_t>((1LL << exponent) - 1);
    const std::int32_t remainder = x & mask;
    // Ties of negative numbers round down (away from zero): the threshold is one higher.
    const std::int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/// @brief x * 2^exponent for a fixed exponent: rounding for exponent < 0, saturating to the
/// int32 range for exponent > 0 (gemmlowp's SaturatingRoundingMultiplyByPOT).
inline std::int32_t saturating_rounding_multiply_by_pot(std::int32_t x, int exponent) {
    if (exponent < 0) return rounding_divide_by_pot(x, -exponent);
    if (exponent == 0) return x;
    const std::int32_t threshold = static_cast<std::int32_t>((1LL << (31 - exponent)) - 1);
    if (x > threshold) return int32_max;
    if (x < -threshold) return int32_min;
    return static_cast<std::int32_t>(static_cast<std::uint32_t>(x) << exponent);
}

/// @brief x * real, where real = multiplier * 2^(shift - 31) (see quantize_multiplier):
/// a left shift for shift > 0, the rounded high multiply, then a rounding right shift for
/// shift < 0. TensorFlow Lite's MultiplyByQuantizedMultiplier (default, double rounding).
/// Example: x = 1000, real = 0.75 (multiplier 3 * 2^29, shift 0) -> 750.
inline std::int32_t multiply_by_quantized_multiplier(std::int32_t x, std::int32_t multiplier,
                                                     int shift) {
    const int left = shift > 0 ? shift : 0;
    const int right = shift > 0 ? 0 : -shift;
    const std::int32_t shifted = static_cast<std::int32_t>(static_cast<std::uint32_t>(x) << left);
    return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(shifted, multiplier),
                                  right);
}

/// @brief saturating_rounding_doubling_high_mul(a, b) from two 32-bit products, for a chip
/// without a 32x32 -> 64-bit multiply (the Cortex-M0+): the same result when |a| < 2^16 and
/// b > 0 with a nonzero low half (b & 0xffff), as every requantization multiplier but a few.
/// With u = |a|, s = 1 for a < 0 (the nudge 1 - 2^30) and b = bh * 2^16 + bl:
///     |result| = floor((u * b + 2^30 - s) / 2^31)
///              = floor(((u * bh + 2^14) * 2^16 + (u * bl - s)) / 2^31)
///              = (u * bh + 2^14 + ((u * bl - s) >> 16)) >> 15,
/// every term below 2^32 (u * bl - s >= 0 because u >= 1 when s = 1, and bl >= 1).
/// Example: a = -3, b = 2^30 + 1 (just over 0.5): -1.5000000014 -> -2, as the 64-bit form.
inline std::int32_t high_mul_of_small(std::int32_t a, std::int32_t b) {
    const std::uint32_t s = a < 0 ? 1u : 0u;
    const std::uint32_t u = s ? 0u - static_cast<std::uint32_t>(a) : static_cast<std::uint32_t>(a);
    const std::uint32_t bh = static_cast<std::uint32_t>(b) >> 16, bl = b & 0xffffu;
    const std::uint32_t h = (u * bh + (1u << 14) + ((u * bl - s) >> 16)) >> 15;
    return s ? -static_cast<std::int32_t>(h) : static_cast<std::int32_t>(h);
}

/// @brief A real multiplier as TensorFlow Lite stores it: real = multiplier * 2^(shift - 31),
/// multiplier in [2^30, 2^31) (or 0 for real = 0).
struct quantized_multiplier {
    std::int32_t multiplier;
    int shift;
};

/// @brief Splits a real number (>= 0) into (multiplier, shift): real = q * 2^shift with q in
/// [0.5, 1) (frexp), multiplier = round(q * 2^31). A q that rounds up to 1.0 becomes 0.5 with
/// shift + 1; multipliers below 2^-31 flush to 0 (every product would shift out anyway).
/// TensorFlow Lite's QuantizeMultiplier. Example: 0.75 -> (3 * 2^29 = 1610612736, 0).
inline quantized_multiplier quantize_multiplier(double real) {
    if (real == 0.0) return {0, 0};
    int shift = 0;
    const double q = std::frexp(real, &shift);
    std::int64_t fixed = static_cast<std::int64_t>(std::round(q * (1LL << 31)));
    if (fixed == (1LL << 31)) {
        fixed /= 2;
        ++shift;
    }
    if (shift < -31) return {0, 0};
    return {static_cast<std::int32_t>(fixed), shift};
}

// ---------------------------------------------------------------------------------------------
// Fixed-point numbers with I integer bits (raw / 2^(31 - I)) and the functions TensorFlow
// Lite's sigmoid, tanh and softmax kernels evaluate on them (gemmlowp's fixedpoint.h).
// `a * b` of fixed-point numbers is saturating_rounding_doubling_high_mul of their raws, with
// integer bits adding up; `+` and `-` are plain integer additions of the raws.

/// @brief (a + b) / 2 rounded half away from zero, without overflow.
inline std::int32_t rounding_half_sum(std::int32_t a, std::int32_t b) {
    const std::int64_t sum = static_cast<std::int64_t>(a) + b;
    return static_cast<std::int32_t>((sum + (sum >= 0 ? 1 : -1)) / 2);
}

/// @brief e^a for a in [-1/4, 0), a and result in Q0.31: the Taylor polynomial of degree 4
/// around -1/8, e^a = e^-1/8 (1 + x + x^2/2 + x^3/6 + x^4/24) with x = a + 1/8.
inline std::int32_t exp_on_interval_between_negative_one_quarter_and_0_excl(std::int32_t a) {
    const auto mul = saturating_rounding_doubling_high_mul;
    const std::int32_t exp_minus_one_eighth = 1895147668;  // e^(-1/8) in Q0.31
    const std::int32_t one_third = 715827883;              // 1/3 in Q0.31
    const std::int32_t x = a + (1 << 28);                  // + 1/8
    const std::int32_t x2 = mul(x, x);
    const std::int32_t x3 = mul(x2, x);
    const std::int32_t x4 = mul(x2, x2);
    const std::int32_t x4_over_4 = saturating_rounding_multiply_by_pot(x4, -2);
    const std::int32_t x4_over_24_plus_x3_over_6_plus_x2_over_2 =
        saturating_rounding_multiply_by_pot(mul(x4_over_4 + x3, one_third) + x2, -1);
    return exp_minus_one_eighth +
           mul(exp_minus_one_eighth, x + x4_over_24_plus_x3_over_6_plus_x2_over_2);
}

/// @brief e^a for a <= 0, a with `integer_bits` integer bits, the result in Q0.31.
/// a = (a mod 1/4 - 1/4) - r: the first part by the polynomial above, then e^-r from r's bits,
/// one multiplication by e^(-2^k) per bit k set (a "barrel shifter" of constants).
inline std::int32_t exp_on_negative_values(std::int32_t a, int integer_bits) {
    const int fractional_bits = 31 - integer_bits;
    const std::int32_t one_quarter = 1 << (fractional_bits - 2);
    const std::int32_t a_mod_quarter_minus_one_quarter = (a & (one_quarter - 1)) - one_quarter;
    // Rescaled to Q0.31 (saturating, though the value is in [-1/4, 0)).
    std::int32_t result = exp_on_interval_between_negative_one_quarter_and_0_excl(
        saturating_rounding_multiply_by_pot(a_mod_quarter_minus_one_quarter, integer_bits));
    const std::int32_t remainder = a_mod_quarter_minus_one_quarter - a;  // >= 0
    // e^(-2^k) in Q0.31 for k = -2 .. 4 (the bits of the remainder from 1/4 up to 16).
    constexpr std::int32_t exp_of_minus_power_of_two[] = {
        1672461947, 1302514674, 790015084, 290630308, 39332535, 720401, 242};
    for (int k = -2; k <= 4; ++k) {
        if (integer_bits <= k) break;
        if (remainder & (1 << (fractional_bits + k)))
            result =
                saturating_rounding_doubling_high_mul(result, exp_of_minus_power_of_two[k + 2]);
    }
    // Below -32 the result is 0 (only reachable with more than 5 integer bits).
    if (integer_bits > 5 && a < -(1 << (36 - integer_bits))) result = 0;
    return a == 0 ? int32_max : result;
}

/// @brief Three Newton-Raphson steps for x = 1 / d with d = (1 + a) / 2 in [1/2, 1), from the
/// start 48/17 - 32/17 d; x in Q2.29. Shared by 1 / (1 + a) and (1 - a) / (1 + a).
inline std::int32_t newton_reciprocal_of_half_denominator(std::int32_t half_denominator) {
    const auto mul = saturating_rounding_doubling_high_mul;
    const std::int32_t constant_48_over_17 = 1515870810;       // Q2.29
    const std::int32_t constant_neg_32_over_17 = -1010580540;  // Q2.29
    const std::int32_t one_q2 = 1 << 29;
    std::int32_t x = constant_48_over_17 + mul(half_denominator, constant_neg_32_over_17);
    for (int i = 0; i < 3; ++i) {
        const std::int32_t one_minus_half_denominator_times_x = one_q2 - mul(half_denominator, x);
        // x * (1 - d x) has 4 integer bits; back to 2 with a saturating doubling.
        x = x + saturating_rounding_multiply_by_pot(mul(x, one_minus_half_denominator_times_x), 2);
    }
    return x;
}

/// @brief 1 / (1 + a) for a in [0, 1), a and the result in Q0.31.
inline std::int32_t one_over_one_plus_x_for_x_in_0_1(std::int32_t a) {
    const std::int32_t x = newton_reciprocal_of_half_denominator(rounding_half_sum(a, int32_max));
    // x (Q2.29) is 2 / (1 + a); halved by reading it as Q1.30, then rescaled to Q0.31.
    return saturating_rounding_multiply_by_pot(x, 1);
}

/// @brief (1 - a) / (1 + a) for a in [0, 1), a and the result in Q0.31.
inline std::int32_t one_minus_x_over_one_plus_x_for_x_in_0_1(std::int32_t a) {
    const std::int32_t x = newton_reciprocal_of_half_denominator(rounding_half_sum(a, int32_max));
    // 2 / (1 + a) - 1 = (1 - a) / (1 + a), rescaled from Q2.29 to Q0.31.
    return saturating_rounding_multiply_by_pot(x - (1 << 29), 2);
}

/// @brief logistic(a) = 1 / (1 + e^-a), a with `integer_bits` integer bits, result in Q0.31.
/// Computed for |a| and mirrored: logistic(-a) = 1 - logistic(a); logistic(0) = 1/2 exactly.
inline std::int32_t logistic(std::int32_t a, int integer_bits) {
    if (a == 0) return 1 << 30;
    const std::int32_t abs_a = a > 0 ? a : -a;
    const std::int32_t positive =
        one_over_one_plus_x_for_x_in_0_1(exp_on_negative_values(-abs_a, integer_bits));
    return a > 0 ? positive : int32_max - positive;
}

/// @brief tanh(a), a with `integer_bits` integer bits, result in Q0.31:
/// tanh(|a|) = (1 - e^(-2|a|)) / (1 + e^(-2|a|)), the sign restored; tanh(0) = 0.
inline std::int32_t tanh(std::int32_t a, int integer_bits) {
    if (a == 0) return 0;
    const std::int32_t negative_abs = a < 0 ? a : -a;
    // -2|a| is the same raw read with one more integer bit.
    const std::int32_t t = one_minus_x_over_one_plus_x_for_x_in_0_1(
        exp_on_negative_values(negative_abs, integer_bits + 1));
    return a < 0 ? -t : t;
}

/// @brief The largest |input - zero_point| whose rescaled value (input * multiplier *
/// 2^(left_shift - 31)) still fits in `integer_bits` integer bits; beyond it the sigmoid,
/// tanh and softmax kernels saturate. TensorFlow Lite's CalculateInputRadius.
inline std::int32_t input_radius(int integer_bits, int left_shift) {
    const double max_rescaled = 1.0 * ((1 << integer_bits) - 1) *
                                static_cast<double>(1LL << (31 - integer_bits)) /
                                static_cast<double>(1LL << left_shift);
    return static_cast<std::int32_t>(std::floor(max_rescaled));
}

}  // namespace anne::fixedpoint
