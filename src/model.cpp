#include "model.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>

#include <anne/activation.hpp>
#include <anne/metrics.hpp>

#include "error.hpp"
#include "files.hpp"
#include "json.hpp"
#include "quantize/int8_model.hpp"

namespace anne {

constexpr const char* format_name = "anne-model";
constexpr int format_version = 1;

std::size_t parameter_count(const model& m) {
    std::size_t count = 0, in = m.inputs;
    for (const layer_info& l : m.layers) {
        count += dense_parameter_count(in, l.units, l.use_bias);
        in = l.units;
    }
    return count;
}

std::string architecture(const model& m) {
    std::string s = std::to_string(m.inputs);
    for (const layer_info& l : m.layers) {
        s += " -> " + std::to_string(l.units) + " (" + l.activation;
        const activation* f = activation_registry().find(l.activation.c_str());
        if (f && f->parameter) {
            char text[32];
            s += " " + std::string(text, std::to_chars(text, text + sizeof text, l.alpha).ptr);
        }
        s += ")";
    }
    return s;
}

void model::bind() {
    core_layers_.clear();
    for (std::size_t k = 0; k < layers.size(); ++k) {
        const layer_info& l = layers[k];
        const activation* f = activation_registry().find(l.activation.c_str());
        const std::string where = name + ": layer " + std::to_string(k + 1);
        if (!f) fail(where, "unknown activation \"" + l.activation + "\"");
        if (l.units == 0) fail(where, "a layer needs at least one unit");
        core_layers_.push_back({l.units, f, l.alpha, l.use_bias});
    }
    const std::size_t expected = parameter_count(*this);
    if (params.size() != expected)
        fail(name, "the layers need " + std::to_string(expected) + " parameters, there are " +
                       std::to_string(params.size()));
}

std::vector<float> model::predict(const std::vector<float>& raw) const {
    if (raw.size() != inputs)
        fail(name,
             "expected " + std::to_string(inputs) + " inputs, got " + std::to_string(raw.size()));
    std::vector<float> x(inputs), y(outputs());
    pre.apply(raw.data(), x.data(), inputs);
    const network n = net();
    std::vector<float> scratch(predict_scratch_size(n));
    anne::predict(n, x.data(), y.data(), scratch.data(), scratch.size());
    return y;
}

std::size_t model::decide(const std::vector<float>& y) const {
    return anne::decide(y.data(), y.size(), output.threshold);
}

std::size_t model::class_count() const {
    switch (output.type) {
    case output_meaning::kind::binary: return 2;
    case output_meaning::kind::classes: return outputs();
    case output_meaning::kind::values: return 0;
    }
    return 0;
}

std::string model::class_name(std::size_t c) const {
    return c < output.classes.size() ? output.classes[c] : std::to_string(c);
}

namespace {

// A float32 as the shortest text that reads back to it ("0.97628146", "1e-06").
std::string shortest(float v) { return std::isnan(v) ? "NaN" : fjson(v).dump(); }

}  // namespace

float model::run_self_test(const std::string& where) const {
    float worst = 0.0f;
    for (std::size_t t = 0; t < test.inputs.size(); ++t) {
        const std::vector<float> y = predict(test.inputs[t]);
        for (std::size_t i = 0; i < y.size(); ++i) {
            const float want = test.outputs[t][i];
            const float diff = std::fabs(y[i] - want) / std::max(1.0f, std::fabs(want));
            worst = std::max(worst, std::isnan(diff) ? INFINITY : diff);
            if (!(diff <= test.tolerance))
                fail(where, "self-test failed: for case " + std::to_string(t + 1) +
                                " the model computes " + shortest(y[i]) + " as output " +
                                std::to_string(i + 1) + ", where the self-test recorded " +
                                shortest(want) + " (allowed difference " +
                                shortest(test.tolerance) +
                                "); a weight, a bias or an activation has changed since it was "
                                "recorded. If you changed it on purpose, record a new self-test "
                                "with: anne selftest " +
                                where + " --record");
        }
    }
    return worst;
}

std::string known_activations() {
    std::string known;
    const registry& r = activation_registry();
    for (std::size_t i = 0; i < r.size(); ++i) known += (i ? ", " : "") + std::string(r[i].name);
    return known;
}

activation_fault resolve_activation(const std::string& name, const float* alpha, const char* needs,
                                    layer_info& l, std::string& why) {
    l.activation = name;
    const activation* f = activation_registry().find(name.c_str());
    activation_fault fault = activation_fault::none;
    if (!f) {
        fault = activation_fault::unknown;
        why = "unknown activation \"" + name + "\"; known: " + known_activations();
    } else if (alpha && !f->parameter) {
        fault = activation_fault::takes_no_parameter;
        why = "activation \"" + name + "\" takes no parameter";
    } else if (!alpha && f->parameter_required) {
        fault = activation_fault::needs_parameter;
        why = "activation \"" + name + "\" needs " +
              (needs ? needs : "its " + std::string(f->parameter));
    } else {
        l.alpha = alpha ? *alpha : f->parameter ? f->parameter_default : 0.0f;
    }
    return fault;
}

// ---------------------------------------------------------------------------------------------
// Reading.

namespace {

preprocessing read_preprocessing(const json_at& j, std::size_t inputs) {
    preprocessing p;
    const std::string type = j["type"].string();
    if (j.has("features")) {
        p.features = j["features"].strings();
        if (p.features.size() != inputs)
            j["features"].fail("expected " + std::to_string(inputs) + " names (one per input)");
    }
    if (!preprocessing_kind(type, p.type))
        j["type"].fail(std::string("expected ") + preprocessing_kinds() + ", got \"" + type + "\"");
    const auto parameters = p.parameters();
    for (const auto& [key, values] : parameters) *values = j[key].floats(inputs);
    for (std::size_t i = 0; i < inputs && !parameters.empty(); ++i)
        if (const char* why = p.invalid(i)) j[parameters[1].first][i].fail(why);
    return p;
}

output_meaning read_output(const json_at& j, std::size_t outputs) {
    output_meaning o;
    const std::string type = j["type"].string();
    if (type == "binary") {
        o.type = output_meaning::kind::binary;
        if (outputs != 1) j["type"].fail("a binary output needs exactly one output unit");
        if (j.has("threshold")) o.threshold = j["threshold"].number();
        if (j.has("classes")) {
            o.classes = j["classes"].strings();
            if (o.classes.size() != 2) j["classes"].fail("a binary output has 2 class names");
        }
    } else if (type == "classes") {
        o.type = output_meaning::kind::classes;
        if (outputs < 2) j["type"].fail("\"classes\" needs one output unit per class (>= 2)");
        if (j.has("classes")) {
            o.classes = j["classes"].strings();
            if (o.classes.size() != outputs)
                j["classes"].fail("expected " + std::to_string(outputs) + " class names");
        }
    } else if (type == "values") {
        if (j.has("names")) {
            o.names = j["names"].strings();
            if (o.names.size() != outputs)
                j["names"].fail("expected " + std::to_string(outputs) + " names");
        }
    } else {
        j["type"].fail("expected \"binary\", \"classes\" or \"values\", got \"" + type + "\"");
    }
    return o;
}

std::string optional_string(const json_at& j, const char* key) {
    return j.has(key) ? j[key].string() : std::string();
}

void read_layer(const json_at& j, std::size_t in, model& m) {
    if (j.has("type") && j["type"].string() != "dense")
        j["type"].fail("expected \"dense\" (the only layer type of this format version)");
    layer_info l;
    l.units = j["units"].count(1);
    const float alpha = j.has("alpha") ? j["alpha"].number() : 0.0f;
    std::string why;
    switch (resolve_activation(j["activation"].string(), j.has("alpha") ? &alpha : nullptr,
                               "\"alpha\"", l, why)) {
    case activation_fault::none: break;
    case activation_fault::unknown: j["activation"].fail(why);
    case activation_fault::takes_no_parameter: j["alpha"].fail(why);
    case activation_fault::needs_parameter:
        j.fail(why + " (its slope or scale: there is no silent default)");
    }
    l.use_bias = j.has("use_bias") ? j["use_bias"].boolean() : true;
    const json_at kernel = j["kernel"];
    if (kernel.size() != in)
        kernel.fail("expected " + std::to_string(in) + " rows (one per input of this layer), got " +
                    std::to_string(kernel.size()));
    for (std::size_t i = 0; i < in; ++i) {
        const std::vector<float> row = kernel[i].floats(l.units);
        m.params.insert(m.params.end(), row.begin(), row.end());
    }
    if (l.use_bias) {
        const std::vector<float> bias = j["bias"].floats(l.units);
        m.params.insert(m.params.end(), bias.begin(), bias.end());
    } else if (j.has("bias")) {
        j["bias"].fail("a layer with \"use_bias\": false has no bias");
    }
    m.layers.push_back(l);
}

}  // namespace

model parse_model(const std::string& text, const std::string& where, self_test_check check) {
    const fjson doc = parse_json(text, where);
    const json_at j(doc, "$", where);
    if (!doc.is_object()) j.fail("expected a model object");
    if (j["format"].string() != format_name)
        j["format"].fail(std::string("expected \"") + format_name + "\"");
    const std::size_t version = j["version"].count(1);
    if (version != format_version)
        j["version"].fail("version " + std::to_string(version) +
                          " is not supported (this anne reads " + std::to_string(format_version) +
                          ")");
    model m;
    m.name = optional_string(j, "name");
    m.description = optional_string(j, "description");
    m.inputs = j["inputs"].count(1);
    if (j.has("preprocessing")) m.pre = read_preprocessing(j["preprocessing"], m.inputs);
    const json_at layers = j["layers"];
    if (layers.size() == 0) layers.fail("expected at least one layer");
    std::size_t in = m.inputs;
    for (std::size_t k = 0; k < layers.size(); ++k) {
        read_layer(layers[k], in, m);
        in = m.layers.back().units;
    }
    if (j.has("output")) m.output = read_output(j["output"], m.outputs());
    if (j.has("provenance")) {
        const json_at p = j["provenance"];
        m.origin = {optional_string(p, "source"), optional_string(p, "framework"),
                    optional_string(p, "framework_version"), optional_string(p, "converted_by"),
                    optional_string(p, "notes")};
    }
    if (j.has("self_test")) {
        const json_at t = j["self_test"];
        m.test.source = t["source"].string();
        m.test.tolerance = t["tolerance"].number();
        if (!(m.test.tolerance >= 0.0f)) t["tolerance"].fail("expected a tolerance >= 0");
        const json_at cases = t["cases"];
        for (std::size_t c = 0; c < cases.size(); ++c) {
            m.test.inputs.push_back(cases[c]["input"].floats(m.inputs));
            m.test.outputs.push_back(cases[c]["output"].floats(m.outputs()));
        }
    }
    if (m.name.empty()) m.name = where;
    m.bind();
    if (check == self_test_check::run) m.run_self_test(where);
    if (j.has("int8")) m.int8 = std::make_shared<int8_model>(read_int8(j["int8"], m, where));
    return m;
}

model load_model(const std::string& path_or_name) {
    if (const char* text = builtin_model_text(path_or_name)) {
        std::ifstream probe(path_or_name);
        if (!probe) return parse_model(text, "built-in model " + path_or_name);
    }
    return parse_model(read_file(path_or_name), path_or_name);
}

// ---------------------------------------------------------------------------------------------
// Writing.

std::string model_to_json(const model& m) {
    fjson j;
    j["format"] = format_name;
    j["version"] = format_version;
    if (!m.name.empty()) j["name"] = m.name;
    if (!m.description.empty()) j["description"] = m.description;
    j["inputs"] = m.inputs;
    if (m.pre.type != preprocessing::kind::none || !m.pre.features.empty()) {
        fjson p;
        p["type"] = m.pre.name();
        if (!m.pre.features.empty()) p["features"] = m.pre.features;
        for (const auto& [key, values] : m.pre.parameters()) p[key] = *values;
        j["preprocessing"] = p;
    }
    const network n = m.net();
    fjson layers = fjson::array();
    for (std::size_t k = 0; k < m.layers.size(); ++k) {
        const layer_info& l = m.layers[k];
        fjson lj;
        lj["type"] = "dense";
        lj["units"] = l.units;
        lj["activation"] = l.activation;
        const activation* f = activation_registry().find(l.activation.c_str());
        if (f && f->parameter) lj["alpha"] = l.alpha;
        lj["use_bias"] = l.use_bias;
        const std::size_t in = layer_inputs(n, k);
        const float* w = layer_kernel(n, k);
        fjson kernel = fjson::array();
        for (std::size_t i = 0; i < in; ++i)
            kernel.push_back(std::vector<float>(w + i * l.units, w + (i + 1) * l.units));
        lj["kernel"] = kernel;
        if (l.use_bias)
            lj["bias"] = std::vector<float>(layer_bias(n, k), layer_bias(n, k) + l.units);
        layers.push_back(lj);
    }
    j["layers"] = layers;
    fjson o;
    switch (m.output.type) {
    case output_meaning::kind::binary:
        o["type"] = "binary";
        o["threshold"] = m.output.threshold;
        break;
    case output_meaning::kind::classes: o["type"] = "classes"; break;
    case output_meaning::kind::values:
        o["type"] = "values";
        if (!m.output.names.empty()) o["names"] = m.output.names;
        break;
    }
    if (!m.output.classes.empty()) o["classes"] = m.output.classes;
    j["output"] = o;
    fjson p = fjson::object();
    const std::pair<const char*, const std::string*> fields[] = {
        {"source", &m.origin.source},
        {"framework", &m.origin.framework},
        {"framework_version", &m.origin.framework_version},
        {"converted_by", &m.origin.converted_by},
        {"notes", &m.origin.notes}};
    for (const auto& [key, value] : fields)
        if (!value->empty()) p[key] = *value;
    j["provenance"] = p;
    if (!m.test.inputs.empty()) {
        fjson t;
        t["source"] = m.test.source;
        t["tolerance"] = m.test.tolerance;
        fjson cases = fjson::array();
        for (std::size_t c = 0; c < m.test.inputs.size(); ++c)
            cases.push_back({{"input", m.test.inputs[c]}, {"output", m.test.outputs[c]}});
        t["cases"] = cases;
        j["self_test"] = t;
    }
    if (m.int8) j["int8"] = int8_to_json(*m.int8);
    return pretty_json(j);
}

void save_model(const model& m, const std::string& path) {
    write_file_atomic(path, model_to_json(m));
}

}  // namespace anne
