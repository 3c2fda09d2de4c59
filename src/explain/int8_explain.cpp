// `anne explain` of an int8 model: the integer arithmetic step by step, beside what each value
// stands for (real = scale * (q - zero_point)) and what the float network computes there.
#include "explain/int8_explain.hpp"

#include <sstream>

#include <anne/network.hpp>

#include "explain/explain.hpp"
#include "quantize/int8_model.hpp"

namespace anne {

namespace {

std::string q_text(const int8::quantization& q) {
    return paper_number(q.scale, 8) + " * (q - (" + std::to_string(q.zero_point) + "))";
}

// One unit of an int8 layer: the int32 sum, its requantization and the clamp.
void explain_unit(std::ostringstream& s, const int8::layer& l, std::size_t inputs,
                  const std::int8_t* x, std::size_t j, float in_scale, float w_scale,
                  const int8::quantization& sums, int p) {
    std::int64_t acc = l.bias ? l.bias[j] : 0;
    s << "    acc = " << acc;
    for (std::size_t i = 0; i < inputs; ++i) {
        const int w = l.kernel[i * l.units + j];
        s << " + " << (w < 0 ? "(" : "") << w << (w < 0 ? ")" : "") << " * (" << int(x[i]) << " - ("
          << l.input_zero_point << "))";
        acc += static_cast<std::int64_t>(w) * (x[i] - l.input_zero_point);
    }
    s << " = " << acc << "\n"
      << "      stands for z = " << paper_number(in_scale, 8) << " * " << paper_number(w_scale, 8)
      << " * " << acc << " = " << paper_number(in_scale * w_scale * acc, p) << "\n";
    const int shift = l.shift[j];
    const double real = std::ldexp(static_cast<double>(l.multiplier[j]), shift - 31);
    const std::int32_t a = static_cast<std::int32_t>(acc);
    const std::int32_t left =
        static_cast<std::int32_t>(static_cast<std::uint32_t>(a) << (shift > 0 ? shift : 0));
    const std::int32_t high =
        fixedpoint::saturating_rounding_doubling_high_mul(left, l.multiplier[j]);
    const std::int32_t scaled = fixedpoint::rounding_divide_by_pot(high, shift > 0 ? 0 : -shift);
    const std::int32_t q =
        int8::requantize(a, l.multiplier[j], l.shift[j], l.sums_zero_point, l.lo, l.hi);
    s << "    requantize: acc * " << l.multiplier[j] << " * 2^(" << shift << " - 31) (= acc * "
      << paper_number(static_cast<float>(real), 8) << " = "
      << paper_number(static_cast<float>(acc * real), 3) << "): high multiply " << high
      << ", rounding shift by " << (shift > 0 ? 0 : -shift) << " -> " << scaled << "; + zero point "
      << l.sums_zero_point << " = " << scaled + l.sums_zero_point << "; clamp [" << l.lo << ", "
      << l.hi << "] -> q = " << q << "\n      stands for "
      << paper_number(int8::dequantize(static_cast<std::int8_t>(q), sums), p) << "\n";
}

}  // namespace

std::string explain_int8_text(const model& m, const std::vector<float>& raw, int precision,
                              std::size_t only_layer) {
    const int8_model& q = *m.int8;
    const int8::network n = q.net();
    std::vector<std::int8_t> x8;
    q.predict(raw, &x8);
    const explanation fe = explain(m, raw);  // the float network, for comparison
    std::ostringstream s;
    const int p = precision;
    s << m.name << " (int8), one sample. Every int8 value q stands for real = scale * (q - "
      << "zero_point).\n\nInput: " << m.pre.title() << " and quantization in one step, "
      << "q = round(raw * a + b), real = " << q_text(n.input) << "\n";
    for (std::size_t i = 0; i < m.inputs; ++i)
        s << "  x" << i + 1 << ": raw " << paper_number(raw[i], p) << " -> float "
          << paper_number(fe.input[i], p) << " -> q = " << int(x8[i]) << " (stands for "
          << paper_number(int8::dequantize(x8[i], n.input), p) << ")\n";
    std::vector<std::int8_t> in = x8;
    float in_scale = n.input.scale;
    std::size_t offset = 0;
    for (std::size_t k = 0; k < n.depth; ++k) {
        const int8::layer& l = n.layers[k];
        const std::size_t inputs = int8::layer_inputs(n, k);
        const int8::quantization sums{q.layers[k].sums.scale, q.layers[k].sums.zero_point};
        const int8::quantization out = q.layer_output(k);
        std::vector<std::int32_t> acc(l.units);
        std::vector<std::int8_t> sq(l.units), y(l.units);
        int8::dense_forward(l, inputs, in.data(), acc.data(), sq.data(), y.data());
        if (only_layer == 0 || only_layer == k + 1) {
            s << "\nLayer " << k + 1 << " (" << m.layers[k].activation << "): sums as int8 at "
              << "real = " << q_text(sums) << "\n";
            for (std::size_t j = 0; j < l.units; ++j) {
                s << "  neuron " << j + 1 << ":\n";
                explain_unit(s, l, inputs, in.data(), j, in_scale, q.layers[k].kernel_scale[j],
                             sums, p);
                if (l.kind != int8::activation_kind::clamp)
                    s << "    " << m.layers[k].activation
                      << " in integer arithmetic: q = " << int(sq[j]) << " -> " << int(y[j])
                      << ", real = " << q_text(out) << " = "
                      << paper_number(int8::dequantize(y[j], out), p) << "\n";
                s << "    the float network: z = " << paper_number(fe.zs[offset + j], p)
                  << ", y = " << paper_number(fe.ys[offset + j], p) << "\n";
            }
        }
        in = y;
        in_scale = out.scale;
        offset += l.units;
    }
    const int8::quantization out = q.output();
    s << "\nOutput: int8 [";
    for (std::size_t j = 0; j < in.size(); ++j) s << (j ? ", " : "") << int(in[j]);
    s << "] -> dequantized [";
    std::vector<float> y(in.size());
    for (std::size_t j = 0; j < in.size(); ++j) {
        y[j] = int8::dequantize(in[j], out);
        s << (j ? ", " : "") << paper_number(y[j], 6);
    }
    s << "]; the float network gives [";
    for (std::size_t j = 0; j < fe.output.size(); ++j)
        s << (j ? ", " : "") << paper_number(fe.output[j], 6);
    s << "]\n";
    if (m.class_count() > 0)
        s << "Class: " << m.class_name(m.decide(y))
          << " (float: " << m.class_name(m.decide(fe.output)) << ")\n";
    return s.str();
}

}  // namespace anne
