// The papers' IRIS demonstration: the two pre-installed networks on the papers' test split, and
// the activation functions the papers disagree about (FACTS.md §1). `anne demo` prints it and
// `anne demo --report` draws it, both from here.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "evaluation.hpp"
#include "iris.hpp"
#include "model.hpp"

namespace anne {

/// @brief The class names of the IRIS task: versicolor (0), virginica (1).
const std::vector<std::string>& iris_classes();

/// @brief One network with the activations one source names for it.
struct activation_variant {
    const char* network;  // "IRIS-8" or "IRIS-6"
    std::vector<std::string> activations;
    const char* source;
};

/// @brief The variants the sources name: three for IRIS-8 (the two papers and the original
/// repository's iris_example), two for IRIS-6 (its MicroPython code and the working paper); the
/// first of each network is what the model file uses.
const std::vector<activation_variant>& iris_activation_variants();

/// @brief The same weights with other activations (one name per layer).
model with_activations(const model& m, const std::vector<std::string>& activations);

/// @brief A network's outputs and decisions on the test split, (rows).
struct scored {
    std::vector<std::vector<float>> outputs;
    std::vector<std::size_t> predicted;
};

/// @brief Runs m on every sample of the split, counting into c (true class, predicted class).
scored score(const model& m, const labelled_samples& split, confusion& c);

}  // namespace anne
