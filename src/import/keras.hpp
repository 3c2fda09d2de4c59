// From a Keras model config (the JSON that Keras 1, 2 and 3 and TensorFlow.js all write, each
// a little differently) and its weights to anne's network of dense layers.
//
// The config is read as a chain of layers from input to output: a Sequential list, or a
// functional model whose every layer has exactly one input. Then the layers become dense
// layers:
//   Dense                     a dense layer (kernel (inputs, units), bias (units))
//   Activation, ReLU, LeakyReLU, ELU, Softmax
//                             the activation of the dense layer before it when that one is
//                             linear; otherwise a dense layer of its own with an identity
//                             kernel and no bias, which computes the activation exactly
//   BatchNormalization        folded into the dense layer before it when that one is linear:
//                             y = gamma (z - mean) / sqrt(var + eps) + beta scales kernel
//                             column j and shifts bias j; otherwise a dense layer with a
//                             diagonal kernel (the same per-unit scale and shift)
//   Normalization (first)     the model's input standardization
//   InputLayer, Flatten, Dropout and the other noise layers
//                             no computation at inference
// Everything else is refused with a message naming the layer.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "import/tensor.hpp"
#include "json.hpp"
#include "model.hpp"

namespace anne::keras {

/// @brief Whose definitions the names follow. They differ in hard_sigmoid (slope 0.2 in
/// Keras 1-2 and TensorFlow.js, relu6(x + 3) / 6 = slope 1/6 in Keras 3) and in what an
/// activation name may be (TensorFlow.js's gelu_new).
enum class dialect { keras2, keras3, tfjs };

/// @brief keras2 for Keras 1.x, 2.x and tf.keras ("2.2.4-tf"), keras3 from 3.0 on.
dialect dialect_of(const std::string& keras_version);

/// @brief One layer of a model config.
struct layer {
    std::string name, class_name;
    const fjson* config;  // the layer's "config" object, inside the parsed document
    std::size_t ordinal;  // how many earlier layers of the model have the same class
};

/// @brief Reads a layer's weights from a weight file, in the layer's own order (Keras's
/// `layer.weights`: kernel then bias; gamma, beta, moving mean, moving variance). A tensor's
/// name may be empty when the file does not name it (Keras 3's `vars/0`, `vars/1`).
using weight_reader = std::function<std::vector<tensor>(const layer&)>;

/// @brief A converted network, with one note for every layer that was folded, merged, left
/// out or added, so that the conversion can be read back.
struct conversion {
    model m;
    std::string model_class;  // "Sequential", "Functional", ...
    std::vector<std::string> notes;
};

/// @brief The model config inside a document: the `model_config` member of a
/// `model.to_json()` text or a TensorFlow.js `modelTopology`, or the document itself.
const fjson& model_config(const fjson& doc, const std::string& where);

/// @brief Converts a model config with its weights. `where` (the file name) starts every
/// error, e.g. "model.h5: layer 'conv' (Conv2D): not supported; supported: ...".
conversion convert(const fjson& config, dialect d, const weight_reader& weights,
                   const std::string& where);

/// @brief Keras's class name in snake case ("BatchNormalization" -> "batch_normalization"), as
/// Keras 3 names layers in its weight files.
std::string snake_case(const std::string& class_name);

}  // namespace anne::keras
