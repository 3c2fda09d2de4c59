// The readers of each source format, called by import_model once it has told the format from
// the content. Each returns the network and what is known about where it came from; the
// common steps (name, output meaning, provenance, self-test) are finish_import's. This header
// names the HDF5 file only by declaration, so that the readers that need no HDF5 (TensorFlow.js,
// MicroPython) build where the HDF5 library does not: in the playground's WebAssembly.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "import/import.hpp"
#include "json.hpp"
#include "model.hpp"

namespace anne::h5 {
class file;  // import/hdf5.hpp
}

namespace anne::import_detail {

/// @brief A source file: its path (used in every message) and its whole content.
struct source {
    std::string path;
    std::string bytes;
};

/// @brief A network as read from its source.
struct imported {
    model m;                         // inputs, layers, params, preprocessing
    std::vector<std::string> notes;  // what was folded, merged, left out, assumed
    std::string framework;           // "Keras", "TensorFlow.js", "AI-ANNE MicroPython"
    std::string version;             // of the framework that wrote it; empty when unknown
    std::string format;              // "Keras .keras archive", for people
};

/// @brief A Keras 3 `.keras` zip archive.
imported read_keras_archive(const source& archive);
/// @brief A legacy whole-model HDF5 file (root attribute `model_config`).
imported read_keras_h5(const source& s, const h5::file& f);
/// @brief An architecture JSON document with a weights-only HDF5 file (legacy `layer_names`
/// or Keras 3 `layers/.../vars`); `metadata` is metadata.json's text, or empty.
imported read_keras_split(const source& architecture, const fjson& doc, const h5::file& weights,
                          const std::string& metadata);
/// @brief The bytes of a TensorFlow.js weights shard, by its path as the manifest gives it
/// ("group1-shard1of1.bin"); `where` (model.json's path) starts every error.
using shard_reader = std::function<std::string(const std::string& path, const std::string& where)>;
/// @brief A TensorFlow.js Layers model.json; its shards are read from the same folder.
imported read_tfjs(const source& s, const fjson& doc);
/// @brief The same, with the shards from `shards` (the playground's selected files).
imported read_tfjs(const source& s, const fjson& doc, const shard_reader& shards);
/// @brief An ONNX file (a ModelProto) of a multilayer perceptron; see onnx.cpp for the operators.
imported read_onnx(const source& s);
/// @brief AI-ANNE MicroPython parameter text.
imported read_micropython(const source& s, const import_options& options);

/// @brief What import_model gives every network read from `sources` (their paths, the first
/// naming the model): a name, an output meaning, provenance and a self-test; then the model
/// as its file reads back (which runs the self-test).
model finish_import(imported r, const std::vector<std::string>& sources,
                    const import_options& options);

}  // namespace anne::import_detail
