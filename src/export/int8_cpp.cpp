// The C++ target for an int8 model: one header of constant int8 data for the AI-ANNE core's
// integer kernels (include/anne/quantized.hpp). It keeps the float model's interface,
// predict(raw floats, float outputs), and adds predict_int8 for callers that quantize
// themselves. sigmoid and tanh become lookup tables made by the core's own integer kernels,
// holding only the inputs where they are not saturated.
#include <algorithm>
#include <cstdio>
#include <sstream>

#include <anne/quantized.hpp>

#include "export/common.hpp"
#include "export/int8.hpp"
#include "quantize/int8_model.hpp"

namespace anne {

using namespace export_detail;

namespace {

void write_layer_data(std::ostringstream& s, const model& m, const int8_model& q, std::size_t k,
                      const int8_lookup* t, const std::vector<std::int32_t>& folded) {
    const int8_layer_data& l = q.layers[k];
    const std::size_t units = m.layers[k].units, in = l.kernel.size() / units;
    const std::string n = std::to_string(k + 1);
    s << "// layer " << n << ": " << in << " -> " << units << ", " << m.layers[k].activation
      << "; sums: real = " << float_text(l.sums.scale) << " * (q - (" << l.sums.zero_point << "))\n"
      << "inline constexpr std::int8_t kernel" << n << "[" << l.kernel.size()
      << "] = {  // W[input][unit]\n"
      << int_list(l.kernel.data(), l.kernel.size(), "    ") << "\n};\n";
    if (!folded.empty())
        s << "inline constexpr std::int32_t folded_bias" << n << "[" << units
          << "] = {  // bias - input zero point * column sum\n"
          << int_list(folded.data(), units, "    ") << "\n};\n";
    else if (!l.bias.empty())
        s << "inline constexpr std::int32_t bias" << n << "[" << units << "] = {\n"
          << int_list(l.bias.data(), units, "    ") << "\n};\n";
    s << "inline constexpr std::int32_t multiplier" << n << "[" << units << "] = {\n"
      << int_list(l.multiplier.data(), units, "    ") << "\n};\n"
      << "inline constexpr std::int8_t shift" << n << "[" << units << "] = {"
      << int_list(l.shift.data(), units, "") << "};\n";
    if (t)
        s << "// " << m.layers[k].activation << " of q in [" << t->first << ", " << t->last << "]; "
          << int(t->below()) << " below, " << int(t->above()) << " above\n"
          << "inline constexpr std::int8_t table" << n << "[" << t->size() << "] = {\n"
          << int_list(t->begin(), t->size(), "    ") << "\n};\n";
    s << "\n";
}

// One layer of predict_int8: the dense units into y, then the activation in place.
void write_layer_call(std::ostringstream& s, const int8::layer& c, std::size_t inputs,
                      std::size_t k, const std::string& x, const std::string& y,
                      const int8_lookup* t, bool small) {
    const std::string n = std::to_string(k + 1);
    if (small)
        s << "    anne::int8::dense_units_small(" << x << ", " << inputs << ", " << c.units
          << ", kernel" << n << ", folded_bias" << n << ", multiplier" << n << ", shift" << n
          << ", " << c.sums_zero_point << ", " << c.lo << ", " << c.hi << ", " << y << ");\n";
    else
        s << "    anne::int8::dense_units(" << x << ", " << inputs << ", " << c.units << ", kernel"
          << n << ", " << (c.bias ? "bias" + n : std::string("nullptr")) << ", multiplier" << n
          << ", shift" << n << ", " << c.input_zero_point << ", " << c.sums_zero_point << ", "
          << c.lo << ", " << c.hi << ", " << y << ");\n";
    if (t)
        s << "    for (std::size_t j = 0; j < " << c.units << "; ++j)\n"
          << "        " << y << "[j] = anne::int8::lookup(" << y << "[j], table" << n << ", "
          << t->first << ", " << t->last << ", " << int(t->below()) << ", " << int(t->above())
          << ");\n";
    if (c.kind == int8::activation_kind::softmax)
        s << "    anne::int8::softmax(" << y << ", " << y << ", " << c.units << ", {"
          << c.soft.multiplier << ", " << c.soft.left_shift << ", " << c.soft.diff_min << "});\n";
}

// The widest hidden layer (1 if there is none).
std::size_t network_width(const int8::network& n) {
    std::size_t width = 1;
    for (std::size_t k = 0; k + 1 < n.depth; ++k) width = std::max(width, n.layers[k].units);
    return width;
}

// "    0x00000001u, 0x00010001u, ...", wrapped at 100 columns.
std::string hex_list(const std::vector<std::uint32_t>& v) {
    std::string out;
    char item[16];
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::snprintf(item, sizeof item, "0x%08xu,", v[i]);
        out += (i % 7 == 0 ? (i ? "\n    " : "    ") : " ") + std::string(item);
    }
    return out;
}

// The compact form (quantized.hpp) of a network that qualifies: every layer's sums below
// 2^16 (dense_units_small's condition) with folded biases below 2^15 and shifts in [-31, 0], no
// softmax, the sigmoid/tanh tables monotone with steps below 16 on sums clamped to the int8
// range, every input map with a window (input_window_of), at most 255 inputs and units.
struct compact_plan {
    std::vector<int8::input_window> windows;
    std::vector<int8_steps> steps;  // per layer; no words for a clamp layer
    std::vector<std::vector<std::int32_t>> folded;
};

bool plan_compact(const int8::network& n, const std::vector<int8_lookup>& tables, compact_plan& p) {
    if (n.inputs > 255 || n.depth > 255 || !n.affine) return false;
    p.windows.resize(n.inputs);
    for (std::size_t i = 0; i < n.inputs; ++i)
        if (!input_window_of(n.affine[i], p.windows[i])) return false;
    p.steps.resize(n.depth);
    p.folded.resize(n.depth);
    for (std::size_t k = 0; k < n.depth; ++k) {
        const int8::layer& l = n.layers[k];
        if (l.kind == int8::activation_kind::softmax || l.units > 255) return false;
        p.folded[k] = small_sums_bias(n, k, tables);
        if (p.folded[k].empty()) return false;
        for (std::size_t j = 0; j < l.units; ++j)
            if (p.folded[k][j] < -32768 || p.folded[k][j] > 32767 || l.shift[j] < -31) return false;
        if (tabled(l) && (l.lo != -128 || l.hi != 127 || !table_steps(tables[k], p.steps[k])))
            return false;
    }
    return true;
}

// The compact form's constants: the layers' tables as steps, the weights W[unit][input] and the
// units layer after layer, the layers, the network.
void write_compact_data(std::ostringstream& s, const model& m, const int8::network& n,
                        const std::vector<int8_lookup>& tables, const compact_plan& p) {
    std::vector<std::int8_t> weights;
    for (std::size_t k = 0; k < n.depth; ++k) {
        const int8::layer& l = n.layers[k];
        const std::size_t in = int8::layer_inputs(n, k);
        for (std::size_t j = 0; j < l.units; ++j)
            for (std::size_t i = 0; i < in; ++i) weights.push_back(l.kernel[i * l.units + j]);
        s << "// layer " << k + 1 << ": " << in << " -> " << l.units << ", "
          << m.layers[k].activation << "; sums: real = " << float_text(m.int8->layers[k].sums.scale)
          << " * (q - (" << l.sums_zero_point << "))\n";
        if (!tabled(l)) continue;
        const int8_steps& st = p.steps[k];
        const int bits = 32 >> st.group_log2;
        s << wrapped_comment(
                 "//", m.layers[k].activation + " of q in [" + std::to_string(tables[k].first) +
                           ", " + std::to_string(tables[k].last) + "] as " + std::to_string(bits) +
                           "-bit steps, " + std::to_string(1 << st.group_log2) +
                           " a word, the lowest first, on a base value a word; " +
                           std::to_string(int(tables[k].below())) + " below, " +
                           std::to_string(int(tables[k].above())) + " above")
          << "inline constexpr std::uint32_t steps" << k + 1 << "[" << st.words.size() << "] = {\n"
          << hex_list(st.words) << "\n};\n"
          << "inline constexpr std::int8_t base" << k + 1 << "[" << st.base.size() << "] = {\n"
          << int_list(st.base.data(), st.base.size(), "    ") << "\n};\n";
    }
    s << "\n// The weights W[unit][input], unit after unit, layer after layer.\n"
      << "inline constexpr std::int8_t weights[" << weights.size() << "] = {\n"
      << int_list(weights.data(), weights.size(), "    ") << "\n};\n\n"
      << "// The units, layer after layer: {multiplier, bias - input zero point * sum of the "
         "unit's\n// weights, -shift, 0}: q = zero point + round(round(acc * multiplier / 2^31) "
         "/ 2^-shift).\n"
      << "inline constexpr anne::int8::compact_unit units[] = {\n";
    for (std::size_t k = 0; k < n.depth; ++k)
        for (std::size_t j = 0; j < n.layers[k].units; ++j)
            s << "    {" << n.layers[k].multiplier[j] << ", " << p.folded[k][j] << ", "
              << -n.layers[k].shift[j] << ", 0},  // layer " << k + 1 << ", unit " << j + 1 << "\n";
    s << "};\n\n"
      << "// The layers: {steps, base, units, sums zero point, first, last, below, above, "
         "log2 steps a word};\n// no steps: the output is q clamped to [first, last] (relu is "
         "the clamp).\n"
      << "inline constexpr anne::int8::compact_layer layers[" << n.depth << "] = {\n";
    for (std::size_t k = 0; k < n.depth; ++k) {
        const int8::layer& l = n.layers[k];
        const std::string id = std::to_string(k + 1);
        if (tabled(l))
            s << "    {steps" << id << ", base" << id << ", " << l.units << ", "
              << l.sums_zero_point << ", " << tables[k].first << ", " << tables[k].last << ", "
              << int(tables[k].below()) << ", " << int(tables[k].above()) << ", "
              << int(p.steps[k].group_log2) << "},  // layer " << id << ": "
              << m.layers[k].activation << "\n";
        else
            s << "    {nullptr, nullptr, " << l.units << ", " << l.sums_zero_point << ", " << l.lo
              << ", " << l.hi << ", " << l.lo << ", " << l.hi << ", 0},  // layer " << id << ": "
              << m.layers[k].activation << "\n";
    }
    s << "};\n"
      << "inline constexpr anne::int8::compact_network network{layers, units, weights, " << n.depth
      << ", " << n.inputs << ", " << network_width(n) << "};\n\n";
}

void write_self_test(std::ostringstream& s, const model& m, const int8_model& q) {
    const std::size_t cases = q.test_inputs.size();
    if (cases == 0) return;
    s << "/// @brief The model file's self-test: raw inputs and the exact int8 outputs anne\n"
      << "/// computed for them; predict on these must give these bits on every target.\n"
      << "inline constexpr std::size_t test_cases = " << cases << ";\n"
      << "inline constexpr float test_inputs[" << cases << "][" << m.inputs << "] = {\n";
    for (const std::vector<float>& x : q.test_inputs)
        s << "    {" << wrapped_list(x.data(), x.size(), "", c_float) << "},\n";
    s << "};\ninline constexpr std::int8_t test_outputs[" << cases << "][" << m.outputs()
      << "] = {\n";
    for (const std::vector<std::int8_t>& y : q.test_outputs)
        s << "    {" << int_list(y.data(), y.size(), "") << "},\n";
    s << "};\n\n";
}

void write_functions(std::ostringstream& s, const model& m, const int8::network& n,
                     const std::vector<int8_lookup>& tables,
                     const std::vector<std::vector<std::int32_t>>& folded, bool compact) {
    s << "/// @brief For callers that quantize themselves: int8 inputs (input_quantization) in,\n"
      << "/// int8 outputs (output_quantization) out. "
      << (compact ? "The core's one loop over the layers and their\n/// units "
                    "(predict_compact) on the constants above.\n"
                  : "The layers as straight calls of the core's\n/// int8 kernels on the "
                    "constants above.\n")
      << "inline void predict_int8(const std::int8_t* x, std::int8_t* y) {\n";
    if (compact)
        s << "    std::int8_t scratch[2 * " << int(network_width(n)) << "];\n"
          << "    anne::int8::predict_compact(network, x, y, scratch);\n";
    for (std::size_t k = 0; k + 1 < n.depth && !compact; ++k)
        s << "    std::int8_t a" << k + 1 << "[" << n.layers[k].units << "];\n";
    for (std::size_t k = 0; k < n.depth && !compact; ++k) {
        const std::string in = k == 0 ? "x" : "a" + std::to_string(k);
        const std::string out = k + 1 == n.depth ? "y" : "a" + std::to_string(k + 1);
        write_layer_call(s, n.layers[k], int8::layer_inputs(n, k), k, in, out,
                         tabled(n.layers[k]) ? &tables[k] : nullptr, !folded[k].empty());
    }
    int8::float_scale bits{};
    const bool on_bits = scale_on_bits(m.int8->output().scale, bits);
    s << "}\n\n";
    if (on_bits)
        s << "/// @brief output_quantization's scale as its significand and exponent field.\n"
          << "inline constexpr anne::int8::float_scale output_scale{" << bits.significand << "u, "
          << bits.exponent << "u};\n\n";
    s << "/// @brief The int8 inputs predict computes from raw values (inputs): the preprocessing\n"
      << "/// and the input quantization in one integer step, from the floats' bits.\n"
      << "inline void quantize(const float* raw, std::int8_t* x) {\n"
      << "    for (std::size_t i = 0; i < inputs; ++i)\n"
      << "        x[i] = anne::int8::" << (compact ? "quantize_input_window" : "quantize_input")
      << "(raw[i], input_map[i]);\n"
      << "}\n\n"
      << "/// @brief The float model's interface: raw inputs (inputs) in, the int8 outputs\n"
      << (on_bits ? "/// dequantized (outputs) out, all in integer arithmetic.\n"
                  : "/// dequantized (outputs) out. Integer arithmetic but one float multiply per "
                    "output.\n")
      << "inline void predict(const float* raw, float* out) {\n"
      << "    std::int8_t x[inputs], y[outputs];\n"
      << "    quantize(raw, x);\n"
      << "    predict_int8(x, y);\n"
      << "    for (std::size_t j = 0; j < outputs; ++j)\n"
      << (on_bits ? "        out[j] = anne::int8::dequantize_on_bits(y[j], "
                    "output_quantization.zero_point, output_scale);\n"
                  : "        out[j] = anne::int8::dequantize(y[j], output_quantization);\n")
      << "}\n";
    if (m.class_count() == 0) return;
    const bool binary = m.output.type == output_meaning::kind::binary;
    s << "\n/// @brief The class an output stands for: "
      << (binary ? "1 if out[0] > threshold, else 0.\n" : "the index of the largest output.\n")
      << "inline std::size_t decide(const float* out) {\n"
      << "    return anne::decide(out, outputs" << (binary ? ", threshold" : "") << ");\n"
      << "}\n";
}

void write_classes(std::ostringstream& s, const model& m) {
    const std::size_t k = m.class_count();
    if (k == 0) return;
    s << "/// @brief The class names, by class index.\n"
      << "inline constexpr const char* classes[" << k << "] = {";
    for (std::size_t c = 0; c < k; ++c) {
        s << (c ? ", " : "") << '"';
        for (char ch : m.class_name(c)) s << (ch == '"' || ch == '\\' ? "\\" : "") << ch;
        s << '"';
    }
    s << "};\n";
    if (m.output.type == output_meaning::kind::binary)
        s << "inline constexpr float threshold = " << c_float(m.output.threshold) << ";\n";
    s << "\n";
}

}  // namespace

std::string export_int8_cpp(const model& m, const export_options& o) {
    check_export_name(o.name);
    const int8_model& q = *m.int8;
    const int8::network n = q.net();
    const std::string file = o.file.empty() ? o.name + ".hpp" : o.file;
    std::vector<int8_lookup> tables(n.depth);
    for (std::size_t k = 0; k < n.depth; ++k)
        if (tabled(n.layers[k])) tables[k] = make_trimmed_table(n.layers[k]);
    compact_plan plan;
    const bool compact = plan_compact(n, tables, plan);
    std::ostringstream s;
    s << "// " << file
      << ": an int8 neural network as C++ for the AI-ANNE core, made by `anne export`.\n//\n";
    for (const std::string& line : provenance_lines(m, o)) s << wrapped_comment("//", line);
    s << "//\n"
      << wrapped_comment("//", "Architecture: " + architecture(m))
      << wrapped_comment("//",
                         "Quantized: int8 as TensorFlow Lite Micro computes it, calibrated "
                         "on " +
                             q.calibration + " (" + std::to_string(q.calibration_rows) +
                             " rows); " + std::to_string(q.parameter_bytes()) +
                             " bytes of int8 weights, int32 biases and multipliers, int8 "
                             "shifts (the float model: " +
                             std::to_string(4 * m.params.size()) + ")")
      << wrapped_comment("//", "Output: " + output_text(m)) << "//\n"
      << "// Use it (compile with -I path/to/ai-anne/include):\n//\n"
      << "//     float y[" << o.name << "::outputs];\n"
      << "//     " << o.name << "::predict(raw, y);  // raw measurements in, as the float model\n"
      << "//\n"
      << "#pragma once\n\n#include <cstddef>\n#include <cstdint>\n\n";
    if (m.class_count() > 0) s << "#include <anne/metrics.hpp>\n";
    s << "#include <anne/quantized.hpp>\n\n"
      << "namespace " << o.name << " {\n\n"
      << "inline constexpr std::size_t inputs = " << m.inputs << ";\n"
      << "inline constexpr std::size_t outputs = " << m.outputs() << ";\n\n";
    write_classes(s, m);
    const int8::quantization out = q.output();
    s << "/// @brief real = scale * (q - zero_point) for the network's int8 input and output.\n"
      << "inline constexpr anne::int8::quantization input_quantization{" << c_float(n.input.scale)
      << ", " << n.input.zero_point << "};\n"
      << "inline constexpr anne::int8::quantization output_quantization{" << c_float(out.scale)
      << ", " << out.zero_point << "};\n\n"
      << wrapped_comment("//",
                         "Raw input i -> int8: q = round(raw * a + b) with a = multiplier "
                         "* 2^(shift - 31) and b = offset / 2^24: " +
                             preprocessing_text(m) +
                             " and the input quantization folded into one step." +
                             (compact ? " As {multiplier, offset mod 2^32, below, above, 157 - "
                                        "shift}: q is -128 for the floats up to `below`, 127 "
                                        "from `above` on (in the floats' order)."
                                      : ""));
    if (compact) {
        s << "inline constexpr anne::int8::input_window input_map[" << m.inputs << "] = {\n";
        for (const int8::input_window& w : plan.windows)
            s << "    {" << w.multiplier << "u, " << w.offset << ", " << w.below << ", " << w.above
              << ", " << w.right << "},\n";
    } else {
        s << "inline constexpr anne::int8::input_affine input_map[" << m.inputs << "] = {\n";
        for (std::size_t i = 0; i < m.inputs; ++i)
            s << "    {" << n.affine[i].multiplier << ", " << n.affine[i].shift << ", "
              << n.affine[i].offset << "LL},\n";
    }
    s << "};\n\n";
    std::vector<std::vector<std::int32_t>> folded(n.depth);
    if (compact) write_compact_data(s, m, n, tables, plan);
    for (std::size_t k = 0; k < n.depth && !compact; ++k) {
        folded[k] = small_sums_bias(n, k, tables);
        write_layer_data(s, m, q, k, tabled(n.layers[k]) ? &tables[k] : nullptr, folded[k]);
    }
    write_self_test(s, m, q);
    write_functions(s, m, n, tables, folded, compact);
    s << "\n}  // namespace " << o.name << "\n";
    return s.str();
}

}  // namespace anne
