#include "import/onnx_graph.hpp"

#include <cmath>
#include <cstring>
#include <map>
#include <set>

#include "error.hpp"

namespace anne::onnx_import {

namespace {

// Values of a TensorProto as float32: from its typed field or from raw_data (little-endian, as
// ONNX specifies). float64 weights are rounded to float32, the precision anne computes in.
std::vector<float> tensor_values(const onnx::TensorProto& t, std::size_t count,
                                 const std::string& who) {
    if (t.data_location() == onnx::TensorProto::EXTERNAL)
        fail(who, "its data is stored in an external file, which anne does not read");
    std::vector<float> v;
    if (t.data_type() == onnx::TensorProto::FLOAT) {
        if (!t.raw_data().empty()) {
            if (t.raw_data().size() != count * 4)
                fail(who, "raw_data has " + std::to_string(t.raw_data().size()) +
                              " bytes, expected " + std::to_string(count * 4));
            v.resize(count);
            std::memcpy(v.data(), t.raw_data().data(), count * 4);  // x86-64 and ARM: LE
        } else {
            v.assign(t.float_data().begin(), t.float_data().end());
        }
    } else if (t.data_type() == onnx::TensorProto::DOUBLE) {
        std::vector<double> d(t.double_data().begin(), t.double_data().end());
        if (!t.raw_data().empty()) {
            if (t.raw_data().size() != count * 8)
                fail(who, "raw_data has " + std::to_string(t.raw_data().size()) +
                              " bytes, expected " + std::to_string(count * 8));
            d.resize(count);
            std::memcpy(d.data(), t.raw_data().data(), count * 8);
        }
        v.assign(d.begin(), d.end());
    } else {
        // Integer constants (shapes for Reshape, axes) belong to operators anne refuses anyway.
        return {};
    }
    if (v.size() != count)
        fail(who, "holds " + std::to_string(v.size()) + " values, its shape says " +
                      std::to_string(count));
    return v;
}

tensor read_tensor(const onnx::TensorProto& t, const std::string& name, const std::string& who) {
    tensor out;
    out.name = name;
    std::size_t count = 1;
    // 2^28 values (1 GiB of float32) per tensor, as the TensorFlow.js reader: more is not a
    // multilayer perceptron anne can run, and the count cannot overflow.
    std::string dims;
    for (std::int64_t d : t.dims()) dims += (dims.empty() ? "" : ", ") + std::to_string(d);
    for (std::int64_t d : t.dims()) {
        if (d < 0 || d > (1 << 28))
            fail(who, "its shape (" + dims + ") has a size " + std::to_string(d) +
                          ": expected whole numbers from 0 to 2^28");
        out.shape.push_back(static_cast<std::size_t>(d));
        count *= static_cast<std::size_t>(d);
        if (count > (std::size_t(1) << 28))
            fail(who, "its shape (" + dims +
                          ") has more than 2^28 values, the most anne import reads in one "
                          "tensor (1 GiB of float32)");
    }
    out.values = tensor_values(t, count, who);
    return out;
}

const onnx::AttributeProto* find_attribute(const onnx::NodeProto& n, const char* name) {
    for (const onnx::AttributeProto& a : n.attribute())
        if (a.name() == name) return &a;
    return nullptr;
}

}  // namespace

bool is_onnx(const std::string& bytes) {
    if (!looks_like_onnx(bytes)) return false;
    onnx::ModelProto m;
    return m.ParseFromString(bytes) && m.has_graph();
}

graph::graph(const std::string& bytes, const std::string& where) : where_(where) {
    if (!model_.ParseFromString(bytes) || !model_.has_graph())
        fail(where, "not a valid ONNX file (its protobuf does not parse as a ModelProto)");
    for (const onnx::OperatorSetIdProto& o : model_.opset_import())
        if (o.domain().empty() || o.domain() == "ai.onnx") opset_ = o.version();
    if (opset_ < 9 || opset_ > 20)
        fail(where, "ONNX opset " + std::to_string(opset_) +
                        ": anne reads opsets 9 to 20 of the default domain");
    read_constants();
    read_endpoints();
}

// The importer reads a node's first output and the inputs of its two-input operators by
// position; a node with fewer is not valid ONNX (found by fuzzing: a Softmax without outputs).
void graph::check_arity(const onnx::NodeProto& n) const {
    static const std::map<std::string, std::pair<int, int>> inputs = {
        {"Add", {2, 2}},
        {"Sub", {2, 2}},
        {"Mul", {2, 2}},
        {"Div", {2, 2}},
        {"MatMul", {2, 2}},
        {"Gemm", {2, 3}},
        {"BatchNormalization", {5, 5}}};
    if (n.output_size() == 0 || n.output(0).empty())
        fail_at(n, "has no output: expected at least one");
    const auto it = inputs.find(n.op_type());
    if (it == inputs.end()) return;
    const auto [least, most] = it->second;
    if (n.input_size() < least || n.input_size() > most)
        fail_at(n, "has " + std::to_string(n.input_size()) +
                       (n.input_size() == 1 ? " input" : " inputs") + ": ONNX's " + n.op_type() +
                       " takes " + std::to_string(least) +
                       (most > least ? " or " + std::to_string(most) : ""));
}

void graph::read_constants() {
    const onnx::GraphProto& g = model_.graph();
    for (const onnx::TensorProto& t : g.initializer())
        constants_[t.name()] =
            read_tensor(t, t.name(), where_ + ": initializer '" + t.name() + "'");
    for (const onnx::NodeProto& n : g.node()) {
        if (!n.domain().empty() && n.domain() != "ai.onnx")
            fail_at(n, "operator domain '" + n.domain() +
                           "' is not supported; anne reads the default domain (ai.onnx)");
        if (n.op_type() != "Constant") {
            check_arity(n);
            nodes_.push_back(&n);
            for (const std::string& in : n.input())
                if (!in.empty()) consumers_.emplace(in, &n);
            continue;
        }
        if (n.output_size() != 1) fail_at(n, "expected one output");
        const std::string who = where_ + ": " + describe(n);
        tensor t;
        if (const onnx::AttributeProto* a = find_attribute(n, "value"))
            t = read_tensor(a->t(), n.output(0), who);
        else if (const onnx::AttributeProto* f = find_attribute(n, "value_float"))
            t = {n.output(0), {}, {f->f()}};
        else if (const onnx::AttributeProto* fs = find_attribute(n, "value_floats"))
            t = {n.output(0),
                 {std::size_t(fs->floats_size())},
                 {fs->floats().begin(), fs->floats().end()}};
        else
            fail_at(n, "only float tensors given as value, value_float or value_floats are read");
        constants_[n.output(0)] = std::move(t);
    }
}

void graph::read_endpoints() {
    const onnx::GraphProto& g = model_.graph();
    std::vector<const onnx::ValueInfoProto*> inputs;
    for (const onnx::ValueInfoProto& v : g.input())
        if (!constants_.count(v.name())) inputs.push_back(&v);  // IR < 4 lists weights as inputs
    if (inputs.size() != 1 || g.output_size() != 1)
        fail(where_, "the graph has " + std::to_string(inputs.size()) + " inputs and " +
                         std::to_string(g.output_size()) +
                         " outputs: only graphs with one input and one output can be imported");
    input_ = inputs[0]->name();
    output_ = g.output(0).name();
    const onnx::TypeProto& type = inputs[0]->type();
    if (!type.has_tensor_type() || type.tensor_type().elem_type() != onnx::TensorProto::FLOAT)
        fail(where_, "input '" + input_ + "': expected a float32 tensor");
    const auto& dims = type.tensor_type().shape().dim();
    if (dims.size() < 2)
        fail(where_, "input '" + input_ + "' has " + std::to_string(dims.size()) +
                         " axes: expected a batch axis and features, (batch, n)");
    for (int i = 1; i < dims.size(); ++i)
        input_shape_.push_back(dims[i].has_dim_value() && dims[i].dim_value() > 0
                                   ? static_cast<std::size_t>(dims[i].dim_value())
                                   : 0);
}

std::vector<const onnx::NodeProto*> graph::consumers(const std::string& v) const {
    std::vector<const onnx::NodeProto*> out;
    std::set<const onnx::NodeProto*> seen;  // a node that uses v twice (Mul(v, v)) counts once
    const auto range = consumers_.equal_range(v);
    for (auto it = range.first; it != range.second; ++it)
        if (seen.insert(it->second).second) out.push_back(it->second);
    return out;
}

const tensor* graph::constant(const std::string& name) const {
    const auto it = constants_.find(name);
    return it == constants_.end() ? nullptr : &it->second;
}

const tensor& graph::constant_input(const onnx::NodeProto& n, int i) const {
    const tensor* t = i < n.input_size() ? constant(n.input(i)) : nullptr;
    if (!t) fail_at(n, "input " + std::to_string(i + 1) + " must be a constant (an initializer)");
    if (t->values.empty() && !t->shape.empty())
        fail_at(n, "input " + std::to_string(i + 1) + " is not a float tensor");
    return *t;
}

bool graph::scalar_input(const onnx::NodeProto& n, int i, double value, double tolerance) const {
    const tensor* t = i < n.input_size() ? constant(n.input(i)) : nullptr;
    return t && t->values.size() == 1 &&
           std::fabs(t->values[0] - value) <= tolerance * std::fabs(value);
}

std::string graph::describe(const onnx::NodeProto& n) {
    if (!n.name().empty()) return "node '" + n.name() + "' (" + n.op_type() + ")";
    return "the " + n.op_type() + " node making '" + (n.output_size() ? n.output(0) : "") + "'";
}

void graph::fail_at(const onnx::NodeProto& n, const std::string& what) const {
    fail(where_, describe(n) + ": " + what);
}

float attribute(const onnx::NodeProto& n, const char* name, float fallback) {
    const onnx::AttributeProto* a = find_attribute(n, name);
    return a ? a->f() : fallback;
}

std::int64_t attribute(const onnx::NodeProto& n, const char* name, std::int64_t fallback) {
    const onnx::AttributeProto* a = find_attribute(n, name);
    return a ? a->i() : fallback;
}

std::string attribute(const onnx::NodeProto& n, const char* name, const std::string& fallback) {
    const onnx::AttributeProto* a = find_attribute(n, name);
    return a ? a->s() : fallback;
}

}  // namespace anne::onnx_import
