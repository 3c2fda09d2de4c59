#include "quantize/int8_model.hpp"

#include <algorithm>
#include <cmath>

#include <anne/network.hpp>

#include "error.hpp"

namespace anne {

const char* int8_activations() { return "linear, relu, relu6, sigmoid, tanh, softmax"; }

int8::activation_kind int8_kind(const std::string& a, const std::string& where) {
    if (a == "linear" || a == "relu" || a == "relu6") return int8::activation_kind::clamp;
    if (a == "sigmoid") return int8::activation_kind::sigmoid;
    if (a == "tanh") return int8::activation_kind::tanh;
    if (a == "softmax") return int8::activation_kind::softmax;
    fail(where, "activation \"" + a + "\" has no int8 form; supported: " + int8_activations());
}

void int8_clamp(const std::string& activation, const int8_tensor& t, std::int32_t& lo,
                std::int32_t& hi) {
    const auto q = [&](float real) {
        return t.zero_point + static_cast<std::int32_t>(std::round(real / t.scale));
    };
    lo = -128;
    hi = 127;
    if (activation == "relu" || activation == "relu6") lo = std::max(lo, q(0.0f));
    if (activation == "relu6") hi = std::min(hi, q(6.0f));
}

namespace {

using fixedpoint::quantize_multiplier;

std::string layer_where(const std::string& where, std::size_t k) {
    return where + ": layer " + std::to_string(k + 1);
}

/// a = 1 / (spread * scale), b = zero_point - offset * a: the preprocessing x = (raw - offset)
/// / spread followed by q = zero_point + x / scale, as one affine map in fixed point.
int8::input_affine affine_of(double offset, double spread, const int8_tensor& in,
                             const std::string& where) {
    const double a = 1.0 / (spread * static_cast<double>(in.scale));
    const double b = in.zero_point - offset * a;
    if (!(a > 0.0) || !std::isfinite(a) || !(std::fabs(b) < std::ldexp(1.0, 38)))
        fail(where, "the preprocessing and the input scale give no usable int8 input map");
    const fixedpoint::quantized_multiplier m = quantize_multiplier(a);
    return {m.multiplier, m.shift, std::llround(std::ldexp(b, 24))};
}

}  // namespace

void int8_model::bind(const model& m, const std::string& where) {
    if (layers.size() != m.layers.size())
        fail(where, "the int8 section has " + std::to_string(layers.size()) +
                        " layers, the model " + std::to_string(m.layers.size()));
    affine_.clear();
    for (std::size_t i = 0; i < m.inputs; ++i) {
        const preprocessing& p = m.pre;
        double offset = 0.0, spread = 1.0;  // x = (raw - offset) / spread
        if (p.type == preprocessing::kind::standardize) {
            offset = p.mean[i];
            spread = p.stddev[i];
        } else if (p.type == preprocessing::kind::minmax) {
            offset = p.min[i];
            spread = static_cast<double>(p.max[i]) - p.min[i];
        }
        affine_.push_back(
            affine_of(offset, spread, input, where + ": input " + std::to_string(i + 1)));
    }
    core_.clear();
    float in_scale = input.scale;
    std::int32_t in_zero = input.zero_point;
    std::size_t in = m.inputs;
    for (std::size_t k = 0; k < layers.size(); ++k) {
        const std::string w = layer_where(where, k);
        const layer_info& f = m.layers[k];
        int8_layer_data& l = layers[k];
        const int8::activation_kind kind = int8_kind(f.activation, w);
        const std::size_t units = f.units;
        if (l.kernel.size() != in * units || l.kernel_scale.size() != units ||
            l.multiplier.size() != units || l.shift.size() != units ||
            l.bias.size() != (f.use_bias ? units : 0))
            fail(w, "the int8 arrays do not fit " + std::to_string(in) + " inputs and " +
                        std::to_string(units) + " units");
        for (std::size_t j = 0; j < units; ++j) {
            const fixedpoint::quantized_multiplier q = quantize_multiplier(
                static_cast<double>(in_scale) * l.kernel_scale[j] / l.sums.scale);
            if (q.multiplier != l.multiplier[j] || q.shift != l.shift[j])
                fail(w, "unit " + std::to_string(j + 1) + ": multiplier " +
                            std::to_string(l.multiplier[j]) + ", shift " +
                            std::to_string(l.shift[j]) + " do not match the scales (expected " +
                            std::to_string(q.multiplier) + ", " + std::to_string(q.shift) + ")");
        }
        std::int32_t lo = 0, hi = 0;
        int8_clamp(f.activation, l.sums, lo, hi);
        if (lo != l.lo || hi != l.hi)
            fail(w, "clamp [" + std::to_string(l.lo) + ", " + std::to_string(l.hi) +
                        "] does not match the activation and the scale (expected [" +
                        std::to_string(lo) + ", " + std::to_string(hi) + "])");
        const int8::quantization sums{l.sums.scale, l.sums.zero_point};
        if ((kind == int8::activation_kind::sigmoid || kind == int8::activation_kind::tanh) &&
            !int8::prepare_squash(sums, l.squash))
            fail(w, "the scale of the sums is too small for the int8 " + f.activation);
        if (kind == int8::activation_kind::softmax && !int8::prepare_softmax(sums, l.soft))
            fail(w, "the scale of the sums is too large for the int8 softmax");
        int8::layer c{};
        c.units = units;
        c.kind = kind;
        c.kernel = l.kernel.data();
        c.bias = f.use_bias ? l.bias.data() : nullptr;
        c.multiplier = l.multiplier.data();
        c.shift = l.shift.data();
        c.input_zero_point = in_zero;
        c.sums_zero_point = l.sums.zero_point;
        c.lo = l.lo;
        c.hi = l.hi;
        c.squash = l.squash;
        c.soft = l.soft;
        c.table = nullptr;
        core_.push_back(c);
        const int8::quantization out = layer_output(k);
        in_scale = out.scale;
        in_zero = out.zero_point;
        in = units;
    }
    net_ = {m.inputs, {input.scale, input.zero_point}, affine_.data(), core_.data(), core_.size(),
            output()};
}

int8::network int8_model::net() const { return net_; }

int8::quantization int8_model::layer_output(std::size_t k) const {
    switch (core_.at(k).kind) {
    case int8::activation_kind::sigmoid: return int8::sigmoid_output;
    case int8::activation_kind::softmax: return int8::softmax_output;
    case int8::activation_kind::tanh: return int8::tanh_output;
    case int8::activation_kind::clamp: break;
    }
    return {layers[k].sums.scale, layers[k].sums.zero_point};
}

int8::quantization int8_model::output() const { return layer_output(core_.size() - 1); }

std::vector<std::int8_t> int8_model::predict(const std::vector<float>& raw,
                                             std::vector<std::int8_t>* x8) const {
    const int8::network n = net();
    if (raw.size() != n.inputs)
        fail("int8 model",
             "expected " + std::to_string(n.inputs) + " inputs, got " + std::to_string(raw.size()));
    std::vector<std::int8_t> x(n.inputs), y(core_.back().units);
    std::vector<float> out(y.size());
    std::vector<std::int32_t> scratch((int8::predict_scratch_bytes(n) + 3) / 4);
    int8::predict(n, raw.data(), out.data(), x.data(), y.data(), scratch.data(),
                  scratch.size() * sizeof(std::int32_t));
    if (x8) *x8 = x;
    return y;
}

std::vector<float> int8_model::predict_float(const std::vector<float>& raw) const {
    const std::vector<std::int8_t> y = predict(raw);
    std::vector<float> out(y.size());
    for (std::size_t j = 0; j < y.size(); ++j) out[j] = int8::dequantize(y[j], output());
    return out;
}

void int8_model::run_self_test(const std::string& where) const {
    for (std::size_t t = 0; t < test_inputs.size(); ++t) {
        const std::vector<std::int8_t> y = predict(test_inputs[t]);
        for (std::size_t j = 0; j < y.size(); ++j)
            if (y[j] != test_outputs[t][j])
                fail(where, "int8 self-test failed: case " + std::to_string(t + 1) + ", output " +
                                std::to_string(j + 1) + ": computed " + std::to_string(y[j]) +
                                ", the file says " + std::to_string(test_outputs[t][j]) +
                                " (int8 outputs are exact)");
    }
}

std::size_t int8_model::parameter_bytes() const {
    std::size_t bytes = 0;
    for (const int8_layer_data& l : layers)
        bytes += l.kernel.size() + 4 * l.bias.size() + 4 * l.multiplier.size() + l.shift.size();
    return bytes;
}

std::vector<std::size_t> int8_classify_rows(const model& m, const dataset& d) {
    std::vector<std::size_t> classes(d.rows());
    for (std::size_t r = 0; r < d.rows(); ++r)
        classes[r] = m.decide(m.int8->predict_float({d.row(r), d.row(r) + d.features.size()}));
    return classes;
}

}  // namespace anne
