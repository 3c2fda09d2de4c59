// The MicroPython target for an int8 model: the AI-ANNE core's integer arithmetic
// (include/anne/quantized.hpp, fixedpoint.hpp) in Python ints, which are exact, so its int8
// outputs are the core's bits on a Pico and on a PC alike. Python's >> floors as an int32
// arithmetic shift does; where C truncates a division or wraps a shift, the code says so.
#include <sstream>

#include "export/common.hpp"
#include "export/int8.hpp"
#include "quantize/int8_model.hpp"

namespace anne {

using namespace export_detail;

namespace {

// clang-format off
constexpr const char* py_requantize =
    "def wrap32(v):\n"
    "    # v as an int32 wraps (C's shift of a uint32, read back as int32)\n"
    "    v &= 0xFFFFFFFF\n"
    "    return v - 0x100000000 if v & 0x80000000 else v\n\n"
    "def saturating_rounding_doubling_high_mul(a, b):\n"
    "    # round(a * b / 2^31), ties toward +infinity: + 2^30 or 1 - 2^30, then a division\n"
    "    # that truncates toward zero; -2^31 * -2^31 saturates to 2^31 - 1\n"
    "    if a == -0x80000000 and b == -0x80000000:\n"
    "        return 0x7FFFFFFF\n"
    "    ab = a * b\n"
    "    if ab >= 0:\n"
    "        return (ab + 0x40000000) >> 31\n"
    "    return -((0x40000000 - 1 - ab) >> 31)\n\n"
    "def rounding_divide_by_pot(x, exponent):\n"
    "    # x / 2^exponent rounded to nearest, ties away from zero\n"
    "    mask = (1 << exponent) - 1\n"
    "    threshold = (mask >> 1) + (1 if x < 0 else 0)\n"
    "    return (x >> exponent) + (1 if (x & mask) > threshold else 0)\n\n"
    "def multiply_by_quantized_multiplier(x, multiplier, shift):\n"
    "    # x * multiplier * 2^(shift - 31), TensorFlow Lite's double rounding\n"
    "    if shift > 0:\n"
    "        return saturating_rounding_doubling_high_mul(wrap32(x << shift), multiplier)\n"
    "    return rounding_divide_by_pot(saturating_rounding_doubling_high_mul(x, multiplier), -shift)\n\n"
    "def clamp(v, lo=-128, hi=127):\n"
    "    return lo if v < lo else (hi if v > hi else v)\n\n"
    "def dense(x, w, b, multiplier, shift, input_zero_point, output_zero_point, lo, hi):\n"
    "    # unit j: acc = b[j] + sum over i of w[i][j] * (x[i] - input_zero_point), an exact\n"
    "    # integer, then requantized to the output's int8 steps; relu is the clamp [lo, hi]\n"
    "    y = []\n"
    "    for j in range(len(multiplier)):\n"
    "        acc = 0 if b is None else b[j]\n"
    "        for i in range(len(x)):\n"
    "            acc += (x[i] - input_zero_point) * w[i][j]\n"
    "        v = multiply_by_quantized_multiplier(acc, multiplier[j], shift[j])\n"
    "        y.append(clamp(v + output_zero_point, lo, hi))\n"
    "    return y\n\n";

constexpr const char* py_quantize_input =
    "def quantize_input(raw, multiplier, shift, offset):\n"
    "    # q = round(raw * a + b), a = multiplier * 2^(shift - 31), b = offset / 2^24, from the\n"
    "    # float32's bits raw = +-m * 2^(e - 150): zero, subnormals and NaN count as 0,\n"
    "    # infinities saturate\n"
    "    bits = struct.unpack(\"<I\", struct.pack(\"<f\", raw))[0]\n"
    "    exponent = (bits >> 23) & 0xFF\n"
    "    negative = (bits >> 31) != 0\n"
    "    v = offset\n"
    "    if exponent == 255 and (bits & 0x7FFFFF) == 0:\n"
    "        return -128 if negative else 127\n"
    "    if 0 < exponent < 255:\n"
    "        product = ((bits & 0x7FFFFF) | 0x800000) * multiplier\n"
    "        right = 157 - exponent - shift  # product * 2^(e - 181 + shift) in Q24\n"
    "        if right <= 0:\n"
    "            return -128 if negative else 127\n"
    "        if right < 63:\n"
    "            t = (product + (1 << (right - 1))) >> right\n"
    "            v += -t if negative else t\n"
    "    # round half away from zero of v / 2^24\n"
    "    r = (v + (1 << 23)) >> 24 if v >= 0 else -((-v + (1 << 23)) >> 24)\n"
    "    return clamp(r)\n\n";

constexpr const char* py_lookup =
    "def lookup(q, table, first):\n"
    "    # sigmoid or tanh by its table of q in [first, first + len - 1], saturated outside\n"
    "    k = q - first\n"
    "    return table[0] if k < 0 else (table[-1] if k >= len(table) else table[k])\n\n";

constexpr const char* py_softmax =
    "# ---- softmax in gemmlowp's fixed point: an int raw means raw / 2^(31 - I) ----\n\n"
    "def rounding_half_sum(a, b):\n"
    "    # (a + b) / 2 rounded half away from zero (C truncates the division)\n"
    "    s = a + b + (1 if a + b >= 0 else -1)\n"
    "    return s // 2 if s >= 0 else -((-s) // 2)\n\n"
    "def saturating_rounding_multiply_by_pot(x, exponent):\n"
    "    # x * 2^exponent: rounding for exponent < 0, saturating for exponent > 0\n"
    "    if exponent <= 0:\n"
    "        return rounding_divide_by_pot(x, -exponent)\n"
    "    threshold = (1 << (31 - exponent)) - 1\n"
    "    if x > threshold:\n"
    "        return 0x7FFFFFFF\n"
    "    if x < -threshold:\n"
    "        return -0x80000000\n"
    "    return x << exponent\n\n"
    "def exp_on_interval(a):\n"
    "    # e^a for a in [-1/4, 0), Q0.31: e^-1/8 (1 + x + x^2/2 + x^3/6 + x^4/24), x = a + 1/8\n"
    "    mul = saturating_rounding_doubling_high_mul\n"
    "    exp_minus_one_eighth = 1895147668\n"
    "    x = a + (1 << 28)\n"
    "    x2 = mul(x, x)\n"
    "    x3 = mul(x2, x)\n"
    "    x4_over_4 = saturating_rounding_multiply_by_pot(mul(x2, x2), -2)\n"
    "    poly = saturating_rounding_multiply_by_pot(mul(x4_over_4 + x3, 715827883) + x2, -1)\n"
    "    return exp_minus_one_eighth + mul(exp_minus_one_eighth, x + poly)\n\n"
    "EXP_OF_MINUS_POWER_OF_TWO = [1672461947, 1302514674, 790015084, 290630308, 39332535,\n"
    "                             720401, 242]  # e^(-2^k), k = -2 .. 4, in Q0.31\n\n"
    "def exp_on_negative_values(a):\n"
    "    # e^a for a <= 0 in Q5.26, the result in Q0.31: a = (a mod 1/4 - 1/4) - r, the first\n"
    "    # part by the polynomial, e^-r by one multiplication with e^(-2^k) per bit k of r\n"
    "    if a == 0:\n"
    "        return 0x7FFFFFFF\n"
    "    one_quarter = 1 << 24\n"
    "    a_mod = (a & (one_quarter - 1)) - one_quarter\n"
    "    result = exp_on_interval(saturating_rounding_multiply_by_pot(a_mod, 5))\n"
    "    remainder = a_mod - a\n"
    "    for k in range(7):\n"
    "        if remainder & (1 << (24 + k)):\n"
    "            result = saturating_rounding_doubling_high_mul(result, "
    "EXP_OF_MINUS_POWER_OF_TWO[k])\n"
    "    return result\n\n"
    "def one_over_one_plus_x_for_x_in_0_1(a):\n"
    "    # 1 / (1 + a), Q0.31: three Newton-Raphson steps for 1 / d, d = (1 + a) / 2, from\n"
    "    # 48/17 - 32/17 d, in Q2.29\n"
    "    mul = saturating_rounding_doubling_high_mul\n"
    "    d = rounding_half_sum(a, 0x7FFFFFFF)\n"
    "    x = 1515870810 + mul(d, -1010580540)\n"
    "    for _ in range(3):\n"
    "        x = x + saturating_rounding_multiply_by_pot(mul(x, (1 << 29) - mul(d, x)), 2)\n"
    "    return saturating_rounding_multiply_by_pot(x, 1)\n\n"
    "def softmax(z, multiplier, left_shift, diff_min):\n"
    "    # e^(z_c - max) in Q0.31 (the difference rescaled into Q5.26), their sum in Q12.19,\n"
    "    # its reciprocal, each share in steps of 1/256 minus 128; below diff_min: 0\n"
    "    m = max(z)\n"
    "    e = [None if v - m < diff_min else exp_on_negative_values(\n"
    "        saturating_rounding_doubling_high_mul(wrap32((v - m) << left_shift), multiplier))\n"
    "        for v in z]\n"
    "    total = sum(rounding_divide_by_pot(v, 12) for v in e if v is not None)\n"
    "    leading_zeros = 0\n"
    "    while not (total << leading_zeros) & 0x80000000:\n"
    "        leading_zeros += 1\n"
    "    reciprocal = one_over_one_plus_x_for_x_in_0_1((total << leading_zeros) - 0x80000000)\n"
    "    bits = 12 - leading_zeros + 31 - 8\n"
    "    return [-128 if v is None else clamp(rounding_divide_by_pot(\n"
    "        saturating_rounding_doubling_high_mul(reciprocal, v), bits) - 128) for v in e]\n\n";
// clang-format on

template <typename T>
std::string py_ints(const T* v, std::size_t n) {
    std::string s = int_list(v, n, "");
    if (!s.empty() && s.back() == ',') s.pop_back();
    return "[" + s + "]";
}

void write_layers(std::ostringstream& s, const model& m, const int8::network& n,
                  const std::vector<int8_lookup>& tables) {
    const int8_model& q = *m.int8;
    s << "# ---- The layers: W[input][unit] int8, int32 biases, multipliers and shifts ----\n\n";
    for (std::size_t k = 0; k < n.depth; ++k) {
        const int8_layer_data& l = q.layers[k];
        const std::size_t units = n.layers[k].units, in = int8::layer_inputs(n, k);
        const std::string id = std::to_string(k + 1);
        s << "# layer " << id << ": " << in << " -> " << units << ", " << m.layers[k].activation
          << "; sums: real = " << float_text(l.sums.scale) << " * (q - (" << l.sums.zero_point
          << "))\nW" << id << " = [\n";
        for (std::size_t i = 0; i < in; ++i)
            s << "    " << py_ints(l.kernel.data() + i * units, units) << ",\n";
        s << "]\nB" << id << " = "
          << (l.bias.empty() ? std::string("None") : py_ints(l.bias.data(), units)) << "\n"
          << "MULTIPLIER" << id << " = " << py_ints(l.multiplier.data(), units) << "\n"
          << "SHIFT" << id << " = " << py_ints(l.shift.data(), units) << "\n";
        if (tabled(n.layers[k]))
            s << "TABLE" << id << " = " << py_ints(tables[k].begin(), tables[k].size()) << "  # "
              << m.layers[k].activation << " of q = " << tables[k].first << " .. " << tables[k].last
              << "\n";
        s << "\n";
    }
}

void write_network(std::ostringstream& s, const model& m, const int8::network& n,
                   const std::vector<int8_lookup>& tables) {
    s << "# ---- The network ----\n\n"
      << "def predict_int8(x):\n"
      << "    # " << m.inputs << " int8 inputs -> " << m.outputs() << " int8 outputs\n";
    std::string in = "x";
    for (std::size_t k = 0; k < n.depth; ++k) {
        const int8::layer& c = n.layers[k];
        const std::string id = std::to_string(k + 1);
        const std::string y = "h" + id;
        s << "    " << y << " = dense(" << in << ", W" << id << ", B" << id << ", MULTIPLIER" << id
          << ", SHIFT" << id << ", " << c.input_zero_point << ", " << c.sums_zero_point << ", "
          << c.lo << ", " << c.hi << ")\n";
        if (tabled(c))
            s << "    " << y << " = [lookup(v, TABLE" << id << ", " << tables[k].first
              << ") for v in " << y << "]\n";
        if (c.kind == int8::activation_kind::softmax)
            s << "    " << y << " = softmax(" << y << ", " << c.soft.multiplier << ", "
              << c.soft.left_shift << ", " << c.soft.diff_min << ")\n";
        in = y;
    }
    s << "    return " << in << "\n\n"
      << "def quantize(raw):\n"
      << "    # the raw inputs as int8: the preprocessing and the input quantization in one step\n"
      << "    return [quantize_input(raw[i], *INPUT_MAP[i]) for i in range(len(raw))]\n\n"
      << "def predict(raw):\n"
      << "    # the float model's interface: raw values in, the int8 outputs dequantized out\n"
      << "    return [OUTPUT_SCALE * (q - OUTPUT_ZERO_POINT) for q in predict_int8(quantize(raw))]"
         "\n";
}

void write_classes_and_self_test(std::ostringstream& s, const model& m) {
    if (m.class_count() > 0) {
        const bool binary = m.output.type == output_meaning::kind::binary;
        s << "\nCLASSES = [";
        for (std::size_t c = 0; c < m.class_count(); ++c)
            s << (c ? ", " : "") << quoted(m.class_name(c));
        s << "]\n\ndef decide(y):\n";
        if (binary)
            s << "    # class 1 if the output is above the threshold, else class 0\n"
              << "    return 1 if y[0] > " << py_float(m.output.threshold) << " else 0\n";
        else
            s << "    # the index of the largest output (the first one on ties)\n"
              << "    return y.index(max(y))\n";
        s << "\ndef classify(raw):\n    return decide(predict(raw))\n";
    }
    const int8_model& q = *m.int8;
    if (q.test_inputs.empty()) return;
    s << "\nif __name__ == \"__main__\":\n"
      << "    # The model file's self-test: raw inputs and the exact int8 outputs anne computed.\n"
      << "    for raw, expected in [\n";
    for (std::size_t t = 0; t < q.test_inputs.size(); ++t) {
        s << "        ([";
        for (std::size_t i = 0; i < q.test_inputs[t].size(); ++i)
            s << (i ? ", " : "") << py_float(q.test_inputs[t][i]);
        s << "], " << py_ints(q.test_outputs[t].data(), q.test_outputs[t].size()) << "),\n";
    }
    s << "    ]:\n"
      << "        y = predict_int8(quantize(raw))\n"
      << "        print(raw, \"->\", y, \"ok\" if y == expected else \"DIFFERS\", expected)\n";
}

}  // namespace

std::string export_int8_micropython(const model& m, const export_options& o) {
    check_export_name(o.name);
    const int8_model& q = *m.int8;
    const int8::network n = q.net();
    std::vector<int8_lookup> tables(n.depth);
    bool softmax = false, lookups = false;
    for (std::size_t k = 0; k < n.depth; ++k) {
        if (tabled(n.layers[k])) tables[k] = make_trimmed_table(n.layers[k]);
        lookups = lookups || tabled(n.layers[k]);
        softmax = softmax || n.layers[k].kind == int8::activation_kind::softmax;
    }
    const int8::quantization out = q.output();
    std::ostringstream s;
    s << "# " << (o.file.empty() ? o.name + ".py" : o.file)
      << ": an int8 neural network in MicroPython, made by `anne export`.\n#\n";
    for (const std::string& line : provenance_lines(m, o)) s << wrapped_comment("#", line);
    s << "#\n"
      << wrapped_comment("#", architecture_comment(m))
      << wrapped_comment("#", "Output: " + output_text(m)) << "#\n"
      << "# Use it on a Raspberry Pi Pico (copy this file to the board) or on a PC:\n#\n"
      << "#     import " << o.name << "\n"
      << "#     y = " << o.name << ".predict(raw)   # raw measurements in, as the float model\n#\n"
      << "# Every step is integer arithmetic on Python ints, which are exact: the same integers\n"
      << "# as the AI-ANNE core's int8 kernels (TensorFlow Lite Micro's arithmetic), so\n"
      << "# predict_int8 gives the bits `anne predict` gives. A tensor's int8 value q stands for\n"
      << "# real = scale * (q - zero_point); only predict's last step, the dequantization, is a\n"
      << "# float multiply.\n\n"
      << "import struct\n\n"
      << "# ---- int8 arithmetic ----\n\n"
      << py_requantize << py_quantize_input << (lookups ? py_lookup : "")
      << (softmax ? py_softmax : "");
    s << "# ---- The input and output ----\n\n"
      << wrapped_comment(
             "#", "Raw input i -> int8 by (multiplier, shift, offset): " + preprocessing_text(m) +
                      " and the input quantization folded into one step.")
      << "INPUT_MAP = [\n";
    for (std::size_t i = 0; i < m.inputs; ++i)
        s << "    (" << n.affine[i].multiplier << ", " << n.affine[i].shift << ", "
          << n.affine[i].offset << "),\n";
    s << "]\nOUTPUT_SCALE = " << py_float(out.scale) << "\nOUTPUT_ZERO_POINT = " << out.zero_point
      << "\n\n";
    write_layers(s, m, n, tables);
    write_network(s, m, n, tables);
    write_classes_and_self_test(s, m);
    return s.str();
}

}  // namespace anne
