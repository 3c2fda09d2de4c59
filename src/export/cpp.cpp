// The C++ target: one header that describes the network as constant data for the AI-ANNE core
// and runs it with anne::predict.
#include <sstream>

#include <anne/network.hpp>

#include "export/common.hpp"
#include "export/export.hpp"

namespace anne {

using namespace export_detail;

namespace {

// The example in the header's opening comment uses the model's first self-test case, so a
// reader sees a real input and the output it must give.
void write_usage(std::ostringstream& s, const model& m, const std::string& ns,
                 const std::string& file) {
    const bool classifier = m.class_count() > 0;
    s << "// Use it (compile with -I path/to/ai-anne/include):\n//\n"
      << "//     #include \"" << file << "\"\n//\n";
    if (!m.test.inputs.empty()) {
        s << "//     const float raw[" << ns << "::inputs] = {";
        for (std::size_t i = 0; i < m.inputs; ++i)
            s << (i ? ", " : "") << c_float(m.test.inputs[0][i]);
        s << "};\n";
    } else {
        s << "//     const float raw[" << ns << "::inputs] = {...};  // raw measurements\n";
    }
    s << "//     float y[" << ns << "::outputs];\n"
      << "//     " << ns << "::predict(raw, y);";
    if (!m.test.outputs.empty()) {
        s << "  // y = {";
        for (std::size_t i = 0; i < m.outputs() && i < 4; ++i)
            s << (i ? ", " : "") << float_text(m.test.outputs[0][i]);
        s << (m.outputs() > 4 ? ", ...}" : "}");
    }
    s << "\n";
    if (classifier)
        s << "//     const char* label = " << ns << "::classes[" << ns << "::decide(y)];\n";
    s << "//\n";
}

void write_preprocessing(std::ostringstream& s, const model& m) {
    const preprocessing& p = m.pre;
    if (p.type == preprocessing::kind::none) return;
    s << wrapped_comment("//", "Preprocessing: " + preprocessing_text(m) + ".");
    if (!p.features.empty()) {
        std::string names;
        for (const std::string& f : p.features) names += (names.empty() ? "" : ", ") + f;
        s << wrapped_comment("//", "Inputs: " + names + ".");
    }
    for (const auto& [name, values] : p.parameters()) {
        const std::string decl = std::string("inline constexpr float input_") + name + "[" +
                                 std::to_string(m.inputs) + "] = ";
        s << decl << brace_list(values->data(), m.inputs, decl.size(), c_float, "    ") << ";\n";
    }
    s << "\n";
}

void write_params(std::ostringstream& s, const model& m, const std::vector<layer_view>& layers) {
    s << "// All weights and biases in one buffer, layer after layer: each layer's kernel\n"
      << "// W[input][unit] (row-major, as Keras stores it: row i holds input i's weights to all\n"
      << "// units) followed by its bias b[unit]. See include/anne/network.hpp.\n"
      << "inline constexpr float params[" << m.params.size() << "] = {\n";
    for (const layer_view& l : layers) {
        s << "    // layer " << l.number << ": " << l.inputs << " -> " << l.units << ", "
          << l.activation << "\n"
          << "    // W" << l.number << " (" << l.inputs << "x" << l.units << ")\n";
        for (std::size_t i = 0; i < l.inputs; ++i)
            s << wrapped_list(l.kernel + i * l.units, l.units, "    ", c_float) << ",\n";
        if (l.use_bias)
            s << "    // b" << l.number << " (" << l.units << ")\n"
              << wrapped_list(l.bias, l.units, "    ", c_float) << ",\n";
    }
    s << "};\n\n";
}

void write_layers(std::ostringstream& s, const model& m, const std::vector<layer_view>& layers) {
    s << "// The layers: {units, activation, its parameter, use_bias}. Each activation record\n"
      << "// is named directly (not looked up by name), so only the code of the activations used\n"
      << "// here ends up in the program.\n"
      << "inline constexpr anne::layer layers[" << layers.size() << "] = {\n";
    for (const layer_view& l : layers)
        s << "    {" << l.units << ", &anne::activations::" << l.activation << ", "
          << c_float(l.has_alpha ? l.alpha : 0.0f) << ", " << (l.use_bias ? "true" : "false")
          << "},\n";
    s << "};\n\n"
      << "inline constexpr anne::network network{" << m.inputs << ", layers, " << layers.size()
      << ", params};\n\n";
}

void write_classes(std::ostringstream& s, const model& m) {
    const std::size_t k = m.class_count();
    if (k == 0) return;
    const bool binary = m.output.type == output_meaning::kind::binary;
    s << "/// @brief The class names, by class index.\n"
      << "inline constexpr const char* classes[" << k << "] = {";
    for (std::size_t c = 0; c < k; ++c) {
        std::ostringstream quoted;
        for (char ch : m.class_name(c)) {
            if (ch == '"' || ch == '\\') quoted << '\\';
            quoted << ch;
        }
        s << (c ? ", " : "") << '"' << quoted.str() << '"';
    }
    s << "};\n";
    if (binary)
        s << "/// @brief The output above which the class is 1.\n"
          << "inline constexpr float threshold = " << c_float(m.output.threshold) << ";\n";
    s << "\n";
}

}  // namespace

// Long on purpose (~85 lines): the header from top to bottom, as export_micropython writes its
// file.
std::string export_cpp(const model& m, const export_options& o) {
    check_export_name(o.name);
    const std::vector<layer_view> layers = exportable_layers(m);
    const std::string& ns = o.name;
    const network n = m.net();
    const std::size_t scratch = predict_scratch_size(n);
    const bool preprocessed = m.pre.type != preprocessing::kind::none;
    const std::size_t buffer_floats = scratch + (preprocessed ? m.inputs : 0);
    const bool classifier = m.class_count() > 0;

    const std::string file = o.file.empty() ? ns + ".hpp" : o.file;
    std::ostringstream s;
    s << "// " << file << ": a neural network as C++ for the AI-ANNE core, made by `anne export`.\n"
      << "//\n";
    for (const std::string& line : provenance_lines(m, o)) s << wrapped_comment("//", line);
    s << "//\n"
      << wrapped_comment("//", architecture_comment(m)) << "// Parameters: " << m.params.size()
      << " floats (" << 4 * m.params.size() << " bytes, const: they stay in flash)\n"
      << wrapped_comment("//", "Buffers: " + std::to_string(buffer_floats) + " floats (" +
                                   std::to_string(4 * buffer_floats) + " bytes of RAM): " +
                                   (preprocessed ? "the preprocessed inputs and " : "") +
                                   "two layers' outputs")
      << wrapped_comment("//", "Output: " + output_text(m));
    s << "//\n"
      << "// Each layer computes y = f(x W + b) with the core's anne::dense_forward:\n"
      << "// z_j = sum over i of x_i W[i][j] (in the order i = 0, 1, ...), then + b_j, then y_j =\n"
      << "// f(z_j): the same float32 operations in the same order as `anne predict` on a PC.\n"
      << "//\n";
    write_usage(s, m, ns, file);
    s << "// No heap, no exceptions, no RTTI. predict() keeps its buffers in static memory (their\n"
      << "// size shows in the link map and costs no stack), so call it from one thread or core\n"
      << "// at a time.\n"
      << "#pragma once\n\n"
      << "#include <cstddef>\n\n";
    if (classifier) s << "#include <anne/metrics.hpp>\n";
    s << "#include <anne/network.hpp>\n\n"
      << "namespace " << ns << " {\n\n"
      << "/// @brief Values per sample: raw inputs in, network outputs out.\n"
      << "inline constexpr std::size_t inputs = " << m.inputs << ";\n"
      << "inline constexpr std::size_t outputs = " << m.outputs() << ";\n\n";
    write_classes(s, m);
    write_preprocessing(s, m);
    write_params(s, m, layers);
    write_layers(s, m, layers);

    s << "namespace detail {\n";
    if (preprocessed) s << "inline float x[" << m.inputs << "];  // the preprocessed inputs\n";
    s << "inline float scratch[" << scratch
      << "];  // two layers' outputs, ping-pong (2 x the widest layer)\n"
      << "}  // namespace detail\n\n";

    s << "/// @brief Runs the network on one sample. in is (inputs) raw values, out is (outputs).\n"
      << "/// Returns anne::status::ok (the buffers are sized for this network).\n"
      << "inline anne::status predict(const float* in, float* out) {\n";
    if (preprocessed) {
        const auto parameters = m.pre.parameters();
        s << "    for (std::size_t i = 0; i < inputs; ++i)\n"
          << "        detail::x[i] = "
          << m.pre.formula("in[i]", std::string("input_") + parameters[0].first + "[i]",
                           std::string("input_") + parameters[1].first + "[i]")
          << ";\n"
          << "    return anne::predict(network, detail::x, out, detail::scratch, " << scratch
          << ");\n";
    } else {
        s << "    return anne::predict(network, in, out, detail::scratch, " << scratch << ");\n";
    }
    s << "}\n";

    if (classifier) {
        const bool binary = m.output.type == output_meaning::kind::binary;
        s << "\n/// @brief The class an output stands for: "
          << (binary ? "1 if out[0] > threshold, else 0.\n" : "the index of the largest output.\n")
          << "inline std::size_t decide(const float* out) {\n"
          << "    return anne::decide(out, outputs" << (binary ? ", threshold" : "") << ");\n"
          << "}\n\n"
          << "/// @brief predict, then decide: the class of one sample of raw values.\n"
          << "inline std::size_t classify(const float* in) {\n"
          << "    float out[outputs];\n"
          << "    predict(in, out);\n"
          << "    return decide(out);\n"
          << "}\n";
    }
    s << "\n}  // namespace " << ns << "\n";
    return s.str();
}

}  // namespace anne
