// anne info MODEL: layers, output shapes, parameter counts, weight bytes, provenance, self-test.
#include <iomanip>
#include <iostream>

#include "commands.hpp"
#include "json.hpp"
#include "model.hpp"
#include "output.hpp"
#include "quantize/int8_model.hpp"

namespace anne::cli {

namespace {

struct info_options {
    std::string model;
    bool json = false;
};

// An int8 model's section: its bytes beside the float weights', and each tensor's scale.
fjson int8_json(const model& m) {
    const int8_model& q = *m.int8;
    fjson layers = fjson::array();
    for (std::size_t k = 0; k < q.layers.size(); ++k) {
        const int8::quantization out = q.layer_output(k);
        layers.push_back({{"output_scale", out.scale}, {"output_zero_point", out.zero_point}});
    }
    return {{"bytes", q.parameter_bytes()},
            {"float_bytes", m.params.size() * sizeof(float)},
            {"input_scale", q.input.scale},
            {"input_zero_point", q.input.zero_point},
            {"layers", layers},
            {"calibration", q.calibration},
            {"calibration_rows", q.calibration_rows},
            {"self_test_cases", q.test_inputs.size()}};
}

void print_int8(const model& m) {
    const int8_model& q = *m.int8;
    std::size_t weights = 0, biases = 0;
    for (const int8_layer_data& l : q.layers) {
        weights += l.kernel.size();
        biases += l.bias.size();
    }
    std::cout << std::defaultfloat << "  int8 (anne quantize, calibrated on " << q.calibration
              << ", " << q.calibration_rows << " rows): " << q.parameter_bytes() << " bytes ("
              << weights << " int8 weights, " << biases
              << " int32 biases, an int32 multiplier and an int8 shift per unit) against "
              << m.params.size() * sizeof(float) << " as float32\n"
              << "    input: real = " << q.input.scale << " * (q - (" << q.input.zero_point
              << "))\n";
    for (std::size_t k = 0; k < q.layers.size(); ++k) {
        const int8::quantization out = q.layer_output(k);
        std::cout << "    layer " << k + 1 << " output: real = " << out.scale << " * (q - ("
                  << out.zero_point << "))\n";
    }
    std::cout << "    int8 self-test: passed, " << q.test_inputs.size()
              << " cases, every int8 output exact\n";
}

const char* output_kind_name(output_meaning::kind k) {
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
                   {"output", output_kind_name(m.output.type)},
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
        if (m.int8) j["int8"] = int8_json(m);
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
    std::cout << "\n  output: " << output_kind_name(m.output.type);
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
    if (m.int8) print_int8(m);
}

}  // namespace

void add_info(CLI::App& app) {
    auto o = std::make_shared<info_options>();
    CLI::App* cmd = app.add_subcommand(
        "info",
        "Show a model's layers, output shapes, parameter counts, weight bytes, provenance "
        "and self-test status; for an int8 model (anne quantize) also its bytes against the "
        "float weights' and every tensor's scale and zero point.\nExample: anne info iris8");
    cmd->add_option("model", o->model, "model file, or iris8 / iris6")->required();
    cmd->add_flag("--json", o->json, "print the information as JSON");
    cmd->callback([o] { run(*o); });
}

}  // namespace anne::cli
