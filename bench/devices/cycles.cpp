// The cost of one inference on the devices: cycles on the RP2040 (rp2040js), emulated
// instructions on the Cortex-M0+ and M33 (QEMU, -icount). Side by side in one program, on the
// same model and inputs:
//
//   export_cpp   NAME::predict of `anne export --target cpp`, raw inputs (the standardization
//                included)
//   export_c     NAME_predict of `anne export --target c`, raw inputs
//   core         anne::predict over NAME::network, the core's generic path, standardized inputs
//   naive        IRIS-8 only: a naive C loop (../naive_iris8.hpp), standardized inputs, as the
//                peers (emlearn, AIfES) were measured
//
// Each is timed over batches of calls, the test inputs in turn, less the same loop calling an
// empty function; printed as `cycles: VARIANT TICKS CALLS UNITS_PER_TICK` for run.sh, which
// does the division (no 64-bit division from libgcc in here).
#include <cstdint>
#include <cstdio>

#include <anne/network.hpp>

#include "runtime.h"
#include ANNE_MODEL_HEADER
#include ANNE_MODEL_DATA
extern "C" {
#include ANNE_MODEL_C_HEADER
}
#ifdef ANNE_NAIVE_IRIS8
#include "naive_iris8.hpp"
#endif

namespace {

namespace data = ANNE_MODEL_DATA_NAMESPACE;
namespace model = ANNE_MODEL;

constexpr std::size_t inputs = model::inputs;
float standardized[data::samples][inputs];
float out[model::outputs];
float scratch[anne::predict_scratch_size(model::network)];

void core_predict(const float* x, float* y) {
    anne::predict(model::network, x, y, scratch, sizeof scratch / sizeof scratch[0]);
}

// The preprocessing, once, for the variants that take standardized inputs.
void preprocess() {
    for (std::size_t s = 0; s < data::samples; ++s)
        for (std::size_t i = 0; i < inputs; ++i) {
#ifdef ANNE_MODEL_STANDARDIZED
            standardized[s][i] = (data::inputs[s][i] - model::input_mean[i]) / model::input_std[i];
#else
            standardized[s][i] = data::inputs[s][i];
#endif
        }
}

__attribute__((noinline)) void nothing(const float*, float*) {}

// Ticks of `count` calls to f over the inputs x (samples, inputs), taken in turn.
std::uint32_t time_batch(void (*f)(const float*, float*), const float* x, std::uint32_t count) {
    std::size_t sample = 0;
    const std::uint32_t start = anne_mcu_ticks();
    for (std::uint32_t i = 0; i < count; ++i) {
        f(x + sample * inputs, out);
        if (++sample == data::samples) sample = 0;
    }
    return anne_mcu_ticks_between(start, anne_mcu_ticks());
}

// Batches of `batch` calls, as many as make about 2 million cycles or 20 batches.
void measure(const char* name, void (*f)(const float*, float*), const float* x) {
    const std::uint32_t batch = 20;
    const std::uint32_t one = time_batch(f, x, 1) * ANNE_MCU_INSTRUCTIONS_PER_TICK + 1;
    std::uint32_t batches = 1;
    while (batches < 20 && batches * batch * one < 2000000u) ++batches;
    std::uint32_t ticks = 0;
    for (std::uint32_t b = 0; b < batches; ++b)
        ticks += time_batch(f, x, batch) - time_batch(nothing, x, batch);
    std::printf("cycles: %s %lu %lu %lu\n", name, static_cast<unsigned long>(ticks),
                static_cast<unsigned long>(batches * batch),
                static_cast<unsigned long>(ANNE_MCU_INSTRUCTIONS_PER_TICK));
}

}  // namespace

int main() {
    anne_mcu_start_ticks();
    preprocess();
    measure("export_cpp", model::predict, &data::inputs[0][0]);
    measure("export_c", ANNE_MODEL_C_PREDICT, &data::inputs[0][0]);
    measure("core", core_predict, &standardized[0][0]);
#ifdef ANNE_NAIVE_IRIS8
    measure("naive", naive::iris8_standardized, &standardized[0][0]);
#endif
    return 0;
}
