// anne predict MODEL X1 X2 ...: raw measurements in, output and class out.
#include <iostream>

#include "commands.hpp"
#include "error.hpp"
#include "json.hpp"
#include "model.hpp"
#include "output.hpp"

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
    const std::vector<float> y = m.predict(x);
    const bool classifier = m.class_count() > 0;
    const std::size_t c = m.decide(y);
    if (o.json) {
        fjson j = {{"input", x}, {"output", y}, {"class", nullptr}, {"label", nullptr}};
        if (classifier) {
            j["class"] = c;
            j["label"] = m.class_name(c);
        }
        std::cout << j.dump() << "\n";
        return;
    }
    std::cout << m.name << ": input [";
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
                  "print {\"input\": [...], \"output\": [...], \"class\": ..., \"label\": ...}");
    cmd->callback([o] { run(*o); });
}

}  // namespace anne::cli
