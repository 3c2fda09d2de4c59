// anne explain MODEL X1 X2 ...: one sample's forward pass, step by step, with every number.
#include <iostream>

#include "commands.hpp"
#include "error.hpp"
#include "explain/explain.hpp"
#include "explain/int8_explain.hpp"
#include "json.hpp"
#include "model.hpp"
#include "output.hpp"

namespace anne::cli {

namespace {

struct explain_options {
    std::string model;
    std::vector<std::string> values;
    std::size_t layer = 0;
    int precision = 4;
    std::string format = "text";
    bool json = false;
};

void run(const explain_options& o) {
    const model m = load_model(o.model);
    const std::vector<float> x = sample_values(m, o.model, o.values);
    explain_view v;
    v.precision = o.precision;
    v.layer = o.layer;
    v.markdown = o.format == "markdown";
    const bool json = o.json || o.format == "json";
    if (m.int8) {
        std::cout << (json ? pretty_json(explain_int8_json(m, x, v)) : explain_int8_text(m, x, v));
        return;
    }
    const explanation e = explain(m, x);
    std::cout << (json ? pretty_json(explain_json(m, e, v)) : explain_text(m, e, v));
}

}  // namespace

void add_explain(CLI::App& app) {
    auto o = std::make_shared<explain_options>();
    CLI::App* cmd = app.add_subcommand(
        "explain",
        "Show how a model computes its output for one sample, step by step and with every "
        "number, as one would write it on paper: the raw input, the preprocessing, each "
        "neuron's weighted sum and activation, softmax's normalisation, and the decision. "
        "For an int8 model (anne quantize), every format shows the integer arithmetic: the "
        "quantized input, the int32 sums, the requantization and what each int8 value stands "
        "for, beside the float network's values.\n"
        "Example: anne explain iris8 6.8 2.8 4.8 1.4\n"
        "         anne explain iris8 6.8 2.8 4.8 1.4 --layer 2 --precision 6");
    cmd->add_option("model", o->model, "model file, or iris8 / iris6")->required();
    cmd->add_option("values", o->values, "the raw input values, in the model's feature order")
        ->required();
    cmd->add_option("--layer", o->layer, "show only layer N (1 = the first layer)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--precision", o->precision, "digits after the point (default 4)")
        ->check(CLI::Range(0, 9));
    cmd->add_option("--format", o->format,
                    "text (default), markdown, or json (every intermediate value, for programs)")
        ->check(CLI::IsMember({"text", "markdown", "json"}));
    cmd->add_flag("--json", o->json, "the same as --format json");
    cmd->callback([o] { run(*o); });
}

}  // namespace anne::cli
