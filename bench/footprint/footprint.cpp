// Measures one exported model on the device (under QEMU with -icount): the stack one inference
// needs, and the emulated instructions inferences take. Prints `footprint: key value` lines
// for run.sh, which does the arithmetic (so that this program needs no 64-bit division from
// libgcc, which would blur the model's share of it). Flash and the model's static RAM come from
// the link map, not from here.
#include <cstdint>
#include <cstdio>

#include "runtime.h"
#include ANNE_MODEL_DATA

extern "C" void footprint_predict(const float* in, float* out);
extern "C" void footprint_nothing(const float* in, float* out);

namespace {

namespace data = ANNE_MODEL_DATA_NAMESPACE;

float out[sizeof data::outputs[0] / sizeof(std::uint32_t)];

// Ticks of `count` calls to f, the test inputs taken in turn. The batch must stay under one
// SysTick wrap (2^24 ticks), which the caller ensures.
std::uint32_t time_batch(void (*f)(const float*, float*), std::uint32_t count) {
    std::size_t sample = 0;
    const std::uint32_t start = anne_mcu_ticks();
    for (std::uint32_t i = 0; i < count; ++i) {
        f(data::inputs[sample], out);
        if (++sample == data::samples) sample = 0;
    }
    return anne_mcu_ticks_between(start, anne_mcu_ticks());
}

}  // namespace

int main() {
    // The stack: paint it, run one inference, see how deep it was written.
    const std::uintptr_t top = anne_mcu_stack_pointer();
    anne_mcu_paint_stack();
    footprint_predict(data::inputs[0], out);
    const std::size_t stack = anne_mcu_stack_used_below(top);

    // Instructions: batches of 100 inferences (far below a wrap of the 24-bit counter even for
    // the largest model here), about 40 million emulated instructions in all, and the same
    // loop calling a function that does nothing, whose cost run.sh takes off.
    anne_mcu_start_ticks();
    const std::uint32_t batch = 100;
    const std::uint32_t one = time_batch(footprint_predict, 1) + 1;
    std::uint32_t batches = 1;
    while (batches < 100 && batches * batch * one < 40000000u / ANNE_MCU_INSTRUCTIONS_PER_TICK)
        ++batches;
    std::uint32_t ticks = 0, empty = 0;
    for (std::uint32_t b = 0; b < batches; ++b) {
        ticks += time_batch(footprint_predict, batch);
        empty += time_batch(footprint_nothing, batch);
    }

    std::printf("footprint: stack %lu\n", static_cast<unsigned long>(stack));
    std::printf("footprint: inferences %lu\n", static_cast<unsigned long>(batches * batch));
    std::printf("footprint: ticks %lu\n", static_cast<unsigned long>(ticks));
    std::printf("footprint: empty_ticks %lu\n", static_cast<unsigned long>(empty));
    std::printf("footprint: instructions_per_tick %lu\n",
                static_cast<unsigned long>(ANNE_MCU_INSTRUCTIONS_PER_TICK));
    return 0;
}
