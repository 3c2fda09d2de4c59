// Initial weights from a seeded generator that gives the same numbers on every platform
// (std:: distributions do not: their algorithms are left to each library).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

#include "network.hpp"

namespace anne {

/// @brief PCG32 (O'Neill 2014, XSH-RR): 64-bit state, 32-bit outputs, fully specified.
class random {
public:
    explicit random(std::uint64_t seed) {
        next();
        state_ += seed;
        next();
    }
    std::uint32_t next() {
        const std::uint64_t old = state_;
        state_ = old * 6364136223846793005ull + 1442695040888963407ull;
        const std::uint32_t xorshifted = static_cast<std::uint32_t>(((old >> 18u) ^ old) >> 27u);
        const std::uint32_t rot = static_cast<std::uint32_t>(old >> 59u);
        return (xorshifted >> rot) | (xorshifted << ((32u - rot) & 31u));
    }
    /// @brief Uniform in [a, b): 24 random bits, exactly representable in float.
    float uniform(float a, float b) {
        const float u = static_cast<float>(next() >> 8) * (1.0f / 16777216.0f);
        return a + (b - a) * u;
    }
    /// @brief Uniform integer in [0, n), without modulo bias.
    std::uint32_t below(std::uint32_t n) {
        const std::uint32_t limit = -n % n;  // 2^32 mod n: reject the incomplete last stretch
        std::uint32_t r;
        do r = next();
        while (r < limit);
        return r % n;
    }

private:
    std::uint64_t state_ = 0;
};

/// @brief Keras's default: each kernel uniform in [-l, l], l = sqrt(6 / (fan_in + fan_out)),
/// every bias 0. params is (parameter_count(n)).
inline void glorot_uniform(const network& n, float* params, random& rng) {
    for (std::size_t k = 0; k < n.depth; ++k) {
        const std::size_t in = layer_inputs(n, k), units = n.layers[k].units;
        const float limit = std::sqrt(6.0f / static_cast<float>(in + units));
        float* w = params + layer_offset(n, k);
        for (std::size_t i = 0; i < in * units; ++i) w[i] = rng.uniform(-limit, limit);
        if (n.layers[k].use_bias)
            for (std::size_t j = 0; j < units; ++j) w[in * units + j] = 0.0f;
    }
}

/// @brief Every weight and bias uniform in [a, b), as the original AI-ANNE self-learning
/// example starts (a = -0.5, b = 0.5).
inline void uniform_init(const network& n, float* params, random& rng, float a, float b) {
    const std::size_t count = parameter_count(n);
    for (std::size_t i = 0; i < count; ++i) params[i] = rng.uniform(a, b);
}

}  // namespace anne
