// `anne explain` of an int8 model: the integer arithmetic step by step, beside what each value
// stands for (real = scale * (q - zero_point)) and what the float network computes there.
// One pass computes every step (int8_explanation); text, Markdown and JSON show it.
#include "explain/int8_explain.hpp"

#include <cmath>
#include <sstream>

#include <anne/network.hpp>

#include "error.hpp"
#include "quantize/int8_model.hpp"

namespace anne {

namespace {

// One neuron of an int8 layer: acc = bias + sum_i w_i (x_i - input_zero_point), then
// q = clamp(scaled + zero_point), scaled = rounding shift of the high multiply of acc.
struct unit_step {
    std::int32_t bias = 0;  // 0 for a layer without bias
    std::vector<int> weights, inputs;
    std::int64_t acc = 0;
    float w_scale = 0, z = 0;  // z = input scale * w_scale * acc
    std::int32_t multiplier = 0;
    int shift = 0, right = 0;  // right: the rounding shift, -shift for shift < 0
    double real = 0;           // multiplier * 2^(shift - 31)
    std::int32_t high = 0, scaled = 0, q = 0;
    float q_real = 0;                // what q stands for
    int y = 0;                       // after the activation (sigmoid, tanh, softmax; else q)
    float y_real = 0;                // what y stands for
    float float_z = 0, float_y = 0;  // the float network's
};

struct layer_step8 {
    std::string activation;
    bool activated = false;  // an activation of its own after the clamp
    bool bias = false;
    int input_zero_point = 0, lo = 0, hi = 0;
    float in_scale = 0;
    int8::quantization sums{}, out{};
    std::vector<unit_step> units;
};

struct int8_explanation {
    std::vector<float> raw, preprocessed;  // preprocessed: the float network's input
    std::vector<std::int8_t> x8;
    int8::quantization input{}, output{};
    std::vector<layer_step8> layers;
    std::vector<std::int8_t> y8;
    std::vector<float> y, float_y;  // y: y8 dequantized
};

unit_step explain_unit(const int8::layer& l, std::size_t inputs, const std::int8_t* x,
                       std::size_t j) {
    unit_step u;
    u.bias = l.bias ? l.bias[j] : 0;
    u.acc = u.bias;
    for (std::size_t i = 0; i < inputs; ++i) {
        u.weights.push_back(l.kernel[i * l.units + j]);
        u.inputs.push_back(x[i]);
        u.acc += static_cast<std::int64_t>(u.weights[i]) * (x[i] - l.input_zero_point);
    }
    u.multiplier = l.multiplier[j];
    u.shift = l.shift[j];
    u.right = u.shift > 0 ? 0 : -u.shift;
    u.real = std::ldexp(static_cast<double>(u.multiplier), u.shift - 31);
    const std::int32_t a = static_cast<std::int32_t>(u.acc);
    const std::int32_t left =
        static_cast<std::int32_t>(static_cast<std::uint32_t>(a) << (u.shift > 0 ? u.shift : 0));
    u.high = fixedpoint::saturating_rounding_doubling_high_mul(left, u.multiplier);
    u.scaled = fixedpoint::rounding_divide_by_pot(u.high, u.right);
    u.q = int8::requantize(a, u.multiplier, u.shift, l.sums_zero_point, l.lo, l.hi);
    return u;
}

int8_explanation explain_int8(const model& m, const std::vector<float>& raw) {
    const int8_model& q = *m.int8;
    const int8::network n = q.net();
    const explanation fe = explain(m, raw);  // the float network, for comparison
    int8_explanation e;
    e.raw = raw;
    e.preprocessed = fe.input;
    e.y8 = q.predict(raw, &e.x8);
    e.input = n.input;
    e.output = q.output();
    e.float_y = fe.output;
    std::vector<std::int8_t> in = e.x8;
    float in_scale = n.input.scale;
    std::size_t offset = 0;
    for (std::size_t k = 0; k < n.depth; ++k) {
        const int8::layer& l = n.layers[k];
        const std::size_t inputs = int8::layer_inputs(n, k);
        layer_step8 s;
        s.activation = m.layers[k].activation;
        s.activated = l.kind != int8::activation_kind::clamp;
        s.bias = l.bias != nullptr;
        s.input_zero_point = l.input_zero_point;
        s.lo = l.lo;
        s.hi = l.hi;
        s.in_scale = in_scale;
        s.sums = {q.layers[k].sums.scale, q.layers[k].sums.zero_point};
        s.out = q.layer_output(k);
        std::vector<std::int32_t> acc(l.units);
        std::vector<std::int8_t> sq(l.units), y(l.units);
        int8::dense_forward(l, inputs, in.data(), acc.data(), sq.data(), y.data());
        for (std::size_t j = 0; j < l.units; ++j) {
            unit_step u = explain_unit(l, inputs, in.data(), j);
            u.w_scale = q.layers[k].kernel_scale[j];
            u.z = in_scale * u.w_scale * static_cast<float>(u.acc);
            u.q_real = int8::dequantize(static_cast<std::int8_t>(u.q), s.sums);
            u.y = y[j];
            u.y_real = int8::dequantize(y[j], s.out);
            u.float_z = fe.zs[offset + j];
            u.float_y = fe.ys[offset + j];
            s.units.push_back(std::move(u));
        }
        e.layers.push_back(std::move(s));
        in = y;
        in_scale = e.layers.back().out.scale;
        offset += l.units;
    }
    for (std::int8_t v : e.y8) e.y.push_back(int8::dequantize(v, e.output));
    return e;
}

std::string q_text(const int8::quantization& q) {
    return paper_number(q.scale, 8) + " * (q - (" + std::to_string(q.zero_point) + "))";
}

// Neuron j's lines (each starting with indent): the sum, the requantization, the activation.
void write_unit(std::ostringstream& s, const layer_step8& l, const unit_step& u,
                const std::string& indent, int p) {
    s << indent << "acc = " << u.bias;
    for (std::size_t i = 0; i < u.weights.size(); ++i) {
        const int w = u.weights[i];
        s << " + " << (w < 0 ? "(" : "") << w << (w < 0 ? ")" : "") << " * (" << u.inputs[i]
          << " - (" << l.input_zero_point << "))";
    }
    s << " = " << u.acc << "\n"
      << indent << "  stands for z = " << paper_number(l.in_scale, 8) << " * "
      << paper_number(u.w_scale, 8) << " * " << u.acc << " = " << paper_number(u.z, p) << "\n"
      << indent << "requantize: acc * " << u.multiplier << " * 2^(" << u.shift << " - 31) (= acc * "
      << paper_number(static_cast<float>(u.real), 8) << " = "
      << paper_number(static_cast<float>(static_cast<double>(u.acc) * u.real), 3)
      << "): high multiply " << u.high << ", rounding shift by " << u.right << " -> " << u.scaled
      << "; + zero point " << l.sums.zero_point << " = " << u.scaled + l.sums.zero_point
      << "; clamp [" << l.lo << ", " << l.hi << "] -> q = " << u.q << "\n"
      << indent << "  stands for " << paper_number(u.q_real, p) << "\n";
    if (l.activated)
        s << indent << l.activation << " in integer arithmetic: q = " << u.q << " -> " << u.y
          << ", real = " << q_text(l.out) << " = " << paper_number(u.y_real, p) << "\n";
    s << indent << "the float network: z = " << paper_number(u.float_z, p)
      << ", y = " << paper_number(u.float_y, p) << "\n";
}

template <typename T>
std::string bracketed(const std::vector<T>& v, int p) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if constexpr (std::is_floating_point_v<T>)
            s += (i ? ", " : "") + paper_number(v[i], p);
        else
            s += (i ? ", " : "") + std::to_string(static_cast<long long>(v[i]));
    }
    return s + "]";
}

// A section: in text its title and indented lines; in Markdown a heading and a text block.
struct section_writer {
    std::ostringstream& s;
    bool markdown;
    void open(const std::string& title) const {
        s << (markdown ? "\n## " + title + "\n\n```text\n" : "\n" + title + "\n");
    }
    std::string indent() const { return markdown ? "" : "  "; }
    void close() const {
        if (markdown) s << "```\n";
    }
};

}  // namespace

std::string explain_int8_text(const model& m, const std::vector<float>& raw,
                              const explain_view& v) {
    check_view(m, v);
    const int8_explanation e = explain_int8(m, raw);
    const int p = v.precision;
    std::ostringstream s;
    const section_writer w{s, v.markdown};
    if (v.markdown)
        s << "# " << m.name << " (int8): one sample, step by step\n\n"
          << "Every int8 value q stands for real = scale * (q - zero_point).\n";
    else
        s << m.name << " (int8), one sample. Every int8 value q stands for real = scale * (q - "
          << "zero_point).\n";
    w.open(std::string("Input: ") + m.pre.title() +
           " and quantization in one step, q = round(raw * a + b), " + "real = " + q_text(e.input));
    for (std::size_t i = 0; i < m.inputs; ++i)
        s << w.indent() << "x" << i + 1 << ": raw " << paper_number(raw[i], p) << " -> float "
          << paper_number(e.preprocessed[i], p) << " -> q = " << int(e.x8[i]) << " (stands for "
          << paper_number(int8::dequantize(e.x8[i], e.input), p) << ")\n";
    w.close();
    for (std::size_t k = 0; k < e.layers.size(); ++k) {
        if (v.layer != 0 && v.layer != k + 1) continue;
        const layer_step8& l = e.layers[k];
        w.open("Layer " + std::to_string(k + 1) + " (" + l.activation + "): sums as int8 at " +
               "real = " + q_text(l.sums));
        for (std::size_t j = 0; j < l.units.size(); ++j) {
            s << w.indent() << "neuron " << j + 1 << ":\n";
            write_unit(s, l, l.units[j], w.indent() + "  ", p);
        }
        w.close();
    }
    const std::string output = "int8 " + bracketed(e.y8, 0) + " -> dequantized " +
                               bracketed(e.y, 6) + "; the float network gives " +
                               bracketed(e.float_y, 6) + "\n";
    if (v.markdown) {
        w.open("Output");
        s << output;
    } else {
        s << "\nOutput: " << output;
    }
    if (m.class_count() > 0)
        s << "Class: " << m.class_name(m.decide(e.y))
          << " (float: " << m.class_name(m.decide(e.float_y)) << ")\n";
    w.close();
    return s.str();
}

fjson explain_int8_json(const model& m, const std::vector<float>& raw, const explain_view& v) {
    check_view(m, v);
    const int8_explanation e = explain_int8(m, raw);
    const auto quantization = [](const int8::quantization& q) {
        return fjson{{"scale", q.scale}, {"zero_point", q.zero_point}};
    };
    const auto ints = [](const auto& values) {
        std::vector<long long> out(values.begin(), values.end());
        return fjson(out);
    };
    std::vector<float> x_real;
    for (std::int8_t x : e.x8) x_real.push_back(int8::dequantize(x, e.input));
    fjson layers = fjson::array();
    for (std::size_t k = 0; k < e.layers.size(); ++k) {
        if (v.layer != 0 && v.layer != k + 1) continue;
        const layer_step8& l = e.layers[k];
        fjson neurons = fjson::array();
        std::vector<int> ys;
        for (std::size_t j = 0; j < l.units.size(); ++j) {
            const unit_step& u = l.units[j];
            fjson n = {{"neuron", j + 1},
                       {"inputs", ints(u.inputs)},
                       {"weights", ints(u.weights)},
                       {"weight_scale", u.w_scale},
                       {"bias", l.bias ? fjson(u.bias) : fjson(nullptr)},
                       {"acc", u.acc},
                       {"z", u.z},
                       {"multiplier", u.multiplier},
                       {"shift", u.shift},
                       {"real_multiplier", u.real},
                       {"high_multiply", u.high},
                       {"rounding_shift", u.right},
                       {"scaled", u.scaled},
                       {"q", u.q},
                       {"q_stands_for", u.q_real},
                       {"float", {{"z", u.float_z}, {"y", u.float_y}}}};
            if (l.activated) n["activation"] = {{"q", u.y}, {"stands_for", u.y_real}};
            neurons.push_back(n);
            ys.push_back(u.y);
        }
        layers.push_back({{"layer", k + 1},
                          {"inputs", l.units.empty() ? 0 : l.units[0].inputs.size()},
                          {"units", l.units.size()},
                          {"activation", l.activation},
                          {"input_zero_point", l.input_zero_point},
                          {"sums", quantization(l.sums)},
                          {"clamp", {l.lo, l.hi}},
                          {"output_quantization", quantization(l.out)},
                          {"neurons", neurons},
                          {"output", ints(ys)}});
    }
    fjson decision = {{"rule", "none"}};
    if (m.class_count() > 0) {
        const bool binary = m.output.type == output_meaning::kind::binary;
        decision = {{"rule", binary ? "threshold" : "argmax"}};
        if (binary) decision["threshold"] = m.output.threshold;
        decision["class"] = m.decide(e.y);
        decision["label"] = m.class_name(m.decide(e.y));
        decision["float_label"] = m.class_name(m.decide(e.float_y));
    }
    return {{"model", m.name},
            {"int8", "real = scale * (q - zero_point)"},
            {"input",
             {{"raw", e.raw},
              {"preprocessed", e.preprocessed},
              {"quantization", quantization(e.input)},
              {"q", ints(e.x8)},
              {"q_stands_for", x_real}}},
            {"layers", layers},
            {"output",
             {{"q", ints(e.y8)},
              {"quantization", quantization(e.output)},
              {"dequantized", e.y},
              {"float", e.float_y}}},
            {"decision", decision}};
}

}  // namespace anne
