// What the importer's tests share: where the test data is, temporary folders, writing small
// TensorFlow.js models, and comparing a model's outputs with expected ones.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "import/tensor.hpp"
#include "json.hpp"
#include "model.hpp"

namespace anne::test {

/// @brief ../shared/keras-models, or "" when it is absent.
std::string keras_models_dir();
/// @brief The repository's top folder.
std::string source_dir();

/// @brief The whole content of a file (throws on error).
std::string read(const std::string& path);
/// @brief Writes a file (throws on error).
void write(const std::string& path, const std::string& content);

/// @brief A fresh folder under the system's temporary folder, removed with everything in it.
class temp_dir {
public:
    temp_dir();
    ~temp_dir();
    temp_dir(const temp_dir&) = delete;
    temp_dir& operator=(const temp_dir&) = delete;
    /// @brief The path of `name` inside the folder.
    std::string file(const std::string& name) const;

private:
    std::string path_;
};

/// @brief Writes model.json and weights.bin as TensorFlow.js does: a Sequential model of
/// `layers` (Keras layer entries {"class_name", "config"}) and the weights, named
/// "layer/role", in this order, little-endian float32.
void write_tfjs(const temp_dir& dir, const fjson& layers, const std::vector<tensor>& weights);

/// @brief A weight with its name and shape.
tensor weight(const std::string& name, std::vector<std::size_t> shape, std::vector<float> values);

/// @brief How close a model's outputs come to expected ones.
struct comparison {
    double worst =
        0.0;  // bounded: largest |ours - theirs|; else largest |ours - theirs| / max(1, |theirs|)
    bool within_tolerance = true;
    std::size_t decisions_differing = 0;  // rows whose class differs (classifiers only)
    std::string first_problem;
};

/// @brief Bounded outputs (sigmoid, tanh, softmax, hard_sigmoid, softsign last) must agree to
/// 1e-6 absolute, others to 1e-5 relative (to max(1, |expected|)); class decisions exactly.
/// `expected` holds "inputs" and "outputs" (raw inputs, through the model's preprocessing).
comparison compare(const model& m, const nlohmann::json& expected, bool bounded);

/// @brief The worst differences of the golden cases that use one activation, layer or operator.
struct tally {
    std::size_t cases = 0;
    double worst_bounded = 0.0, worst_relative = 0.0;
    /// @brief Counts a case whose worst difference was `worst`.
    void add(bool bounded, double worst);
};
/// @brief Prints the table of tallies under a column heading ("activation", "pattern").
void print_tallies(const std::map<std::string, tally>& tallies, const std::string& heading);

/// @brief True if the model's last layer keeps its outputs in [-1, 1] or [0, 1].
bool bounded_output(const model& m);

}  // namespace anne::test
