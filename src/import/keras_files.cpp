// Keras's own files: the .keras archive, the legacy whole-model HDF5 file, and a weights-only
// HDF5 file with its architecture JSON. They differ in where each layer's weights are:
//   legacy HDF5 (Keras 1, 2, tf.keras, Keras 3's legacy .h5): a group per layer, named as the
//     layer, whose attribute `weight_names` lists its datasets in the layer's order, e.g.
//     model_weights/dense_1 with ["dense_1/kernel:0", "dense_1/bias:0"] (Keras 1:
//     ["dense_1_W:0", ...], sometimes under TensorFlow scope paths; Keras 3: without ":0");
//   Keras 3 (.keras and model.weights.h5): layers/<name>/vars/0, 1, ... where <name> is not
//     the layer's name but its class in snake case numbered in model order: dense, dense_1, ...
#include <algorithm>
#include <map>

#include "error.hpp"
#include "import/formats.hpp"
#include "import/keras.hpp"
#include "import/zip.hpp"

namespace anne::import_detail {

namespace {

keras::weight_reader legacy_weights(const h5::file& f, const std::string& root) {
    return [&f, root](const keras::layer& l) {
        const std::string group = root.empty() ? l.name : root + "/" + l.name;
        std::vector<tensor> out;
        if (!f.exists(group) || !f.has_attribute(group, "weight_names")) return out;
        for (const std::string& name : f.strings(group, "weight_names")) {
            tensor t = f.dataset(group + "/" + name);
            t.name = name;
            out.push_back(std::move(t));
        }
        return out;
    };
}

// tf.keras 2.13-2.15 wrote the same layout under `_layer_checkpoint_dependencies`.
constexpr const char* keras3_roots[] = {"layers", "_layer_checkpoint_dependencies"};

bool has_keras3_layout(const h5::file& f) {
    return std::any_of(std::begin(keras3_roots), std::end(keras3_roots),
                       [&f](const char* root) { return f.exists(root); });
}

keras::weight_reader keras3_weights(const h5::file& f) {
    return [&f](const keras::layer& l) {
        std::string numbered = keras::snake_case(l.class_name);
        if (l.ordinal) numbered += "_" + std::to_string(l.ordinal);
        std::vector<tensor> out;
        for (const char* root : keras3_roots)
            for (const std::string& name : {numbered, l.name}) {
                const std::string vars = std::string(root) + "/" + name + "/vars";
                if (!f.exists(vars)) continue;
                // The members are "0", "1", ...: read them in number order, not name order.
                const std::size_t count = f.members(vars).size();
                for (std::size_t i = 0; i < count; ++i)
                    out.push_back(f.dataset(vars + "/" + std::to_string(i)));
                return out;
            }
        return out;
    };
}

std::string metadata_version(const std::string& metadata, const std::string& where) {
    if (metadata.empty()) return "";
    const fjson doc = parse_json(metadata, where);
    const auto it = doc.find("keras_version");
    return it != doc.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

imported read_keras_h5(const source& s, const h5::file& f) {
    imported r;
    r.framework = "Keras";
    if (f.has_attribute("/", "keras_version")) r.version = f.string("/", "keras_version");
    const fjson doc = parse_json(f.string("/", "model_config"), s.path + ": model_config");
    if (!f.exists("model_weights"))
        fail(s.path, "no 'model_weights' group: the file holds an architecture without weights");
    keras::conversion c =
        keras::convert(keras::model_config(doc, s.path), keras::dialect_of(r.version),
                       legacy_weights(f, "model_weights"), s.path);
    r.m = std::move(c.m);
    r.notes = std::move(c.notes);
    r.format = "Keras HDF5 model file, " + c.model_class;
    return r;
}

imported read_keras_split(const source& architecture, const fjson& doc, const h5::file& weights,
                          const std::string& metadata) {
    imported r;
    r.framework = "Keras";
    const bool legacy = weights.has_attribute("/", "layer_names");
    const bool keras3 = has_keras3_layout(weights);
    if (!legacy && !keras3)
        fail(weights.where(),
             "an HDF5 file, but not Keras weights (no 'layer_names' attribute, "
             "no 'layers' group)");
    // The version is in model.to_json()'s text, in metadata.json, or in a legacy weights file.
    if (const auto it = doc.find("keras_version"); it != doc.end() && it->is_string())
        r.version = it->get<std::string>();
    if (r.version.empty())
        r.version = metadata_version(metadata, architecture.path + ": metadata.json");
    if (r.version.empty() && weights.has_attribute("/", "keras_version"))
        r.version = weights.string("/", "keras_version");
    keras::dialect d = keras::dialect_of(r.version);
    if (r.version.empty() && keras3) {
        d = keras::dialect::keras3;
        r.notes.push_back(
            "the Keras version is not recorded; taken to be 3.x from the weight "
            "file's layout (layers/.../vars)");
    }
    keras::conversion c = keras::convert(
        keras::model_config(doc, architecture.path), d,
        legacy ? legacy_weights(weights, "") : keras3_weights(weights), architecture.path);
    r.m = std::move(c.m);
    r.notes.insert(r.notes.end(), c.notes.begin(), c.notes.end());
    r.format = legacy ? "Keras architecture JSON + weights-only HDF5 file, " + c.model_class
                      : "Keras config.json + model.weights.h5, " + c.model_class;
    return r;
}

imported read_keras_archive(const source& archive) {
    std::map<std::string, std::string> members = zip::read_members(
        archive.bytes, {"config.json", "model.weights.h5", "metadata.json"}, archive.path);
    if (!members.count("config.json") || !members.count("model.weights.h5"))
        fail(archive.path,
             "a zip archive, but not a Keras .keras file (it needs config.json and "
             "model.weights.h5)");
    const fjson doc = parse_json(members["config.json"], archive.path + ": config.json");
    const h5::file weights(members["model.weights.h5"], archive.path + ": model.weights.h5");
    imported r = read_keras_split(archive, doc, weights,
                                  members.count("metadata.json") ? members["metadata.json"] : "");
    r.format = "Keras .keras archive";
    return r;
}

}  // namespace anne::import_detail
