// anne info MODEL: layers, output shapes, parameter counts, weight bytes, provenance, self-test.
#include <iomanip>
#include <iostream>

#include "commands.hpp"
#include "json.hpp"
#include "model.hpp"
#include "output.hpp"

namespace anne::cli {

namespace {

struct info_options {
    std::string model;
    bool json = false;
};

const char* output_name(output_meaning::kind k) {
    switch (k) {
    case output_meaning::kind::values: return "values";
    case output_meaning::kind::binary: return "binary";
    case output_meaning::kind::classes: return "classes";
    }
    return "?";
}

void run(const info_options& o) {
    const model m = load_model(o.model);  // loading runs the self-test; a failure throws
    const float worst = m.run_self_test(o.model);
    const network n = m.net();
    if (o.json) {
        fjson layers = fjson::array();
        for (std::size_t k = 0; k < m.layers.size(); ++k) {
            const layer_info& l = m.layers[k];
            fjson lj = {{"type", "dense"},
                        {"units", l.units},
                        {"activation", l.activation},
                        {"use_bias", l.use_bias},
                        {"output_shape", {l.units}},
                        {"parameters", layer_parameter_count(n, k)}};
            if (activation_registry().find(l.activation.c_str())->parameter) lj["alpha"] = l.alpha;
            layers.push_back(lj);
        }
        fjson j = {{"name", m.name},
                   {"inputs", m.inputs},
                   {"outputs", m.outputs()},
                   {"layers", layers},
                   {"parameters", m.params.size()},
                   {"weight_bytes", m.params.size() * sizeof(float)},
                   {"preprocessing", m.pre.name()},
                   {"output", output_name(m.output.type)},
                   {"classes", m.output.classes},
                   {"provenance",
                    {{"source", m.origin.source},
                     {"framework", m.origin.framework},
                     {"framework_version", m.origin.framework_version},
                     {"converted_by", m.origin.converted_by}}},
                   {"self_test",
                    {{"cases", m.test.inputs.size()},
                     {"source", m.test.source},
                     {"tolerance", m.test.tolerance},
                     {"worst_difference", worst},
                     {"passed", true}}}};
        std::cout << j.dump(2) << "\n";
        return;
    }
    std::cout << m.name << "\n";
    if (!m.description.empty()) std::cout << "  " << m.description << "\n";
    std::cout << "\n  " << std::left << std::setw(8) << "layer" << std::setw(16) << "type"
              << std::setw(14) << "activation" << std::setw(14) << "output shape"
              << "parameters\n";
    std::cout << "  " << std::setw(8) << "input" << std::setw(16) << "" << std::setw(14) << ""
              << std::setw(14) << "(" + std::to_string(m.inputs) + ")"
              << "\n";
    for (std::size_t k = 0; k < m.layers.size(); ++k) {
        const layer_info& l = m.layers[k];
        const std::string type = "dense" + std::string(l.use_bias ? "" : " (no bias)");
        std::cout << "  " << std::setw(8) << k + 1 << std::setw(16) << type << std::setw(14)
                  << l.activation << std::setw(14) << "(" + std::to_string(l.units) + ")"
                  << layer_parameter_count(n, k) << "\n";
    }
    std::cout << std::right << "\n  " << m.params.size() << " parameters, "
              << m.params.size() * sizeof(float) << " bytes of float32 weights\n";
    std::cout << "  preprocessing: " << m.pre.name();
    if (!m.pre.features.empty()) {
        std::cout << " of";
        for (const std::string& f : m.pre.features) std::cout << " " << f;
    }
    std::cout << "\n  output: " << output_name(m.output.type);
    if (m.output.type == output_meaning::kind::binary)
        std::cout << " (class 1 when > " << m.output.threshold << ")";
    for (std::size_t c = 0; c < m.output.classes.size(); ++c)
        std::cout << (c ? ", " : ": ") << c << " = " << m.output.classes[c];
    std::cout << "\n";
    if (!m.origin.source.empty()) std::cout << "  source: " << m.origin.source << "\n";
    if (!m.origin.framework.empty())
        std::cout << "  framework: " << m.origin.framework << " " << m.origin.framework_version
                  << "\n";
    if (!m.origin.converted_by.empty())
        std::cout << "  converted by: " << m.origin.converted_by << "\n";
    if (m.test.inputs.empty())
        std::cout << "  self-test: none (the model file records no expected outputs)\n";
    else
        std::cout << "  self-test: passed, " << m.test.inputs.size() << " cases against "
                  << m.test.source << ", largest difference " << std::scientific
                  << std::setprecision(2) << worst << " (tolerance " << m.test.tolerance << ")\n";
}

}  // namespace

void add_info(CLI::App& app) {
    auto o = std::make_shared<info_options>();
    CLI::App* cmd =
        app.add_subcommand("info",
                           "Show a model's layers, output shapes, parameter counts, weight bytes, "
                           "provenance and self-test status.\nExample: anne info iris8");
    cmd->add_option("model", o->model, "model file, or iris8 / iris6")->required();
    cmd->add_flag("--json", o->json, "print the information as JSON");
    cmd->callback([o] { run(*o); });
}

}  // namespace anne::cli
