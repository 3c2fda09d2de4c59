// import_model: reads the sources, tells their format from their content, calls the format's
// reader, then gives the model what every imported model has (finish.cpp).
#include "import/import.hpp"

#include <filesystem>
#include <memory>

#include "error.hpp"
#include "files.hpp"
#include "import/formats.hpp"
#include "import/hdf5.hpp"
#include "import/onnx_graph.hpp"
#include "import/zip.hpp"

namespace anne {

namespace {

using import_detail::imported;
using import_detail::source;

const char* const expected_formats =
    "expected a Keras .keras archive, a Keras .h5 model file, a Keras weights .h5 with its "
    "architecture JSON, a TensorFlow.js model.json, an ONNX file, or AI-ANNE MicroPython "
    "parameter text";

// What a source holds, told from its content.
enum class kind {
    keras_archive,   // zip with config.json and model.weights.h5
    keras_h5,        // legacy whole model: root attribute model_config
    keras_weights,   // legacy weights-only (root layer_names) or Keras 3 model.weights.h5
    keras_json,      // a Keras model config: model.to_json() or config.json
    keras_metadata,  // metadata.json of a .keras archive
    tfjs,            // model.json with modelTopology
    onnx,            // an ONNX ModelProto (protobuf)
    micropython,     // text
};

struct classified {
    source src;
    kind k;
    fjson json;                    // for the JSON kinds
    std::unique_ptr<h5::file> h5;  // for the HDF5 kinds
};

classified classify(source s) {
    classified c{std::move(s), kind::micropython, fjson(), nullptr};
    const std::string& bytes = c.src.bytes;
    const std::string& where = c.src.path;
    if (h5::is_hdf5(bytes)) {
        c.h5 = std::make_unique<h5::file>(bytes, where);
        if (c.h5->has_attribute("/", "model_config")) {
            c.k = kind::keras_h5;
        } else if (c.h5->has_attribute("/", "layer_names") || c.h5->exists("layers") ||
                   c.h5->exists("_layer_checkpoint_dependencies")) {
            c.k = kind::keras_weights;
        } else {
            fail(where,
                 "an HDF5 file, but not one Keras wrote (no model_config, no layer_names, "
                 "no layers group)");
        }
        return c;
    }
    if (zip::is_zip(bytes)) {
        c.k = kind::keras_archive;
        return c;
    }
    if (onnx_import::looks_like_onnx(bytes)) {
        if (!onnx_import::is_onnx(bytes))
            fail(where,
                 "starts like an ONNX file but does not parse as one (a protobuf ModelProto "
                 "with a graph): damaged or truncated");
        c.k = kind::onnx;
        return c;
    }
    const std::size_t first = bytes.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && bytes[first] == '{') {
        c.json = parse_json(bytes, where);
        if (c.json.contains("modelTopology"))
            c.k = kind::tfjs;
        else if (c.json.contains("class_name") || c.json.contains("model_config"))
            c.k = kind::keras_json;
        else if (c.json.contains("keras_version"))
            c.k = kind::keras_metadata;
        else
            fail(where,
                 "JSON, but neither a Keras model config (class_name) nor a TensorFlow.js "
                 "model.json (modelTopology)");
        return c;
    }
    // Text: MicroPython parameters contain assignments or a printed list of arrays.
    if (bytes.find('\0') != std::string::npos || bytes.find('[') == std::string::npos)
        fail(where, std::string("not a recognized model file: ") + expected_formats);
    return c;
}

// A folder holding an unpacked .keras archive stands for its three files.
std::vector<std::string> expand_folders(const std::vector<std::string>& paths) {
    std::vector<std::string> files;
    for (const std::string& p : paths) {
        if (!std::filesystem::is_directory(p)) {
            files.push_back(p);
            continue;
        }
        const std::filesystem::path dir(p);
        if (!std::filesystem::exists(dir / "config.json") ||
            !std::filesystem::exists(dir / "model.weights.h5"))
            fail(p,
                 "a folder, but not an unpacked .keras archive (it needs config.json and "
                 "model.weights.h5)");
        files.push_back((dir / "config.json").string());
        files.push_back((dir / "model.weights.h5").string());
        if (std::filesystem::exists(dir / "metadata.json"))
            files.push_back((dir / "metadata.json").string());
    }
    return files;
}

imported read_sources(const std::vector<std::string>& paths, const import_options& options) {
    if (paths.empty()) fail("", "no source file given");
    std::vector<classified> sources;
    for (const std::string& p : expand_folders(paths))
        sources.push_back(classify({p, read_file(p)}));

    if (sources.size() == 1) {
        classified& s = sources[0];
        switch (s.k) {
        case kind::keras_archive: return import_detail::read_keras_archive(s.src);
        case kind::keras_h5: return import_detail::read_keras_h5(s.src, *s.h5);
        case kind::tfjs: return import_detail::read_tfjs(s.src, s.json);
        case kind::onnx: return import_detail::read_onnx(s.src);
        case kind::micropython: return import_detail::read_micropython(s.src, options);
        case kind::keras_weights:
            fail(s.src.path,
                 "Keras weights without an architecture: give the model's JSON "
                 "(model.to_json() or config.json) as a second source");
        case kind::keras_json: {
            // config.json with model.weights.h5 (and metadata.json) beside it: an unpacked
            // .keras archive.
            const std::filesystem::path dir = std::filesystem::path(s.src.path).parent_path();
            if (std::filesystem::path(s.src.path).filename() == "config.json" &&
                std::filesystem::exists(dir / "model.weights.h5"))
                return read_sources({dir.empty() ? "." : dir.string()}, options);
            fail(s.src.path,
                 "a Keras architecture without weights: give the weights .h5 file "
                 "as a second source");
        }
        case kind::keras_metadata:
            fail(s.src.path, "Keras metadata only: give config.json and model.weights.h5 too");
        }
    }
    // Two or three sources: one architecture, one weights file, at most one metadata.json.
    const classified *architecture = nullptr, *weights = nullptr, *metadata = nullptr;
    for (const classified& s : sources) {
        const classified** slot = s.k == kind::keras_json       ? &architecture
                                  : s.k == kind::keras_weights  ? &weights
                                  : s.k == kind::keras_metadata ? &metadata
                                                                : nullptr;
        if (!slot) fail(s.src.path, "this file is a whole model by itself; import it alone");
        if (*slot) fail((*slot)->src.path, "two sources of the same kind (" + s.src.path + " too)");
        *slot = &s;
    }
    if (!architecture || !weights)
        fail(sources[0].src.path,
             "several sources must be a Keras architecture JSON and a "
             "weights .h5 file (and optionally metadata.json)");
    std::string metadata_text = metadata ? metadata->src.bytes : "";
    // Beside a config.json, Keras 3 keeps its metadata.json.
    const std::filesystem::path beside =
        std::filesystem::path(architecture->src.path).parent_path() / "metadata.json";
    if (!metadata && std::filesystem::exists(beside)) metadata_text = read_file(beside.string());
    return import_detail::read_keras_split(architecture->src, architecture->json, *weights->h5,
                                           metadata_text);
}

}  // namespace

model import_model(const std::vector<std::string>& sources, const import_options& options) {
    return import_detail::finish_import(read_sources(sources, options), sources, options);
}

}  // namespace anne
