// The core's elementary functions on the device: their fingerprints (tests/elementary/
// fingerprint.hpp), which tests/mcu compares with the host's, and what a call costs in
// emulated instructions, beside newlib's float functions (for divide: libgcc's float division;
// exact under -icount shift=0).
//
// The cost is the mean over 64 arguments spread over [-8, 8), where activations are
// evaluated (log and log1p: over (0, 8) and (-0.5, 8)).
#include <cmath>
#include <cstdint>
#include <cstdio>

#include "fingerprint.hpp"
#include "runtime.h"

namespace {

constexpr int arguments = 64;

float newlib_logistic(float x) { return 1.0f / (1.0f + std::exp(-x)); }

struct cost {
    const char* name;
    float (*own)(float);
    float (*newlib)(float);
    float from, to;
};
const cost costs[] = {
    {"exp", anne::elementary::exp, [](float x) { return std::exp(x); }, -8.0f, 8.0f},
    {"expm1", anne::elementary::expm1, [](float x) { return std::expm1(x); }, -8.0f, 8.0f},
    {"log", anne::elementary::log, [](float x) { return std::log(x); }, 0.01f, 8.0f},
    {"log1p", anne::elementary::log1p, [](float x) { return std::log1p(x); }, -0.5f, 8.0f},
    {"tanh", anne::elementary::tanh, [](float x) { return std::tanh(x); }, -8.0f, 8.0f},
    {"logistic", anne::elementary::logistic, newlib_logistic, -8.0f, 8.0f},
    {"erf", anne::elementary::erf, [](float x) { return std::erf(x); }, -8.0f, 8.0f},
    {"divide", [](float x) { return anne::elementary::divide(x, 2.7182817f); },
     [](float x) { return x / 2.7182817f; }, -8.0f, 8.0f}};

volatile float sink;

// Emulated instructions per call of f over the arguments (the loop's own cost subtracted).
unsigned long instructions(float (*f)(float), const float* x) {
    const auto run = [x](float (*g)(float)) {
        const std::uint32_t start = anne_mcu_ticks();
        for (int r = 0; r < 16; ++r)
            for (int i = 0; i < arguments; ++i) sink = g(x[i]);
        return anne_mcu_ticks_between(start, anne_mcu_ticks());
    };
    const std::uint32_t loop = run([](float v) { return v; });
    return (run(f) - loop) * ANNE_MCU_INSTRUCTIONS_PER_TICK / (16 * arguments);
}

}  // namespace

int main() {
    for (const auto& f : elementary_fingerprint::functions) elementary_fingerprint::print(f);
    anne_mcu_start_ticks();
    std::printf("# %s, instructions per call (own, newlib):\n", ANNE_MCU_CPU);
    for (const cost& c : costs) {
        float x[arguments];
        for (int i = 0; i < arguments; ++i)
            x[i] = c.from + (c.to - c.from) * static_cast<float>(i) / arguments;
        std::printf("# %-9s %6lu %6lu\n", c.name, instructions(c.own, x),
                    instructions(c.newlib, x));
    }
    return 0;
}
