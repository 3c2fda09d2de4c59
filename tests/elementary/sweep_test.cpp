// The core's elementary functions against the correctly rounded result (glibc's double where
// provably right, MPFR otherwise: tools/ulp_sweep/reference.hpp), on every 4099th float: at
// most 1 ulp off; and copies compiled with -O0, -O2, -O2 -march=native -ffp-contract=fast and
// -O2 -DANNE_ELEMENTARY_INTEGER_ONLY (the integer code alone, as on a Cortex-M: the PC's double
// shortcut must give its bits) give the same bits as this file's Release build. The exhaustive run
// over all 2^32 floats is tools/ulp_sweep (docs/elementary.md).
#include <gtest/gtest.h>
#include <anne/elementary.hpp>

#include <cmath>
#include <cstdint>
#include <vector>

#include "float_bits.hpp"
#include "reference.hpp"
#include "variant.hpp"

namespace {

using float_bits::bits;
using float_bits::from_bits;

namespace e = anne::elementary;
using anne::ulp::function;

// The Release build's copy, in anne::ulp::function's order.
float (*const release[])(float) = {e::exp,  e::expm1,    e::log, e::log1p,
                                   e::tanh, e::logistic, e::erf};

// 2^32 / 4099: about a million floats, every exponent and sign, in a few seconds.
constexpr std::uint64_t stride = 4099;

class Sweep : public testing::TestWithParam<function> {};

TEST_P(Sweep, WithinOneUlpOfCorrectlyRounded) {
    const function f = GetParam();
    std::uint64_t checked = 0, off = 0;
    for (std::uint64_t b = 0; b <= 0xffffffffull; b += stride) {
        const float x = from_bits(static_cast<std::uint32_t>(b));
        const float got = release[static_cast<int>(f)](x),
                    want = anne::ulp::correctly_rounded(f, x);
        const std::uint64_t d = anne::ulp::ulps(got, want);
        ++checked;
        off += d != 0;
        ASSERT_LE(d, 1u) << anne::ulp::name(f) << "(" << std::hexfloat << x << ") = " << got
                         << ", correctly rounded " << want;
    }
    // Correctly rounded for nearly all: a 1-ulp result needs the exact value within the
    // functions' error (about 2^-30 relative) of a midpoint between two floats.
    EXPECT_LT(off, checked / 100) << anne::ulp::name(f);
}

TEST_P(Sweep, SameBitsWhateverTheFlags) {
    const function f = GetParam();
    const int i = static_cast<int>(f);
    for (const elementary_test::variant* v :
         {&o0::functions(), &o2::functions(), &native::functions(), &integer::functions()}) {
        std::uint64_t differ = 0;
        for (std::uint64_t b = 0; b <= 0xffffffffull; b += stride) {
            const float x = from_bits(static_cast<std::uint32_t>(b));
            const std::uint32_t want = bits(release[i](x)), got = bits(v->f[i](x));
            if (got != want && differ++ == 0)
                ADD_FAILURE() << anne::ulp::name(f) << "(" << std::hexfloat << x
                              << ") compiled with " << v->flags << ": bits " << std::hex << got
                              << ", Release " << want;
        }
        EXPECT_EQ(differ, 0u) << v->flags;
    }
}

// logistic_each, the PC's vector code (two values at a time), gives the integer code's bits in
// either lane and in an odd tail: the sweep's floats in runs of 7, every other one taken from
// the far end of the sweep, so that the two lanes hold unlike values.
TEST(Elementary, LogisticEachGivesTheIntegerCodesBits) {
    std::vector<float> xs;
    for (std::uint64_t b = 0; b <= 0xffffffffull; b += stride)
        xs.push_back(from_bits(static_cast<std::uint32_t>(b)));
    float (*const integer_logistic)(float) =
        integer::functions().f[static_cast<int>(function::logistic)];
    const std::size_t n = xs.size();
    std::uint64_t differ = 0;
    for (std::size_t k = 0; k + 7 <= n; k += 7) {
        float x[7], v[7];
        for (std::size_t j = 0; j < 7; ++j) x[j] = v[j] = j % 2 ? xs[n - 1 - (k + j)] : xs[k + j];
        e::logistic_each(v, 7);
        for (std::size_t j = 0; j < 7; ++j)
            if (bits(v[j]) != bits(integer_logistic(x[j])) && differ++ == 0)
                ADD_FAILURE() << "logistic_each, lane " << j % 2 << ": logistic(" << std::hexfloat
                              << x[j] << ") = " << v[j] << ", integer code "
                              << integer_logistic(x[j]);
    }
    EXPECT_EQ(differ, 0u);
}

INSTANTIATE_TEST_SUITE_P(Elementary, Sweep,
                         testing::Values(function::exp, function::expm1, function::log,
                                         function::log1p, function::tanh, function::logistic,
                                         function::erf),
                         [](const testing::TestParamInfo<function>& p) {
                             return std::string(anne::ulp::name(p.param));
                         });

// Special values, as C's functions have them, and the saturation the activations rely on.
TEST(Elementary, SpecialValues) {
    const float inf = INFINITY;
    EXPECT_EQ(e::exp(0.0f), 1.0f);
    EXPECT_EQ(e::exp(inf), inf);
    EXPECT_EQ(e::exp(-inf), 0.0f);
    EXPECT_EQ(e::exp(100.0f), inf);
    EXPECT_EQ(e::exp(-200.0f), 0.0f);
    EXPECT_EQ(e::expm1(-inf), -1.0f);
    EXPECT_EQ(e::expm1(-0.0f), 0.0f);
    EXPECT_TRUE(std::signbit(e::expm1(-0.0f)));
    EXPECT_EQ(e::log(1.0f), 0.0f);
    EXPECT_EQ(e::log(0.0f), -inf);
    EXPECT_EQ(e::log(inf), inf);
    EXPECT_TRUE(std::isnan(e::log(-1.0f)));
    EXPECT_EQ(e::log1p(-1.0f), -inf);
    EXPECT_TRUE(std::isnan(e::log1p(-2.0f)));
    EXPECT_EQ(e::tanh(inf), 1.0f);
    EXPECT_EQ(e::tanh(-1000.0f), -1.0f);
    EXPECT_EQ(e::logistic(-1000.0f), 0.0f);
    EXPECT_EQ(e::logistic(1000.0f), 1.0f);
    EXPECT_EQ(e::logistic(0.0f), 0.5f);
    EXPECT_EQ(e::erf(-inf), -1.0f);
    for (float (*f)(float) : release) EXPECT_TRUE(std::isnan(f(NAN)));
}

}  // namespace
