// Keras's own files: the .keras archive, the legacy whole-model HDF5 file, and a weights-only
// HDF5 file with its architecture JSON. They differ in where each layer's weights are:
//   legacy HDF5 (Keras 1, 2, tf.keras, Keras 3's legacy .h5): a group per layer, named as the
//     layer, whose attribute `weight_names` lists its datasets in the layer's order, e.g.
//     model_weights/dense_1 with ["dense_1/kernel:0", "dense_1/bias:0"] (Keras 1:
//     ["dense_1_W:0", ...], sometimes under TensorFlow scope paths; Keras 3: without ":0");
//   Keras 3 (.keras and model.weights.h5): layers/<name>/vars/0, 1, ... where <name> is not
//     the layer's name but its class in snake case numbered in model order: dense, dense_1, ...
//   tf.keras 2.13-2.15 (.keras): _layer_checkpoint_dependencies/<name>/vars/0, 1, ..., numbered
//     by another counter (see tf_keras_weights): matched by order within each class.
#include <algorithm>
#include <map>
#include <memory>
#include <tuple>

#include "error.hpp"
#include "import/formats.hpp"
#include "import/hdf5.hpp"
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

// tf.keras 2.13-2.15 (their first .keras format) keep each layer's weights under
// `_layer_checkpoint_dependencies/<name>/vars/<i>`. Keras 2.13's saving_lib names a layer by
// its class in snake case and a counter over the model's `_layer_checkpoint_dependencies`
// dict, which lists every layer with weights twice ("layer_with_weights-k" and "layer-i"): the
// second entry is skipped but counted, so the Dense layers of a model are stored as dense,
// dense_2, dense_4 whatever the config calls them. The weights of the layers of one class are
// therefore taken in order: the n-th group of a class (by its number) is the n-th layer.
constexpr const char* tf_keras_root = "_layer_checkpoint_dependencies";

// Groups of the root named `snake` or `snake_<k>`, in the order of k (plain `snake` first).
// k is compared as digits, by length and then text (numeric order for the numbers Keras writes,
// which have no leading zeros), so that no k is too large to compare.
std::vector<std::string> groups_of_class(const h5::file& f, const std::string& snake) {
    std::vector<std::tuple<std::size_t, std::string, std::string>> found;  // k's length, k, name
    for (const std::string& name : f.members(tf_keras_root)) {
        if (name == snake) {
            found.emplace_back(0, "", name);
            continue;
        }
        const std::string tail =
            name.size() > snake.size() + 1 && name.compare(0, snake.size() + 1, snake + "_") == 0
                ? name.substr(snake.size() + 1)
                : "";
        if (!tail.empty() && tail.find_first_not_of("0123456789") == std::string::npos)
            found.emplace_back(tail.size(), tail, name);
    }
    std::sort(found.begin(), found.end());
    std::vector<std::string> names;
    for (const auto& entry : found) names.push_back(std::get<2>(entry));
    return names;
}

std::vector<tensor> vars_of(const h5::file& f, const std::string& group) {
    std::vector<tensor> out;
    const std::string vars = group + "/vars";
    if (!f.exists(vars)) return out;
    // The members are "0", "1", ...: read them in number order, not name order.
    const std::size_t count = f.members(vars).size();
    for (std::size_t i = 0; i < count; ++i)
        out.push_back(f.dataset(vars + "/" + std::to_string(i)));
    return out;
}

// How many groups of each class the file holds and how many layers of it the config had, to
// tell a file that does not fit its config once the conversion has read every layer.
struct class_count {
    std::size_t groups = 0, layers = 0;
};
using class_counts = std::map<std::string, class_count>;

keras::weight_reader tf_keras_weights(const h5::file& f, const std::string& where,
                                      std::shared_ptr<class_counts> counts) {
    return [&f, where, counts](const keras::layer& l) {
        const std::string snake = keras::snake_case(l.class_name);
        const std::vector<std::string> groups = groups_of_class(f, snake);
        class_count& c = (*counts)[snake];
        c.groups = groups.size();
        c.layers = std::max(c.layers, l.ordinal + 1);
        if (l.ordinal >= groups.size()) {
            // InputLayer, Flatten, ...: tf.keras stores no group when a class has no weights.
            if (groups.empty()) return std::vector<tensor>();
            fail(where, "layer '" + l.name + "' (" + l.class_name + ") is " + l.class_name +
                            " layer " + std::to_string(l.ordinal + 1) + " of the config, but " +
                            tf_keras_root + " holds only " + std::to_string(groups.size()) + " " +
                            snake + " groups");
        }
        return vars_of(f, std::string(tf_keras_root) + "/" + groups[l.ordinal]);
    };
}

void check_every_group_used(const class_counts& counts, const std::string& where) {
    for (const auto& [snake, c] : counts)
        if (c.groups > c.layers)
            fail(where, std::string(tf_keras_root) + " holds " + std::to_string(c.groups) + " " +
                            snake + " groups, the config has " + std::to_string(c.layers) +
                            " such layers: the weights do not belong to this model");
}

bool has_keras3_layout(const h5::file& f) { return f.exists("layers") || f.exists(tf_keras_root); }

// Keras 3: layers/<class>_<n>/vars, numbered in model order (or, in early 3.x files, the
// layer's own name).
keras::weight_reader keras3_weights(const h5::file& f) {
    return [&f](const keras::layer& l) {
        std::string numbered = keras::snake_case(l.class_name);
        if (l.ordinal) numbered += "_" + std::to_string(l.ordinal);
        for (const std::string& name : {numbered, l.name})
            if (f.exists("layers/" + name + "/vars")) return vars_of(f, "layers/" + name);
        return std::vector<tensor>();
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
    const bool tf_keras = !legacy && !weights.exists("layers");
    auto counts = std::make_shared<class_counts>();
    const keras::weight_reader reader = legacy ? legacy_weights(weights, "")
                                        : tf_keras
                                            ? tf_keras_weights(weights, weights.where(), counts)
                                            : keras3_weights(weights);
    keras::conversion c =
        keras::convert(keras::model_config(doc, architecture.path), d, reader, architecture.path);
    if (tf_keras) {
        check_every_group_used(*counts, weights.where());
        r.notes.push_back(std::string("weights read from ") + tf_keras_root +
                          " (tf.keras 2.13-2.15), matched to the layers of each class in order");
    }
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
