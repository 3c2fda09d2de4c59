// anne explain MODEL X1 X2 ...: one sample's forward pass, step by step, with every number.
#include <charconv>
#include <iostream>

#include "commands.hpp"
#include "error.hpp"
#include "explain/explain.hpp"
#include "json.hpp"
#include "model.hpp"

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

std::vector<float> parse_values(const std::vector<std::string>& values) {
    std::vector<float> x;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string& s = values[i];
        float v = 0.0f;
        const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || p != s.data() + s.size())
            fail("input " + std::to_string(i + 1), "expected a number, got \"" + s + "\"");
        x.push_back(v);
    }
    return x;
}

void run(const explain_options& o) {
    const model m = load_model(o.model);
    const std::vector<float> x = parse_values(o.values);
    if (x.size() != m.inputs) {
        std::string names;
        for (const std::string& f : m.pre.features) names += (names.empty() ? "" : " ") + f;
        fail(o.model, "expected " + std::to_string(m.inputs) + " input values" +
                          (names.empty() ? "" : " (" + names + ")") + ", got " +
                          std::to_string(x.size()));
    }
    const explanation e = explain(m, x);
    explain_view v;
    v.precision = o.precision;
    v.layer = o.layer;
    if (o.json || o.format == "json") {
        std::cout << pretty_json(explain_json(m, e, v));
        return;
    }
    v.markdown = o.format == "markdown";
    std::cout << explain_text(m, e, v);
}

}  // namespace

void add_explain(CLI::App& app) {
    auto o = std::make_shared<explain_options>();
    CLI::App* cmd = app.add_subcommand(
        "explain",
        "Show how a model computes its output for one sample, step by step and with every "
        "number, as one would write it on paper: the raw input, the preprocessing, each "
        "neuron's weighted sum and activation, softmax's normalisation, and the decision.\n"
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
