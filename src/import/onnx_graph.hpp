// An ONNX graph as the importer walks it: which node makes and which nodes use each value, the
// constant tensors (initializers and Constant nodes), and node attributes with their ONNX
// defaults. Reads the protobuf classes of Debian's libonnx-dev (onnx.proto); nothing here
// knows about layers.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <onnx/onnx_pb.h>

#include "import/tensor.hpp"

namespace anne::onnx_import {

/// @brief True if bytes start as an ONNX ModelProto does: field 1 (ir_version, a varint), tag
/// byte 0x08. No other source anne reads (HDF5, zip, JSON, text) starts with it.
inline bool looks_like_onnx(const std::string& bytes) { return !bytes.empty() && bytes[0] == 0x08; }
/// @brief True if bytes parse as an ONNX ModelProto with a graph (what `anne import` checks to
/// tell an ONNX file from the other sources).
bool is_onnx(const std::string& bytes);

class graph {
public:
    /// @brief Parses the model; `where` (the file name) starts every error.
    graph(const std::string& bytes, const std::string& where);

    const onnx::ModelProto& model() const { return model_; }
    const std::string& where() const { return where_; }
    /// @brief The default domain's opset version (ai.onnx).
    std::int64_t opset() const { return opset_; }

    /// @brief The one graph input that is not a weight, and its shape without the batch axis
    /// (0 for an unknown size).
    const std::string& input() const { return input_; }
    const std::vector<std::size_t>& input_shape() const { return input_shape_; }
    /// @brief The one graph output.
    const std::string& output() const { return output_; }

    /// @brief The nodes that use value `v`, in graph order.
    std::vector<const onnx::NodeProto*> consumers(const std::string& v) const;
    /// @brief The constant called `name` (an initializer or a Constant node's output), or
    /// nullptr when the value is computed.
    const tensor* constant(const std::string& name) const;
    /// @brief The constant at input `i` of node `n`, or an error naming the node.
    const tensor& constant_input(const onnx::NodeProto& n, int i) const;
    /// @brief True if input `i` of `n` is a one-element constant equal to `value` (within
    /// `tolerance`, relative).
    bool scalar_input(const onnx::NodeProto& n, int i, double value, double tolerance = 0) const;

    /// @brief The node's inputs and outputs, its non-Constant nodes in graph order.
    const std::vector<const onnx::NodeProto*>& nodes() const { return nodes_; }

    /// @brief "node '/1/Relu' (Relu)", or "the Relu node making 'out'" when it has no name.
    static std::string describe(const onnx::NodeProto& n);
    [[noreturn]] void fail_at(const onnx::NodeProto& n, const std::string& what) const;

private:
    void read_constants();
    void check_arity(const onnx::NodeProto& n) const;
    void read_endpoints();

    onnx::ModelProto model_;
    std::string where_;
    std::int64_t opset_ = 0;
    std::string input_, output_;
    std::vector<std::size_t> input_shape_;
    std::map<std::string, tensor> constants_;
    std::multimap<std::string, const onnx::NodeProto*> consumers_;
    std::vector<const onnx::NodeProto*> nodes_;
};

/// @brief An attribute of a node, or `fallback` (ONNX's default) when the node has none.
float attribute(const onnx::NodeProto& n, const char* name, float fallback);
std::int64_t attribute(const onnx::NodeProto& n, const char* name, std::int64_t fallback);
std::string attribute(const onnx::NodeProto& n, const char* name, const std::string& fallback);

}  // namespace anne::onnx_import
