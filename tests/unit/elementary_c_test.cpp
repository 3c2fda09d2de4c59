// The elementary functions (include/anne/elementary.h, their one implementation) compiled as
// C99, as the exported C code uses them, against the same header compiled as C++17 behind the
// core's elementary.hpp: C and C++ give the same bits on every 1021st float, both signs, every
// exponent, NaN and the infinities (4.2 million arguments per function). It fails where the two
// languages read the code differently (integer promotions, conversions, literals' types).
#include <gtest/gtest.h>
#include <anne/elementary.hpp>

#include <cstdint>
#include <cstring>

#include "elementary_c.h"
#include "float_bits.hpp"

namespace {

using float_bits::bits;

namespace e = anne::elementary;

float (*const cpp[7])(float) = {e::exp, e::expm1, e::log, e::log1p, e::tanh, e::logistic, e::erf};
const char* const names[7] = {"exp", "expm1", "log", "log1p", "tanh", "logistic", "erf"};

TEST(ElementaryC, SameBitsAsTheCore) {
    for (int f = 0; f < 7; ++f) {
        unsigned long differ = 0;
        std::uint32_t first = 0;
        for (std::uint64_t u = 0; u <= 0xffffffffu; u += 1021) {
            float x;
            const std::uint32_t v = static_cast<std::uint32_t>(u);
            std::memcpy(&x, &v, sizeof x);
            if (bits(cpp[f](x)) != bits(anne_c_elementary[f](x)) && differ++ == 0) first = v;
        }
        EXPECT_EQ(differ, 0u) << names[f] << ": first at 0x" << std::hex << first;
    }
}

}  // namespace
