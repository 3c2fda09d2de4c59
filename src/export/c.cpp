// The C target: a header declaring NAME_predict and a C99 source with plain loops. It has no
// use for the C++ core, so it spells out the same computation: the same summation order and
// the same numerically stable activation formulas as include/anne/activation.hpp.
#include <sstream>

#include <anne/activation.hpp>

#include "export/common.hpp"
#include "export/export.hpp"

namespace anne {

using namespace export_detail;

namespace {

// Every activation as C, with the one it calls. Each body is include/anne/activation.hpp's
// formula, token for token, so that both compile to the same float32 operations.
// clang-format off
constexpr activation_code c_activations[] = {
    {"linear", nullptr,
     "/* linear: f(z) = z */\n"
     "static float linear(float z) { return z; }\n"},
    {"relu", nullptr,
     "/* ReLU: f(z) = max(0, z) */\n"
     "static float relu(float z) { return z > 0.0f ? z : 0.0f; }\n"},
    {"relu6", nullptr,
     "/* ReLU6: f(z) = min(max(0, z), 6) */\n"
     "static float relu6(float z) { return z > 0.0f ? (z < 6.0f ? z : 6.0f) : 0.0f; }\n"},
    {"leaky_relu", nullptr,
     "/* leaky ReLU: f(z) = z for z > 0, slope * z otherwise */\n"
     "static float leaky_relu(float z, float slope) { return z > 0.0f ? z : slope * z; }\n"},
    {"elu", nullptr,
     "/* ELU: f(z) = z for z > 0, alpha * (e^z - 1) otherwise (expm1 keeps small z exact) */\n"
     "static float elu(float z, float alpha) { return z > 0.0f ? z : alpha * anne_expm1(z); }\n"},
    {"selu", "elu",
     "/* SELU: scale * elu(z, alpha) with the fixed constants of Klambauer et al. (2017) */\n"
     "static float selu(float z) { return SELU_SCALE * elu(z, SELU_ALPHA); }\n"},
    {"sigmoid", nullptr,
     "/* sigmoid of the n values y in place: f(z) = 1 / (1 + e^-z), from e^-|z| in fixed point,\n"
     "   so e^x never overflows (two at a time in vector registers on a PC) */\n"
     "static void sigmoid(float *y, size_t n) { anne_logistic_each(y, n); }\n"},
    {"hard_sigmoid", nullptr,
     "/* hard sigmoid: f(z) = clip(slope * z + 0.5, 0, 1) */\n"
     "static float hard_sigmoid(float z, float slope) {\n"
     "    const float y = slope * z + 0.5f;\n"
     "    return y < 0.0f ? 0.0f : (y > 1.0f ? 1.0f : y);\n"
     "}\n"},
    {"tanh", nullptr,
     "/* tanh: (e^z - e^-z) / (e^z + e^-z), through anne_tanh, which does not overflow */\n"
     "static float tanh_(float z) { return anne_tanh(z); }\n"},
    {"softplus", nullptr,
     "/* softplus: f(z) = ln(1 + e^z), as z + ln(1 + e^-z) for z > 0 to avoid overflow */\n"
     "static float softplus(float z) {\n"
     "    return z > 0.0f ? z + anne_log1p(anne_exp(-z)) : anne_log1p(anne_exp(z));\n"
     "}\n"},
    {"softsign", nullptr,
     "/* softsign: f(z) = z / (1 + |z|) */\n"
     "static float softsign(float z) { return z / (1.0f + (z < 0.0f ? -z : z)); }\n"},
    {"swish", nullptr,
     "/* swish (SiLU): f(z) = z * sigmoid(z) */\n"
     "static float swish(float z) { return z * anne_logistic(z); }\n"},
    {"gelu", nullptr,
     "/* GELU: f(z) = 0.5 z (1 + erf(z / sqrt 2)) */\n"
     "static float gelu(float z) { return 0.5f * z * (1.0f + anne_erf(z * 0.70710678118654752f)); }\n"},
    {"gelu_tanh", nullptr,
     "/* GELU, tanh approximation: f(z) = 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))) */\n"
     "static float gelu_tanh(float z) {\n"
     "    const float u = 0.79788456080286536f * (z + 0.044715f * z * z * z);\n"
     "    return 0.5f * z * (1.0f + anne_tanh(u));\n"
     "}\n"},
    {"mish", "softplus",
     "/* mish: f(z) = z * tanh(softplus(z)) */\n"
     "static float mish(float z) { return z * anne_tanh(softplus(z)); }\n"},
    {"softmax", nullptr,
     "/* softmax over the n units of one sample, in place: y_i = e^(z_i - m) / sum_j e^(z_j - m)\n"
     "   with m = max_j z_j, so that no e^x overflows */\n"
     "static void softmax(float *y, size_t n) {\n"
     "    float m = y[0], sum = 0.0f;\n"
     "    size_t i;\n"
     "    for (i = 1; i < n; ++i) m = y[i] > m ? y[i] : m;\n"
     "    for (i = 0; i < n; ++i) {\n"
     "        y[i] = anne_exp(y[i] - m);\n"
     "        sum += y[i];\n"
     "    }\n"
     "    for (i = 0; i < n; ++i) y[i] /= sum;\n"
     "}\n"},
};
// clang-format on

static_assert(covers_builtins(c_activations), "an activation without its code in this target");

// A comment block "/* ... */" of provenance lines and the architecture.
void write_opening(std::ostringstream& s, const model& m, const export_options& o,
                   const std::string& file, const std::string& what) {
    s << "/* " << file << ": " << what << "\n *\n";
    for (const std::string& line : provenance_lines(m, o)) s << wrapped_comment(" *", line);
    s << " *\n"
      << wrapped_comment(" *", architecture_comment(m)) << " * Parameters: " << m.params.size()
      << " floats (" << 4 * m.params.size() << " bytes, const: they stay in flash)\n"
      << wrapped_comment(" *", "Output: " + output_text(m));
}

std::string header_text(const model& m, const export_options& o, const std::string& file) {
    const std::string& p = o.name;
    const std::string P = upper(p);
    const bool classifier = m.class_count() > 0;
    std::ostringstream s;
    write_opening(s, m, o, file, "a neural network as C99 code, made by `anne export`.");
    s << " *\n"
      << " * Use it (compile " << p
      << ".c with any C99 compiler, with -I path/to/ai-anne/include):\n"
      << " *\n"
      << " *     #include \"" << file << "\"\n *\n";
    if (!m.test.inputs.empty()) {
        s << " *     const float raw[" << P << "_INPUTS] = {";
        for (std::size_t i = 0; i < m.inputs; ++i)
            s << (i ? ", " : "") << c_float(m.test.inputs[0][i]);
        s << "};\n";
    } else {
        s << " *     const float raw[" << P << "_INPUTS] = {...};   raw measurements\n";
    }
    s << " *     float y[" << P << "_OUTPUTS];\n"
      << " *     " << p << "_predict(raw, y);";
    if (!m.test.outputs.empty()) {
        s << "   y = {";
        for (std::size_t i = 0; i < m.outputs() && i < 4; ++i)
            s << (i ? ", " : "") << float_text(m.test.outputs[0][i]);
        s << (m.outputs() > 4 ? ", ...}" : "}");
    }
    s << "\n";
    if (classifier) s << " *     const char *label = " << p << "_classes[" << p << "_decide(y)];\n";
    s << " *\n * No heap and no static buffers: " << p
      << "_predict may run in several threads at once.\n */\n";

    const std::string guard = upper(identifier_from(file));
    s << "#ifndef " << guard << "\n#define " << guard << "\n\n"
      << "#include <stddef.h>\n\n"
      << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
      << "/* Values per sample: raw inputs in, network outputs out. */\n"
      << "#define " << P << "_INPUTS " << m.inputs << "\n"
      << "#define " << P << "_OUTPUTS " << m.outputs() << "\n\n"
      << "/* Runs the network on one sample: in is (" << P << "_INPUTS) raw values, out is (" << P
      << "_OUTPUTS). */\n"
      << "void " << p << "_predict(const float *in, float *out);\n"
      << "/* Runs the network on n samples: in is (n, " << P
      << "_INPUTS) raw values, sample after\n"
      << "   sample, out is (n, " << P << "_OUTPUTS). Each sample gets " << p
      << "_predict's bits; on a PC it is\n"
      << "   faster, as it computes " << batch_lanes
      << " samples side by side in loops that the compiler turns into\n"
      << "   vector instructions. */\n"
      << "void " << p << "_predict_batch(const float *in, float *out, size_t n);\n";
    if (classifier) {
        const bool binary = m.output.type == output_meaning::kind::binary;
        s << "\n/* The class names, by class index. */\n"
          << "extern const char *const " << p << "_classes[" << m.class_count() << "];\n"
          << "/* The class an output stands for: "
          << (binary ? "1 if out[0] > " + float_text(m.output.threshold) + ", else 0"
                     : std::string("the index of the largest output"))
          << ". */\n"
          << "size_t " << p << "_decide(const float *out);\n"
          << "/* predict, then decide: the class of one sample of raw values. */\n"
          << "size_t " << p << "_classify(const float *in);\n";
    }
    s << "\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n";
    return s.str();
}

// The call that applies layer l's activation to the `values` values v in place (one sample's
// units, or predict_batch's (units, lanes) buffer), indented by `indent`. sigmoid takes them
// all at once; softmax spans one sample's units, so predict_batch (lanes > 1) gathers them.
std::string activation_loop(const layer_view& l, const std::string& v, std::size_t lanes,
                            const std::string& indent) {
    const std::string units = std::to_string(l.units);
    const std::string values = lanes > 1 ? units + " * LANES" : units;
    if (l.activation == "sigmoid") return indent + "sigmoid(" + v + ", " + values + ");\n";
    if (l.activation == "softmax") {
        if (lanes == 1) return indent + "softmax(" + v + ", " + units + ");\n";
        return indent + "for (s = 0; s < LANES; ++s) { /* one sample's units at a time */\n" +
               indent + "    float z[" + units + "];\n" + indent + "    for (j = 0; j < " + units +
               "; ++j) z[j] = " + v + "[j * LANES + s];\n" + indent + "    softmax(z, " + units +
               ");\n" + indent + "    for (j = 0; j < " + units + "; ++j) " + v +
               "[j * LANES + s] = z[j];\n" + indent + "}\n";
    }
    const std::string fn = l.activation == "tanh" ? "tanh_" : l.activation;
    const std::string arg = l.has_alpha ? ", " + c_float(l.alpha) : "";
    return indent + "for (j = 0; j < " + values + "; ++j) " + v + "[j] = " + fn + "(" + v + "[j]" +
           arg + ");\n";
}

// NAME_predict_batch: dense_lanes and the activations on LANES samples at a time, their
// buffers (units, LANES), and the last samples one by one through NAME_predict.
void write_predict_batch(std::ostringstream& s, const model& m,
                         const std::vector<layer_view>& layers, const std::string& p) {
    s << "\n/* ---- Several samples side by side ---- */\n\n"
      << "#define LANES " << batch_lanes << " /* the samples " << p
      << "_predict_batch computes side by side */\n\n"
      << "/* dense for LANES samples: x is (inputs, LANES), z is (units, LANES), x[i * LANES + s]\n"
      << "   being sample s's input i; each sample's sums in dense's order. */\n"
      << "static void dense_lanes(const float *x, size_t inputs, const float *w, const float *b,\n"
      << "                        size_t units, float *z) {\n"
      << "    size_t i, j, s;\n"
      << "    for (j = 0; j < units; ++j) {\n"
      << "        float sum[LANES];\n"
      << "        for (s = 0; s < LANES; ++s) sum[s] = 0.0f;\n"
      << "        for (i = 0; i < inputs; ++i)\n"
      << "            for (s = 0; s < LANES; ++s) sum[s] += x[i * LANES + s] * w[i * units + j];\n"
      << "        for (s = 0; s < LANES; ++s) z[j * LANES + s] = b ? sum[s] + b[j] : sum[s];\n"
      << "    }\n"
      << "}\n\n"
      << "void " << p << "_predict_batch(const float *in, float *out, size_t n) {\n"
      << "    const size_t blocks = n - n % LANES; /* the samples in whole blocks */\n"
      << "    size_t first, i, j, s;\n"
      << "    for (first = 0; first < blocks; first += LANES) {\n"
      << "        const float *raw = in + first * " << m.inputs << "; /* (LANES, inputs) */\n"
      << "        float x[" << m.inputs << " * LANES]";
    for (const layer_view& l : layers) s << ", h" << l.number << "[" << l.units << " * LANES]";
    s << ";\n"
      << "        for (i = 0; i < " << m.inputs << "; ++i)\n"
      << "            for (s = 0; s < LANES; ++s)\n"
      << "                x[i * LANES + s] =\n                    ";
    const std::string raw = "raw[s * " + std::to_string(m.inputs) + " + i]";
    if (m.pre.type != preprocessing::kind::none) {
        const auto parameters = m.pre.parameters();
        s << m.pre.formula(raw, std::string("input_") + parameters[0].first + "[i]",
                           std::string("input_") + parameters[1].first + "[i]", "anne_divide");
    } else {
        s << raw;
    }
    s << ";\n";
    std::string x = "x";
    for (const layer_view& l : layers) {
        const std::string n = std::to_string(l.number), y = "h" + n;
        s << "        /* layer " << n << ": " << l.inputs << " -> " << l.units << ", "
          << l.activation << " */\n"
          << "        dense_lanes(" << x << ", " << l.inputs << ", &w" << n << "[0][0], "
          << (l.use_bias ? "b" + n : std::string("NULL")) << ", " << l.units << ", " << y << ");\n"
          << activation_loop(l, y, batch_lanes, "        ");
        x = y;
    }
    s << "        for (s = 0; s < LANES; ++s)\n"
      << "            for (j = 0; j < " << m.outputs() << "; ++j)\n"
      << "                out[(first + s) * " << m.outputs() << " + j] = " << x
      << "[j * LANES + s];\n"
      << "    }\n"
      << "    for (s = blocks; s < n; ++s) " << p << "_predict(in + s * " << m.inputs
      << ", out + s * " << m.outputs() << ");\n"
      << "}\n";
}

// Long on purpose (~120 lines): the .c file from top to bottom, as export_micropython writes
// its file.
std::string source_text(const model& m, const export_options& o, const std::string& header,
                        const std::vector<layer_view>& layers) {
    const std::string& p = o.name;
    const bool classifier = m.class_count() > 0;
    std::ostringstream s;
    s << "/* " << p << ".c: the network declared in " << header
      << ", with plain loops. See there for how to use it.\n"
      << " *\n"
      << " * It computes exactly what the AI-ANNE C++ core computes (include/anne/): the same\n"
      << " * float32 operations in the same order, and the activations on the core's own\n"
      << " * elementary functions (anne/elementary.h, integer arithmetic), not on libm.\n *\n"
      << wrapped_comment(" *", compile_flags_note()) << " */\n"
      << "#include \"" << header << "\"\n\n#include <anne/elementary.h>\n\n";

    s << "/* ---- The parameters, as Keras stores them: W[input][unit], then b[unit] ---- */\n\n";
    for (const layer_view& l : layers) {
        s << "/* layer " << l.number << ": " << l.inputs << " -> " << l.units << ", "
          << l.activation << " */\n"
          << "static const float w" << l.number << "[" << l.inputs << "][" << l.units << "] = {\n";
        for (std::size_t i = 0; i < l.inputs; ++i)
            s << "    " << brace_list(l.kernel + i * l.units, l.units, 4, c_float, "        ")
              << ",\n";
        s << "};\n";
        if (l.use_bias) {
            const std::string decl = "static const float b" + std::to_string(l.number) + "[" +
                                     std::to_string(l.units) + "] = ";
            s << decl << brace_list(l.bias, l.units, decl.size(), c_float, "    ") << ";\n";
        }
        s << "\n";
    }
    const preprocessing& pre = m.pre;
    const auto parameters = pre.parameters();
    if (pre.type != preprocessing::kind::none) {
        s << wrapped_comment("/*", "Preprocessing: " + preprocessing_text(m) + ". */", 100, "  ");
        for (const auto& [name, values] : parameters) {
            const std::string decl = std::string("static const float input_") + name + "[" +
                                     std::to_string(m.inputs) + "] = ";
            s << decl << brace_list(values->data(), m.inputs, decl.size(), c_float, "    ")
              << ";\n";
        }
        s << "\n";
    }

    s << "/* ---- The activation functions: z is a neuron's weighted sum, f(z) its output ---- */"
         "\n\n";
    for (const activation_code* a : definitions(c_activations, layers)) {
        if (std::string(a->name) == "selu")
            s << "#define SELU_ALPHA " << c_float(selu_alpha) << "\n#define SELU_SCALE "
              << c_float(selu_scale) << "\n";
        s << a->code << "\n";
    }

    s << "/* ---- The dense layer: units neurons that all see the same inputs ---- */\n\n"
      << "/* z_j = x_0 W[0][j] + x_1 W[1][j] + ... (summed in this order), then + b_j.\n"
      << "   x is (inputs), w is (inputs, units) row-major, b is (units) or NULL, z is (units). "
         "*/\n"
      << "/* On a PC its loops are unrolled completely, as -O3 does by itself: at -O2 GCC\n"
      << "   keeps the sums in memory, and the sigmoids, two at a time, load two sums at once,\n"
      << "   which the processor cannot forward from their two stores (1.7 times slower).\n"
      << "   Not on a microcontroller, where unrolled code costs flash. */\n"
      << "#if defined(__x86_64__) || defined(__aarch64__)\n"
      << "#define ANNE_DENSE_UNROLL _Pragma(\"GCC unroll 16\")\n"
      << "#else\n"
      << "#define ANNE_DENSE_UNROLL\n"
      << "#endif\n"
      << "static void dense(const float *x, size_t inputs, const float *w, const float *b,\n"
      << "                  size_t units, float *z) {\n"
      << "    size_t i, j;\n"
      << "    ANNE_DENSE_UNROLL for (j = 0; j < units; ++j) {\n"
      << "        float sum = 0.0f;\n"
      << "        ANNE_DENSE_UNROLL for (i = 0; i < inputs; ++i) sum += x[i] * w[i * units + j];\n"
      << "        z[j] = b ? sum + b[j] : sum;\n"
      << "    }\n"
      << "}\n\n";

    s << "void " << p << "_predict(const float *in, float *out) {\n";
    std::string decl;
    if (pre.type != preprocessing::kind::none) decl += "x[" + std::to_string(m.inputs) + "]";
    for (std::size_t k = 0; k + 1 < layers.size(); ++k)
        decl += (decl.empty() ? "" : ", ") + std::string("h") + std::to_string(k + 1) + "[" +
                std::to_string(layers[k].units) + "]";
    if (!decl.empty()) s << "    float " << decl << ";\n";
    bool loops = pre.type != preprocessing::kind::none;
    for (const layer_view& l : layers)
        loops = loops || (l.activation != "softmax" && l.activation != "sigmoid");
    if (loops) s << "    size_t j;\n";
    std::string in = "in";
    if (pre.type != preprocessing::kind::none) {
        const std::string a = std::string("input_") + parameters[0].first + "[j]",
                          b = std::string("input_") + parameters[1].first + "[j]";
        s << "    /* preprocessing: x[j] = " << pre.formula("in[j]", a, b)
          << ", the division by anne_divide\n"
          << "     * (the bits of \"/\"; in integer arithmetic on the Cortex-M0+, 4x cheaper "
             "there) */\n"
          << "    for (j = 0; j < " << m.inputs << "; ++j)\n"
          << "        x[j] = " << pre.formula("in[j]", a, b, "anne_divide") << ";\n";
        in = "x";
    }
    for (std::size_t k = 0; k < layers.size(); ++k) {
        const layer_view& l = layers[k];
        const bool last = k + 1 == layers.size();
        const std::string y = last ? "out" : "h" + std::to_string(k + 1);
        const std::string n = std::to_string(l.number);
        s << "    /* layer " << n << ": " << l.inputs << " -> " << l.units << ", " << l.activation
          << (last ? ", into out" : "") << " */\n"
          << "    dense(" << in << ", " << l.inputs << ", &w" << n << "[0][0], "
          << (l.use_bias ? "b" + n : std::string("NULL")) << ", " << l.units << ", " << y << ");\n";
        s << activation_loop(l, y, 1, "    ");
        in = y;
    }
    s << "}\n";
    write_predict_batch(s, m, layers, p);

    if (classifier) {
        const bool binary = m.output.type == output_meaning::kind::binary;
        s << "\nconst char *const " << p << "_classes[" << m.class_count() << "] = {";
        for (std::size_t c = 0; c < m.class_count(); ++c)
            s << (c ? ", " : "") << quoted(m.class_name(c));
        s << "};\n\n"
          << "size_t " << p << "_decide(const float *out) {\n";
        if (binary) {
            s << "    return out[0] > " << c_float(m.output.threshold) << " ? 1 : 0;\n";
        } else {
            s << "    size_t best = 0, i;\n"
              << "    for (i = 1; i < " << m.outputs() << "; ++i)\n"
              << "        if (out[i] > out[best]) best = i;\n"
              << "    return best;\n";
        }
        s << "}\n\n"
          << "size_t " << p << "_classify(const float *in) {\n"
          << "    float out[" << m.outputs() << "];\n"
          << "    " << p << "_predict(in, out);\n"
          << "    return " << p << "_decide(out);\n"
          << "}\n";
    }
    return s.str();
}

}  // namespace

c_files export_c(const model& m, const export_options& o, const std::string& header_file) {
    check_export_name(o.name);
    const std::vector<layer_view> layers = exportable_layers(m);
    return {header_text(m, o, header_file), source_text(m, o, header_file, layers)};
}

}  // namespace anne
