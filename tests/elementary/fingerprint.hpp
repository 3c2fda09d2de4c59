// A fingerprint of each elementary function (include/anne/elementary.hpp): FNV-1a (64 bits)
// over the bits of f(x) for every 65,537th float, 65,536 inputs of every sign and exponent.
// The host (fingerprint.cpp) and the Cortex-M programs (mcu/tests/elementary.cpp) print it;
// tests/mcu requires the same lines from both: the same bits on every target. std::sqrt, which
// the core keeps (Adam, Glorot initialization), is in the list too: IEEE-754 requires it
// correctly rounded, and this checks that newlib's software sqrtf on the Cortex-M0+ is. So is
// division: "divide" checks the core's integer division on the Cortex-M0+ against the host's.
#pragma once

#include <anne/elementary.hpp>

#include <cmath>
#include <cstdint>
#include <cstdio>

namespace elementary_fingerprint {

/// @brief x / d with the divisor's bits scrambled from x's (any sign, exponent, zero,
/// subnormal, infinity or NaN): anne::elementary::divide, the integer division on the
/// Cortex-M0+ and the hardware's on the host, over 65,536 pairs.
inline float divide_scrambled(float x) {
    std::uint32_t u;
    __builtin_memcpy(&u, &x, sizeof u);
    u *= 0x9e3779b1u;
    float d;
    __builtin_memcpy(&d, &u, sizeof d);
    return anne::elementary::divide(x, d);
}

struct function {
    const char* name;
    float (*f)(float);
};
inline constexpr function functions[] = {
    {"exp", anne::elementary::exp},   {"expm1", anne::elementary::expm1},
    {"log", anne::elementary::log},   {"log1p", anne::elementary::log1p},
    {"tanh", anne::elementary::tanh}, {"logistic", anne::elementary::logistic},
    {"erf", anne::elementary::erf},   {"sqrt", [](float x) { return std::sqrt(x); }},
    {"divide", divide_scrambled}};

inline std::uint64_t fingerprint(float (*f)(float)) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::uint64_t b = 0; b <= 0xffffffffull; b += 65537) {
        std::uint32_t u = static_cast<std::uint32_t>(b);
        float x;
        __builtin_memcpy(&x, &u, sizeof x);
        const float y = f(x);
        __builtin_memcpy(&u, &y, sizeof u);
        if ((u & 0x7fffffffu) > 0x7f800000u) u = 0x7fc00000u;  // NaN: its sign and payload vary
        for (int i = 0; i < 4; ++i) h = (h ^ ((u >> (8 * i)) & 0xffu)) * 0x100000001b3ull;
    }
    return h;
}

/// @brief "exp 0123456789abcdef": in two halves, as newlib's small printf has no %llx.
inline void print(const function& f) {
    const std::uint64_t h = fingerprint(f.f);
    std::printf("%s %08lx%08lx\n", f.name, static_cast<unsigned long>(h >> 32),
                static_cast<unsigned long>(h & 0xffffffffu));
}

}  // namespace elementary_fingerprint
