// The "int8" section of a model file (docs/model-format.md): read with checked paths, written
// with float32 scales that read back exactly.
#include "error.hpp"
#include "quantize/int8_model.hpp"

namespace anne {

namespace {

std::int64_t whole(const json_at& j, std::int64_t lo, std::int64_t hi) {
    const fjson& v = j.value();
    if (!v.is_number_integer() || v.get<std::int64_t>() < lo || v.get<std::int64_t>() > hi)
        j.fail("expected a whole number in [" + std::to_string(lo) + ", " + std::to_string(hi) +
               "], got " + v.dump());
    return v.get<std::int64_t>();
}

template <typename T>
std::vector<T> wholes(const json_at& j, std::size_t expected, std::int64_t lo, std::int64_t hi) {
    if (j.size() != expected)
        j.fail("expected " + std::to_string(expected) + " numbers, got " +
               std::to_string(j.size()));
    std::vector<T> v(expected);
    for (std::size_t i = 0; i < expected; ++i) v[i] = static_cast<T>(whole(j[i], lo, hi));
    return v;
}

constexpr std::int64_t int32_lo = -2147483648LL, int32_hi = 2147483647LL;

int8_tensor read_tensor(const json_at& j) {
    int8_tensor t;
    t.scale = j["scale"].number();
    if (!(t.scale > 0.0f)) j["scale"].fail("expected a scale > 0");
    t.zero_point = static_cast<std::int32_t>(whole(j["zero_point"], -128, 127));
    t.min = j["min"].number();
    t.max = j["max"].number();
    return t;
}

fjson tensor_json(const int8_tensor& t) {
    return {{"scale", t.scale}, {"zero_point", t.zero_point}, {"min", t.min}, {"max", t.max}};
}

int8_layer_data read_layer(const json_at& j, std::size_t in, const layer_info& f) {
    int8_layer_data l;
    const json_at kernel = j["kernel"];
    if (kernel.size() != in)
        kernel.fail("expected " + std::to_string(in) + " rows (one per input of this layer)");
    for (std::size_t i = 0; i < in; ++i) {
        const std::vector<std::int8_t> row = wholes<std::int8_t>(kernel[i], f.units, -127, 127);
        l.kernel.insert(l.kernel.end(), row.begin(), row.end());
    }
    l.kernel_scale = j["kernel_scale"].floats(f.units);
    for (std::size_t u = 0; u < f.units; ++u)
        if (!(l.kernel_scale[u] > 0.0f)) j["kernel_scale"][u].fail("expected a scale > 0");
    if (f.use_bias) l.bias = wholes<std::int32_t>(j["bias"], f.units, int32_lo, int32_hi);
    l.sums = read_tensor(j["sums"]);
    l.multiplier = wholes<std::int32_t>(j["multiplier"], f.units, 0, int32_hi);
    l.shift = wholes<std::int8_t>(j["shift"], f.units, -31, 30);
    const std::vector<std::int32_t> clamp = wholes<std::int32_t>(j["clamp"], 2, -128, 127);
    l.lo = clamp[0];
    l.hi = clamp[1];
    return l;
}

fjson layer_json(const int8_layer_data& l, std::size_t units) {
    fjson kernel = fjson::array();
    for (std::size_t i = 0; i * units < l.kernel.size(); ++i)
        kernel.push_back(
            std::vector<int>(l.kernel.begin() + i * units, l.kernel.begin() + (i + 1) * units));
    fjson j;
    j["kernel"] = kernel;
    j["kernel_scale"] = l.kernel_scale;
    if (!l.bias.empty()) j["bias"] = l.bias;
    j["sums"] = tensor_json(l.sums);
    j["multiplier"] = l.multiplier;
    j["shift"] = std::vector<int>(l.shift.begin(), l.shift.end());
    j["clamp"] = {l.lo, l.hi};
    return j;
}

}  // namespace

int8_model read_int8(const json_at& j, const model& m, const std::string& where) {
    int8_model q;
    if (j.has("calibration")) {
        q.calibration = j["calibration"]["data"].string();
        q.calibration_rows = j["calibration"]["rows"].count();
    }
    q.input = read_tensor(j["input"]);
    const json_at layers = j["layers"];
    if (layers.size() != m.layers.size())
        layers.fail("expected " + std::to_string(m.layers.size()) + " layers (as the model)");
    std::size_t in = m.inputs;
    for (std::size_t k = 0; k < m.layers.size(); ++k) {
        q.layers.push_back(read_layer(layers[k], in, m.layers[k]));
        in = m.layers[k].units;
    }
    if (j.has("self_test")) {
        const json_at cases = j["self_test"]["cases"];
        for (std::size_t c = 0; c < cases.size(); ++c) {
            q.test_inputs.push_back(cases[c]["input"].floats(m.inputs));
            q.test_outputs.push_back(
                wholes<std::int8_t>(cases[c]["output"], m.outputs(), -128, 127));
        }
    }
    q.bind(m, where + ": int8");
    q.run_self_test(where);
    return q;
}

fjson int8_to_json(const int8_model& q) {
    fjson j;
    j["scheme"] =
        "TensorFlow Lite full integer: int8 tensors per tensor (asymmetric), int8 weights per "
        "unit (symmetric), int32 biases";
    if (!q.calibration.empty())
        j["calibration"] = {{"data", q.calibration}, {"rows", q.calibration_rows}};
    j["input"] = tensor_json(q.input);
    fjson layers = fjson::array();
    for (const int8_layer_data& l : q.layers) layers.push_back(layer_json(l, l.multiplier.size()));
    j["layers"] = layers;
    if (!q.test_inputs.empty()) {
        fjson cases = fjson::array();
        for (std::size_t c = 0; c < q.test_inputs.size(); ++c)
            cases.push_back(
                {{"input", q.test_inputs[c]},
                 {"output", std::vector<int>(q.test_outputs[c].begin(), q.test_outputs[c].end())}});
        j["self_test"] = {{"source", "anne (the int8 outputs are exact)"}, {"cases", cases}};
    }
    return j;
}

}  // namespace anne
