// IRIS-8 on a Raspberry Pi Pico (RP2040) or Pico 2 (RP2350), over USB serial.
//
// Type the four measurements of a flower in cm — sepal length, sepal width, petal length,
// petal width — and Enter; the Pico answers with the class and its probability:
//
//     > 6.3 3.4 5.6 2.4
//     virginica (p = 0.9763)
//
// Start the line with "explain" to see every number the network computes on the way, as the
// papers write it (include/anne/trace.hpp):
//
//     > explain 6.8 2.8 4.8 1.4
//     x1 = (6.8 - 6.262) / 0.6595 = 0.8158
//     ...
//     layer 1: 4 inputs -> 2 neurons, relu(z) = max(0, z)
//       z1 = 0.8158*(-0.7532) + (-0.2175)*(-0.4638) + ... + 0.5341 = -1.0281
//       y1 = relu(z) = max(0, z) = 0
//     ...
//     versicolor (p = 0.7802)
//
// The network is iris8.hpp, made by `anne export iris8 --target cpp -o iris8.hpp`. Another
// exported classifier with standardized inputs works the same way (IRIS-6: `anne export iris6
// --target cpp -o iris6.hpp`): include its header instead and change `model` below.
#include <cstddef>
#include <cstdio>
#include <cstdlib>

#include <anne/trace.hpp>

#include "iris8.hpp"
#include "pico/stdlib.h"

namespace model = iris8;

namespace {

// The core prints through a sink; this one writes to the serial port (the SDK's stdio).
void write_serial(void*, const char* text, std::size_t n) {
    std::printf("%.*s", static_cast<int>(n), text);
}
const anne::sink serial{write_serial, nullptr};

void print_number(float v) {
    char buf[32];
    write_serial(nullptr, buf, anne::format_short(v, 4, buf));
}

// Reads one line into `line` (at most size - 1 characters, the rest dropped), echoing what is
// typed: serial terminals do not show it themselves. Enter may send \r, \n or both; Backspace
// erases. Returns false at the end of the input (never on a Pico: getchar waits).
bool read_line(char* line, std::size_t size) {
    std::size_t n = 0;
    for (;;) {
        const int c = std::getchar();
        if (c == EOF) return false;
        if (c == '\r' || c == '\n') {
            if (n == 0) continue;  // the \n after a \r, or an empty line
            line[n] = '\0';
            std::printf("\n");
            return true;
        }
        if ((c == '\b' || c == 127) && n > 0) {
            --n;
            std::printf("\b \b");
        } else if (c >= ' ' && c < 127 && n + 1 < size) {
            line[n++] = static_cast<char>(c);
            std::putchar(c);
        }
    }
}

// Reads up to `count` numbers separated by spaces or commas; returns how many there were,
// or count + 1 if there is anything else on the line.
std::size_t parse_numbers(const char* text, float* v, std::size_t count) {
    std::size_t n = 0;
    for (;;) {
        while (*text == ' ' || *text == ',' || *text == '\t') ++text;
        if (*text == '\0') return n;
        char* end = nullptr;
        const float value = std::strtof(text, &end);
        if (end == text || n == count) return count + 1;
        v[n++] = value;
        text = end;
    }
}

bool starts_with(const char* text, const char* word) {
    while (*word)
        if (*text++ != *word++) return false;
    return true;
}

// The step-by-step trace of one sample: the standardization, then every layer's neurons.
void explain(const float* raw) {
    static float x[model::inputs];
    static float zs[anne::unit_count(model::network)], ys[anne::unit_count(model::network)];
    for (std::size_t i = 0; i < model::inputs; ++i) {
        x[i] = (raw[i] - model::input_mean[i]) / model::input_std[i];
        std::printf("x%u = (", static_cast<unsigned>(i + 1));
        print_number(raw[i]);
        std::printf(" - ");
        print_number(model::input_mean[i]);
        std::printf(") / ");
        print_number(model::input_std[i]);
        std::printf(" = ");
        print_number(x[i]);
        std::printf("\n");
    }
    anne::trace_printer p{serial, 4};
    anne::forward_traced(model::network, x, zs, ys, anne::print_tracer(p));
}

// The answer: the class and the probability the network gives it.
void classify(const float* raw) {
    float out[model::outputs];
    model::predict(raw, out);
    const std::size_t c = model::decide(out);
    // One sigmoid output is the probability of class 1; several (softmax) are one per class.
    const float p = model::outputs == 1 ? (c == 1 ? out[0] : 1.0f - out[0]) : out[c];
    std::printf("%s (p = ", model::classes[c]);
    print_number(p);
    std::printf(")\n");
}

}  // namespace

int main() {
    stdio_init_all();
    std::printf(
        "AI-ANNE: IRIS-8. Type sepal length, sepal width, petal length,\npetal width in cm (e.g. "
        "6.3 3.4 5.6 2.4); start with \"explain\" to see every step.\n> ");
    char line[128];
    while (read_line(line, sizeof line)) {
        const bool steps = starts_with(line, "explain");
        float raw[model::inputs];
        if (parse_numbers(steps ? line + 7 : line, raw, model::inputs) != model::inputs) {
            std::printf("expected %u numbers, e.g. 6.3 3.4 5.6 2.4\n",
                        static_cast<unsigned>(model::inputs));
        } else {
            if (steps) explain(raw);
            classify(raw);
        }
        std::printf("> ");
    }
    return 0;
}
