// The integer division (anne_elementary_divide_integer in include/anne/elementary.h, which
// the Cortex-M0+ uses for anne::elementary::divide) against this machine's float division,
// which IEEE-754 requires to be correctly rounded: the same bits for 7 million pairs —
// any bit patterns, quotients near 1, overflowing and subnormal quotients (with exact ties),
// exact quotients and their neighbours, and every pair of special values (zeros, subnormals,
// infinities, NaN: for a NaN only that it is one, as its payload varies by processor).
#include <gtest/gtest.h>
#include <anne/elementary.hpp>

#include <cstdint>
#include "float_bits.hpp"

namespace {

using float_bits::bits;
using float_bits::from_bits;

struct xorshift {
    std::uint64_t s = 88172645463325252ull;
    std::uint32_t operator()() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return static_cast<std::uint32_t>(s);
    }
};

struct tally {
    unsigned long pairs = 0, differ = 0;
    std::uint32_t first_a = 0, first_b = 0;
    void check(std::uint32_t a, std::uint32_t b) {
        volatile float x = from_bits(a), y = from_bits(b);  // volatile: divided at run time
        const std::uint32_t hardware = bits(x / y);
        const std::uint32_t integer = bits(anne_elementary_divide_integer(x, y));
        const bool nan = (hardware & 0x7fffffffu) > 0x7f800000u;
        const bool same = nan ? (integer & 0x7fffffffu) > 0x7f800000u : hardware == integer;
        ++pairs;
        if (!same && differ++ == 0) first_a = a, first_b = b;
    }
};

constexpr int per_kind = 1000000;
constexpr std::uint32_t specials[] = {
    0x00000000u, 0x80000000u, 0x00000001u, 0x80000001u, 0x007fffffu, 0x00800000u, 0x00400000u,
    0x7f7fffffu, 0x7f800000u, 0xff800000u, 0x7fc00000u, 0xffc00001u, 0x7f800001u, 0x3f800000u,
    0xbf800000u, 0x40000000u, 0x3f7fffffu, 0x3f800001u, 0x33800000u, 0x40400000u, 0x4b800000u};

TEST(ElementaryDivide, SameBitsAsTheHardwareDivision) {
    xorshift r;
    tally t;
    for (int i = 0; i < per_kind; ++i) t.check(r(), r());  // any bits
    for (int i = 0; i < per_kind; ++i) {                   // quotients near 1
        const std::uint32_t a = r();
        t.check(a, (r() & 0x807fffffu) | ((((a >> 23) & 0xffu) ^ (r() & 0x3fu)) << 23));
    }
    for (int i = 0; i < per_kind; ++i)  // small dividends by large divisors: subnormal quotients
        t.check(r() & 0x80ffffffu, (r() & 0x807fffffu) | ((0x7eu + (r() & 0x7fu)) << 23));
    for (int i = 0; i < per_kind; ++i)  // halves of subnormals: exact ties, to even
        t.check(r() & 0x80ffffffu, ((0x7fu + r() % 30) << 23) | (r() & 0x80000000u) |
                                       ((r() & 1u) ? 0u : (r() & 0x7fffffu)));
    for (int i = 0; i < per_kind; ++i)  // by tiny divisors: overflow
        t.check(r(), (r() & 0x807fffffu) | ((r() % 30) << 23));
    for (int i = 0; i < per_kind / 3; ++i) {  // a = q b rounded, and its neighbours
        const float q = from_bits((r() & 0x80000fffu) | ((0x70u + (r() & 0x1fu)) << 23));
        const std::uint32_t b = (r() & 0x80000fffu) | ((0x70u + (r() & 0x1fu)) << 23);
        const std::uint32_t a = bits(q * from_bits(b));
        t.check(a, b), t.check(a + 1, b), t.check(a - 1, b);
    }
    for (std::uint32_t a : specials)
        for (std::uint32_t b : specials) t.check(a, b);
    for (int i = 0; i < per_kind / 42; ++i)
        for (std::uint32_t s : specials) t.check(r(), s), t.check(s, r());
    EXPECT_GT(t.pairs, 7000000u);
    EXPECT_EQ(t.differ, 0u) << "first: 0x" << std::hex << t.first_a << " / 0x" << t.first_b;
}

}  // namespace
