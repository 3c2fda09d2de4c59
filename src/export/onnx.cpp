// anne export --target onnx: a model as a standard ONNX file (opset 13), which onnxruntime
// and viewers such as Netron read. The graph, for input (batch, inputs):
//   Sub(mean) + Div(std)                    standardization (min-max: Sub(min) + Div(max - min))
//   Gemm(x, kernel, bias)                   a dense layer; MatMul(x, kernel) without a bias
//   Relu, LeakyRelu, Elu, Selu, Sigmoid, Tanh, Softplus, Softsign, HardSigmoid, Softmax
//                                           the activations ONNX has as one operator
//   Clip(0, 6)                              relu6
//   Sigmoid-Mul, Softplus-Tanh-Mul, Div-Erf-Add-Mul-Mul
//                                           swish, mish, gelu (as PyTorch writes them)
//   Mul/Add/Tanh nodes of 0.5 z (1 + tanh(0.79788 (z + 0.044715 z^3)))   gelu_tanh
// Kernels are written as anne keeps them, (inputs, units), so no transposition is needed.
#include <map>

#include <onnx/onnx_pb.h>

#include "error.hpp"
#include "export/export.hpp"

namespace anne {

namespace {

constexpr int onnx_opset = 13;

class onnx_writer {
public:
    explicit onnx_writer(onnx::GraphProto& g) : g_(g) {}

    // A float initializer of the given shape; returns its name.
    std::string weight(const std::string& name, const std::vector<std::int64_t>& dims,
                       const std::vector<float>& values) {
        onnx::TensorProto* t = g_.add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        for (std::int64_t d : dims) t->add_dims(d);
        for (float v : values) t->add_float_data(v);
        return name;
    }

    // A scalar constant, made once per value.
    std::string scalar(float v) {
        const auto it = scalars_.find(v);
        if (it != scalars_.end()) return it->second;
        const std::string name = "const_" + std::to_string(scalars_.size());
        return scalars_[v] = weight(name, {}, {v});
    }

    // A node of `op` on `inputs`; returns its output's name.
    std::string node(const std::string& op, const std::vector<std::string>& inputs,
                     const std::string& scope) {
        onnx::NodeProto* n = g_.add_node();
        const std::string name = scope + "/" + op + "_" + std::to_string(++count_);
        n->set_name(name);
        n->set_op_type(op);
        for (const std::string& in : inputs) n->add_input(in);
        n->add_output(name + "_output");
        last_ = n;
        return n->output(0);
    }

    void attribute(const std::string& name, float v) {
        onnx::AttributeProto* a = last_->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(v);
    }

    void attribute(const std::string& name, std::int64_t v) {
        onnx::AttributeProto* a = last_->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(v);
    }

    // The activation's nodes after value z (the layer's weighted sums); returns f(z).
    std::string activation(const layer_info& l, const std::string& z, const std::string& scope);

private:
    onnx::GraphProto& g_;
    std::map<float, std::string> scalars_;
    onnx::NodeProto* last_ = nullptr;
    int count_ = 0;
};

std::string onnx_writer::activation(const layer_info& l, const std::string& z,
                                    const std::string& s) {
    const std::string& f = l.activation;
    static const std::map<std::string, std::string> single = {
        {"relu", "Relu"},         {"sigmoid", "Sigmoid"},   {"tanh", "Tanh"},
        {"softplus", "Softplus"}, {"softsign", "Softsign"}, {"selu", "Selu"}};
    if (f == "linear") return z;
    if (single.count(f)) return node(single.at(f), {z}, s);
    if (f == "leaky_relu" || f == "elu") {
        const std::string y = node(f == "elu" ? "Elu" : "LeakyRelu", {z}, s);
        attribute("alpha", l.alpha);
        return y;
    }
    if (f == "hard_sigmoid") {
        const std::string y = node("HardSigmoid", {z}, s);
        attribute("alpha", l.alpha);
        attribute("beta", 0.5f);
        return y;
    }
    if (f == "softmax") {
        const std::string y = node("Softmax", {z}, s);
        attribute("axis", std::int64_t{-1});
        return y;
    }
    if (f == "relu6") return node("Clip", {z, scalar(0.0f), scalar(6.0f)}, s);
    if (f == "swish") return node("Mul", {z, node("Sigmoid", {z}, s)}, s);
    if (f == "mish") return node("Mul", {z, node("Tanh", {node("Softplus", {z}, s)}, s)}, s);
    if (f == "gelu") {
        // 0.5 z (1 + erf(z / sqrt 2)), as PyTorch writes it.
        const std::string e = node("Erf", {node("Div", {z, scalar(1.41421356f)}, s)}, s);
        return node("Mul", {node("Mul", {z, node("Add", {e, scalar(1.0f)}, s)}, s), scalar(0.5f)},
                    s);
    }
    if (f == "gelu_tanh") {
        const std::string z3 = node("Mul", {node("Mul", {z, z}, s), z}, s);
        const std::string u = node(
            "Mul",
            {node("Add", {z, node("Mul", {z3, scalar(0.044715f)}, s)}, s), scalar(0.79788456f)}, s);
        const std::string t = node("Add", {node("Tanh", {u}, s), scalar(1.0f)}, s);
        return node("Mul", {node("Mul", {z, t}, s), scalar(0.5f)}, s);
    }
    fail("--target onnx", "activation '" + f + "' has no ONNX form (not a built-in activation)");
}

void set_tensor_type(onnx::ValueInfoProto& v, const std::string& name, std::size_t features) {
    v.set_name(name);
    onnx::TypeProto_Tensor* t = v.mutable_type()->mutable_tensor_type();
    t->set_elem_type(onnx::TensorProto::FLOAT);
    t->mutable_shape()->add_dim()->set_dim_param("batch");
    t->mutable_shape()->add_dim()->set_dim_value(static_cast<std::int64_t>(features));
}

// The preprocessing's nodes after the raw input; returns the network's input.
std::string preprocessing_nodes(const model& m, onnx_writer& w, const std::string& raw) {
    const preprocessing& p = m.pre;
    if (p.type == preprocessing::kind::none) return raw;
    const std::int64_t n = static_cast<std::int64_t>(m.inputs);
    const bool standardize = p.type == preprocessing::kind::standardize;
    const std::vector<float>& offset = standardize ? p.mean : p.min;
    std::vector<float> divisor = p.stddev;
    // (raw - min) / (max - min), with max - min in float32 as preprocessing::apply computes it.
    if (!standardize) {
        divisor.resize(m.inputs);
        for (std::size_t i = 0; i < m.inputs; ++i) divisor[i] = p.max[i] - p.min[i];
    }
    const std::string centred =
        w.node("Sub", {raw, w.weight("preprocessing.offset", {n}, offset)}, "preprocessing");
    return w.node("Div", {centred, w.weight("preprocessing.scale", {n}, divisor)}, "preprocessing");
}

}  // namespace

std::string export_onnx(const model& m, const export_options& o) {
    onnx::ModelProto proto;
    proto.set_ir_version(7);
    proto.set_producer_name("anne");
    proto.set_producer_version(o.generator.substr(o.generator.find(' ') + 1));
    proto.set_doc_string(m.description);
    onnx::OperatorSetIdProto* opset = proto.add_opset_import();
    opset->set_domain("");
    opset->set_version(onnx_opset);
    onnx::StringStringEntryProto* meta = proto.add_metadata_props();
    meta->set_key("made_by");
    meta->set_value(o.command);

    onnx::GraphProto& g = *proto.mutable_graph();
    g.set_name(o.name);
    onnx_writer w(g);
    set_tensor_type(*g.add_input(), "input", m.inputs);
    std::string x = preprocessing_nodes(m, w, "input");
    const network net = m.net();
    for (std::size_t k = 0; k < m.layers.size(); ++k) {
        const layer_info& l = m.layers[k];
        const std::string scope = "dense_" + std::to_string(k + 1);
        const std::size_t in = k == 0 ? m.inputs : m.layers[k - 1].units;
        const float* kernel = layer_kernel(net, k);
        const std::vector<std::int64_t> dims = {static_cast<std::int64_t>(in),
                                                static_cast<std::int64_t>(l.units)};
        const std::string kname =
            w.weight(scope + ".kernel", dims, std::vector<float>(kernel, kernel + in * l.units));
        std::string z;
        if (l.use_bias) {
            const float* bias = layer_bias(net, k);
            z = w.node(
                "Gemm",
                {x, kname,
                 w.weight(scope + ".bias", {dims[1]}, std::vector<float>(bias, bias + l.units))},
                scope);
        } else {
            z = w.node("MatMul", {x, kname}, scope);
        }
        x = w.activation(l, z, scope);
    }
    // The last value is renamed "output" through an Identity, so the graph's output has a
    // stable name whatever the last layer's activation is.
    onnx::NodeProto* out = g.add_node();
    out->set_name("output/Identity");
    out->set_op_type("Identity");
    out->add_input(x);
    out->add_output("output");
    set_tensor_type(*g.add_output(), "output", m.outputs());

    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        fail("--target onnx", "the ONNX file could not be written");
    return bytes;
}

}  // namespace anne
