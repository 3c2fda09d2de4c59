// Importing networks trained elsewhere into anne's model file.
//
// Sources, told apart by their content (magic bytes, JSON keys), not by their names:
//   - a Keras 3 `.keras` archive (zip: config.json, model.weights.h5, metadata.json), or a
//     folder holding those files unpacked;
//   - a legacy Keras whole-model HDF5 file (Keras 1.x, 2.x, tf.keras, Keras 3's legacy .h5);
//   - a Keras weights-only HDF5 file together with the architecture JSON (`model.to_json()`
//     or config.json), in either order, optionally with metadata.json;
//   - a TensorFlow.js Layers model.json with its .bin weight shards next to it;
//   - an ONNX file (torch.onnx.export, Keras-to-ONNX converters, anne export --target onnx);
//   - the AI-ANNE MicroPython parameter text: `w1 = [[...]]`, `b1 = [...]`, ... with the
//     activations from its `dense(n, x, w1, b1, 'relu')` lines or given in the options.
// Every imported model has provenance, an output meaning (sigmoid with 1 unit: binary;
// softmax with more: classes; otherwise values) and a self-test.
#pragma once

#include <string>
#include <vector>

#include "model.hpp"

namespace anne {

/// @brief How the kernels of AI-ANNE MicroPython text are written: Keras's [input][unit], or
/// the transposed [unit][input] that the original code computes with.
enum class kernel_layout { detect, keras, transposed };

struct import_options {
    std::string name;  // the model's name; by default taken from the source's file name
    // MicroPython text: one activation per layer, "relu" or with a parameter "leaky_relu=0.01";
    // replaces the ones the text names.
    std::vector<std::string> activations;
    kernel_layout layout = kernel_layout::detect;  // MicroPython text only
    // MicroPython text holding several networks (chains of dense() calls): which one, from 1;
    // 0 when not chosen (then a text with several is an error that lists them).
    std::size_t network = 0;
    // import_model_isolated: the longest wall time reading may take; 0: CPU time scaled to the
    // sources' size (2 s, and 1 s more per 4 MB).
    unsigned timeout_seconds = 0;
    // A JSON file with "inputs" and the "outputs" the source framework computed for them (as
    // ../shared/onnx-models/*/expected.json): recorded as the self-test instead of anne's own.
    std::string reference;
};

/// @brief Who computed a self-test's outputs when no source carried test values.
inline constexpr const char* computed_self_test_source =
    "anne (computed at import; not an independent check)";

/// @brief Imports a model from its source file(s); see above for what they may be. The result
/// is bound and has passed its self-test. Throws anne::error naming the file and the place,
/// e.g. "model.h5: layer 'conv' (Conv2D): not supported; supported: Dense, ...".
model import_model(const std::vector<std::string>& sources, const import_options& options = {});

/// @brief The same, read in a child process, so that a damaged file that crashes the HDF5
/// library, or makes it loop, gives an anne::error ("the file is damaged ...") instead of
/// ending or hanging the program. The child gets options.timeout_seconds (see there).
model import_model_isolated(const std::vector<std::string>& sources,
                            const import_options& options = {});

}  // namespace anne
