// anne predict MODEL X1 X2 ...: raw measurements in, output and class out.
#include <iostream>

#include "commands.hpp"
#include "error.hpp"
#include "json.hpp"
#include "model.hpp"
#include "output.hpp"
#include "quantize/int8_model.hpp"

namespace anne::cli {

namespace {

struct predict_options {
    std::string model;
    std::vector<std::string> values;
    bool json = false;
};

void run(const predict_options& o) {
    const model m = load_model(o.model);
    const std::vector<float> x = sample_values(m, o.model, o.values);
    // An int8 model answers with its int8 network, the outputs dequantized.
    std::vector<std::int8_t> x8, y8;
    if (m.int8) y8 = m.int8->predict(x, &x8);
    const std::vector<float> y = m.int8 ? m.int8->predict_float(x) : m.predict(x);
    const bool classifier = m.class_count() > 0;
    const std::size_t c = m.decide(y);
    if (o.json) {
        fjson j = {{"input", x}, {"output", y}, {"class", nullptr}, {"label", nullptr}};
        if (classifier) {
            j["class"] = c;
            j["label"] = m.class_name(c);
        }
        if (m.int8) {
            const int8::quantization q = m.int8->output();
            j["int8"] = {{"input", std::vector<int>(x8.begin(), x8.end())},
                         {"output", std::vector<int>(y8.begin(), y8.end())},
                         {"output_scale", q.scale},
                         {"output_zero_point", q.zero_point},
                         {"float_output", m.predict(x)}};
        }
        std::cout << j.dump() << "\n";
        return;
    }
    std::cout << m.name << (m.int8 ? " (int8)" : "") << ": input [";
    for (std::size_t i = 0; i < x.size(); ++i) std::cout << (i ? ", " : "") << x[i];
    std::cout << "] -> output [";
    for (std::size_t i = 0; i < y.size(); ++i) std::cout << (i ? ", " : "") << fixed(y[i], 6);
    std::cout << "]";
    if (classifier) {
        std::cout << " -> class " << c << " (" << m.class_name(c) << ")";
        if (m.output.type == output_meaning::kind::binary)
            std::cout << ", since " << fixed(y[0], 4) << (c ? " > " : " <= ")
                      << fixed(m.output.threshold, 2);
    }
    std::cout << "\n";
    if (m.int8) {
        std::cout << "  int8: input [";
        for (std::size_t i = 0; i < x8.size(); ++i) std::cout << (i ? ", " : "") << int(x8[i]);
        std::cout << "] -> output [";
        for (std::size_t i = 0; i < y8.size(); ++i) std::cout << (i ? ", " : "") << int(y8[i]);
        const std::vector<float> f = m.predict(x);
        std::cout << "]; the float network gives [";
        for (std::size_t i = 0; i < f.size(); ++i) std::cout << (i ? ", " : "") << fixed(f[i], 6);
        std::cout << "]\n";
    }
}

}  // namespace

void add_predict(CLI::App& app) {
    auto o = std::make_shared<predict_options>();
    CLI::App* cmd = app.add_subcommand(
        "predict",
        "Run a model on one sample of raw measurements; the model's own "
        "preprocessing is applied.\nExample: anne predict iris8 6.8 2.8 4.8 1.4");
    cmd->add_option("model", o->model, "model file, or iris8 / iris6")->required();
    cmd->add_option("values", o->values, "the raw input values, in the model's feature order")
        ->required();
    cmd->add_flag("--json", o->json,
                  "print {\"input\": [...], \"output\": [...], \"class\": ..., \"label\": ...}; "
                  "an int8 model adds \"int8\": its quantized input, raw int8 output, output "
                  "scale and zero point, and the float network's output");
    cmd->callback([o] { run(*o); });
}

}  // namespace anne::cli
