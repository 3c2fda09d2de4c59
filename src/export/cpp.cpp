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
        if (l.use_bias) {
            const std::vector<float> bias = bias_without_negative_zero(l);
            s << "    // b" << l.number << " (" << l.units << ")\n"
              << wrapped_list(bias.data(), l.units, "    ", c_float) << ",\n";
        }
    }
    s << "};\n\n"
      << "// Each layer's kernel W (inputs x units) and bias b within params.\n";
    for (const layer_view& l : layers) {
        s << "inline constexpr const float* W" << l.number << " = params + " << l.offset
          << ";  // (" << l.inputs << "x" << l.units << ")\n";
        if (l.use_bias)
            s << "inline constexpr const float* b" << l.number << " = params + "
              << l.offset + l.inputs * l.units << ";  // (" << l.units << ")\n";
    }
    s << "\n";
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

// predict()'s buffers are locals up to this many floats (1 KB of stack), static beyond.
constexpr std::size_t local_buffer_floats = 256;

// Floats of predict()'s buffers: the preprocessed inputs and every layer's outputs but the
// last's, which go to `out`.
std::size_t buffer_floats(const model& m, const std::vector<layer_view>& layers) {
    std::size_t floats = m.pre.type != preprocessing::kind::none ? m.inputs : 0;
    for (std::size_t k = 0; k + 1 < layers.size(); ++k) floats += layers[k].units;
    return floats;
}

// The names of layer k's output buffer (1-based; the last layer writes into `out`).
std::string buffer_name(const std::vector<layer_view>& layers, std::size_t k) {
    return k == layers.size() ? "out" : "y" + std::to_string(k);
}

// The activation applied to buffer `y`, calling the core's function directly: one sample's
// units in predict(), or predict_batch's (units, lanes) buffer (`side_by_side`), where softmax,
// which spans a sample's units, goes sample by sample and sigmoid takes the whole buffer.
void write_activation(std::ostringstream& s, const layer_view& l, const std::string& y,
                      bool side_by_side) {
    const std::string indent = side_by_side ? "        " : "    ";
    const std::string units = std::to_string(l.units);
    const std::string values = side_by_side ? units + " * lanes" : units;
    if (l.activation == "linear") return;  // f(z) = z
    if (l.activation == "softmax" && !side_by_side) {
        s << indent << "anne::softmax(" << y << ", " << y << ", " << units << ");\n";
    } else if (l.activation == "softmax") {
        s << indent
          << "for (std::size_t l = 0; l < lanes; ++l) {  // one sample's units at a time\n"
          << indent << "    float z[" << units << "];\n"
          << indent << "    for (std::size_t j = 0; j < " << units << "; ++j) z[j] = " << y
          << "[j * lanes + l];\n"
          << indent << "    anne::softmax(z, z, " << units << ");\n"
          << indent << "    for (std::size_t j = 0; j < " << units << "; ++j) " << y
          << "[j * lanes + l] = z[j];\n"
          << indent << "}\n";
    } else if (l.activation == "sigmoid") {  // two at a time in vector registers on a PC
        s << indent << "anne::sigmoid_each(" << y << ", " << values << ");\n";
    } else {
        const std::string k = side_by_side ? "k" : "j";
        s << indent << "for (std::size_t " << k << " = 0; " << k << " < " << values << "; ++" << k
          << ") " << y << "[" << k << "] = anne::" << l.activation << "(" << y << "[" << k << "]"
          << (l.has_alpha ? ", " + c_float(l.alpha) : "") << ");\n";
    }
}

// predict(): preprocessing, then per layer its weighted sums and its activation, every size a
// constant. The buffers are locals (registers on a PC) while they are small; a wide model's
// are static, so that predict() needs little stack (a Pico's is 2 KB by default).
void write_predict(std::ostringstream& s, const model& m, const std::vector<layer_view>& layers) {
    const bool on_stack = buffer_floats(m, layers) <= local_buffer_floats;
    const bool preprocessed = m.pre.type != preprocessing::kind::none;
    const std::string prefix = on_stack ? "    float " : "inline float ";
    std::ostringstream buffers;
    if (preprocessed) buffers << prefix << "x[" << m.inputs << "];  // the preprocessed inputs\n";
    for (std::size_t k = 1; k < layers.size(); ++k)
        buffers << prefix << buffer_name(layers, k) << "[" << layers[k - 1].units << "];  // layer "
                << k << "'s outputs\n";
    if (!on_stack)
        s << "namespace detail {\n"
          << "// predict()'s buffers: static, so that they cost no stack.\n"
          << buffers.str() << "}  // namespace detail\n\n";

    s << "/// @brief Runs the network on one sample. in is (inputs) raw values, out is (outputs).\n"
      << "/// Every size is fixed here, so there is nothing to check at run time.\n"
      << "inline void predict(const float* in, float* out) {\n";
    if (on_stack)
        s << buffers.str();
    else
        s << "    using namespace detail;\n";
    std::string x = "in";
    if (preprocessed) {
        const auto parameters = m.pre.parameters();
        const std::string a = std::string("input_") + parameters[0].first + "[i]",
                          b = std::string("input_") + parameters[1].first + "[i]";
        s << "    // x[i] = " << m.pre.formula("in[i]", a, b)
          << ", the division by anne::elementary::divide\n"
          << "    // (the bits of \"/\"; in integer arithmetic on the Cortex-M0+, 4x cheaper "
             "there)\n"
          << "    for (std::size_t i = 0; i < inputs; ++i)\n"
          << "        x[i] = " << m.pre.formula("in[i]", a, b, "anne::elementary::divide") << ";\n";
        x = "x";
    }
    for (const layer_view& l : layers) {
        const std::string y = buffer_name(layers, l.number);
        s << "    // layer " << l.number << ": " << l.inputs << " -> " << l.units << ", "
          << l.activation << (l.number == layers.size() ? ", into out" : "") << "\n"
          << "    anne::weighted_sums<" << l.inputs << ", " << l.units << ">(" << x << ", W"
          << l.number << ", " << (l.use_bias ? "b" + std::to_string(l.number) : "nullptr") << ", "
          << y << ");\n";
        write_activation(s, l, y, false);
        x = y;
    }
    s << "}\n";
}

// predict_batch(): predict() on `lanes` samples at once, the layers' loops over the samples
// innermost (vector instructions on a PC), and the last samples one by one through predict().
void write_predict_batch(std::ostringstream& s, const model& m,
                         const std::vector<layer_view>& layers) {
    std::size_t floats = m.inputs * batch_lanes;  // x and every layer's y
    for (const layer_view& l : layers) floats += l.units * batch_lanes;
    s << "\n/// @brief Samples that predict_batch runs side by side.\n"
      << "inline constexpr std::size_t lanes = " << batch_lanes << ";\n\n"
      << "/// @brief Runs the network on n samples: in is (n, inputs) raw values, sample after\n"
      << "/// sample, out is (n, outputs). Each sample gets predict()'s bits; on a PC it is "
         "faster,\n"
      << "/// as it computes `lanes` samples side by side (each buffer is (units, lanes)) in "
         "loops\n"
      << "/// that the compiler turns into vector instructions. Its buffers take " << floats
      << " floats\n/// (" << 4 * floats << " bytes) of stack.\n"
      << "inline void predict_batch(const float* in, float* out, std::size_t n) {\n"
      << "    const std::size_t blocks = n - n % lanes;  // the samples in whole blocks\n"
      << "    for (std::size_t first = 0; first < blocks; first += lanes) {\n"
      << "        const float* raw = in + first * inputs;  // (lanes, inputs)\n"
      << "        float x[" << m.inputs << " * lanes];  // (inputs, lanes)\n";
    for (const layer_view& l : layers)
        s << "        float y" << l.number << "[" << l.units << " * lanes];\n";
    s << "        for (std::size_t i = 0; i < inputs; ++i)\n"
      << "            for (std::size_t l = 0; l < lanes; ++l)\n"
      << "                x[i * lanes + l] =\n                    ";
    const std::string raw = "raw[l * inputs + i]";
    if (m.pre.type != preprocessing::kind::none) {
        const auto parameters = m.pre.parameters();
        s << m.pre.formula(raw, std::string("input_") + parameters[0].first + "[i]",
                           std::string("input_") + parameters[1].first + "[i]",
                           "anne::elementary::divide");
    } else {
        s << raw;
    }
    s << ";\n";
    std::string x = "x";
    for (const layer_view& l : layers) {
        const std::string y = "y" + std::to_string(l.number);
        s << "        // layer " << l.number << ": " << l.inputs << " -> " << l.units << ", "
          << l.activation << "\n"
          << "        anne::weighted_sums_lanes<" << l.inputs << ", " << l.units << ", lanes>(" << x
          << ", W" << l.number << ", " << (l.use_bias ? "b" + std::to_string(l.number) : "nullptr")
          << ", " << y << ");\n";
        write_activation(s, l, y, true);
        x = y;
    }
    s << "        for (std::size_t l = 0; l < lanes; ++l)\n"
      << "            for (std::size_t j = 0; j < outputs; ++j)\n"
      << "                out[(first + l) * outputs + j] = " << x << "[j * lanes + l];\n"
      << "    }\n"
      << "    for (std::size_t s = blocks; s < n; ++s) predict(in + s * inputs, out + s * "
         "outputs);\n"
      << "}\n";
}

}  // namespace

// Long on purpose (~85 lines): the header from top to bottom, as export_micropython writes its
// file.
std::string export_cpp(const model& m, const export_options& o) {
    check_export_name(o.name);
    const std::vector<layer_view> layers = exportable_layers(m);
    const std::string& ns = o.name;
    const bool preprocessed = m.pre.type != preprocessing::kind::none;
    const std::size_t floats = buffer_floats(m, layers);
    const bool classifier = m.class_count() > 0;

    const std::string file = o.file.empty() ? ns + ".hpp" : o.file;
    std::ostringstream s;
    s << "// " << file << ": a neural network as C++ for the AI-ANNE core, made by `anne export`.\n"
      << "//\n"
      << wrapped_comment("//", compile_flags_note()) << "//\n";
    for (const std::string& line : provenance_lines(m, o)) s << wrapped_comment("//", line);
    s << "//\n"
      << wrapped_comment("//", architecture_comment(m)) << "// Parameters: " << m.params.size()
      << " floats (" << 4 * m.params.size() << " bytes, const: they stay in flash)\n"
      << wrapped_comment(
             "//", "Buffers: " + std::to_string(floats) + " floats (" + std::to_string(4 * floats) +
                       " bytes" + (floats <= local_buffer_floats ? " of stack" : " of static RAM") +
                       "): " + (preprocessed ? "the preprocessed inputs and " : "") +
                       "every layer's outputs but the last")
      << wrapped_comment("//", "Output: " + output_text(m));
    s << "//\n"
      << "// Each layer computes y = f(x W + b): anne::weighted_sums, z_j = sum over i of\n"
      << "// x_i W[i][j] (in the order i = 0, 1, ...), then + b_j, then y_j = f(z_j) with the "
         "core's\n"
      << "// activation function: the same float32 operations in the same order as `anne "
         "predict`,\n"
      << "// with every size fixed at compile time.\n"
      << "//\n";
    write_usage(s, m, ns, file);
    s << (floats <= local_buffer_floats
              ? "// No heap, no exceptions, no RTTI. predict() keeps its few buffers on the "
                "stack.\n"
              : "// No heap, no exceptions, no RTTI. predict() keeps its buffers in static memory\n"
                "// (their size shows in the link map and costs no stack), so call it from one\n"
                "// thread or core at a time.\n")
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

    write_predict(s, m, layers);
    write_predict_batch(s, m, layers);
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
