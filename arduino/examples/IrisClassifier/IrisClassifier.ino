// IrisClassifier: IRIS-8 of the AI-ANNE papers on an Arduino-compatible board (a Raspberry Pi
// Pico or Pico 2 with the arduino-pico core), over the serial port.
//
// Open the Serial Monitor (115200 baud, line ending "Newline"), type the four measurements of
// a flower in cm — sepal length, sepal width, petal length, petal width — and send; the board
// answers with the class and its probability:
//
//     > 6.3 3.4 5.6 2.4
//     virginica (p = 0.9763)
//
// Start the line with "explain" to see every number the network computes on the way, as the
// papers write it:
//
//     > explain 6.8 2.8 4.8 1.4
//     x1 = (6.8 - 6.262) / 0.6595 = 0.8158
//     ...
//     layer 1: 4 inputs -> 2 neurons, relu(z) = max(0, z)
//       z1 = 0.8158*(-0.7532) + (-0.2175)*(-0.4638) + ... + 0.5341 = -1.0281
//     ...
//     versicolor (p = 0.7802)
//
// The network is iris8.hpp beside this sketch, made by `anne export iris8 --target cpp -o
// iris8.hpp`. Another exported classifier with standardized inputs works the same way (IRIS-6:
// `anne export iris6 --target cpp -o iris6.hpp`): include its header instead and change
// `model` below.
#include <anne.h>

#include "iris8.hpp"

namespace model = iris8;

// The core prints through a sink; this one writes to the serial port.
void write_serial(void*, const char* text, size_t n) { Serial.write(text, n); }
const anne::sink serial{write_serial, nullptr};

void print_number(float v) {
    char buf[32];
    write_serial(nullptr, buf, anne::format_short(v, 4, buf));
}

// Reads up to `count` numbers separated by spaces or commas; returns how many there were,
// or count + 1 if there is anything else on the line.
size_t parse_numbers(const char* text, float* v, size_t count) {
    size_t n = 0;
    for (;;) {
        while (*text == ' ' || *text == ',' || *text == '\t') ++text;
        if (*text == '\0') return n;
        char* end = nullptr;
        const float value = strtof(text, &end);
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
    for (size_t i = 0; i < model::inputs; ++i) {
        x[i] = (raw[i] - model::input_mean[i]) / model::input_std[i];
        Serial.print("x");
        Serial.print(static_cast<unsigned>(i + 1));
        Serial.print(" = (");
        print_number(raw[i]);
        Serial.print(" - ");
        print_number(model::input_mean[i]);
        Serial.print(") / ");
        print_number(model::input_std[i]);
        Serial.print(" = ");
        print_number(x[i]);
        Serial.print("\n");
    }
    anne::trace_printer p{serial, 4};
    anne::forward_traced(model::network, x, zs, ys, anne::print_tracer(p));
}

// The answer: the class and the probability the network gives it.
void classify(const float* raw) {
    float out[model::outputs];
    model::predict(raw, out);
    const size_t c = model::decide(out);
    // One sigmoid output is the probability of class 1; several (softmax) are one per class.
    const float p = model::outputs == 1 ? (c == 1 ? out[0] : 1.0f - out[0]) : out[c];
    Serial.print(model::classes[c]);
    Serial.print(" (p = ");
    print_number(p);
    Serial.print(")\n");
}

// One line typed by the user.
void answer(const char* line) {
    const bool steps = starts_with(line, "explain");
    float raw[model::inputs];
    if (parse_numbers(steps ? line + 7 : line, raw, model::inputs) != model::inputs) {
        Serial.print("expected ");
        Serial.print(static_cast<unsigned>(model::inputs));
        Serial.print(" numbers, e.g. 6.3 3.4 5.6 2.4\n");
    } else {
        if (steps) explain(raw);
        classify(raw);
    }
    Serial.print("> ");
}

char line[128];
size_t length = 0;

void setup() {
    Serial.begin(115200);
    while (!Serial) {
    }  // on boards with USB serial: wait for the Serial Monitor
    Serial.print(
        "AI-ANNE: IRIS-8. Type sepal length, sepal width, petal length,\npetal width in cm (e.g. "
        "6.3 3.4 5.6 2.4); start with \"explain\" to see every step.\n> ");
}

// Collects what arrives into `line`, echoing it (terminals do not show it themselves); Enter
// (\r, \n or both) answers it, Backspace erases.
void loop() {
    while (Serial.available() > 0) {
        const int c = Serial.read();
        if (c == '\r' || c == '\n') {
            if (length == 0) continue;  // the \n after a \r, or an empty line
            line[length] = '\0';
            length = 0;
            Serial.print("\n");
            answer(line);
        } else if ((c == '\b' || c == 127) && length > 0) {
            --length;
            Serial.print("\b \b");
        } else if (c >= ' ' && c < 127 && length + 1 < sizeof line) {
            line[length++] = static_cast<char>(c);
            Serial.write(static_cast<uint8_t>(c));
        }
    }
}
