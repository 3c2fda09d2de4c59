// Training on the device: the self-learning example of the original AI-ANNE (selflearning.hpp,
// FACTS.md §2) trained on a Cortex-M board from static buffers only, and compared with the
// same run on the host (selflearning_data, written by anne_mcu_generate with the same code):
//
//   - the initial weights: anne::random and uniform_init are integer and exact float
//     arithmetic, so they must be bit-identical with the host's;
//   - every epoch's mean loss and the trained weights: the same float operations in the same
//     order, except sigmoid's expf, whose last bit newlib may round differently from the
//     host's libm (check_libm.cpp measures by how much); such a difference travels on through
//     the later steps. Printed: how many epochs' losses and weights are identical, and the
//     largest weight difference, which must stay below 1e-4 (last-bit differences stay far
//     below that; a wrong operation does not);
//   - the accuracy on the 20 rows it trained on: must be at least 90 %.
//
// It also prints the training memory (the parameters, the arena, the deepest stack of the
// training loop) and the emulated instructions per training step, which are exact when QEMU
// runs with `-icount shift=0,sleep=off` (tests/mcu/CMakeLists.txt does).
#include <cstdint>
#include <cstdio>

#include <anne/basics.hpp>

#include "float_bits.hpp"
#include "runtime.h"
#include "selflearning.hpp"
#include "selflearning_data.hpp"

namespace {

using namespace float_bits;

constexpr float weight_tolerance = 1e-4f;

// All training memory is static: the parameters, the arena the core splits into gradients,
// every layer's z and y and the dL/dz buffers, and the standardized inputs.
float params[selflearning::parameters];
float arena[selflearning::arena_floats];
float x[selflearning_data::samples][selflearning::inputs];

const anne::sink out{
    [](void*, const char* text, std::size_t n) { std::fwrite(text, 1, n, stdout); }, nullptr};

unsigned long identical(const float* v, const std::uint32_t* host, std::size_t n) {
    unsigned long same = 0;
    for (std::size_t i = 0; i < n; ++i) same += bits(v[i]) == host[i];
    return same;
}

}  // namespace

int main() {
    constexpr std::size_t samples = selflearning_data::samples;
    constexpr std::size_t steps = selflearning::epochs * samples;
    std::printf(
        "%s: training 4 -> 3 (relu) -> 1 (sigmoid), binary cross-entropy, SGD lr 0.05, "
        "%lu epochs x %lu samples\n",
        ANNE_MCU_CPU, static_cast<unsigned long>(selflearning::epochs),
        static_cast<unsigned long>(samples));

    selflearning::standardize(&selflearning_data::raw[0][0], selflearning_data::mean,
                              selflearning_data::stddev, &x[0][0], samples);
    selflearning::initialize(params);
    const unsigned long same_start =
        identical(params, selflearning_data::initial, selflearning::parameters);

    anne::training_buffers b{};
    if (anne::make_training_buffers(selflearning::network_over(params), selflearning::sgd, arena,
                                    selflearning::arena_floats, b) != anne::status::ok) {
        std::printf("the arena is too small  <- FAIL\n");
        return 1;
    }

    // Paint the stack, train, and time it: the epochs run back to back between two readings
    // of SysTick (about 45 million instructions on the Cortex-M0+, 1.1 million ticks: far
    // below one wrap of its 24-bit counter), or of the RP2040's 32-bit cycle counter.
    float losses[selflearning::epochs];
    const std::uintptr_t top = anne_mcu_stack_pointer();
    anne_mcu_paint_stack();
    anne_mcu_start_ticks();
    const std::uint32_t start = anne_mcu_ticks();
    for (std::size_t e = 0; e < selflearning::epochs; ++e)
        losses[e] =
            selflearning::train_epoch(params, b, &x[0][0], selflearning_data::labels, samples);
    const std::uint32_t ticks = anne_mcu_ticks_between(start, anne_mcu_ticks());
    const std::size_t stack = anne_mcu_stack_used_below(top);

    std::printf(
        "  memory: parameters %lu bytes, training arena %lu bytes (%lu floats), stack %lu "
        "bytes\n",
        static_cast<unsigned long>(sizeof params), static_cast<unsigned long>(sizeof arena),
        static_cast<unsigned long>(selflearning::arena_floats), static_cast<unsigned long>(stack));
    std::printf("  %s: %lu per training step (%lu steps; exact in the emulator)\n",
                ANNE_MCU_TICK_UNIT,
                static_cast<unsigned long>(ticks * ANNE_MCU_INSTRUCTIONS_PER_TICK / steps),
                static_cast<unsigned long>(steps));

    // Against the host.
    std::size_t same_losses = 0;
    while (same_losses < selflearning::epochs &&
           bits(losses[same_losses]) == selflearning_data::losses[same_losses])
        ++same_losses;
    float largest = 0.0f;
    unsigned long largest_ulps = 0;
    for (std::size_t i = 0; i < selflearning::parameters; ++i) {
        const float host = from_bits(selflearning_data::trained[i]);
        const float d = params[i] > host ? params[i] - host : host - params[i];
        if (d > largest) largest = d;
        const unsigned long u = ulps(bits(params[i]), selflearning_data::trained[i]);
        if (u > largest_ulps) largest_ulps = u;
    }
    const unsigned long same_end =
        identical(params, selflearning_data::trained, selflearning::parameters);
    const std::size_t right =
        selflearning::correct(params, &x[0][0], selflearning_data::labels, samples);

    const bool start_ok = same_start == selflearning::parameters;
    const bool weights_ok = largest <= weight_tolerance;
    const bool accuracy_ok = 10 * right >= 9 * samples;
    std::printf("  initial weights: %lu of %lu bit-identical with the host's%s\n", same_start,
                static_cast<unsigned long>(selflearning::parameters), start_ok ? "" : "  <- FAIL");
    std::printf(
        "  mean loss per epoch: the first %lu of %lu epochs bit-identical with the host's; "
        "last epoch ",
        static_cast<unsigned long>(same_losses), static_cast<unsigned long>(selflearning::epochs));
    anne::print(out, losses[selflearning::epochs - 1], 6);
    std::printf(", host ");
    anne::print(out, from_bits(selflearning_data::losses[selflearning::epochs - 1]), 6);
    std::printf(
        "\n  trained weights: %lu of %lu bit-identical with the host's, largest difference ",
        same_end, static_cast<unsigned long>(selflearning::parameters));
    anne::print(out, largest, 9);
    std::printf(" (%lu ulp)%s\n", largest_ulps, weights_ok ? "" : "  <- FAIL");
    std::printf("  accuracy on the %lu rows: %lu correct = %lu %% (host: %lu correct)%s\n",
                static_cast<unsigned long>(samples), static_cast<unsigned long>(right),
                static_cast<unsigned long>(100 * right / samples),
                static_cast<unsigned long>(selflearning_data::correct),
                accuracy_ok ? "" : "  <- FAIL");
    const bool pass = start_ok && weights_ok && accuracy_ok;
    std::printf("%s: on-device training %s\n", ANNE_MCU_CPU, pass ? "PASS" : "FAIL");
    return pass ? 0 : 1;
}
