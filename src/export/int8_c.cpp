// The C target for an int8 model: a C99 header and source that spell out the AI-ANNE core's
// integer arithmetic (include/anne/quantized.hpp, fixedpoint.hpp) with plain loops, as the
// float C export spells out the float core. The same integers in the same order, so its int8
// outputs are the core's bits on every target; sigmoid and tanh are the C++ export's tables.
#include <sstream>

#include "export/common.hpp"
#include "export/int8.hpp"
#include "quantize/int8_model.hpp"

namespace anne {

using namespace export_detail;

namespace {

// clang-format off
// The requantization and the dense layer: fixedpoint.hpp's and quantized.hpp's functions,
// statement for statement.
constexpr const char* c_high_mul =
    "/* round(a * b / 2^31), ties toward +infinity; -2^31 * -2^31 saturates to 2^31 - 1 */\n"
    "static int32_t saturating_rounding_doubling_high_mul(int32_t a, int32_t b) {\n"
    "    const int64_t ab = (int64_t)a * b;\n"
    "    const int64_t nudge = ab >= 0 ? ((int64_t)1 << 30) : 1 - ((int64_t)1 << 30);\n"
    "    if (a == INT32_MIN && b == INT32_MIN) return INT32_MAX;\n"
    "    return (int32_t)((ab + nudge) / ((int64_t)1 << 31));\n"
    "}\n\n";

constexpr const char* c_divide_by_pot =
    "/* x / 2^exponent rounded to nearest, ties away from zero (exponent in [0, 31]) */\n"
    "static int32_t rounding_divide_by_pot(int32_t x, int exponent) {\n"
    "    const int32_t mask = (int32_t)(((int64_t)1 << exponent) - 1);\n"
    "    const int32_t remainder = x & mask;\n"
    "    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);\n"
    "    return (x >> exponent) + (remainder > threshold ? 1 : 0);\n"
    "}\n\n";

constexpr const char* c_dense =
    "/* x * multiplier * 2^(shift - 31): left shift, rounded high multiply, rounding right shift\n"
    "   (TensorFlow Lite's MultiplyByQuantizedMultiplier, double rounding) */\n"
    "static int32_t multiply_by_quantized_multiplier(int32_t x, int32_t multiplier, int shift) {\n"
    "    const int left = shift > 0 ? shift : 0, right = shift > 0 ? 0 : -shift;\n"
    "    return rounding_divide_by_pot(\n"
    "        saturating_rounding_doubling_high_mul((int32_t)((uint32_t)x << left), multiplier), right);\n"
    "}\n\n"
    "/* y_j = clamp(output_zero_point + acc_j * multiplier_j * 2^(shift_j - 31), lo, hi) with the\n"
    "   int32 sum acc_j = b_j + sum_i w[i][j] (x_i - input_zero_point), i in order. x is (inputs),\n"
    "   w (inputs, units) row-major, b (units) or NULL, y (units). relu is the clamp. */\n"
    "static void dense(const int8_t *x, size_t inputs, size_t units, const int8_t *w,\n"
    "                  const int32_t *b, const int32_t *multiplier, const int8_t *shift,\n"
    "                  int32_t input_zero_point, int32_t output_zero_point, int32_t lo, int32_t hi,\n"
    "                  int8_t *y) {\n"
    "    size_t i, j;\n"
    "    for (j = 0; j < units; ++j) {\n"
    "        int32_t acc = b ? b[j] : 0, v;\n"
    "        for (i = 0; i < inputs; ++i) acc += ((int32_t)x[i] - input_zero_point) * w[i * units + j];\n"
    "        v = multiply_by_quantized_multiplier(acc, multiplier[j], shift[j]) + output_zero_point;\n"
    "        y[j] = (int8_t)(v < lo ? lo : (v > hi ? hi : v));\n"
    "    }\n"
    "}\n\n";

// quantized.hpp's dense_units_small with fixedpoint.hpp's high_mul_of_small, for the layers
// whose sums stay below 2^16 (export_detail::small_sums_bias).
constexpr const char* c_dense_small =
    "/* The same high multiply from two 32-bit products, for |a| < 2^16 and b's low half nonzero:\n"
    "   |result| = (u bh + 2^14 + ((u bl - s) >> 16)) >> 15 with u = |a|, s = 1 for a < 0 and\n"
    "   b = bh 2^16 + bl (include/anne/fixedpoint.hpp, high_mul_of_small) */\n"
    "static int32_t high_mul_of_small(int32_t a, int32_t b) {\n"
    "    const uint32_t s = a < 0 ? 1u : 0u;\n"
    "    const uint32_t u = s ? 0u - (uint32_t)a : (uint32_t)a;\n"
    "    const uint32_t h = (u * ((uint32_t)b >> 16) + (1u << 14) + ((u * ((uint32_t)b & 0xffffu) - s) >> 16)) >> 15;\n"
    "    return s ? -(int32_t)h : (int32_t)h;\n"
    "}\n\n"
    "/* dense for a layer whose sums stay below 2^16: the input zero point folded into the bias\n"
    "   (b_j - input_zero_point * sum_i w[i][j]), so acc_j = b_j + sum_i w[i][j] x_i */\n"
    "static void dense_small(const int8_t *x, size_t inputs, size_t units, const int8_t *w,\n"
    "                        const int32_t *b, const int32_t *multiplier, const int8_t *shift,\n"
    "                        int32_t output_zero_point, int32_t lo, int32_t hi, int8_t *y) {\n"
    "    size_t i, j;\n"
    "    for (j = 0; j < units; ++j) {\n"
    "        int32_t acc = b[j], v;\n"
    "        for (i = 0; i < inputs; ++i) acc += (int32_t)x[i] * w[i * units + j];\n"
    "        v = rounding_divide_by_pot(high_mul_of_small(acc, multiplier[j]), -shift[j]) +\n"
    "            output_zero_point;\n"
    "        y[j] = (int8_t)(v < lo ? lo : (v > hi ? hi : v));\n"
    "    }\n"
    "}\n\n";

// quantized.hpp's dequantize_on_bits.
constexpr const char* c_dequantize_on_bits =
    "/* scale * k on the float's bits: k * M (M the scale's 24-bit significand) is exact in 32\n"
    "   bits, rounded to 24 bits by n (to nearest, ties to even, as the float multiply), the\n"
    "   exponent field grown by n (include/anne/quantized.hpp, dequantize_on_bits) */\n"
    "static float dequantize_on_bits(int32_t k, uint32_t significand, uint32_t exponent) {\n"
    "    union { float f; uint32_t u; } bits;\n"
    "    uint32_t p = (uint32_t)(k < 0 ? -k : k) * significand, n = 0;\n"
    "    if (k == 0) return 0.0f;\n"
    "    if (p >= (1u << 28)) n = 4;\n"
    "    if (p >= (1u << (26 + n))) n += 2;\n"
    "    if (p >= (1u << (25 + n))) n += 1;\n"
    "    if (p >= (1u << (24 + n))) n += 1;\n"
    "    if (n) {\n"
    "        const uint32_t rest = p & ((1u << n) - 1), half = 1u << (n - 1);\n"
    "        p >>= n;\n"
    "        if (rest > half || (rest == half && (p & 1u))) ++p;\n"
    "        if (p == (1u << 24)) {\n"
    "            p >>= 1;\n"
    "            ++n;\n"
    "        }\n"
    "    }\n"
    "    bits.u = (k < 0 ? 0x80000000u : 0u) | ((exponent + n) << 23) | (p & 0x7fffffu);\n"
    "    return bits.f;\n"
    "}\n\n";

// quantized.hpp's quantize_input: the preprocessing and the input quantization in one step.
constexpr const char* c_quantize_input =
    "/* (m * n + 2^(right - 1)) >> right for m < 2^24, n < 2^31, right in [1, 55], from 16-bit\n"
    "   partial products on two 32-bit words: m n = m1 n1 2^32 + (m1 n0 + m0 n1) 2^16 + m0 n0\n"
    "   (include/anne/quantized.hpp, rounded_product_shift) */\n"
    "static uint64_t rounded_product_shift(uint32_t m, uint32_t n, int right) {\n"
    "    const uint32_t m1 = m >> 16, m0 = m & 0xffffu, n1 = n >> 16, n0 = n & 0xffffu;\n"
    "    const uint32_t middle = m1 * n0 + m0 * n1;\n"
    "    uint32_t low = m0 * n0 + (middle << 16);\n"
    "    uint32_t high = m1 * n1 + (middle >> 16) + (low < (middle << 16) ? 1u : 0u);\n"
    "    if (right <= 32) {\n"
    "        const uint32_t half = 1u << (right - 1);\n"
    "        low += half;\n"
    "        high += low < half ? 1u : 0u;\n"
    "    } else {\n"
    "        high += 1u << (right - 33);\n"
    "    }\n"
    "    if (right >= 32) return high >> (right - 32);\n"
    "    return ((uint64_t)(high >> right) << 32) | (high << (32 - right)) | (low >> right);\n"
    "}\n\n"
    "/* One raw input -> int8: q = round(raw * a + b), a = multiplier * 2^(shift - 31),\n"
    "   b = offset / 2^24, from the float's bits raw = +-m * 2^(e - 150) (24-bit m): integer\n"
    "   arithmetic only. Zero and subnormals count as 0, NaN as 0; infinities saturate. */\n"
    "static int8_t quantize_input(float raw, int32_t multiplier, int32_t shift, int64_t offset) {\n"
    "    union { float f; uint32_t u; } bits;\n"
    "    int exponent, negative;\n"
    "    int64_t v = offset, r;\n"
    "    bits.f = raw;\n"
    "    exponent = (int)((bits.u >> 23) & 0xffu);\n"
    "    negative = (bits.u >> 31) != 0;\n"
    "    if (exponent == 255 && (bits.u & 0x7fffffu) == 0) return negative ? -128 : 127;\n"
    "    if (exponent != 0 && exponent != 255) {\n"
    "        /* m * multiplier * 2^(exponent - 181 + shift) in Q24: a rounded right shift by\n"
    "           157 - e - shift; from 56 on the product (< 2^55) rounds to 0 */\n"
    "        const int right = 157 - exponent - (int)shift;\n"
    "        if (right <= 0) return negative ? -128 : 127;\n"
    "        if (right < 56) {\n"
    "            const int64_t t = (int64_t)rounded_product_shift(\n"
    "                (bits.u & 0x7fffffu) | 0x800000u, (uint32_t)multiplier, right);\n"
    "            v += negative ? -t : t;\n"
    "        }\n"
    "    }\n"
    "    /* round half away from zero of v / 2^24 */\n"
    "    r = v >= 0 ? (v + (1 << 23)) >> 24 : -((-v + (1 << 23)) >> 24);\n"
    "    return (int8_t)(r < -128 ? -128 : (r > 127 ? 127 : r));\n"
    "}\n\n";

constexpr const char* c_lookup =
    "/* sigmoid or tanh by its table of q in [first, last]; saturated below and above */\n"
    "static int8_t lookup(int8_t q, const int8_t *table, int first, int last, int8_t below,\n"
    "                     int8_t above) {\n"
    "    return q < first ? below : q > last ? above : table[q - first];\n"
    "}\n\n";

// quantized.hpp's softmax with fixedpoint.hpp's exp and reciprocal, for its Q5.26 input.
constexpr const char* c_softmax =
    "/* ---- softmax in gemmlowp's fixed point: raw / 2^(31 - I) has I integer bits ---- */\n\n"
    "/* (a + b) / 2 rounded half away from zero, without overflow */\n"
    "static int32_t rounding_half_sum(int32_t a, int32_t b) {\n"
    "    const int64_t sum = (int64_t)a + b;\n"
    "    return (int32_t)((sum + (sum >= 0 ? 1 : -1)) / 2);\n"
    "}\n\n"
    "/* x * 2^exponent: rounding for exponent < 0, saturating for exponent > 0 */\n"
    "static int32_t saturating_rounding_multiply_by_pot(int32_t x, int exponent) {\n"
    "    int32_t threshold;\n"
    "    if (exponent < 0) return rounding_divide_by_pot(x, -exponent);\n"
    "    if (exponent == 0) return x;\n"
    "    threshold = (int32_t)(((int64_t)1 << (31 - exponent)) - 1);\n"
    "    if (x > threshold) return INT32_MAX;\n"
    "    if (x < -threshold) return INT32_MIN;\n"
    "    return (int32_t)((uint32_t)x << exponent);\n"
    "}\n\n"
    "/* e^a for a in [-1/4, 0), Q0.31: e^-1/8 (1 + x + x^2/2 + x^3/6 + x^4/24), x = a + 1/8 */\n"
    "static int32_t exp_on_interval_between_negative_one_quarter_and_0_excl(int32_t a) {\n"
    "    const int32_t exp_minus_one_eighth = 1895147668, one_third = 715827883;\n"
    "    const int32_t x = a + (1 << 28);\n"
    "    const int32_t x2 = saturating_rounding_doubling_high_mul(x, x);\n"
    "    const int32_t x3 = saturating_rounding_doubling_high_mul(x2, x);\n"
    "    const int32_t x4 = saturating_rounding_doubling_high_mul(x2, x2);\n"
    "    const int32_t x4_over_4 = saturating_rounding_multiply_by_pot(x4, -2);\n"
    "    const int32_t x4_over_24_plus_x3_over_6_plus_x2_over_2 = saturating_rounding_multiply_by_pot(\n"
    "        saturating_rounding_doubling_high_mul(x4_over_4 + x3, one_third) + x2, -1);\n"
    "    return exp_minus_one_eighth +\n"
    "           saturating_rounding_doubling_high_mul(exp_minus_one_eighth,\n"
    "                                                 x + x4_over_24_plus_x3_over_6_plus_x2_over_2);\n"
    "}\n\n"
    "/* e^a for a <= 0 in Q5.26, the result in Q0.31: a = (a mod 1/4 - 1/4) - r, the first part by\n"
    "   the polynomial, e^-r by one multiplication with e^(-2^k) per bit k of r */\n"
    "static int32_t exp_on_negative_values(int32_t a) {\n"
    "    static const int32_t exp_of_minus_power_of_two[7] = {1672461947, 1302514674, 790015084,\n"
    "                                                         290630308, 39332535, 720401, 242};\n"
    "    const int32_t one_quarter = (int32_t)1 << 24;\n"
    "    const int32_t a_mod_quarter_minus_one_quarter = (a & (one_quarter - 1)) - one_quarter;\n"
    "    const int32_t remainder = a_mod_quarter_minus_one_quarter - a;\n"
    "    int32_t result = exp_on_interval_between_negative_one_quarter_and_0_excl(\n"
    "        saturating_rounding_multiply_by_pot(a_mod_quarter_minus_one_quarter, 5));\n"
    "    int k;\n"
    "    for (k = -2; k <= 4; ++k)\n"
    "        if (remainder & ((int32_t)1 << (26 + k)))\n"
    "            result = saturating_rounding_doubling_high_mul(result, exp_of_minus_power_of_two[k + 2]);\n"
    "    return a == 0 ? INT32_MAX : result;\n"
    "}\n\n"
    "/* 1 / (1 + a) for a in [0, 1), Q0.31: three Newton-Raphson steps for 1 / d, d = (1 + a) / 2,\n"
    "   from 48/17 - 32/17 d, in Q2.29 */\n"
    "static int32_t one_over_one_plus_x_for_x_in_0_1(int32_t a) {\n"
    "    const int32_t half_denominator = rounding_half_sum(a, INT32_MAX);\n"
    "    int32_t x = 1515870810 + saturating_rounding_doubling_high_mul(half_denominator, -1010580540);\n"
    "    int i;\n"
    "    for (i = 0; i < 3; ++i) {\n"
    "        const int32_t one_minus_half_denominator_times_x =\n"
    "            ((int32_t)1 << 29) - saturating_rounding_doubling_high_mul(half_denominator, x);\n"
    "        x = x + saturating_rounding_multiply_by_pot(\n"
    "                    saturating_rounding_doubling_high_mul(x, one_minus_half_denominator_times_x), 2);\n"
    "    }\n"
    "    return saturating_rounding_multiply_by_pot(x, 1);\n"
    "}\n\n"
    "/* e^(diff) in Q0.31 for diff = x_c - max <= 0, rescaled into Q5.26 */\n"
    "static int32_t softmax_exp(int32_t diff, int32_t multiplier, int left_shift) {\n"
    "    return exp_on_negative_values(\n"
    "        saturating_rounding_doubling_high_mul((int32_t)((uint32_t)diff << left_shift), multiplier));\n"
    "}\n\n"
    "/* int8 softmax over n values (y may be x): e^(x_c - max) in Q0.31, their sum in Q12.19, its\n"
    "   reciprocal, each share in steps of 1/256 minus 128; differences below diff_min give 0 */\n"
    "static void softmax(const int8_t *x, int8_t *y, size_t n, int32_t multiplier, int left_shift,\n"
    "                    int32_t diff_min) {\n"
    "    int32_t max = -128, sum = 0, f, reciprocal;\n"
    "    int leading_zeros = 0, bits_over_unit;\n"
    "    uint32_t u;\n"
    "    size_t c;\n"
    "    for (c = 0; c < n; ++c) max = x[c] > max ? x[c] : max;\n"
    "    for (c = 0; c < n; ++c)\n"
    "        if (x[c] - max >= diff_min)\n"
    "            sum += rounding_divide_by_pot(softmax_exp(x[c] - max, multiplier, left_shift), 12);\n"
    "    /* sum = 2^bits_over_unit (1 + f), f in [0, 1) */\n"
    "    for (u = (uint32_t)sum; !(u & 0x80000000u); u <<= 1) ++leading_zeros;\n"
    "    bits_over_unit = 12 - leading_zeros;\n"
    "    f = (int32_t)(((uint32_t)sum << leading_zeros) - 0x80000000u);\n"
    "    reciprocal = one_over_one_plus_x_for_x_in_0_1(f);\n"
    "    for (c = 0; c < n; ++c) {\n"
    "        int32_t out = -128;\n"
    "        if (x[c] - max >= diff_min)\n"
    "            out = rounding_divide_by_pot(saturating_rounding_doubling_high_mul(\n"
    "                      reciprocal, softmax_exp(x[c] - max, multiplier, left_shift)),\n"
    "                  bits_over_unit + 31 - 8) - 128;\n"
    "        y[c] = (int8_t)(out < -128 ? -128 : (out > 127 ? 127 : out));\n"
    "    }\n"
    "}\n\n";
// clang-format on

std::string header_text(const model& m, const export_options& o, const std::string& file) {
    const std::string& p = o.name;
    const std::string P = upper(p);
    const int8::quantization in = m.int8->net().input, out = m.int8->output();
    std::ostringstream s;
    s << "/* " << file << ": an int8 neural network as C99 code, made by `anne export`.\n *\n";
    for (const std::string& line : provenance_lines(m, o)) s << wrapped_comment(" *", line);
    s << " *\n"
      << wrapped_comment(" *", architecture_comment(m))
      << wrapped_comment(" *", "Quantized: int8 as TensorFlow Lite Micro computes it, " +
                                   std::to_string(m.int8->parameter_bytes()) +
                                   " bytes of parameters (the float model: " +
                                   std::to_string(4 * m.params.size()) + ")")
      << wrapped_comment(" *", "Output: " + output_text(m)) << " *\n"
      << " * Use it (compile " << p << ".c with any C99 compiler):\n *\n"
      << " *     float y[" << P << "_OUTPUTS];\n"
      << " *     " << p << "_predict(raw, y);   raw measurements in, as the float model\n"
      << " *\n * No heap and no static buffers: " << p
      << "_predict may run in several threads at once.\n */\n";
    const std::string guard = upper(identifier_from(file));
    s << "#ifndef " << guard << "\n#define " << guard << "\n\n"
      << "#include <stddef.h>\n#include <stdint.h>\n\n"
      << "#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n"
      << "#define " << P << "_INPUTS " << m.inputs << "\n"
      << "#define " << P << "_OUTPUTS " << m.outputs() << "\n\n"
      << "/* real = scale * (q - zero point) for the network's int8 input and output */\n"
      << "#define " << P << "_INPUT_SCALE " << c_float(in.scale) << "\n"
      << "#define " << P << "_INPUT_ZERO_POINT (" << in.zero_point << ")\n"
      << "#define " << P << "_OUTPUT_SCALE " << c_float(out.scale) << "\n"
      << "#define " << P << "_OUTPUT_ZERO_POINT (" << out.zero_point << ")\n\n"
      << "/* The float model's interface: in is (" << P << "_INPUTS) raw values, out is (" << P
      << "_OUTPUTS)\n   int8 outputs dequantized. */\n"
      << "void " << p << "_predict(const float *in, float *out);\n"
      << "/* The int8 inputs predict computes from raw values (preprocessing and quantization). "
         "*/\n"
      << "void " << p << "_quantize(const float *in, int8_t *x);\n"
      << "/* For callers that quantize themselves: int8 inputs in, int8 outputs out. */\n"
      << "void " << p << "_predict_int8(const int8_t *x, int8_t *y);\n";
    if (m.class_count() > 0)
        s << "\n/* The class names, by class index; the class of an output; predict, then decide. "
             "*/\n"
          << "extern const char *const " << p << "_classes[" << m.class_count() << "];\n"
          << "size_t " << p << "_decide(const float *out);\n"
          << "size_t " << p << "_classify(const float *in);\n";
    if (!m.int8->test_inputs.empty())
        s << "\n/* The model file's self-test: raw inputs and the exact int8 outputs anne "
             "computed. "
             "*/\n"
          << "#define " << P << "_TEST_CASES " << m.int8->test_inputs.size() << "\n"
          << "extern const float " << p << "_test_inputs[" << P << "_TEST_CASES][" << P
          << "_INPUTS];\n"
          << "extern const int8_t " << p << "_test_outputs[" << P << "_TEST_CASES][" << P
          << "_OUTPUTS];\n";
    s << "\n#ifdef __cplusplus\n}\n#endif\n\n#endif\n";
    return s.str();
}

void write_data(std::ostringstream& s, const model& m, const int8::network& n,
                const std::vector<int8_lookup>& tables,
                const std::vector<std::vector<std::int32_t>>& folded) {
    const int8_model& q = *m.int8;
    s << wrapped_comment("/*",
                         "Raw input i -> int8: " + preprocessing_text(m) +
                             " and the input quantization folded into one step. */",
                         100, "  ");
    std::vector<long long> mul, shift, offset;
    for (std::size_t i = 0; i < m.inputs; ++i) {
        mul.push_back(n.affine[i].multiplier);
        shift.push_back(n.affine[i].shift);
        offset.push_back(n.affine[i].offset);
    }
    std::string offsets = int_list(offset.data(), offset.size(), "    ");
    for (std::size_t at = 0; (at = offsets.find(',', at)) != std::string::npos; at += 3)
        offsets.replace(at, 1, "LL,");
    s << "static const int32_t input_multiplier[" << m.inputs << "] = {\n"
      << int_list(mul.data(), mul.size(), "    ") << "\n};\n"
      << "static const int32_t input_shift[" << m.inputs << "] = {\n"
      << int_list(shift.data(), shift.size(), "    ") << "\n};\n"
      << "static const int64_t input_offset[" << m.inputs << "] = { /* b in Q24 */\n"
      << offsets << "\n};\n\n";
    for (std::size_t k = 0; k < n.depth; ++k) {
        const int8_layer_data& l = q.layers[k];
        const std::string id = std::to_string(k + 1);
        s << "/* layer " << id << ": " << int8::layer_inputs(n, k) << " -> " << n.layers[k].units
          << ", " << m.layers[k].activation << "; sums: real = " << float_text(l.sums.scale)
          << " * (q - (" << l.sums.zero_point << ")) */\n"
          << "static const int8_t kernel" << id << "[" << l.kernel.size()
          << "] = { /* W[input][unit] */\n"
          << int_list(l.kernel.data(), l.kernel.size(), "    ") << "\n};\n";
        if (!folded[k].empty())
            s << "static const int32_t folded_bias" << id << "[" << folded[k].size()
              << "] = { /* bias - input zero point * column sum */\n"
              << int_list(folded[k].data(), folded[k].size(), "    ") << "\n};\n";
        else if (!l.bias.empty())
            s << "static const int32_t bias" << id << "[" << l.bias.size() << "] = {\n"
              << int_list(l.bias.data(), l.bias.size(), "    ") << "\n};\n";
        s << "static const int32_t multiplier" << id << "[" << l.multiplier.size() << "] = {\n"
          << int_list(l.multiplier.data(), l.multiplier.size(), "    ") << "\n};\n"
          << "static const int8_t shift" << id << "[" << l.shift.size() << "] = {"
          << int_list(l.shift.data(), l.shift.size(), "") << "};\n";
        if (tabled(n.layers[k]))
            s << "/* " << m.layers[k].activation << " of q in [" << tables[k].first << ", "
              << tables[k].last << "] */\n"
              << "static const int8_t table" << id << "[" << tables[k].size() << "] = {\n"
              << int_list(tables[k].begin(), tables[k].size(), "    ") << "\n};\n";
        s << "\n";
    }
}

void write_predict(std::ostringstream& s, const model& m, const int8::network& n,
                   const std::vector<int8_lookup>& tables,
                   const std::vector<std::vector<std::int32_t>>& folded, const std::string& p) {
    const int8::quantization out = m.int8->output();
    s << "void " << p << "_predict_int8(const int8_t *x, int8_t *y) {\n";
    for (std::size_t k = 0; k + 1 < n.depth; ++k)
        s << "    int8_t a" << k + 1 << "[" << n.layers[k].units << "];\n";
    bool loops = false;
    for (std::size_t k = 0; k < n.depth; ++k) loops = loops || tabled(n.layers[k]);
    if (loops) s << "    size_t j;\n";
    for (std::size_t k = 0; k < n.depth; ++k) {
        const int8::layer& c = n.layers[k];
        const std::string id = std::to_string(k + 1);
        const std::string x = k == 0 ? "x" : "a" + std::to_string(k);
        const std::string y = k + 1 == n.depth ? "y" : "a" + id;
        if (!folded[k].empty())
            s << "    dense_small(" << x << ", " << int8::layer_inputs(n, k) << ", " << c.units
              << ", kernel" << id << ", folded_bias" << id << ", multiplier" << id << ", shift"
              << id << ", " << c.sums_zero_point << ", " << c.lo << ", " << c.hi << ", " << y
              << ");\n";
        else
            s << "    dense(" << x << ", " << int8::layer_inputs(n, k) << ", " << c.units
              << ", kernel" << id << ", " << (c.bias ? "bias" + id : std::string("NULL"))
              << ", multiplier" << id << ", shift" << id << ", " << c.input_zero_point << ", "
              << c.sums_zero_point << ", " << c.lo << ", " << c.hi << ", " << y << ");\n";
        if (tabled(c))
            s << "    for (j = 0; j < " << c.units << "; ++j)\n        " << y << "[j] = lookup("
              << y << "[j], table" << id << ", " << tables[k].first << ", " << tables[k].last
              << ", " << int(tables[k].below()) << ", " << int(tables[k].above()) << ");\n";
        if (c.kind == int8::activation_kind::softmax)
            s << "    softmax(" << y << ", " << y << ", " << c.units << ", " << c.soft.multiplier
              << ", " << c.soft.left_shift << ", " << c.soft.diff_min << ");\n";
    }
    s << "}\n\n"
      << "void " << p << "_quantize(const float *in, int8_t *x) {\n"
      << "    size_t i;\n"
      << "    for (i = 0; i < " << m.inputs << "; ++i)\n"
      << "        x[i] = quantize_input(in[i], input_multiplier[i], input_shift[i], "
         "input_offset[i]);\n"
      << "}\n\n"
      << "void " << p << "_predict(const float *in, float *out) {\n"
      << "    int8_t x[" << m.inputs << "], y[" << m.outputs() << "];\n"
      << "    size_t j;\n"
      << "    " << p << "_quantize(in, x);\n"
      << "    " << p << "_predict_int8(x, y);\n"
      << "    /* real = scale * (q - zero point) */\n"
      << "    for (j = 0; j < " << m.outputs() << "; ++j)\n";
    int8::float_scale bits{};
    if (scale_on_bits(out.scale, bits))
        s << "        out[j] = dequantize_on_bits((int32_t)y[j] - (" << out.zero_point << "), "
          << bits.significand << "u, " << bits.exponent << "u); /* " << c_float(out.scale)
          << " */\n";
    else
        s << "        out[j] = " << c_float(out.scale) << " * (float)((int32_t)y[j] - ("
          << out.zero_point << "));\n";
    s << "}\n";
}

void write_classes_and_self_test(std::ostringstream& s, const model& m, const std::string& p) {
    if (m.class_count() > 0) {
        const bool binary = m.output.type == output_meaning::kind::binary;
        s << "\nconst char *const " << p << "_classes[" << m.class_count() << "] = {";
        for (std::size_t c = 0; c < m.class_count(); ++c)
            s << (c ? ", " : "") << quoted(m.class_name(c));
        s << "};\n\nsize_t " << p << "_decide(const float *out) {\n";
        if (binary)
            s << "    return out[0] > " << c_float(m.output.threshold) << " ? 1 : 0;\n";
        else
            s << "    size_t best = 0, i;\n"
              << "    for (i = 1; i < " << m.outputs() << "; ++i)\n"
              << "        if (out[i] > out[best]) best = i;\n"
              << "    return best;\n";
        s << "}\n\nsize_t " << p << "_classify(const float *in) {\n"
          << "    float out[" << m.outputs() << "];\n"
          << "    " << p << "_predict(in, out);\n"
          << "    return " << p << "_decide(out);\n"
          << "}\n";
    }
    const int8_model& q = *m.int8;
    if (q.test_inputs.empty()) return;
    const std::string P = upper(p);
    s << "\nconst float " << p << "_test_inputs[" << P << "_TEST_CASES][" << P << "_INPUTS] = {\n";
    for (const std::vector<float>& x : q.test_inputs)
        s << "    {" << wrapped_list(x.data(), x.size(), "", c_float) << "},\n";
    s << "};\nconst int8_t " << p << "_test_outputs[" << P << "_TEST_CASES][" << P
      << "_OUTPUTS] = {\n";
    for (const std::vector<std::int8_t>& y : q.test_outputs)
        s << "    {" << int_list(y.data(), y.size(), "") << "},\n";
    s << "};\n";
}

}  // namespace

c_files export_int8_c(const model& m, const export_options& o, const std::string& header_file) {
    check_export_name(o.name);
    const int8::network n = m.int8->net();
    std::vector<int8_lookup> tables(n.depth);
    bool softmax = false;
    for (std::size_t k = 0; k < n.depth; ++k) {
        if (tabled(n.layers[k])) tables[k] = make_trimmed_table(n.layers[k]);
        softmax = softmax || n.layers[k].kind == int8::activation_kind::softmax;
    }
    bool lookups = false, small = false, generic = false;
    std::vector<std::vector<std::int32_t>> folded(n.depth);
    for (std::size_t k = 0; k < n.depth; ++k) {
        lookups = lookups || tabled(n.layers[k]);
        folded[k] = small_sums_bias(n, k, tables);
        (folded[k].empty() ? generic : small) = true;
    }
    int8::float_scale bits{};
    const bool on_bits = scale_on_bits(m.int8->output().scale, bits);
    std::ostringstream s;
    s << wrapped_comment("/*",
                         o.name + ".c: the int8 network declared in " + header_file +
                             ", with plain loops. See there for how to use it.",
                         100, " *")
      << " *\n"
      << " * The AI-ANNE core's int8 kernels (include/anne/quantized.hpp, fixedpoint.hpp) "
         "statement\n"
      << " * for statement, in integer arithmetic (the raw inputs and the outputs on the floats'\n"
      << " * bits), so its int8 outputs are the bits `anne predict` gives, on every target. It "
         "needs the\n"
      << " * compiler's usual int32 arithmetic right shift (GCC, Clang, MSVC, Arm's compilers).\n"
      << " */\n"
      << "#include \"" << header_file << "\"\n\n";
    write_data(s, m, n, tables, folded);
    s << "/* ---- int8 arithmetic: real = scale * (q - zero point) ---- */\n\n"
      << c_quantize_input << (generic || softmax ? c_high_mul : "") << c_divide_by_pot
      << (generic ? c_dense : "") << (small ? c_dense_small : "") << (lookups ? c_lookup : "")
      << (softmax ? c_softmax : "") << (on_bits ? c_dequantize_on_bits : "");
    write_predict(s, m, n, tables, folded, o.name);
    write_classes_and_self_test(s, m, o.name);
    return {header_text(m, o, header_file), s.str()};
}

}  // namespace anne
