// Post-training full integer quantization, as TensorFlow Lite's converter does it for a fully
// connected network: calibrate the ranges of every tensor on representative data, then
// quantize activations per tensor (asymmetric), weights per output unit (symmetric) and biases
// to int32, and derive every requantization multiplier from the stored float32 scales.
#include <algorithm>
#include <cmath>
#include <limits>

#include <anne/network.hpp>

#include "error.hpp"
#include "quantize/int8_model.hpp"

namespace anne {

namespace {

struct range {
    float min = std::numeric_limits<float>::infinity();
    float max = -std::numeric_limits<float>::infinity();
    void add(const float* v, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i) {
            min = std::min(min, v[i]);
            max = std::max(max, v[i]);
        }
    }
};

/// int8 asymmetric per tensor: the range widened to include 0 (so that 0.0 is exact, as
/// zero padding and relu need), scale = (max - min) / 255, zero_point = round(-128 - min /
/// scale) clamped. A range that is only 0 gets scale 1 (any scale represents it).
int8_tensor tensor_from(const range& r) {
    int8_tensor t;
    t.min = r.min;
    t.max = r.max;
    const double lo = std::min(0.0f, r.min), hi = std::max(0.0f, r.max);
    t.scale = hi > lo ? static_cast<float>((hi - lo) / 255.0) : 1.0f;
    const double zp = std::round(-128.0 - lo / static_cast<double>(t.scale));
    t.zero_point = static_cast<std::int32_t>(std::clamp(zp, -128.0, 127.0));
    return t;
}

/// The calibration ranges: the preprocessed input, and per layer the tensor its sums are
/// requantized to (the output after relu / relu6 / linear, the weighted sums before sigmoid,
/// tanh and softmax, which then have fixed output scales).
std::vector<range> calibrate(const model& m, const dataset& data, range& input) {
    const network n = m.net();
    std::vector<range> ranges(m.layers.size());
    std::vector<float> x(m.inputs), zs(unit_count(n)), ys(zs.size());
    for (std::size_t r = 0; r < data.rows(); ++r) {
        m.pre.apply(data.row(r), x.data(), m.inputs);
        input.add(x.data(), x.size());
        forward(n, x.data(), zs.data(), ys.data());
        std::size_t offset = 0;
        for (std::size_t k = 0; k < m.layers.size(); ++k) {
            const std::string& a = m.layers[k].activation;
            const bool clamp = a == "linear" || a == "relu" || a == "relu6";
            ranges[k].add((clamp ? ys : zs).data() + offset, m.layers[k].units);
            offset += m.layers[k].units;
        }
    }
    return ranges;
}

/// Weights symmetric per unit: scale_j = max_i |W_ij| / 127, q = round(W / scale_j) in
/// [-127, 127]; a unit whose weights are all 0 gets scale 1. Biases int32 at scale
/// input_scale * scale_j.
void quantize_weights(const network& n, std::size_t k, float input_scale, int8_layer_data& l) {
    const std::size_t in = layer_inputs(n, k), units = n.layers[k].units;
    const float* w = layer_kernel(n, k);
    const float* b = layer_bias(n, k);
    l.kernel.assign(in * units, 0);
    l.kernel_scale.assign(units, 1.0f);
    for (std::size_t j = 0; j < units; ++j) {
        float largest = 0.0f;
        for (std::size_t i = 0; i < in; ++i)
            largest = std::max(largest, std::fabs(w[i * units + j]));
        if (largest > 0.0f) l.kernel_scale[j] = largest / 127.0f;
        for (std::size_t i = 0; i < in; ++i) {
            const double q = std::round(static_cast<double>(w[i * units + j]) / l.kernel_scale[j]);
            l.kernel[i * units + j] = static_cast<std::int8_t>(std::clamp(q, -127.0, 127.0));
        }
        if (!b) continue;
        const double q = std::round(static_cast<double>(b[j]) /
                                    (static_cast<double>(input_scale) * l.kernel_scale[j]));
        l.bias.push_back(static_cast<std::int32_t>(std::clamp(q, -2147483648.0, 2147483647.0)));
    }
}

}  // namespace

int8_model quantize_model(const model& m, const dataset& data, const std::string& source,
                          std::size_t test_cases) {
    if (data.rows() == 0) fail(source, "no calibration rows");
    if (data.features.size() != m.inputs)
        fail(source, "expected " + std::to_string(m.inputs) + " feature columns, got " +
                         std::to_string(data.features.size()));
    for (std::size_t k = 0; k < m.layers.size(); ++k)
        int8_kind(m.layers[k].activation, m.name + ": layer " + std::to_string(k + 1));
    int8_model q;
    q.calibration = source;
    q.calibration_rows = data.rows();
    range input;
    const std::vector<range> ranges = calibrate(m, data, input);
    q.input = tensor_from(input);
    const network n = m.net();
    float in_scale = q.input.scale;
    for (std::size_t k = 0; k < m.layers.size(); ++k) {
        int8_layer_data l;
        quantize_weights(n, k, in_scale, l);
        l.sums = tensor_from(ranges[k]);
        for (std::size_t j = 0; j < l.kernel_scale.size(); ++j) {
            // In double from the float32 scales, as TensorFlow Lite Micro's Prepare does.
            const fixedpoint::quantized_multiplier mq = fixedpoint::quantize_multiplier(
                static_cast<double>(in_scale) * l.kernel_scale[j] / l.sums.scale);
            l.multiplier.push_back(mq.multiplier);
            l.shift.push_back(static_cast<std::int8_t>(std::clamp(mq.shift, -31, 30)));
        }
        const std::string& a = m.layers[k].activation;
        int8_clamp(a, l.sums, l.lo, l.hi);
        in_scale = a == "sigmoid" || a == "softmax" ? int8::sigmoid_output.scale
                   : a == "tanh"                    ? int8::tanh_output.scale
                                                    : l.sums.scale;
        q.layers.push_back(std::move(l));
    }
    q.bind(m, m.name + ": int8");
    for (std::size_t r = 0; r < std::min(test_cases, data.rows()); ++r) {
        q.test_inputs.emplace_back(data.row(r), data.row(r) + m.inputs);
        q.test_outputs.push_back(q.predict(q.test_inputs.back()));
    }
    return q;
}

}  // namespace anne
