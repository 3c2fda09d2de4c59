// The core's integer arithmetic (include/anne/fixedpoint.hpp, quantized.hpp) on small golden
// arrays worked out by hand in the comments, as TensorFlow Lite Micro's kernel tests do:
// every expected value follows from real = scale * (q - zero_point) and the rounding rules.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

#include <anne/quantized.hpp>

#include "export/int8.hpp"

namespace {

using namespace anne;
using fixedpoint::int32_max;
using fixedpoint::int32_min;

TEST(FixedPoint, SaturatingRoundingDoublingHighMul) {
    const auto f = fixedpoint::saturating_rounding_doubling_high_mul;
    EXPECT_EQ(f(1 << 30, 1 << 30), 1 << 29);        // 0.5 * 0.5 = 0.25 in Q0.31
    EXPECT_EQ(f(1 << 30, -(1 << 30)), -(1 << 29));  // 0.5 * -0.5
    // a * b / 2^31 = 2^30 / 2^31 = 0.5: a tie, rounds up to 1; -0.5 rounds up to 0 (toward
    // +infinity, gemmlowp's nudge), 1.5 -> 2, -1.5 -> -1.
    EXPECT_EQ(f(1, 1 << 30), 1);
    EXPECT_EQ(f(-1, 1 << 30), 0);
    EXPECT_EQ(f(3, 1 << 30), 2);
    EXPECT_EQ(f(-3, 1 << 30), -1);
    // 0.6 and -0.6 are no ties: 3 * 0.4 * 2^31 ... -> nearest. 1717986918 = round(0.8 * 2^31):
    // 1 * 0.8 = 0.8 -> 1, -1 * 0.8 -> -1.
    EXPECT_EQ(f(1, 1717986918), 1);
    EXPECT_EQ(f(-1, 1717986918), -1);
    EXPECT_EQ(f(int32_min, int32_min), int32_max);   // (-1) * (-1) = 1 does not fit: saturates
    EXPECT_EQ(f(int32_min, int32_max), -int32_max);  // -1 * (1 - 2^-31)
}

TEST(FixedPoint, RoundingDivideByPowerOfTwoRoundsTiesAwayFromZero) {
    const auto f = fixedpoint::rounding_divide_by_pot;
    EXPECT_EQ(f(5, 1), 3);    //  2.5  -> 3
    EXPECT_EQ(f(-5, 1), -3);  // -2.5  -> -3
    EXPECT_EQ(f(6, 2), 2);    //  1.5  -> 2
    EXPECT_EQ(f(-6, 2), -2);  // -1.5  -> -2
    EXPECT_EQ(f(7, 2), 2);    //  1.75 -> 2
    EXPECT_EQ(f(-7, 2), -2);  // -1.75 -> -2
    EXPECT_EQ(f(5, 2), 1);    //  1.25 -> 1
    EXPECT_EQ(f(-5, 2), -1);  // -1.25 -> -1
    EXPECT_EQ(f(-42, 0), -42);
    EXPECT_EQ(f(int32_min, 31), -1);  // -1.0
    EXPECT_EQ(f(int32_max, 31), 1);   //  0.99999... -> 1
    EXPECT_EQ(f(1 << 29, 31), 0);     //  0.25 -> 0
}

TEST(FixedPoint, MultiplyByQuantizedMultiplierWithPositiveAndNegativeShifts) {
    const auto f = fixedpoint::multiply_by_quantized_multiplier;
    const std::int32_t three_quarters = 3 << 29;  // 0.75 in Q0.31
    EXPECT_EQ(f(1000, three_quarters, 0), 750);
    // shift -2: 1000 * 0.75 / 4 = 187.5 -> 188 (high mul gives exactly 750, then 750 / 4 rounds
    // half away from zero); -1000 -> -188.
    EXPECT_EQ(f(1000, three_quarters, -2), 188);
    EXPECT_EQ(f(-1000, three_quarters, -2), -188);
    // The two rounding steps: 1001 * 0.75 = 750.75 -> 751 first, then 751 / 4 = 187.75 -> 188.
    EXPECT_EQ(f(1001, three_quarters, -2), 188);
    // shift +2: 100 * 0.5 * 4 = 200 (the shift is applied to x before the multiply).
    EXPECT_EQ(f(100, 1 << 30, 2), 200);
    EXPECT_EQ(f(12345, 0, 0), 0);  // a zero multiplier
}

TEST(FixedPoint, QuantizeMultiplierIsFrexpRoundedToQ31) {
    const auto f = fixedpoint::quantize_multiplier;
    EXPECT_EQ(f(0.75).multiplier, 1610612736);  // 0.75 * 2^31
    EXPECT_EQ(f(0.75).shift, 0);
    EXPECT_EQ(f(1.0).multiplier, 1 << 30);  // 1 = 0.5 * 2^1
    EXPECT_EQ(f(1.0).shift, 1);
    // 0.1 = 0.8 * 2^-3; 0.8 * 2^31 = 1717986918.4 -> 1717986918.
    EXPECT_EQ(f(0.1).multiplier, 1717986918);
    EXPECT_EQ(f(0.1).shift, -3);
    // 1 - 2^-40 = q * 2^0 with q * 2^31 = 2^31 - 2^-9, which rounds to 2^31: becomes 2^30, 2^1.
    EXPECT_EQ(f(1.0 - std::ldexp(1.0, -40)).multiplier, 1 << 30);
    EXPECT_EQ(f(1.0 - std::ldexp(1.0, -40)).shift, 1);
    EXPECT_EQ(f(0.0).multiplier, 0);
    EXPECT_EQ(f(1e-10).multiplier, 0);  // 1e-10 < 2^-32: flushed to 0
    EXPECT_EQ(f(1e-10).shift, 0);
}

TEST(Int8, QuantizeAndDequantize) {
    const int8::quantization q{0.5f, -10};      // real = 0.5 * (q + 10)
    EXPECT_EQ(int8::quantize(1.25f, q), -7);    // 2.5 steps, a tie: -10 + 3
    EXPECT_EQ(int8::quantize(-1.25f, q), -13);  // -2.5 -> -3
    EXPECT_EQ(int8::quantize(0.0f, q), -10);    // 0.0 is exact: the zero point
    EXPECT_EQ(int8::quantize(100.0f, q), 127);  // -10 + 200 saturates
    EXPECT_EQ(int8::quantize(-100.0f, q), -128);
    EXPECT_EQ(int8::quantize(INFINITY, q), 127);
    EXPECT_EQ(int8::quantize(NAN, q), -10);
    EXPECT_EQ(int8::dequantize(-7, q), 1.5f);
    EXPECT_EQ(int8::dequantize(-128, q), -59.0f);
}

TEST(Int8, RequantizeAndTheReluClamp) {
    const std::int32_t three_quarters = 3 << 29;
    EXPECT_EQ(int8::requantize(1000, three_quarters, -3, -3, -128, 127), 91);  // 93.75 -> 94, -3
    EXPECT_EQ(int8::requantize(1000, three_quarters, 0, -3, -128, 127), 127);  // 747 saturates
    EXPECT_EQ(int8::requantize(-100, three_quarters, 0, -3, -128, 127), -78);  // -75 - 3
    // relu: the clamp starts at the q of 0.0 (here the zero point -3): -78 -> -3
    EXPECT_EQ(int8::requantize(-100, three_quarters, 0, -3, -3, 127), -3);
}

TEST(Int8, DenseLayerByHand) {
    // 2 inputs -> 2 units. Input zero point -1: x = {3, -5} stands for x - zp = {4, -4}.
    // acc_0 = 100 + 4 * 10 + (-4) * 5  = 120;  acc_1 = -50 + 4 * (-20) + (-4) * 7 = -158.
    // Unit 0: * 0.5 = 60, + zero point 2 -> 62. Unit 1: * 0.25 = -39.5 -> -40 (a tie, away
    // from zero), + 2 -> -38; with relu (clamp from the zero point 2): 2.
    const std::int8_t kernel[] = {10, -20, 5, 7};  // (inputs, units)
    const std::int32_t bias[] = {100, -50};
    const std::int32_t multiplier[] = {1 << 30, 1 << 30};
    const std::int8_t shift[] = {0, -1};
    int8::layer l{};
    l.units = 2;
    l.kind = int8::activation_kind::clamp;
    l.kernel = kernel;
    l.bias = bias;
    l.multiplier = multiplier;
    l.shift = shift;
    l.input_zero_point = -1;
    l.sums_zero_point = 2;
    l.lo = -128;
    l.hi = 127;
    const std::int8_t x[] = {3, -5};
    std::int32_t acc[2];
    std::int8_t s[2], y[2];
    int8::dense_forward(l, 2, x, acc, s, y);
    EXPECT_EQ(acc[0], 120);
    EXPECT_EQ(acc[1], -158);
    EXPECT_EQ(y[0], 62);
    EXPECT_EQ(y[1], -38);
    l.lo = 2;
    int8::dense_forward(l, 2, x, acc, s, y);
    EXPECT_EQ(y[1], 2);
    // A layer whose weights and biases are all zero outputs its zero point (real 0.0).
    const std::int8_t zeros[4] = {};
    const std::int32_t no_bias[2] = {};
    l.kernel = zeros;
    l.bias = no_bias;
    int8::dense_forward(l, 2, x, acc, s, y);
    EXPECT_EQ(y[0], 2);
    EXPECT_EQ(y[1], 2);
}

// Input scale 1/16 (zero point 0): q = 16 is 1.0. TensorFlow Lite Micro's Prepare gives
// multiplier 2^30, left shift 24 (1/16 * 2^27 = 2^23 = 0.5 * 2^24) and radius
// floor(15 * 2^27 / 2^24) = 120: |q| >= 120 (7.5) saturates.
int8::squash_params sixteenths() {
    int8::squash_params p{};
    EXPECT_TRUE(int8::prepare_squash({1.0f / 16.0f, 0}, p));
    return p;
}

TEST(Int8, SigmoidOnGoldenValues) {
    const int8::squash_params p = sixteenths();
    EXPECT_EQ(p.multiplier, 1 << 30);
    EXPECT_EQ(p.left_shift, 24);
    EXPECT_EQ(p.radius, 120);
    // q -> z = q / 16 -> sigmoid(z) -> round(256 * sigmoid(z)) - 128:
    const std::int8_t x[] = {0, 16, -16, 8, 48, 119, 120, -120};
    const std::int8_t want[] = {
        0,     // 0.5          -> 128  - 128
        59,    // 0.7310586    -> 187.15 -> 187 - 128
        -59,   // 0.2689414    -> 68.85  -> 69  - 128
        31,    // sigmoid(0.5) = 0.6224593 -> 159.35 -> 159 - 128
        116,   // sigmoid(3)   = 0.9525741 -> 243.86 -> 244 - 128
        127,   // sigmoid(7.4375) = 0.99941 -> 255.85 -> 256 - 128 = 128, clamped to 127
        127,   // at the radius: saturated
        -128,  // at minus the radius: saturated
    };
    for (std::size_t i = 0; i < sizeof x; ++i)
        EXPECT_EQ(int8::sigmoid(x[i], p), want[i]) << "q = " << int(x[i]);
}

TEST(Int8, TanhOnGoldenValues) {
    const int8::squash_params p = sixteenths();
    // q -> z = q / 16 -> round(128 * tanh(z)), clamped to 127:
    const std::int8_t x[] = {0, 8, -8, 16, -16, 48};
    const std::int8_t want[] = {
        0,    // tanh(0) = 0
        59,   // tanh(0.5) = 0.4621172 -> 59.15
        -59,  //
        97,   // tanh(1) = 0.7615942 -> 97.48
        -97,  //
        127,  // tanh(3) = 0.9950548 -> 127.37 -> 127
    };
    for (std::size_t i = 0; i < sizeof x; ++i)
        EXPECT_EQ(int8::tanh(x[i], p), want[i]) << "q = " << int(x[i]);
}

TEST(Int8, SoftmaxOnGoldenValues) {
    int8::softmax_params p{};
    // Input scale 1/16: real multiplier 1/16 * 2^26 = 2^22 = 0.5 * 2^23 -> 2^30, shift 23;
    // diff_min = -floor(31 * 2^26 / 2^23) = -248.
    ASSERT_TRUE(int8::prepare_softmax({1.0f / 16.0f, 0}, p));
    EXPECT_EQ(p.multiplier, 1 << 30);
    EXPECT_EQ(p.left_shift, 23);
    EXPECT_EQ(p.diff_min, -248);
    std::int8_t y[4];
    // {1.0, 0.0}: e / (e + 1) = 0.7310586 -> 187.15 -> 187 - 128 = 59; 0.2689414 -> 69 - 128.
    const std::int8_t two[] = {16, 0};
    int8::softmax(two, y, 2, p);
    EXPECT_EQ(y[0], 59);
    EXPECT_EQ(y[1], -59);
    // Four equal values: 1/4 each -> 64 - 128 = -64.
    const std::int8_t four[] = {-5, -5, -5, -5};
    int8::softmax(four, y, 4, p);
    for (int c = 0; c < 4; ++c) EXPECT_EQ(y[c], -64);
    // {127, -128} differ by 255 > 248: the small one is exactly 0 (-128), the large one
    // 1.0 -> 256 - 128 = 128, clamped to 127.
    const std::int8_t far[] = {127, -128};
    int8::softmax(far, y, 2, p);
    EXPECT_EQ(y[0], 127);
    EXPECT_EQ(y[1], -128);
}

TEST(Int8, QuantizeInputFoldsStandardizationAndScale) {
    // Standardize with mean 5, std 2, then input scale 0.25, zero point 3:
    // q = 3 + (raw - 5) / (2 * 0.25) = 2 raw - 7, i.e. a = 2 (2^30 * 2^(2 - 31)), b = -7.
    const int8::input_affine a{1 << 30, 2, -7LL * (1 << 24)};
    EXPECT_EQ(int8::quantize_input(7.0f, a), 7);
    EXPECT_EQ(int8::quantize_input(5.25f, a), 4);   // 3.5, a tie: away from zero
    EXPECT_EQ(int8::quantize_input(1.75f, a), -4);  // -3.5 -> -4
    EXPECT_EQ(int8::quantize_input(4.2f, a), 1);    // 1.4 (4.2f is 4.19999981)
    EXPECT_EQ(int8::quantize_input(0.0f, a), -7);
    EXPECT_EQ(int8::quantize_input(-3.0f, a), -13);
    EXPECT_EQ(int8::quantize_input(100.0f, a), 127);  // 193 saturates
    EXPECT_EQ(int8::quantize_input(-1e30f, a), -128);
    EXPECT_EQ(int8::quantize_input(INFINITY, a), 127);
    EXPECT_EQ(int8::quantize_input(-INFINITY, a), -128);
    EXPECT_EQ(int8::quantize_input(NAN, a), -7);     // NaN counts as 0
    EXPECT_EQ(int8::quantize_input(1e-40f, a), -7);  // a subnormal counts as 0
    EXPECT_EQ(int8::quantize_input(1e-20f, a), -7);  // too small to move the offset
}

// quantize_input as first written, with 64-bit products and shifts: the reference for the
// word-wise form the core has (rounded_product_shift).
std::int8_t quantize_input_64(float raw, const int8::input_affine& a) {
    std::uint32_t bits;
    std::memcpy(&bits, &raw, sizeof bits);
    const int exponent = static_cast<int>((bits >> 23) & 0xffu);
    const bool negative = (bits >> 31) != 0;
    std::int64_t v = a.offset;
    if (exponent == 255 && !(bits & 0x7fffffu)) return negative ? -128 : 127;
    if (exponent != 0 && exponent != 255) {
        const std::uint64_t product = static_cast<std::uint64_t>((bits & 0x7fffffu) | 0x800000u) *
                                      static_cast<std::uint32_t>(a.multiplier);
        const int right = 157 - exponent - a.shift;
        if (right <= 0) return negative ? -128 : 127;
        if (right < 63) {
            const auto t = static_cast<std::int64_t>((product + (1ULL << (right - 1))) >> right);
            v += negative ? -t : t;
        }
    }
    const std::int64_t r = v >= 0 ? (v + (1 << 23)) >> 24 : -((-v + (1 << 23)) >> 24);
    return static_cast<std::int8_t>(r < -128 ? -128 : (r > 127 ? 127 : r));
}

TEST(Int8, QuantizeInputOnWordsIsTheSixtyFourBitForm) {
    // By hand: 2^23 * 2^30 / 2^22 = 2^31 (right 22: bits from both words); + 2^21 rounds
    // (2^23 + 1) * 2^30 / 2^31 = 2^22 + 0.5 up.
    EXPECT_EQ(int8::rounded_product_shift(1u << 23, 1u << 30, 22), 1ULL << 31);
    EXPECT_EQ(int8::rounded_product_shift((1u << 23) + 1, 1u << 30, 31), (1ULL << 22) + 1);
    EXPECT_EQ(int8::rounded_product_shift(0xffffffu, 0x7fffffffu, 1),
              (0xffffffULL * 0x7fffffffULL + 1) >> 1);
    EXPECT_EQ(int8::rounded_product_shift(0xffffffu, 0x7fffffffu, 55), 1u);
    // IRIS-8's four input maps, the unit test's, and extreme shifts, over every 4093rd float
    // and every 61st float of the exponents raw data has (2^-7 .. 2^9).
    const int8::input_affine maps[] = {
        {1193168777, 7, -7538731846LL}, {1188386137, 8, -6893198784LL},
        {1915925265, 6, -4766873671LL}, {1861892542, 7, -3187640763LL},
        {1 << 30, 2, -7LL * (1 << 24)}, {int32_max, 30, 0},
        {1 << 30, -40, 5LL << 23}};
    for (const int8::input_affine& a : maps) {
        for (std::uint64_t b = 0; b < (1ULL << 32); b += 4093) {
            const std::uint32_t bits = static_cast<std::uint32_t>(b);
            float raw;
            std::memcpy(&raw, &bits, sizeof raw);
            ASSERT_EQ(int8::quantize_input(raw, a), quantize_input_64(raw, a)) << raw;
        }
        for (std::uint32_t bits = 120u << 23; bits < (137u << 23); bits += 61) {
            for (const std::uint32_t sign : {0u, 0x80000000u}) {
                const std::uint32_t u = bits | sign;
                float raw;
                std::memcpy(&raw, &u, sizeof raw);
                ASSERT_EQ(int8::quantize_input(raw, a), quantize_input_64(raw, a)) << raw;
            }
        }
    }
}

// The Cortex-M0+ forms the int8 export uses against the core's reference forms, over every
// value they are used for: they must give the same bits, not nearly the same.

TEST(FixedPoint, HighMulOfSmallIsTheHighMulForSmallSums) {
    // By hand: -3 * (2^30 + 1) / 2^31 = -1.5000000014 -> -2; 1000 * 0.75 = 750 (no rounding).
    EXPECT_EQ(fixedpoint::high_mul_of_small(-3, (1 << 30) + 1), -2);
    EXPECT_EQ(fixedpoint::high_mul_of_small(1000, 1610612736), 750);
    // Ties: 1 * 2^30 / 2^31 = 0.5 -> 1 (toward +inf), -1 * 2^30 -> -0.5 -> 0; with a low half
    // of 1 they are just past the tie: 0.5000000005 -> 1 and -0.5000000005 -> -1.
    EXPECT_EQ(fixedpoint::high_mul_of_small(-1, (1 << 30) + 1), -1);
    EXPECT_EQ(fixedpoint::high_mul_of_small(1, (1 << 30) + 1), 1);
    // Every |a| < 2^16 against the 64-bit form, for multipliers at the ends of their range
    // (low half 1 and 0xffff, high half 2^14 and 2^15 - 1) and IRIS-8's.
    const std::int32_t multipliers[] = {(1 << 30) + 1, 0x4000ffff, 0x7fff0001, int32_max,
                                        1515870810,    2023067772, 1348903032, 2143024662};
    for (const std::int32_t b : multipliers)
        for (std::int32_t a = -65535; a <= 65535; ++a)
            ASSERT_EQ(fixedpoint::high_mul_of_small(a, b),
                      fixedpoint::saturating_rounding_doubling_high_mul(a, b))
                << a << " * " << b;
}

TEST(Int8, DenseUnitsSmallIsDenseUnits) {
    // Two inputs at zero point 5 into two units (shifts -3 and 0), over every pair of inputs:
    // folded bias = bias - 5 * column sum = {100 - 5 * (127 - 128), -7 - 5 * (-90 + 33)}.
    const std::int8_t kernel[] = {127, -90, -128, 33};
    const std::int32_t bias[] = {100, -7}, folded[] = {105, 278};
    const std::int32_t multiplier[] = {1395864371, 1073741825};
    const std::int8_t shift[] = {-3, 0};
    for (int x0 = -128; x0 <= 127; ++x0)
        for (int x1 = -128; x1 <= 127; ++x1) {
            const std::int8_t x[] = {static_cast<std::int8_t>(x0), static_cast<std::int8_t>(x1)};
            std::int8_t want[2], got[2];
            int8::dense_units(x, 2, 2, kernel, bias, multiplier, shift, 5, -20, -128, 127, want);
            int8::dense_units_small(x, 2, 2, kernel, folded, multiplier, shift, -20, -128, 127,
                                    got);
            ASSERT_EQ(got[0], want[0]) << x0 << ", " << x1;
            ASSERT_EQ(got[1], want[1]) << x0 << ", " << x1;
        }
}

TEST(Int8, DequantizeOnBitsIsTheFloatMultiply) {
    // By hand: scale 1/256 is 2^23 * 2^(119 - 150); q = -72 at zero point -128 is 56 steps:
    // 56 * 2^23 = 1.75 * 2^28, five bits too many, exponent 119 + 5: 1.75 * 2^-3 = 0.21875.
    EXPECT_EQ(int8::dequantize_on_bits(-72, -128, {1u << 23, 119}), 0.21875f);
    // Every q and zero point against scale * (q - zero_point) in float, bit for bit, for the
    // fixed scales, IRIS-8's, the ends of the exponent range and 2000 significands (an LCG).
    std::vector<float> scales = {1.0f / 256, 1.0f / 128, 0.0213204f, 0.019557886f, 1e-37f,
                                 1e30f,      3.0f,       0.1f,       0.0124195255f};
    std::uint32_t r = 12345;
    for (int k = 0; k < 2000; ++k) {
        r = r * 1664525u + 1013904223u;
        const std::uint32_t bits = (r & 0x7fffffu) | ((100u + (r >> 27)) << 23);
        float f;
        std::memcpy(&f, &bits, sizeof f);
        scales.push_back(f);
    }
    for (const float scale : scales) {
        std::uint32_t u;
        std::memcpy(&u, &scale, sizeof u);
        const int8::float_scale bits{(u & 0x7fffffu) | 0x800000u, u >> 23};
        for (const std::int32_t zero_point : {-128, -63, 0, 5, 127})
            for (int q = -128; q <= 127; ++q) {
                const float want =
                    int8::dequantize(static_cast<std::int8_t>(q), {scale, zero_point});
                const float got =
                    int8::dequantize_on_bits(static_cast<std::int8_t>(q), zero_point, bits);
                ASSERT_EQ(std::memcmp(&got, &want, sizeof got), 0)
                    << scale << " * (" << q << " - " << zero_point << "): " << got << ", " << want;
            }
    }
}

// The compact form of exported code (quantized.hpp) against the core's reference forms.

// A float's key as input_window orders them (the documented transform).
std::int32_t key_of(float f) {
    std::uint32_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    return static_cast<std::int32_t>(bits >> 31 ? bits ^ 0x7fffffffu : bits);
}

TEST(Int8, QuantizeInputWindowIsQuantizeInput) {
    // By hand: a = 2^30 * 2^(1 - 31) = 1, b = 0: q = round(raw), ties away from zero, so the
    // last float giving -128 is -127.5 and the first giving 127 is 126.5; right = 157 - 1.
    // raw * a is rounded to Q24 first: 0.5 - 2^-25 becomes 0.5 and then 1, 0.5 - 2^-24 gives 0.
    int8::input_window w{};
    ASSERT_TRUE(export_detail::input_window_of({1 << 30, 1, 0}, w));
    EXPECT_EQ(w.below, key_of(-127.5f));
    EXPECT_EQ(w.above, key_of(126.5f));
    EXPECT_EQ(w.right, 156);
    const float nan = std::nanf("");
    const float raws[] = {2.5f,   -2.5f, 0.5f,       -0.5f,    0.49999997f, 0.49999994f,
                          1e-30f, -0.0f, 126.49999f, 126.5f,   -127.49999f, -127.5f,
                          1e30f,  nan,   INFINITY,   -INFINITY};
    static_assert(sizeof raws / sizeof raws[0] == 16, "one expected q per raw");
    const int want[] = {3, -3, 1, -1, 1, 0, 0, 0, 126, 127, -127, -128, 127, 0, 127, -128};
    for (std::size_t i = 0; i < sizeof want / sizeof want[0]; ++i)
        EXPECT_EQ(int8::quantize_input_window(raws[i], w), want[i]) << raws[i];
    // The input maps of QuantizeInputOnWordsIsTheSixtyFourBitForm over every 4093rd float and
    // every float within 2^16 of either end of the window.
    const int8::input_affine maps[] = {
        {1193168777, 7, -7538731846LL}, {1188386137, 8, -6893198784LL},
        {1915925265, 6, -4766873671LL}, {1861892542, 7, -3187640763LL},
        {1 << 30, 2, -7LL * (1 << 24)}, {int32_max, 30, 0},
        {1 << 30, -40, 5LL << 23}};
    const auto same = [](std::uint32_t bits, const int8::input_affine& a,
                         const int8::input_window& v) {
        float raw;
        std::memcpy(&raw, &bits, sizeof raw);
        return int8::quantize_input_window(raw, v) == int8::quantize_input(raw, a);
    };
    for (const int8::input_affine& a : maps) {
        ASSERT_TRUE(export_detail::input_window_of(a, w));
        for (std::uint64_t b = 0; b < (1ULL << 32); b += 4093)
            ASSERT_TRUE(same(static_cast<std::uint32_t>(b), a, w)) << b;
        for (const std::int32_t end : {w.below, w.above})
            for (std::int64_t k = end - (1 << 16); k <= end + (1 << 16); ++k) {
                const auto key = static_cast<std::uint32_t>(k);
                ASSERT_TRUE(same(key >> 31 ? key ^ 0x7fffffffu : key, a, w)) << k;
            }
    }
}

TEST(Int8, CompactActivationByHand) {
    // 2-bit steps 1, 0, 2, 0, 1 (0x121, the lowest first) on base -5 from q = 10:
    // q = 13 -> -5 + 1 + 0 + 2 = -2; q = 15 -> -5 + 1 + 0 + 2 + 0 + 1 = -1.
    const std::uint32_t steps[] = {0x121u};
    const std::int8_t base[] = {-5};
    const int8::compact_layer l{steps, base, 1, 0, 10, 15, -9, 9, 4};
    EXPECT_EQ(int8::activate_compact(13, l), -2);
    EXPECT_EQ(int8::activate_compact(15, l), -1);
    EXPECT_EQ(int8::activate_compact(9, l), -9);
    EXPECT_EQ(int8::activate_compact(16, l), 9);
    // Without steps: the clamp to [first, last] (relu6 from q = -20 to q = 100).
    const int8::compact_layer clamp{nullptr, nullptr, 1, 0, -20, 100, -20, 100, 0};
    EXPECT_EQ(int8::activate_compact(-300, clamp), -20);
    EXPECT_EQ(int8::activate_compact(42, clamp), 42);
    EXPECT_EQ(int8::activate_compact(101, clamp), 100);
}

TEST(Int8, CompactTablesAreTheKernels) {
    // sigmoid and tanh over input scales from flat to steep (steps of 2 and 4 bits): the
    // exporter's steps give the kernel's value for every q.
    int widths[2] = {0, 0};  // tables of 2-bit and of 4-bit steps
    for (const int8::activation_kind kind :
         {int8::activation_kind::sigmoid, int8::activation_kind::tanh})
        for (const float scale : {0.0195579f, 0.130692f, 0.02f, 0.05f, 0.08f})
            for (const std::int32_t zero_point : {-63, 5, 0}) {
                int8::layer l{};
                l.kind = kind;
                ASSERT_TRUE(int8::prepare_squash({scale, zero_point}, l.squash));
                const export_detail::int8_lookup t = export_detail::make_trimmed_table(l);
                export_detail::int8_steps st;
                if (!export_detail::table_steps(t, st)) continue;  // steps beyond 15
                ++widths[st.group_log2 == 4 ? 0 : 1];
                const int8::compact_layer c{st.words.data(),
                                            st.base.data(),
                                            1,
                                            0,
                                            static_cast<std::int8_t>(t.first),
                                            static_cast<std::int8_t>(t.last),
                                            t.below(),
                                            t.above(),
                                            st.group_log2};
                for (int q = -128; q <= 127; ++q)
                    ASSERT_EQ(int8::activate_compact(q, c), t.full[q + 128])
                        << scale << ", " << zero_point << ", q = " << q;
            }
    EXPECT_GT(widths[0], 0);
    EXPECT_GT(widths[1], 0);
}

TEST(Int8, PredictCompactIsDenseUnitsSmall) {
    // DenseUnitsSmallIsDenseUnits's layer (kernel transposed to W[unit][input], -shift), then a
    // one-unit relu layer (zero point -128) on its outputs, over every pair of inputs.
    const std::int8_t kernel[] = {127, -90, -128, 33}, weights[] = {127, -128, -90, 33, 3, -2};
    const std::int32_t folded[] = {105, 278}, multiplier[] = {1395864371, 1073741825};
    const std::int8_t shift[] = {-3, 0};
    const std::int32_t folded2[] = {-700}, multiplier2[] = {1500000001};
    const std::int8_t kernel2[] = {3, -2}, shift2[] = {-2};
    const int8::compact_unit units[] = {
        {1395864371, 105, 3, 0}, {1073741825, 278, 0, 0}, {1500000001, -700, 2, 0}};
    const int8::compact_layer layers[] = {{nullptr, nullptr, 2, -20, -128, 127, -128, 127, 0},
                                          {nullptr, nullptr, 1, -128, -128, 127, -128, 127, 0}};
    const int8::compact_network n{layers, units, weights, 2, 2, 2};
    for (int x0 = -128; x0 <= 127; ++x0)
        for (int x1 = -128; x1 <= 127; ++x1) {
            const std::int8_t x[] = {static_cast<std::int8_t>(x0), static_cast<std::int8_t>(x1)};
            std::int8_t a[2], want[1], got[1], scratch[4];
            int8::dense_units_small(x, 2, 2, kernel, folded, multiplier, shift, -20, -128, 127, a);
            int8::dense_units_small(a, 2, 1, kernel2, folded2, multiplier2, shift2, -128, -128, 127,
                                    want);
            int8::predict_compact(n, x, got, scratch);
            ASSERT_EQ(got[0], want[0]) << x0 << ", " << x1;
        }
}

}  // namespace
