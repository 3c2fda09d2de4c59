// int8 models on the device: each int8 model (`anne quantize`) exported to C++ (--target cpp)
// and to C (--target c) runs its self-test cases: quantize then predict_int8 must give the
// int8 bits the host computed (the model file's exact self-test, written into the export),
// and predict, the float interface (raw floats in, float outputs out), their dequantized
// values, bit for bit. Then it times one inference (float in, float out) of the C++ and the C
// int8 code and of the same model's float network, in the runtime's ticks (RP2040 cycles
// under rp2040js, emulated instructions under QEMU with -icount).
//
// Then the C++ and the C export of each model must agree on many more inputs (cross_check).
// ANNE_CHECK_PLATFORM names what this runs on. Prints one line per model and language;
// returns non-zero if any output differs.
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "int8/digits_float.hpp"
#include "int8/digits_int8.hpp"
#include "int8/digits_int8c.h"
#include "int8/iris8_float.hpp"
#include "int8/iris8_int8.hpp"
#include "int8/iris8_int8c.h"
#include "int8/mix_float.hpp"
#include "int8/mix_int8.hpp"
#include "int8/mix_int8c.h"
#include "runtime.h"

namespace {

// IRIS-8's C++ export is the compact form (quantized.hpp), the others the plain one: both are
// checked here.
static_assert(iris8_int8::network.depth == 4, "IRIS-8 is exported in the compact form");

struct int8_case {
    const char* name;
    std::size_t inputs, outputs, cases;
    const float* test_inputs;         // (cases, inputs)
    const std::int8_t* test_outputs;  // (cases, outputs)
    anne::int8::quantization output;
    void (*quantize)(const float*, std::int8_t*);
    void (*predict_int8)(const std::int8_t*, std::int8_t*);
    void (*predict)(const float*, float*);
    void (*float_predict)(const float*, float*);
};

// Ticks per call of f over the test inputs in turn, less the same loop's overhead.
unsigned long ticks_per_inference(const int8_case& c, void (*f)(const float*, float*)) {
    constexpr unsigned rounds = 256;
    float out[16];
    const std::uint32_t start = anne_mcu_ticks();
    for (unsigned r = 0; r < rounds; ++r) f(c.test_inputs + (r % c.cases) * c.inputs, out);
    const std::uint32_t end = anne_mcu_ticks();
    // Under QEMU a tick is ANNE_MCU_INSTRUCTIONS_PER_TICK emulated instructions.
    return anne_mcu_ticks_between(start, end) * ANNE_MCU_INSTRUCTIONS_PER_TICK / rounds;
}

bool check(const int8_case& c) {
    unsigned long differ = 0;
    std::int8_t x8[64], y8[16];
    float out[16];
    for (std::size_t k = 0; k < c.cases; ++k) {
        const float* raw = c.test_inputs + k * c.inputs;
        c.quantize(raw, x8);
        c.predict_int8(x8, y8);
        c.predict(raw, out);
        for (std::size_t j = 0; j < c.outputs; ++j) {
            const std::int8_t want = c.test_outputs[k * c.outputs + j];
            const float want_float = anne::int8::dequantize(want, c.output);
            if (y8[j] != want || std::memcmp(&out[j], &want_float, sizeof want_float) != 0) {
                ++differ;
                std::printf("  %s case %lu output %lu: %d (%.9g), host %d (%.9g)  <- FAIL\n",
                            c.name, static_cast<unsigned long>(k), static_cast<unsigned long>(j),
                            y8[j], static_cast<double>(out[j]), want,
                            static_cast<double>(want_float));
            }
        }
    }
    const unsigned long int8_ticks = ticks_per_inference(c, c.predict);
    const unsigned long float_ticks = ticks_per_inference(c, c.float_predict);
    std::printf(
        "%s: %lu cases, %lu int8 outputs differ; %s per inference (float in and out): "
        "int8 %lu, float %lu\n",
        c.name, static_cast<unsigned long>(c.cases), differ, ANNE_MCU_TICK_UNIT, int8_ticks,
        float_ticks);
    return differ == 0;
}

// The C++ and the C export of one model are two implementations of the same integers (the
// C++ one of IRIS-8 in the core's compact form, the C one in the plain form): they must agree
// on every input, not only on the self-test's. 1,024 int8 input vectors and raw float vectors
// (64 for a model of more than 16 inputs, to keep the emulators' time short)
// (an LCG: its bytes as int8; as floats, the self-test inputs scaled by 1 + (r - 0.5) / 2 and
// now and then a NaN, an infinity or a zero). Returns the number of vectors that differ.
unsigned long cross_check(const int8_case& cpp, const int8_case& c) {
    unsigned long differ = 0;
    std::uint32_t r = 2463534242u;
    const auto next = [&r] { return r = r * 1664525u + 1013904223u; };
    std::int8_t x8[64], y_cpp[16], y_c[16];
    float raw[64];
    const unsigned vectors = cpp.inputs > 16 ? 64 : 1024;
    for (unsigned k = 0; k < vectors; ++k) {
        for (std::size_t i = 0; i < cpp.inputs; ++i) x8[i] = static_cast<std::int8_t>(next() >> 24);
        cpp.predict_int8(x8, y_cpp);
        c.predict_int8(x8, y_c);
        const float* base = cpp.test_inputs + (k % cpp.cases) * cpp.inputs;
        for (std::size_t i = 0; i < cpp.inputs; ++i) {
            const std::uint32_t u = next();
            const float special[4] = {__builtin_nanf(""), __builtin_inff(), -__builtin_inff(),
                                      0.0f};
            raw[i] =
                (u & 0xf0u) == 0
                    ? special[u & 3u]
                    : base[i] * (1.0f + (static_cast<float>(u >> 8) / 16777216.0f - 0.5f) / 2.0f);
        }
        std::int8_t q_cpp[64], q_c[64];
        cpp.quantize(raw, q_cpp);
        c.quantize(raw, q_c);
        if (std::memcmp(y_cpp, y_c, cpp.outputs) != 0 || std::memcmp(q_cpp, q_c, cpp.inputs) != 0)
            ++differ;
    }
    std::printf("%s and %s: %lu of %u int8 vectors and raw vectors differ\n", cpp.name, c.name,
                differ, vectors);
    return differ;
}

}  // namespace

int main() {
    anne_mcu_start_ticks();
    const int8_case cases[] = {
        {"IRIS-8 int8 (C++)", iris8_int8::inputs, iris8_int8::outputs, iris8_int8::test_cases,
         &iris8_int8::test_inputs[0][0], &iris8_int8::test_outputs[0][0],
         iris8_int8::output_quantization, iris8_int8::quantize, iris8_int8::predict_int8,
         iris8_int8::predict, iris8_float::predict},
        {"IRIS-8 int8 (C)",
         IRIS8_INT8C_INPUTS,
         IRIS8_INT8C_OUTPUTS,
         IRIS8_INT8C_TEST_CASES,
         &iris8_int8c_test_inputs[0][0],
         &iris8_int8c_test_outputs[0][0],
         {IRIS8_INT8C_OUTPUT_SCALE, IRIS8_INT8C_OUTPUT_ZERO_POINT},
         iris8_int8c_quantize,
         iris8_int8c_predict_int8,
         iris8_int8c_predict,
         iris8_float::predict},
        {"digits 64-32-10 int8 (C++)", digits_int8::inputs, digits_int8::outputs,
         digits_int8::test_cases, &digits_int8::test_inputs[0][0], &digits_int8::test_outputs[0][0],
         digits_int8::output_quantization, digits_int8::quantize, digits_int8::predict_int8,
         digits_int8::predict, digits_float::predict},
        {"digits 64-32-10 int8 (C)",
         DIGITS_INT8C_INPUTS,
         DIGITS_INT8C_OUTPUTS,
         DIGITS_INT8C_TEST_CASES,
         &digits_int8c_test_inputs[0][0],
         &digits_int8c_test_outputs[0][0],
         {DIGITS_INT8C_OUTPUT_SCALE, DIGITS_INT8C_OUTPUT_ZERO_POINT},
         digits_int8c_quantize,
         digits_int8c_predict_int8,
         digits_int8c_predict,
         digits_float::predict},
        {"4-6-2-3 tanh relu6 softmax int8 (C++)", mix_int8::inputs, mix_int8::outputs,
         mix_int8::test_cases, &mix_int8::test_inputs[0][0], &mix_int8::test_outputs[0][0],
         mix_int8::output_quantization, mix_int8::quantize, mix_int8::predict_int8,
         mix_int8::predict, mix_float::predict},
        {"4-6-2-3 tanh relu6 softmax int8 (C)",
         MIX_INT8C_INPUTS,
         MIX_INT8C_OUTPUTS,
         MIX_INT8C_TEST_CASES,
         &mix_int8c_test_inputs[0][0],
         &mix_int8c_test_outputs[0][0],
         {MIX_INT8C_OUTPUT_SCALE, MIX_INT8C_OUTPUT_ZERO_POINT},
         mix_int8c_quantize,
         mix_int8c_predict_int8,
         mix_int8c_predict,
         mix_float::predict},
    };
    bool ok = true;
    for (const int8_case& c : cases) ok = check(c) && ok;
    for (std::size_t k = 0; k + 1 < sizeof cases / sizeof cases[0]; k += 2)
        ok = cross_check(cases[k], cases[k + 1]) == 0 && ok;
    std::printf("%s: int8 outputs %s\n", ANNE_CHECK_PLATFORM,
                ok ? "bit-identical with the host" : "DIFFER from the host  <- FAIL");
    return ok ? 0 : 1;
}
