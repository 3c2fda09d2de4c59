// A model on the host: a network plus everything a model file says about it — how raw inputs
// are preprocessed, what the outputs mean, where the model came from, and the self-test that
// is checked on every load. The file format is described in docs/model-format.md.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <anne/network.hpp>

#include "preprocessing.hpp"

namespace anne {

/// @brief What the outputs mean.
struct output_meaning {
    enum class kind { values, binary, classes };
    kind type = kind::values;
    float threshold = 0.5f;            // binary: output > threshold means class 1
    std::vector<std::string> classes;  // binary: 2 names; classes: one per output
    std::vector<std::string> names;    // values: a name per output, may be empty
};

/// @brief Where a model came from.
struct provenance {
    std::string source;     // file or publication it was made from
    std::string framework;  // "Keras", "TensorFlow.js", "AI-ANNE paper", "anne"
    std::string framework_version;
    std::string converted_by;  // "anne 0.1.0"
    std::string notes;
};

/// @brief Inputs (raw, before preprocessing) with the outputs the source framework computed.
struct self_test {
    std::string source;       // who computed the outputs; "anne" if anne did (no independent check)
    float tolerance = 1e-6f;  // |ours - theirs| <= tolerance * max(1, |theirs|)
    std::vector<std::vector<float>> inputs, outputs;
};

/// @brief A layer as a model file names it: the activation by name, so that a model can be
/// written before user-defined activations are registered, and printed back.
struct layer_info {
    std::size_t units = 0;
    std::string activation;
    float alpha = 0.0f;
    bool use_bias = true;
};

struct int8_model;  // quantize/int8_model.hpp

class model {
public:
    std::string name, description;
    std::size_t inputs = 0;
    std::vector<layer_info> layers;
    std::vector<float> params;  // the network's contiguous parameter buffer (see network.hpp)
    preprocessing pre;
    output_meaning output;
    provenance origin;
    self_test test;
    /// The int8 form of the network (a model file's "int8" section), or null.
    std::shared_ptr<const int8_model> int8;

    /// @brief Resolves activation names and checks the shapes; throws anne::error. Call after
    /// changing layers or params; `net()` uses the result.
    void bind();
    /// @brief The core's view of this model (valid until its layers or params change).
    network net() const {
        return {inputs, core_layers_.data(), core_layers_.size(), params.data()};
    }

    std::size_t outputs() const { return layers.empty() ? inputs : layers.back().units; }
    /// @brief Raw inputs (inputs) -> outputs, with the model's preprocessing.
    std::vector<float> predict(const std::vector<float>& raw) const;
    /// @brief The class index an output stands for (binary threshold or argmax).
    std::size_t decide(const std::vector<float>& output) const;
    /// @brief The class name for index c, or its number when the model names no classes.
    std::string class_name(std::size_t c) const;
    /// @brief How many classes the output distinguishes (0 for plain values).
    std::size_t class_count() const;

    /// @brief Largest difference of the self-test, relative as the tolerance is; throws
    /// anne::error when it exceeds the tolerance.
    float run_self_test(const std::string& where) const;

private:
    std::vector<anne::layer> core_layers_;
};

/// @brief Whether parse_model runs the self-test: skipped only to record a new one.
enum class self_test_check { run, skip };
/// @brief How many weights and biases m's layers have: the length params must have.
std::size_t parameter_count(const model& m);
/// @brief "4 -> 2 (relu) -> 3 (leaky_relu 0.2) -> 1 (sigmoid)": a parameter where the
/// activation (built in or the user's) takes one, in the shortest text that reads back exactly.
std::string architecture(const model& m);

/// @brief Parses a model file's text; `where` (the file name) prefixes every error, which
/// also gives the JSON path of the first problem. Runs the self-test.
model parse_model(const std::string& text, const std::string& where,
                  self_test_check check = self_test_check::run);
/// @brief Loads a model file, or a built-in model by name ("iris8", "iris6").
model load_model(const std::string& path_or_name);
/// @brief The model file text: human-readable, float32 values written so they read back exactly.
std::string model_to_json(const model& m);
/// @brief Writes a model file atomically.
void save_model(const model& m, const std::string& path);

/// @brief The registered activations' names, comma-separated, for errors about an unknown one.
std::string known_activations();

/// @brief What keeps a layer's activation from being resolved.
enum class activation_fault { none, unknown, takes_no_parameter, needs_parameter };

/// @brief The one place that resolves a layer's activation from its name and parameter, for
/// model files, `--layers` and imports alike: sets l.activation and l.alpha (the given `alpha`,
/// else the activation's default). On a fault, `why` says it: unknown activation "relux";
/// known: ... / activation "relu" takes no parameter / activation "leaky_relu" needs <needs>,
/// where `needs` is how the caller's syntax names the parameter ("\"alpha\"" in a model file),
/// or nullptr for "its alpha".
activation_fault resolve_activation(const std::string& name, const float* alpha, const char* needs,
                                    layer_info& l, std::string& why);

/// @brief Names of the built-in models, and their file text.
const std::vector<std::string>& builtin_model_names();
const char* builtin_model_text(const std::string& name);  // nullptr if unknown

}  // namespace anne
