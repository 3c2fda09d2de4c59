// The MicroPython target: the network as lists of numbers and small readable functions, in
// the style of the original AI-ANNE code, so that a student can follow every step on a Pico.
#include <cctype>
#include <sstream>

#include <anne/activation.hpp>

#include "export/common.hpp"
#include "export/export.hpp"

namespace anne {

using namespace export_detail;

namespace {

// One activation as Python, with the activation it calls. The formulas are those of
// include/anne/activation.hpp, including their care for overflow; only math.exp, math.log,
// math.tanh and math.erf are used (MicroPython may lack log1p and expm1).

// clang-format off
constexpr activation_code py_activations[] = {
    {"linear", nullptr,
     "def linear(z):\n"
     "    # f(z) = z\n"
     "    return z\n"},
    {"relu", nullptr,
     "def relu(z):\n"
     "    # f(z) = max(0, z)\n"
     "    return z if z > 0 else 0.0\n"},
    {"relu6", nullptr,
     "def relu6(z):\n"
     "    # f(z) = min(max(0, z), 6)\n"
     "    return 0.0 if z <= 0 else (z if z < 6 else 6.0)\n"},
    {"leaky_relu", nullptr,
     "def leaky_relu(z, slope):\n"
     "    # f(z) = z for z > 0, slope * z otherwise\n"
     "    return z if z > 0 else slope * z\n"},
    {"elu", nullptr,
     "def elu(z, alpha):\n"
     "    # f(z) = z for z > 0, alpha * (e^z - 1) otherwise\n"
     "    return z if z > 0 else alpha * (math.exp(z) - 1.0)\n"},
    {"selu", "elu",
     "SELU_ALPHA = 1.6732632423543772\n"
     "SELU_SCALE = 1.0507009873554805\n\n"
     "def selu(z):\n"
     "    # f(z) = scale * elu(z, alpha), with the fixed constants of Klambauer et al. (2017)\n"
     "    return SELU_SCALE * elu(z, SELU_ALPHA)\n"},
    {"sigmoid", nullptr,
     "def sigmoid(z):\n"
     "    # f(z) = 1 / (1 + e^-z); for z < 0 as e^z / (1 + e^z), so that e^x never overflows\n"
     "    if z >= 0:\n"
     "        return 1.0 / (1.0 + math.exp(-z))\n"
     "    e = math.exp(z)\n"
     "    return e / (1.0 + e)\n"},
    {"hard_sigmoid", nullptr,
     "def hard_sigmoid(z, slope):\n"
     "    # f(z) = clip(slope * z + 0.5, 0, 1)\n"
     "    y = slope * z + 0.5\n"
     "    return 0.0 if y < 0 else (1.0 if y > 1 else y)\n"},
    {"tanh", nullptr,
     "def tanh(z):\n"
     "    # f(z) = (e^z - e^-z) / (e^z + e^-z); math.tanh does not overflow for large |z|\n"
     "    return math.tanh(z)\n"},
    {"softplus", nullptr,
     "def softplus(z):\n"
     "    # f(z) = ln(1 + e^z), as z + ln(1 + e^-z) for z > 0 so that e^x never overflows\n"
     "    if z > 0:\n"
     "        return z + math.log(1.0 + math.exp(-z))\n"
     "    return math.log(1.0 + math.exp(z))\n"},
    {"softsign", nullptr,
     "def softsign(z):\n"
     "    # f(z) = z / (1 + |z|)\n"
     "    return z / (1.0 + abs(z))\n"},
    {"swish", "sigmoid",
     "def swish(z):\n"
     "    # f(z) = z * sigmoid(z)\n"
     "    return z * sigmoid(z)\n"},
    {"gelu", nullptr,
     "def gelu(z):\n"
     "    # f(z) = 0.5 z (1 + erf(z / sqrt(2)))\n"
     "    return 0.5 * z * (1.0 + math.erf(z * 0.7071067811865476))\n"},
    {"gelu_tanh", nullptr,
     "def gelu_tanh(z):\n"
     "    # f(z) = 0.5 z (1 + tanh(sqrt(2 / pi) (z + 0.044715 z^3)))\n"
     "    u = 0.7978845608028654 * (z + 0.044715 * z * z * z)\n"
     "    return 0.5 * z * (1.0 + math.tanh(u))\n"},
    {"mish", "softplus",
     "def mish(z):\n"
     "    # f(z) = z * tanh(softplus(z))\n"
     "    return z * math.tanh(softplus(z))\n"},
    {"softmax", nullptr,
     "def softmax(z):\n"
     "    # y_i = e^(z_i - m) / sum_j e^(z_j - m) over the units of one sample, m = max(z),\n"
     "    # so that no e^x overflows\n"
     "    m = max(z)\n"
     "    e = [math.exp(v - m) for v in z]\n"
     "    s = sum(e)\n"
     "    return [v / s for v in e]\n"},
};
// clang-format on

static_assert(covers_builtins(py_activations), "an activation without its code in this target");

std::string py_list(const float* v, std::size_t n, std::size_t column) {
    return brace_list(v, n, column, py_float, "    ", '[', ']');
}

std::string py_values(const std::vector<float>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + py_float(v[i]);
    return s + "]";
}

// The activation argument of dense(): the function itself, or a lambda fixing its parameter.
std::string activation_argument(const layer_view& l) {
    if (!l.has_alpha) return l.activation;
    return "lambda z: " + l.activation + "(z, " + py_float(l.alpha) + ")";
}

}  // namespace

// Long on purpose (~150 lines): it writes the file from top to bottom, each block a few lines
// of Python in the order a student reads them; the helpers above hold what repeats.
std::string export_micropython(const model& m, const export_options& o) {
    check_export_name(o.name);
    const std::vector<layer_view> layers = exportable_layers(m);
    const bool classifier = m.class_count() > 0;
    const bool binary = m.output.type == output_meaning::kind::binary;
    std::ostringstream s;

    s << "# " << (o.file.empty() ? o.name + ".py" : o.file)
      << ": a neural network in MicroPython, made by `anne export`.\n#\n";
    for (const std::string& line : provenance_lines(m, o)) s << wrapped_comment("#", line);
    s << "#\n"
      << wrapped_comment("#", architecture_comment(m))
      << wrapped_comment("#", "Output: " + output_text(m));
    s << "#\n"
      << "# Use it on a Raspberry Pi Pico (copy this file to the board) or on a PC:\n#\n"
      << "#     import " << o.name << "\n";
    const std::string example =
        m.test.inputs.empty() ? std::string("[...]") : py_values(m.test.inputs[0]);
    s << "#     y = " << o.name << ".predict(" << example << ")";
    if (!m.test.outputs.empty() && m.outputs() <= 4) s << "  # " << py_values(m.test.outputs[0]);
    s << "\n";
    if (classifier) s << "#     print(" << o.name << ".CLASSES[" << o.name << ".decide(y)])\n";
    s << "#\n"
      << "# Each neuron sums x[i] * w[i][j] in the order i = 0, 1, ..., adds its bias and applies\n"
      << "# its activation, as the AI-ANNE C++ core does. MicroPython computes in its own float\n"
      << "# type (32 bits on the Pico, 64 on a PC), so the results agree with the C++ core to\n"
      << "# about 1e-6, not bit for bit.\n\n"
      << "import math\n\n";

    s << "# ---- Activation functions: z is a neuron's weighted sum, f(z) its output ----\n\n";
    for (const activation_code* a : definitions(py_activations, layers)) s << a->code << "\n";

    s << "# ---- The neuron and the dense layer ----\n\n"
      << "def neuron(x, w, j, b):\n"
      << "    # z = x[0] * w[0][j] + x[1] * w[1][j] + ... + b. Neuron j's weights are column j of\n"
      << "    # the kernel w[input][unit], as Keras stores it; b is None for a layer without "
         "bias.\n"
      << "    z = 0.0\n"
      << "    for i in range(len(x)):\n"
      << "        z += x[i] * w[i][j]\n"
      << "    return z if b is None else z + b\n\n"
      << "def dense(x, w, b, activation):\n"
      << "    # len(w[0]) neurons that all see the same inputs x\n"
      << "    z = [neuron(x, w, j, None if b is None else b[j]) for j in range(len(w[0]))]\n";
    bool has_softmax = false;
    for (const layer_view& l : layers) has_softmax = has_softmax || l.activation == "softmax";
    if (has_softmax)
        s << "    if activation is softmax:\n"
          << "        return softmax(z)  # softmax couples the units of one sample\n";
    s << "    return [activation(v) for v in z]\n\n";

    s << "# ---- The parameters: w[input][unit] and b[unit] of each layer ----\n\n";
    for (const layer_view& l : layers) {
        s << "# layer " << l.number << ": " << l.inputs << " -> " << l.units << ", " << l.activation
          << "\n"
          << "w" << l.number << " = [\n";
        for (std::size_t i = 0; i < l.inputs; ++i)
            s << "    "
              << brace_list(l.kernel + i * l.units, l.units, 4, py_float, "        ", '[', ']')
              << ",\n";
        s << "]\n";
        if (l.use_bias)
            s << "b" << l.number << " = " << py_list(l.bias, l.units, 5) << "\n";
        else
            s << "b" << l.number << " = None  # this layer has no bias\n";
        s << "\n";
    }

    const preprocessing& pre = m.pre;
    s << "# ---- Preprocessing ----\n\n"
      << wrapped_comment(
             "#", "The raw inputs are prepared as in training: " + preprocessing_text(m) + ".");
    if (pre.type != preprocessing::kind::none) {
        if (!pre.features.empty()) {
            s << "FEATURES = [";
            for (std::size_t i = 0; i < pre.features.size(); ++i)
                s << (i ? ", " : "") << quoted(pre.features[i]);
            s << "]\n";
        }
        std::string names[2];  // the parameters as Python constants: MEAN, STD
        std::size_t k = 0;
        for (const auto& [name, values] : pre.parameters()) {
            for (const char* c = name; *c; ++c)
                names[k] += static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
            s << names[k++] << " = " << py_list(values->data(), m.inputs, 6) << "\n";
        }
        s << "\ndef preprocess(raw):\n"
          << "    return [" << pre.formula("raw[i]", names[0] + "[i]", names[1] + "[i]")
          << " for i in range(len(raw))]\n\n";
    } else {
        s << "def preprocess(raw):\n    return list(raw)\n\n";
    }

    s << "# ---- The network ----\n\n"
      << "def predict(raw):\n"
      << "    # " << m.inputs << " raw values -> " << m.outputs() << " output"
      << (m.outputs() == 1 ? "" : "s") << "\n"
      << "    x = preprocess(raw)\n";
    std::string in = "x";
    for (std::size_t k = 0; k < layers.size(); ++k) {
        const layer_view& l = layers[k];
        const std::string args = "(" + in + ", w" + std::to_string(l.number) + ", b" +
                                 std::to_string(l.number) + ", " + activation_argument(l) + ")";
        if (k + 1 == layers.size()) {
            s << "    return dense" << args << "\n";
        } else {
            in = "h" + std::to_string(l.number);
            s << "    " << in << " = dense" << args << "\n";
        }
    }

    if (classifier) {
        s << "\nCLASSES = [";
        for (std::size_t c = 0; c < m.class_count(); ++c)
            s << (c ? ", " : "") << quoted(m.class_name(c));
        s << "]\n";
        if (binary) s << "THRESHOLD = " << py_float(m.output.threshold) << "\n";
        s << "\ndef decide(y):\n";
        if (binary)
            s << "    # class 1 if the output is above the threshold, else class 0\n"
              << "    return 1 if y[0] > THRESHOLD else 0\n";
        else
            s << "    # the index of the largest output (the first one on ties)\n"
              << "    best = 0\n"
              << "    for i in range(1, len(y)):\n"
              << "        if y[i] > y[best]:\n"
              << "            best = i\n"
              << "    return best\n";
        s << "\ndef classify(raw):\n    return decide(predict(raw))\n";
    }

    if (!m.test.inputs.empty()) {
        s << "\nif __name__ == \"__main__\":\n"
          << wrapped_comment("    #",
                             "The model file's self-test: raw inputs and the expected outputs (" +
                                 m.test.source + ").")
          << "    for raw, expected in [\n";
        for (std::size_t t = 0; t < m.test.inputs.size(); ++t)
            s << "        (" << py_values(m.test.inputs[t]) << ", " << py_values(m.test.outputs[t])
              << "),\n";
        s << "    ]:\n"
          << "        y = predict(raw)\n"
          << "        print(raw, \"->\", y, \"expected\", expected"
          << (classifier ? ", CLASSES[decide(y)]" : "") << ")\n";
    }
    return s.str();
}

}  // namespace anne
