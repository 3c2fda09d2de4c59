// From an ONNX graph (what torch.onnx.export and the Keras-to-ONNX converters write for a
// multilayer perceptron) to anne's dense layers. The graph is walked as a chain from its input
// to its output; at each value the node (or the few nodes of a decomposed activation) that
// use it become one step:
//   Gemm (transB, alpha, beta), MatMul (+ Add of a constant)   a dense layer
//   Relu, LeakyRelu, Elu, Selu, Sigmoid, Tanh, Softplus, Softsign, HardSigmoid (beta 0.5),
//   Softmax (last axis), Clip (0, 6: relu6; 0, none: relu), Gelu, Mish
//                                the activation of the dense layer before it when that one is
//                                linear, otherwise an identity layer of its own (as Keras's)
//   Div-Erf-Add-Mul-Mul = gelu, Sigmoid-Mul = swish, Abs-Add-Div = softsign,
//   Softplus-Tanh-Mul = mish     the same, recognised as one pattern
//   BatchNormalization           folded into the linear dense layer before it (as Keras's)
//   Sub + Div of constants at the input                 the model's standardization
//   Identity, Dropout, Flatten   nothing at inference (Flatten of the input: row-major)
// Everything else is refused with the node, its operator and this list.
#include <cmath>
#include <set>
#include <sstream>

#include "error.hpp"
#include "import/fold.hpp"
#include "import/formats.hpp"
#include "import/onnx_graph.hpp"

namespace anne::import_detail {

namespace {

using onnx::NodeProto;
using onnx_import::attribute;
using onnx_import::graph;

const char* const supported_operators =
    "Gemm, MatMul, MatMul + Add, Relu, LeakyRelu, Elu, Selu, Sigmoid, Tanh, Softplus, "
    "Softsign, HardSigmoid, Softmax (last axis), Clip (constant bounds 0 and 6, or 0), Gelu, "
    "Mish, Identity, Dropout, Flatten, BatchNormalization, Sub + Div at the input, and the "
    "patterns Div-Erf-Add-Mul-Mul (gelu), Sigmoid-Mul (swish), Abs-Add-Div (softsign), "
    "Softplus-Tanh-Mul (mish)";

bool uses(const NodeProto& n, const std::string& a, const std::string& b) {
    return n.input_size() == 2 &&
           ((n.input(0) == a && n.input(1) == b) || (n.input(0) == b && n.input(1) == a));
}

// The input of a two-input node that is not `x`.
std::string other_input(const NodeProto& n, const std::string& x) {
    return n.input(0) == x ? n.input(1) : n.input(0);
}

// 0.5, 6, -inf: a number as people write it, for messages.
std::string number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

class chain {
public:
    explicit chain(const graph& g) : g_(g) { shape_ = g.input_shape(); }

    void run() {
        std::string v = g_.input();
        // A node that makes a value it uses (found by fuzzing: a Selu whose output was its
        // input) would make the walk go round for ever.
        std::set<std::string> seen;
        while (v != g_.output()) {
            if (!seen.insert(v).second)
                fail(g_.where(), "value '" + v +
                                     "' is computed from itself (the graph has a cycle): "
                                     "expected a chain from the input to the output");
            v = step(v);
        }
        for (const NodeProto* n : g_.nodes())
            if (!used_.count(n))
                g_.fail_at(*n,
                           "is not on the chain from the input to the output: only a single "
                           "chain of layers can be imported");
        if (stages_.empty()) fail(g_.where(), "the graph has no Gemm or MatMul: nothing to import");
    }

    imported result() const {
        imported r;
        r.m.inputs = stages_.front().inputs;
        r.m.pre = pre_;
        for (const dense_stage& s : stages_) {
            r.m.layers.push_back({s.units, s.act.name, s.act.alpha, !s.bias.empty()});
            r.m.params.insert(r.m.params.end(), s.kernel.begin(), s.kernel.end());
            r.m.params.insert(r.m.params.end(), s.bias.begin(), s.bias.end());
        }
        r.notes = notes_;
        return r;
    }

private:
    // The one node that uses `v`, or nullptr when v is used by several, by none, or is the
    // graph's output (then a pattern must not swallow it).
    const NodeProto* only_consumer(const std::string& v) const {
        const std::vector<const NodeProto*> c = g_.consumers(v);
        return c.size() == 1 && v != g_.output() ? c[0] : nullptr;
    }

    void take(std::initializer_list<const NodeProto*> nodes) {
        for (const NodeProto* n : nodes) used_.insert(n);
    }

    // One step from value v: returns the value the chain continues from.
    std::string step(const std::string& v) {
        const std::vector<const NodeProto*> c = g_.consumers(v);
        if (c.empty())
            fail(g_.where(), "value '" + v + "' is used by no node and is not the graph's output");
        if (c.size() == 2) return pattern(v, *c[0], *c[1]);
        if (c.size() > 2)
            fail(g_.where(), "value '" + v + "' is used by " + std::to_string(c.size()) +
                                 " nodes: branching graphs are not supported, only a single "
                                 "chain of layers");
        const NodeProto& n = *c[0];
        if (n.input(0) != v)
            g_.fail_at(n, "the chain's value '" + v + "' must be its first input (x W, not W x)");
        take({&n});
        const std::string& op = n.op_type();
        if (op == "Gemm") return gemm(n);
        if (op == "MatMul") return matmul(n);
        if (op == "BatchNormalization") return batch_normalization(n);
        if (op == "Sub") return standardization(n);
        if (op == "Flatten") return flatten(n);
        if (op == "Identity" || op == "Dropout") return pass_through(n);
        activation(single_activation(n), graph::describe(n));
        return n.output(0);
    }

    // --------------------------------------------------------------------------------------
    // Dense layers.

    std::size_t width(const NodeProto& n) const {
        if (shape_.size() != 1)
            g_.fail_at(n, "its input has " + std::to_string(shape_.size()) +
                              " axes besides the batch: anne's layers work on flat vectors; "
                              "only a Flatten of the input can make one");
        return shape_[0];
    }

    // A bias constant of shape (units), (1, units) or one value broadcast, times beta.
    std::vector<float> bias_of(const NodeProto& n, int i, std::size_t units, double beta) const {
        const tensor& c = g_.constant_input(n, i);
        if (c.values.size() != units && c.values.size() != 1)
            g_.fail_at(n, "the bias has shape " + shape_text(c.shape) + ", expected (" +
                              std::to_string(units) + ",)");
        std::vector<float> b(units);
        for (std::size_t j = 0; j < units; ++j)
            b[j] = static_cast<float>(beta * c.values[c.values.size() == 1 ? 0 : j]);
        return b;
    }

    // The stage of a kernel B (rows, cols), read as (inputs, units) or, transposed, as
    // (units, inputs); alpha scales it (rounded once from double).
    dense_stage dense(const NodeProto& n, const tensor& b, bool transposed, double alpha) {
        if (b.shape.size() != 2)
            g_.fail_at(n, "the weight has shape " + shape_text(b.shape) + ", expected 2 axes");
        const std::size_t inputs = transposed ? b.shape[1] : b.shape[0];
        const std::size_t units = transposed ? b.shape[0] : b.shape[1];
        if (shape_.size() == 1 && shape_[0] == 0) shape_[0] = inputs;  // input size unnamed
        if (width(n) != inputs)
            g_.fail_at(n, "the weight has shape " + shape_text(b.shape) + " but its input has " +
                              std::to_string(width(n)) + " features");
        dense_stage s;
        s.origin = graph::describe(n);
        s.inputs = inputs;
        s.units = units;
        s.kernel.resize(inputs * units);
        for (std::size_t i = 0; i < inputs; ++i)
            for (std::size_t j = 0; j < units; ++j) {
                const float w = b.values[transposed ? j * inputs + i : i * units + j];
                s.kernel[i * units + j] = alpha == 1.0 ? w : static_cast<float>(alpha * w);
            }
        shape_ = {units};
        return s;
    }

    // Y = alpha A B' + beta C, B' = B or its transpose.
    std::string gemm(const NodeProto& n) {
        if (attribute(n, "transA", std::int64_t{0}) != 0)
            g_.fail_at(n, "transA=1 is not supported (the batch must be the first axis)");
        const double alpha = attribute(n, "alpha", 1.0f), beta = attribute(n, "beta", 1.0f);
        dense_stage s =
            dense(n, g_.constant_input(n, 1), attribute(n, "transB", std::int64_t{0}) != 0, alpha);
        if (n.input_size() > 2 && !n.input(2).empty()) s.bias = bias_of(n, 2, s.units, beta);
        if (alpha != 1.0 || beta != 1.0)
            notes_.push_back(graph::describe(n) + ": alpha " + number(alpha) + " and beta " +
                             number(beta) + " multiplied into the kernel and the bias");
        stages_.push_back(std::move(s));
        return n.output(0);
    }

    // MatMul(x, W), and an Add of a constant right after it as its bias.
    std::string matmul(const NodeProto& n) {
        stages_.push_back(dense(n, g_.constant_input(n, 1), false, 1.0));
        const std::string out = n.output(0);
        const NodeProto* add = only_consumer(out);
        if (!add || add->op_type() != "Add" || !g_.constant(other_input(*add, out))) return out;
        take({add});
        dense_stage& s = stages_.back();
        s.bias = bias_of(*add, add->input(0) == out ? 1 : 0, s.units, 1.0);
        notes_.push_back(graph::describe(*add) + " is the bias of " + s.origin);
        return add->output(0);
    }

    // Y = scale (X - mean) / sqrt(var + epsilon) + B, per feature.
    std::string batch_normalization(const NodeProto& n) {
        if (attribute(n, "training_mode", std::int64_t{0}) != 0)
            g_.fail_at(n, "training_mode=1 is not supported (inference only)");
        for (int i = 1; i < n.output_size(); ++i)
            if (!n.output(i).empty() && !g_.consumers(n.output(i)).empty())
                g_.fail_at(n, "its running statistics outputs are used: inference only");
        const std::size_t units = width(n);
        batch_norm bn;
        bn.gamma = g_.constant_input(n, 1).values;
        bn.beta = g_.constant_input(n, 2).values;
        bn.mean = g_.constant_input(n, 3).values;
        bn.variance = g_.constant_input(n, 4).values;
        bn.epsilon = attribute(n, "epsilon", 1e-5f);
        for (const std::vector<float>* w : {&bn.gamma, &bn.beta, &bn.mean, &bn.variance})
            if (w->size() != units)
                g_.fail_at(n, "scale, B, mean and var need " + std::to_string(units) + " values");
        std::size_t bad = 0;
        const std::vector<double> s = batch_norm_scale(bn, bad);
        if (bad) g_.fail_at(n, "var + epsilon is not positive for unit " + std::to_string(bad));
        const std::string who = graph::describe(n);
        if (!stages_.empty() && stages_.back().act.name == "linear") {
            fold_batch_norm(stages_.back(), bn, s);
            notes_.push_back(who + " folded into " + stages_.back().origin +
                             ": kernel columns scaled by scale / sqrt(var + epsilon), bias "
                             "shifted");
        } else {
            stages_.push_back(diagonal_batch_norm(bn, s, who));
            notes_.push_back(who +
                             (stages_.size() == 1 ? " comes first"
                                                  : " follows a non-linear "
                                                    "activation") +
                             ": kept as a linear dense layer with a diagonal kernel");
        }
        return n.output(0);
    }

    // Sub(x, mean) then Div(., std), both constants, before any layer: (x - mean) / std is
    // the model's standardization (what anne export writes for its preprocessing).
    std::string standardization(const NodeProto& sub) {
        const NodeProto* div = only_consumer(sub.output(0));
        if (!stages_.empty() || pre_.type != preprocessing::kind::none || !div ||
            div->op_type() != "Div" || div->input(0) != sub.output(0))
            g_.fail_at(sub,
                       "not supported here: a Sub is read only as Sub + Div of constants at "
                       "the input (standardization); supported: " +
                           std::string(supported_operators));
        take({div});
        const std::size_t n = width(sub);
        const tensor& mean = g_.constant_input(sub, 1);
        const tensor& std_dev = g_.constant_input(*div, 1);
        if (mean.values.size() != n || std_dev.values.size() != n)
            g_.fail_at(sub, "the standardization needs " + std::to_string(n) +
                                " values for the mean and for the deviation");
        pre_.type = preprocessing::kind::standardize;
        pre_.mean = mean.values;
        pre_.stddev = std_dev.values;
        notes_.push_back(graph::describe(sub) + " and " + graph::describe(*div) +
                         " became the input preprocessing: standardize (x - mean) / std");
        return div->output(0);
    }

    std::string flatten(const NodeProto& n) {
        if (attribute(n, "axis", std::int64_t{1}) != 1)
            g_.fail_at(n, "only axis=1 (keep the batch axis) is supported");
        if (shape_.size() <= 1) {
            notes_.push_back(graph::describe(n) + " left out (its input is already flat)");
            return n.output(0);
        }
        std::size_t features = 1;
        for (std::size_t d : shape_) {
            if (d == 0) g_.fail_at(n, "the input's shape is not fully known");
            features *= d;
        }
        notes_.push_back(graph::describe(n) + ": the input is read row-major as " +
                         std::to_string(features) + " inputs");
        shape_ = {features};
        return n.output(0);
    }

    std::string pass_through(const NodeProto& n) {
        if (n.op_type() == "Dropout") {
            if (n.input_size() > 2 && !n.input(2).empty() && !g_.scalar_input(n, 2, 0.0))
                g_.fail_at(n, "training_mode must be a constant false");
            if (n.output_size() > 1 && !n.output(1).empty() && !g_.consumers(n.output(1)).empty())
                g_.fail_at(n, "its mask output is used: inference only");
        }
        notes_.push_back(graph::describe(n) + " left out (identity at inference)");
        return n.output(0);
    }

    // --------------------------------------------------------------------------------------
    // Activations.

    activation_choice single_activation(const NodeProto& n) const {
        const std::string& op = n.op_type();
        if (op == "Relu") return {"relu"};
        if (op == "Sigmoid") return {"sigmoid"};
        if (op == "Tanh") return {"tanh"};
        if (op == "Softplus") return {"softplus"};
        if (op == "Softsign") return {"softsign"};
        if (op == "Mish") return {"mish"};
        if (op == "LeakyRelu") return {"leaky_relu", attribute(n, "alpha", 0.01f)};
        if (op == "Elu") return {"elu", attribute(n, "alpha", 1.0f)};
        if (op == "Selu") {
            if (attribute(n, "alpha", selu_alpha) != selu_alpha ||
                attribute(n, "gamma", selu_gamma) != selu_gamma)
                g_.fail_at(n, "only SELU's standard alpha and gamma are supported");
            return {"selu"};
        }
        if (op == "HardSigmoid") {
            if (attribute(n, "beta", 0.5f) != 0.5f)
                g_.fail_at(n, "only beta=0.5 is supported (clip(alpha x + 0.5, 0, 1))");
            return {"hard_sigmoid", attribute(n, "alpha", 0.2f)};
        }
        if (op == "Softmax") {
            const std::int64_t axis = attribute(n, "axis", std::int64_t{g_.opset() < 13 ? 1 : -1});
            if (axis != 1 && axis != -1)
                g_.fail_at(n, "axis " + std::to_string(axis) + ": only the last axis is supported");
            return {"softmax"};
        }
        if (op == "Gelu") {
            const std::string approximate = attribute(n, "approximate", std::string("none"));
            return {approximate == "tanh" ? "gelu_tanh" : "gelu"};
        }
        if (op == "Clip") return clip(n);
        g_.fail_at(n, "not supported; supported: " + std::string(supported_operators));
    }

    // Bounds as attributes (opset < 11) or as constant inputs (opset 11 on); absent means
    // unbounded. [0, 6] is relu6, [0, none] relu.
    activation_choice clip(const NodeProto& n) const {
        float lo = -INFINITY, hi = INFINITY;
        if (g_.opset() < 11) {
            lo = attribute(n, "min", lo);
            hi = attribute(n, "max", hi);
        } else {
            if (n.input_size() > 1 && !n.input(1).empty())
                lo = g_.constant_input(n, 1).values.at(0);
            if (n.input_size() > 2 && !n.input(2).empty())
                hi = g_.constant_input(n, 2).values.at(0);
        }
        if (lo == 0.0f && hi == 6.0f) return {"relu6"};
        if (lo == 0.0f && hi == INFINITY) return {"relu"};
        g_.fail_at(n, "bounds [" + number(lo) + ", " + number(hi) +
                          "] are not supported; supported: Clip(0, 6) = relu6, Clip(0) = relu");
    }

    // As the Keras importer: join a linear dense layer before it, else an identity layer.
    void activation(const activation_choice& f, const std::string& who) {
        if (!stages_.empty() && stages_.back().act.name == "linear") {
            stages_.back().act = f;
            return;
        }
        stages_.push_back(
            identity_stage(stages_.empty() ? width_or_fail(who) : stages_.back().units, f, who));
        notes_.push_back(
            who + (stages_.size() == 1 ? " comes first" : " follows a non-linear activation") +
            ": kept as a dense layer of its own with an identity kernel and no "
            "bias, which computes " +
            f.name + " exactly");
    }

    std::size_t width_or_fail(const std::string& who) const {
        if (shape_.size() != 1 || shape_[0] == 0)
            fail(g_.where(), who + ": the graph's input must be (batch, n) with n known");
        return shape_[0];
    }

    // --------------------------------------------------------------------------------------
    // Activations that exporters write as several nodes; v is used by exactly a and b.

    std::string pattern(const std::string& v, const NodeProto& a, const NodeProto& b) {
        std::string out;
        const char* name = nullptr;
        if (swish(v, a, b, out) || swish(v, b, a, out))
            name = "swish";
        else if (mish(v, a, b, out) || mish(v, b, a, out))
            name = "mish";
        else if (softsign(v, a, b, out) || softsign(v, b, a, out))
            name = "softsign";
        else if (gelu(v, a, b, out) || gelu(v, b, a, out))
            name = "gelu";
        if (!name)
            fail(g_.where(), "value '" + v + "' is used by " + graph::describe(a) + " and " +
                                 graph::describe(b) +
                                 ": branches are read only as the activation patterns "
                                 "Div-Erf-Add-Mul-Mul (gelu), Sigmoid-Mul (swish), Abs-Add-Div "
                                 "(softsign) and Softplus-Tanh-Mul (mish); otherwise only a "
                                 "single chain of layers can be imported");
        const std::string who = graph::describe(a) + " with " + graph::describe(b);
        notes_.push_back("the nodes from " + who + " to '" + out + "' recognised as " + name);
        activation({name}, who);
        return out;
    }

    // Sigmoid(v) -> s, Mul(v, s).
    bool swish(const std::string& v, const NodeProto& sig, const NodeProto& mul, std::string& out) {
        if (sig.op_type() != "Sigmoid" || mul.op_type() != "Mul") return false;
        if (only_consumer(sig.output(0)) != &mul || !uses(mul, v, sig.output(0))) return false;
        take({&sig, &mul});
        out = mul.output(0);
        return true;
    }

    // Softplus(v) -> Tanh -> t, Mul(v, t).
    bool mish(const std::string& v, const NodeProto& sp, const NodeProto& mul, std::string& out) {
        if (sp.op_type() != "Softplus" || mul.op_type() != "Mul") return false;
        const NodeProto* t = only_consumer(sp.output(0));
        if (!t || t->op_type() != "Tanh" || only_consumer(t->output(0)) != &mul ||
            !uses(mul, v, t->output(0)))
            return false;
        take({&sp, t, &mul});
        out = mul.output(0);
        return true;
    }

    // Abs(v) -> Add(., 1) -> d, Div(v, d).
    bool softsign(const std::string& v, const NodeProto& abs, const NodeProto& div,
                  std::string& out) {
        if (abs.op_type() != "Abs" || div.op_type() != "Div") return false;
        const NodeProto* add = only_consumer(abs.output(0));
        if (!add || add->op_type() != "Add" ||
            !g_.scalar_input(*add, add->input(0) == abs.output(0) ? 1 : 0, 1.0) ||
            only_consumer(add->output(0)) != &div || div.input(0) != v ||
            div.input(1) != add->output(0))
            return false;
        take({&abs, add, &div});
        out = div.output(0);
        return true;
    }

    // Div(v, sqrt 2) or Mul(v, 1/sqrt 2) -> Erf -> Add(., 1) -> e, then v * e * 0.5 by two
    // Muls in any order: Mul(v, e) -> Mul(., 0.5) (PyTorch), Mul(v, 0.5) -> Mul(., e), or
    // Mul(e, 0.5) -> Mul(v, .).
    bool gelu(const std::string& v, const NodeProto& scale, const NodeProto& mul,
              std::string& out) {
        const bool div = scale.op_type() == "Div" && scale.input(0) == v &&
                         g_.scalar_input(scale, 1, std::sqrt(2.0), 1e-6);
        const bool times =
            scale.op_type() == "Mul" &&
            g_.scalar_input(scale, scale.input(0) == v ? 1 : 0, std::sqrt(0.5), 1e-6);
        if ((!div && !times) || mul.op_type() != "Mul") return false;
        const NodeProto* erf = only_consumer(scale.output(0));
        if (!erf || erf->op_type() != "Erf") return false;
        const NodeProto* add = only_consumer(erf->output(0));
        if (!add || add->op_type() != "Add" ||
            !g_.scalar_input(*add, add->input(0) == erf->output(0) ? 1 : 0, 1.0))
            return false;
        const std::string e = add->output(0);
        const auto half = [&](const NodeProto* m, const std::string& x) {
            return m && m->op_type() == "Mul" && m->input_size() == 2 &&
                   (m->input(0) == x || m->input(1) == x) &&
                   g_.scalar_input(*m, m->input(0) == x ? 1 : 0, 0.5);
        };
        const NodeProto* next = only_consumer(mul.output(0));
        const NodeProto* e_user = only_consumer(e);
        if (uses(mul, v, e) && e_user == &mul && half(next, mul.output(0))) {
            take({&scale, erf, add, &mul, next});  // (v e) 0.5
            out = next->output(0);
        } else if (half(&mul, v) && next && e_user == next && uses(*next, mul.output(0), e)) {
            take({&scale, erf, add, &mul, next});  // (v 0.5) e
            out = next->output(0);
        } else if (half(e_user, e) && only_consumer(e_user->output(0)) == &mul &&
                   uses(mul, v, e_user->output(0))) {
            take({&scale, erf, add, e_user, &mul});  // v (e 0.5)
            out = mul.output(0);
        } else {
            return false;
        }
        return true;
    }

    static constexpr float selu_alpha = 1.67326319217681884765625f;
    static constexpr float selu_gamma = 1.05070102214813232421875f;

    const graph& g_;
    std::vector<std::size_t> shape_;  // of the chain's value, without the batch axis
    std::vector<dense_stage> stages_;
    preprocessing pre_;
    std::vector<std::string> notes_;
    std::set<const NodeProto*> used_;
};

// "pytorch" -> "PyTorch"; other producers as they name themselves.
std::string framework_of(const onnx::ModelProto& m) {
    const std::string& p = m.producer_name();
    if (p == "pytorch") return "PyTorch";
    return p.empty() ? "ONNX" : p;
}

}  // namespace

imported read_onnx(const source& s) {
    const graph g(s.bytes, s.path);
    chain c(g);
    c.run();
    imported r = c.result();
    r.framework = framework_of(g.model());
    r.version = g.model().producer_version();
    r.format = "ONNX file, opset " + std::to_string(g.opset());
    return r;
}

}  // namespace anne::import_detail
