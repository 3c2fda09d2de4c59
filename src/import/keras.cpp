#include "import/keras.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "error.hpp"
#include "import/fold.hpp"

namespace anne::keras {

namespace {

const char* const supported_layers =
    "InputLayer, Dense, Activation, ReLU, LeakyReLU, ELU, Softmax, BatchNormalization, "
    "Normalization (as the first layer), Flatten, Dropout, GaussianNoise, GaussianDropout, "
    "AlphaDropout";

// Layers that compute nothing at inference.
const std::set<std::string> identity_layers = {"Dropout", "GaussianNoise", "GaussianDropout",
                                               "AlphaDropout"};

std::string describe(const layer& l) { return "layer '" + l.name + "' (" + l.class_name + ")"; }

[[noreturn]] void fail_at(const std::string& where, const layer& l, const std::string& what) {
    fail(where, describe(l) + ": " + what);
}

// A member of a config object, or nullptr when it is absent or null (Keras writes null for
// "not set").
const fjson* member(const fjson& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() || it->is_null() ? nullptr : &*it;
}

std::string text(const fjson& object, const char* key, const std::string& where) {
    const fjson* v = member(object, key);
    if (!v || !v->is_string()) fail(where, std::string("expected a string \"") + key + "\"");
    return v->get<std::string>();
}

// A shape as Keras writes it, [null, 28, 28], without the batch axis; 0 for an unknown size.
std::vector<std::size_t> read_shape(const fjson& dims) {
    std::vector<std::size_t> shape;
    for (std::size_t i = 1; i < dims.size(); ++i)
        shape.push_back(dims[i].is_number_unsigned() ? dims[i].get<std::size_t>() : 0);
    return shape;
}

std::string dims_text(const std::vector<std::size_t>& shape) {
    std::string s;
    for (std::size_t d : shape) s += (s.empty() ? "" : " x ") + (d ? std::to_string(d) : "?");
    return s;
}

// ---------------------------------------------------------------------------------------------
// Activations by Keras name.

// An activation by anne's name with its parameter (shared with the ONNX importer's steps).
using activation_spec = import_detail::activation_choice;

std::string supported_activations(dialect d) {
    return std::string(
               "linear, relu, relu6, leaky_relu, elu, selu, tanh, sigmoid, hard_sigmoid, "
               "softmax, softplus, softsign, swish, silu, gelu, ") +
           (d == dialect::tfjs ? "gelu_new, " : "") + "mish";
}

activation_spec named_activation(const std::string& n, dialect d, const layer& l,
                                 const std::string& where) {
    static const std::set<std::string> same = {"linear",   "relu",    "relu6",   "selu",
                                               "tanh",     "sigmoid", "softmax", "softplus",
                                               "softsign", "mish"};
    if (same.count(n)) return {n};
    if (n == "elu") return {"elu", 1.0f};
    // Keras 1-2 and TensorFlow.js: clip(0.2 x + 0.5, 0, 1); Keras 3: relu6(x + 3) / 6.
    if (n == "hard_sigmoid") return {"hard_sigmoid", d == dialect::keras3 ? 1.0f / 6.0f : 0.2f};
    if (n == "swish" || n == "silu") return {"swish"};
    // A name cannot carry gelu's `approximate`, so "gelu" is always Keras's default, the erf
    // form; TensorFlow.js calls the tanh approximation gelu_new.
    if (n == "gelu") return {"gelu"};
    if (n == "gelu_new" && d == dialect::tfjs) return {"gelu_tanh"};
    // The activation function (not the LeakyReLU layer): negative_slope defaults to 0.2.
    if (n == "leaky_relu") return {"leaky_relu", 0.2f};
    fail_at(where, l,
            "activation '" + n + "' is not supported; supported: " + supported_activations(d));
}

void check_last_axis(const layer& l, const fjson* axis, const std::string& where) {
    // Our vectors have one axis (besides the batch): -1 or 1 name it.
    const fjson* a = axis && axis->is_array() && axis->size() == 1 ? &(*axis)[0] : axis;
    if (a && !(a->is_number_integer() && (a->get<int>() == -1 || a->get<int>() == 1)))
        fail_at(where, l, "axis " + axis->dump() + " is not supported (only the last axis)");
}

// ReLU(): relu; ReLU(max_value=6): relu6; ReLU(negative_slope=a): leaky_relu. Others refused.
activation_spec relu_layer(const fjson& c, const layer& l, const std::string& where) {
    const fjson* max_v = member(c, "max_value");
    const fjson* slope_v = member(c, "negative_slope");
    const fjson* threshold_v = member(c, "threshold");
    const float slope = slope_v ? slope_v->get<float>() : 0.0f;
    const float threshold = threshold_v ? threshold_v->get<float>() : 0.0f;
    if (threshold == 0.0f && slope == 0.0f && !max_v) return {"relu"};
    if (threshold == 0.0f && slope == 0.0f && max_v->get<float>() == 6.0f) return {"relu6"};
    if (threshold == 0.0f && slope > 0.0f && !max_v) return {"leaky_relu", slope};
    fail_at(where, l,
            "max_value " + (max_v ? max_v->dump() : std::string("none")) + ", negative_slope " +
                fjson(slope).dump() + ", threshold " + fjson(threshold).dump() +
                " is not supported; supported: ReLU() = relu, ReLU(max_value=6) = relu6, "
                "ReLU(negative_slope=a) = leaky_relu");
}

// What an activation layer (ReLU, LeakyReLU, ELU, Softmax) of config `c` computes, or nothing
// for any other class. A Dense layer given `activation=layers.ReLU()` holds the same object.
std::optional<activation_spec> activation_layer(const std::string& k, const fjson& c,
                                                const layer& l, const std::string& where) {
    if (k == "ReLU") return relu_layer(c, l, where);
    if (k == "LeakyReLU") {
        // Keras 2 and TensorFlow.js call the slope alpha, Keras 3 negative_slope; the
        // layer's default is 0.3 (the function's is 0.2).
        const fjson* slope = member(c, "negative_slope");
        if (!slope) slope = member(c, "alpha");
        return activation_spec{"leaky_relu", slope ? slope->get<float>() : 0.3f};
    }
    if (k == "ELU") {
        const fjson* alpha = member(c, "alpha");
        return activation_spec{"elu", alpha ? alpha->get<float>() : 1.0f};
    }
    if (k == "Softmax") {
        check_last_axis(l, member(c, "axis"), where);
        return activation_spec{"softmax"};
    }
    return std::nullopt;
}

// The value of a layer's "activation": a name, or Keras 3's serialized function object
// {"class_name": "function", "config": "relu", ...}; absent or null means linear.
activation_spec config_activation(const fjson* v, dialect d, const layer& l,
                                  const std::string& where) {
    if (!v) return {"linear"};
    if (v->is_string()) return named_activation(v->get<std::string>(), d, l, where);
    const fjson* name = member(*v, "config");
    if (name && name->is_string()) return named_activation(name->get<std::string>(), d, l, where);
    // A layer object ({"class_name": "ReLU", "config": {...}}): what that layer computes.
    const fjson* cls = member(*v, "class_name");
    if (cls && cls->is_string() && name && name->is_object())
        if (const auto f = activation_layer(cls->get<std::string>(), *name, l, where)) return *f;
    fail_at(where, l,
            "activation " + v->dump() +
                " is neither a built-in activation name nor an activation layer (ReLU, "
                "LeakyReLU, ELU, Softmax)");
}

// ---------------------------------------------------------------------------------------------
// The chain of layers from input to output.

// The layer names a functional node's inputs come from. Keras 1-2 and TensorFlow.js write a
// node as [["dense_1", 0, 0, {}], ...]; Keras 3 as {"args": [<tensor>], "kwargs": {}} with
// tensors {"class_name": "__keras_tensor__", "config": {"keras_history": ["dense_1", 0, 0]}}.
void node_inputs(const fjson& node, std::vector<std::string>& names) {
    if (node.is_array()) {
        if (!node.empty() && node[0].is_string()) {
            names.push_back(node[0].get<std::string>());
            return;
        }
        for (const fjson& e : node) node_inputs(e, names);
        return;
    }
    if (!node.is_object()) return;
    const fjson* tensor_config = member(node, "config");
    if (const fjson* history = member(tensor_config ? *tensor_config : node, "keras_history")) {
        if (history->is_array() && !history->empty() && (*history)[0].is_string())
            names.push_back((*history)[0].get<std::string>());
        return;
    }
    if (const fjson* args = member(node, "args")) node_inputs(*args, names);
}

// "input_layers": [["input_1", 0, 0]] (Keras 2), or ["input_1", 0, 0] for one (Keras 3).
std::vector<std::string> endpoint_names(const fjson* v) {
    std::vector<std::string> names;
    if (!v || !v->is_array()) return names;
    if (!v->empty() && (*v)[0].is_string()) return {(*v)[0].get<std::string>()};
    for (const fjson& e : *v)
        if (e.is_array() && !e.empty() && e[0].is_string())
            names.push_back(e[0].get<std::string>());
    return names;
}

layer make_layer(const fjson& entry, const std::string& where) {
    if (!entry.is_object()) fail(where, "model config: a layer entry is not an object");
    layer l;
    l.class_name = text(entry, "class_name", where + ": model config layer");
    const fjson* config = member(entry, "config");
    if (!config || !config->is_object())
        fail(where, "model config: layer of class " + l.class_name + " has no config");
    l.config = config;
    const fjson* name = member(entry, "name");
    if (!name) name = member(*config, "name");
    l.name = name && name->is_string() ? name->get<std::string>() : l.class_name;
    l.ordinal = 0;
    return l;
}

std::vector<layer> functional_chain(const fjson& config, const std::string& where) {
    const fjson* entries = member(config, "layers");
    if (!entries || !entries->is_array()) fail(where, "model config: no \"layers\" list");
    std::map<std::string, std::pair<layer, std::vector<std::string>>> by_name;
    for (const fjson& entry : *entries) {
        layer l = make_layer(entry, where);
        std::vector<std::string> inputs;
        const fjson* nodes = member(entry, "inbound_nodes");
        if (nodes && nodes->size() > 1)
            fail_at(where, l,
                    "used more than once (a shared layer): only a single chain of "
                    "layers can be imported");
        if (nodes && nodes->size() == 1) node_inputs((*nodes)[0], inputs);
        if (inputs.size() > 1)
            fail_at(where, l,
                    "has " + std::to_string(inputs.size()) +
                        " inputs: branching models are not supported, only a single "
                        "chain of layers");
        by_name.emplace(l.name, std::make_pair(l, inputs));
    }
    const std::vector<std::string> ins = endpoint_names(member(config, "input_layers"));
    const std::vector<std::string> outs = endpoint_names(member(config, "output_layers"));
    if (ins.size() != 1 || outs.size() != 1)
        fail(where, "the model has " + std::to_string(ins.size()) + " inputs and " +
                        std::to_string(outs.size()) +
                        " outputs: only models with one input and one output can be imported");
    // Walk back from the output to the input; a single chain visits every layer once.
    std::vector<layer> chain;
    std::string at = outs[0];
    while (true) {
        const auto it = by_name.find(at);
        if (it == by_name.end()) fail(where, "model config: no layer named '" + at + "'");
        if (chain.size() > by_name.size()) fail(where, "model config: the layers form a cycle");
        chain.push_back(it->second.first);
        if (it->second.second.empty()) break;
        at = it->second.second[0];
    }
    if (at != ins[0])
        fail(where, "model config: the output does not lead back to the input '" + ins[0] + "'");
    if (chain.size() != by_name.size()) {
        std::set<std::string> on_path;
        for (const layer& l : chain) on_path.insert(l.name);
        for (const auto& [name, entry] : by_name)
            if (!on_path.count(name))
                fail_at(where, entry.first,
                        "is not on the path from input to output: branching models are not "
                        "supported, only a single chain of layers");
    }
    return {chain.rbegin(), chain.rend()};
}

std::vector<layer> read_chain(const fjson& model_config, const std::string& where,
                              std::string& model_class) {
    model_class = text(model_config, "class_name", where + ": model config");
    const fjson* config = member(model_config, "config");
    if (!config) fail(where, "model config: no \"config\"");
    std::vector<layer> chain;
    if (model_class == "Sequential") {
        // Keras 1 and 2.0-2.2 write the layer list itself; later versions {"layers": [...]}.
        const fjson* entries = config->is_array() ? config : member(*config, "layers");
        if (!entries || !entries->is_array()) fail(where, "Sequential config: no layer list");
        for (const fjson& entry : *entries) chain.push_back(make_layer(entry, where));
    } else if (model_class == "Model" || model_class == "Functional") {
        chain = functional_chain(*config, where);
    } else {
        fail(where, "model class '" + model_class +
                        "' is not supported (Sequential, or a functional Model that is a single "
                        "chain of layers)");
    }
    // Keras 3 weight files name a layer by its class and how many came before it.
    std::map<std::string, std::size_t> seen;
    for (layer& l : chain) l.ordinal = seen[l.class_name]++;
    return chain;
}

// ---------------------------------------------------------------------------------------------
// Building the dense layers.

class builder {
public:
    builder(dialect d, const weight_reader& weights, const std::string& where)
        : dialect_(d), weights_(weights), where_(where) {}

    void add(const layer& l) {
        const fjson& c = *l.config;
        // The InputLayer, or the first layer of a Sequential without one, carries the input
        // shape (Keras 1 also gives a Dense its input_dim).
        if (!shape_known_ && stages_.empty()) {
            if (const fjson* s = member(c, "batch_input_shape"))
                set_shape(read_shape(*s));
            else if (const fjson* s3 = member(c, "batch_shape"))
                set_shape(read_shape(*s3));
            else if (const fjson* dim = member(c, "input_dim"))
                set_shape({dim->get<std::size_t>()});
        }
        const std::string& k = l.class_name;
        if (k == "InputLayer") {
            check_no_weights(l);
        } else if (k == "Dense") {
            dense(l);
        } else if (k == "Activation") {
            activation(config_activation(member(c, "activation"), dialect_, l, where_), l);
        } else if (const auto f = activation_layer(k, c, l, where_)) {
            activation(*f, l);
        } else if (k == "BatchNormalization") {
            batch_normalization(l);
        } else if (k == "Normalization") {
            normalization(l);
        } else if (k == "Flatten") {
            flatten(l);
        } else if (identity_layers.count(k)) {
            notes_.push_back(k + " '" + l.name + "' left out (identity at inference)");
        } else {
            fail_at(where_, l, "not supported; supported: " + std::string(supported_layers));
        }
    }

    conversion finish() {
        if (stages_.empty()) fail(where_, "the model has no Dense layer: nothing to import");
        conversion out;
        model& m = out.m;
        m.inputs = stages_.front().inputs;
        m.pre = pre_;
        for (const stage& s : stages_) {
            m.layers.push_back({s.units, s.act.name, s.act.alpha, !s.bias.empty()});
            m.params.insert(m.params.end(), s.kernel.begin(), s.kernel.end());
            m.params.insert(m.params.end(), s.bias.begin(), s.bias.end());
        }
        out.notes = notes_;
        return out;
    }

private:
    // One dense layer of the result, as it is being built.
    using stage = import_detail::dense_stage;

    void set_shape(std::vector<std::size_t> shape) {
        shape_ = std::move(shape);
        shape_known_ = true;
    }

    // The number of features flowing between layers; the layer needs a flat (vector) input.
    std::size_t width(const layer& l) const {
        if (!shape_known_)
            fail_at(where_, l, "the model config does not say how many inputs the model has");
        if (shape_.size() != 1 || shape_[0] == 0)
            fail_at(where_, l,
                    "its input has shape (" + dims_text(shape_) +
                        "): anne's layers work on flat vectors; only a Flatten right after the "
                        "input can turn a multi-dimensional input into one");
        return shape_[0];
    }

    void check_no_weights(const layer& l) const {
        if (!weights_(l).empty()) fail_at(where_, l, "has weights, which anne cannot represent");
    }

    void check_last_axis(const layer& l, const fjson* axis) const {
        keras::check_last_axis(l, axis, where_);
    }

    // The layer's weights by role (kernel, bias, ...), `roles` in the layer's own order. The
    // file's names decide when they all name a role; otherwise the order does.
    std::map<std::string, tensor> take(const layer& l, const std::vector<std::string>& roles) {
        std::vector<tensor> ts = weights_(l);
        std::string expected;
        for (const std::string& r : roles) expected += (expected.empty() ? "" : ", ") + r;
        if (ts.size() != roles.size()) {
            std::string found;
            for (const tensor& t : ts) found += (found.empty() ? "" : ", ") + t.name;
            fail_at(where_, l,
                    "expected " + std::to_string(roles.size()) + " weights (" + expected +
                        "), the weight file has " + std::to_string(ts.size()) +
                        (found.empty() ? "" : " (" + found + ")"));
        }
        std::map<std::string, tensor> by_role;
        for (tensor& t : ts) {
            const std::string r = role_of(t.name, l.name);
            if (std::find(roles.begin(), roles.end(), r) == roles.end() || by_role.count(r)) {
                by_role.clear();
                break;
            }
            by_role[r] = t;
        }
        if (by_role.size() != roles.size())
            for (std::size_t i = 0; i < roles.size(); ++i) by_role[roles[i]] = ts[i];
        return by_role;
    }

    // The role a weight's name gives it: "dense_1/kernel:0" -> kernel, Keras 1's
    // "dense_1_W:0" -> kernel, "batch_normalization/moving_variance" -> moving_variance.
    static std::string role_of(std::string name, const std::string& layer_name) {
        name = name.substr(name.rfind('/') + 1);
        const std::size_t colon = name.rfind(':');
        if (colon != std::string::npos) name.resize(colon);
        if (name.size() > layer_name.size() + 1 &&
            name.compare(0, layer_name.size(), layer_name) == 0 && name[layer_name.size()] == '_')
            name = name.substr(layer_name.size() + 1);
        if (name == "W") return "kernel";
        if (name == "b") return "bias";
        if (name == "running_mean") return "moving_mean";
        // Keras 1's BatchNormalization keeps the moving variance under this name.
        if (name == "running_std") return "moving_variance";
        return name;
    }

    void check_shape(const layer& l, const tensor& t, const char* role,
                     const std::vector<std::size_t>& shape) const {
        if (t.shape != shape)
            fail_at(where_, l,
                    std::string(role) + " has shape " + shape_text(t.shape) + ", expected " +
                        shape_text(shape));
    }

    void dense(const layer& l) {
        const fjson& c = *l.config;
        const fjson* units_v = member(c, "units");
        if (!units_v) units_v = member(c, "output_dim");  // Keras 1
        if (!units_v || !units_v->is_number_unsigned() || units_v->get<std::size_t>() == 0)
            fail_at(where_, l, "no positive \"units\"");
        const std::size_t units = units_v->get<std::size_t>();
        const fjson* bias_v = member(c, "use_bias");
        if (!bias_v) bias_v = member(c, "bias");  // Keras 1
        const bool use_bias = bias_v ? bias_v->get<bool>() : true;
        std::map<std::string, tensor> w =
            take(l, use_bias ? std::vector<std::string>{"kernel", "bias"}
                             : std::vector<std::string>{"kernel"});
        const tensor& kernel = w["kernel"];
        if (kernel.shape.size() != 2)
            fail_at(where_, l,
                    "kernel has shape " + shape_text(kernel.shape) + ", expected 2 axes");
        if (!shape_known_) set_shape({kernel.shape[0]});
        const std::size_t inputs = width(l);
        check_shape(l, kernel, "kernel", {inputs, units});
        stage s;
        s.origin = "Dense '" + l.name + "'";
        s.inputs = inputs;
        s.units = units;
        s.kernel = kernel.values;
        if (use_bias) {
            check_shape(l, w["bias"], "bias", {units});
            s.bias = w["bias"].values;
        }
        s.act = config_activation(member(c, "activation"), dialect_, l, where_);
        stages_.push_back(std::move(s));
        set_shape({units});
    }

    // A standalone activation joins the dense layer before it when that one is linear;
    // otherwise it gets an identity dense layer of its own: z_j = sum_i x_i I_ij = x_j exactly
    // (every other term is x_i * 0), so f(z) is what Keras computes.
    void activation(const activation_spec& f, const layer& l) {
        check_no_weights(l);
        const std::string who = l.class_name + " '" + l.name + "'";
        if (f.name == "linear") {
            notes_.push_back(who + " left out (linear: identity)");
            return;
        }
        if (!stages_.empty() && stages_.back().act.name == "linear") {
            stages_.back().act = f;
            notes_.push_back(who + " merged into " + stages_.back().origin + " as its activation");
            return;
        }
        stages_.push_back(import_detail::identity_stage(width(l), f, who));
        notes_.push_back(
            who + (stages_.size() == 1 ? " comes first" : " follows a non-linear activation") +
            ": kept as a dense layer of its own with an identity kernel and no bias, "
            "which computes " +
            f.name + " exactly");
    }

    // BatchNormalization at inference: y_j = gamma_j (z_j - mean_j) / sqrt(var_j + eps) + beta_j
    //                                      = s_j (z_j - mean_j) + beta_j,
    // s_j = gamma_j / sqrt(var_j + eps) (gamma = 1 without `scale`, beta = 0 without `center`).
    // After a linear dense layer z = x W + b this is x (W s) + (b - mean) s + beta: kernel
    // column j times s_j, bias (b_j - mean_j) s_j + beta_j. Computed in double, rounded once.
    void batch_normalization(const layer& l) {
        const fjson& c = *l.config;
        check_last_axis(l, member(c, "axis"));
        if (const fjson* mode = member(c, "mode"); mode && mode->get<int>() != 0)
            fail_at(where_, l, "Keras 1 mode " + mode->dump() + " is not supported (only mode 0)");
        if (const fjson* renorm = member(c, "renorm"); renorm && renorm->get<bool>())
            fail_at(where_, l, "renorm is not supported");
        const fjson* scale_v = member(c, "scale");
        const fjson* center_v = member(c, "center");
        const bool scale = scale_v ? scale_v->get<bool>() : true;
        const bool center = center_v ? center_v->get<bool>() : true;
        const fjson* eps_v = member(c, "epsilon");
        const double eps = eps_v ? eps_v->get<double>() : 1e-3;
        std::vector<std::string> roles;
        if (scale) roles.push_back("gamma");
        if (center) roles.push_back("beta");
        roles.push_back("moving_mean");
        roles.push_back("moving_variance");
        std::map<std::string, tensor> w = take(l, roles);
        const std::size_t n = width(l);
        for (const std::string& r : roles) check_shape(l, w[r], r.c_str(), {n});
        import_detail::batch_norm bn;
        bn.gamma = w["gamma"].values;  // empty without `scale`: 1
        bn.beta = w["beta"].values;    // empty without `center`: 0
        bn.mean = w["moving_mean"].values;
        bn.variance = w["moving_variance"].values;
        bn.epsilon = eps;
        std::size_t bad = 0;
        const std::vector<double> s = import_detail::batch_norm_scale(bn, bad);
        if (bad)
            fail_at(where_, l,
                    "moving_variance + epsilon is not positive for unit " + std::to_string(bad));
        const std::string who = "BatchNormalization '" + l.name + "'";
        if (!stages_.empty() && stages_.back().act.name == "linear") {
            stage& d = stages_.back();
            const bool had_bias = !d.bias.empty();
            import_detail::fold_batch_norm(d, bn, s);
            notes_.push_back(who + " folded into " + d.origin +
                             ": kernel columns scaled by gamma / sqrt(moving_variance + epsilon), "
                             "bias shifted" +
                             (had_bias ? "" : " (the layer had no bias; it has one now)"));
            return;
        }
        stages_.push_back(import_detail::diagonal_batch_norm(bn, s, who));
        notes_.push_back(
            who + (stages_.size() == 1 ? " comes first" : " follows a non-linear activation") +
            ": kept as a linear dense layer with a diagonal kernel "
            "gamma / sqrt(moving_variance + epsilon) and bias "
            "beta - moving_mean * that");
    }

    // Normalization computes (x - mean) / max(sqrt(variance), 1e-7) (Keras 2.6+ and 3; the
    // 1e-7 is Keras's epsilon), which is the model's "standardize" preprocessing with
    // std = max(sqrt(variance), 1e-7) taken in float32 as Keras does.
    void normalization(const layer& l) {
        const fjson& c = *l.config;
        if (!stages_.empty() || pre_.type != preprocessing::kind::none)
            fail_at(where_, l,
                    "only a Normalization at the very start of the model is supported "
                    "(it becomes the model's input preprocessing)");
        if (const fjson* invert = member(c, "invert"); invert && invert->get<bool>())
            fail_at(where_, l, "invert=True is not supported");
        check_last_axis(l, member(c, "axis"));
        std::vector<float> mean, variance;
        const fjson* mean_v = member(c, "mean");
        const fjson* var_v = member(c, "variance");
        if (mean_v && var_v) {
            // Given to the constructor: a number or a list, written into the config.
            const auto numbers = [](const fjson& v) {
                return v.is_array() ? v.get<std::vector<float>>()
                                    : std::vector<float>{v.get<float>()};
            };
            mean = numbers(*mean_v);
            variance = numbers(*var_v);
        } else {
            std::map<std::string, tensor> w = take(l, {"mean", "variance", "count"});
            mean = w["mean"].values;
            variance = w["variance"].values;
        }
        if (!shape_known_) set_shape({mean.size()});
        const std::size_t n = width(l);
        // A single mean and variance (axis=None) apply to every input.
        if (mean.size() == 1) mean.assign(n, mean[0]);
        if (variance.size() == 1) variance.assign(n, variance[0]);
        if (mean.size() != n || variance.size() != n)
            fail_at(where_, l, "mean and variance need " + std::to_string(n) + " values");
        pre_.type = preprocessing::kind::standardize;
        pre_.mean = mean;
        pre_.stddev.resize(n);
        for (std::size_t i = 0; i < n; ++i) {
            if (!(variance[i] >= 0.0f)) fail_at(where_, l, "a variance is negative");
            pre_.stddev[i] = std::max(std::sqrt(variance[i]), 1e-7f);
        }
        notes_.push_back("Normalization '" + l.name +
                         "' became the input preprocessing: standardize with its mean and "
                         "std = max(sqrt(variance), 1e-7)");
    }

    void flatten(const layer& l) {
        if (!shape_known_ || shape_.size() <= 1) {
            notes_.push_back("Flatten '" + l.name + "' left out (its input is already flat)");
            return;
        }
        const fjson* format = member(*l.config, "data_format");
        if (format && format->is_string() && format->get<std::string>() == "channels_first")
            fail_at(where_, l,
                    "channels_first reorders the axes before flattening; only "
                    "channels_last (row-major) is supported");
        std::size_t n = 1;
        for (std::size_t d : shape_) {
            if (d == 0)
                fail_at(where_, l,
                        "the input shape (" + dims_text(shape_) + ") is not fully known");
            n *= d;
        }
        notes_.push_back("Flatten '" + l.name + "': the " + dims_text(shape_) +
                         " input is read row-major as " + std::to_string(n) + " inputs");
        set_shape({n});
    }

    dialect dialect_;
    const weight_reader& weights_;
    const std::string& where_;
    std::vector<std::size_t> shape_;  // of the values between layers, without the batch axis
    bool shape_known_ = false;
    std::vector<stage> stages_;
    preprocessing pre_;
    std::vector<std::string> notes_;
};

}  // namespace

dialect dialect_of(const std::string& keras_version) {
    // The major version; one too large for an unsigned long is still at least 3.
    unsigned long major = 0;
    const auto [p, ec] =
        std::from_chars(keras_version.data(), keras_version.data() + keras_version.size(), major);
    return (ec == std::errc() && major >= 3) || ec == std::errc::result_out_of_range
               ? dialect::keras3
               : dialect::keras2;
}

const fjson& model_config(const fjson& doc, const std::string& where) {
    if (const fjson* inner = member(doc, "model_config")) return *inner;
    if (!member(doc, "class_name")) fail(where, "no Keras model config (\"class_name\") found");
    return doc;
}

conversion convert(const fjson& config, dialect d, const weight_reader& weights,
                   const std::string& where) {
    try {
        std::string model_class;
        const std::vector<layer> chain = read_chain(config, where, model_class);
        builder b(d, weights, where);
        for (const layer& l : chain) b.add(l);
        conversion out = b.finish();
        out.model_class = model_class;
        return out;
    } catch (const fjson::exception& e) {
        // A config value of the wrong JSON type ("units": "ten").
        fail(where, std::string("model config: unexpected value (") + e.what() + ")");
    }
}

std::string snake_case(const std::string& class_name) {
    // As Keras's naming.to_snake_case: "(.)([A-Z][a-z0-9]+)" -> "\1_\2", then
    // "([a-z])([A-Z])" -> "\1_\2", then lower case.
    std::string s = std::regex_replace(class_name, std::regex("(.)([A-Z][a-z0-9]+)"), "$1_$2");
    s = std::regex_replace(s, std::regex("([a-z])([A-Z])"), "$1_$2");
    for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

}  // namespace anne::keras
