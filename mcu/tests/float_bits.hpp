// Floats as their bit patterns, for comparing a board's results with the host's: the exact
// bits, and the distance between two floats in units in the last place (ulps).
#pragma once

#include <cstdint>
#include <cstring>

namespace float_bits {

inline std::uint32_t bits(float v) {
    std::uint32_t b;
    std::memcpy(&b, &v, sizeof b);
    return b;
}

inline float from_bits(std::uint32_t b) {
    float v;
    std::memcpy(&v, &b, sizeof v);
    return v;
}

/// Floats in the order of their bit patterns, so that neighbours differ by 1. +0 and -0 are
/// both 0.
inline std::int64_t ordered(std::uint32_t b) {
    const std::int64_t magnitude = b & 0x7FFFFFFFu;
    return (b & 0x80000000u) ? -magnitude : magnitude;
}

/// The distance in ulps between the floats with bits a and b.
inline unsigned long ulps(std::uint32_t a, std::uint32_t b) {
    const std::int64_t d = ordered(a) - ordered(b);
    return static_cast<unsigned long>(d < 0 ? -d : d);
}

}  // namespace float_bits
