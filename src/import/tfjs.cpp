// TensorFlow.js Layers models: model.json holds the Keras model config (`modelTopology`, with or
// without a `model_config` wrapper) and a `weightsManifest`: groups of weights, each group
// stored in one or more .bin shards next to model.json. A group's shards, concatenated in
// order, hold its weights one after the other as little-endian float32, in manifest order.
// Manifests list weights alphabetically (dense_10 before dense_9), so weights are matched to
// layers by name ("dense_1/kernel", or "sequential/dense_1/kernel" from Keras 3), not order.
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include "error.hpp"
#include "files.hpp"
#include "import/formats.hpp"
#include "import/keras.hpp"

namespace anne::import_detail {

namespace {

float little_endian_float(const char* p) {
    const auto b = [p](int i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(p[i]));
    };
    const std::uint32_t bits = b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

// The shard's path as the manifest gives it ("group1-shard1of1.bin", "./model.weights.bin"),
// read from model.json's folder; paths leading elsewhere are refused.
std::string read_shard(const std::filesystem::path& folder, const std::string& name,
                       const std::string& where) {
    const std::filesystem::path p(name);
    for (const auto& part : p)
        if (part == "..")
            fail(where, "weights shard '" + name + "' leads out of model.json's folder");
    if (p.is_absolute()) fail(where, "weights shard '" + name + "' must be a relative path");
    const std::string path = (folder / p).lexically_normal().string();
    try {
        return read_file(path);
    } catch (const error& e) {
        fail(where, "weights shard '" + name + "' listed in the manifest: " + e.what());
    }
}

// Does the manifest name `weight` belong to layer `layer`? "dense_1/kernel" and
// "sequential/dense_1/kernel" do, "dense_11/kernel" does not.
bool belongs_to(const std::string& weight, const std::string& layer) {
    const std::size_t slash = weight.rfind('/');
    if (slash == std::string::npos) return false;
    const std::string owner = weight.substr(0, slash);
    return owner == layer ||
           (owner.size() > layer.size() &&
            owner.compare(owner.size() - layer.size(), layer.size(), layer) == 0 &&
            owner[owner.size() - layer.size() - 1] == '/');
}

// The number of values of a weight's shape: whole numbers >= 0 whose product is at most 2^28
// (as the HDF5 reader allows), so that a damaged manifest can neither overflow the count nor
// make the reader allocate gigabytes.
std::size_t value_count(const fjson& w, const std::string& where) {
    constexpr std::size_t max_values = std::size_t(1) << 28;
    std::size_t count = 1;
    for (const fjson& d : w.at("shape")) {
        if (!d.is_number_unsigned())
            fail(where, "weight '" + w.at("name").get<std::string>() +
                            "': expected a shape of whole numbers >= 0, got " + d.dump());
        const std::size_t n = d.get<std::size_t>();
        if (n != 0 && count > max_values / n)
            fail(where, "weight '" + w.at("name").get<std::string>() + "': its shape " +
                            w.at("shape").dump() + " has more than 2^28 values");
        count *= n;
    }
    return count;
}

}  // namespace

imported read_tfjs(const source& s, const fjson& doc) {
    const std::filesystem::path folder = std::filesystem::path(s.path).parent_path();
    return read_tfjs(s, doc, [&folder](const std::string& name, const std::string& where) {
        return read_shard(folder, name, where);
    });
}

// Long on purpose (~85 lines): model.json's topology, then its weights manifest, in the order
// the format nests them, each checked where it is read.
imported read_tfjs(const source& s, const fjson& doc, const shard_reader& shards) {
    const std::string& where = s.path;
    try {
        const fjson& topology = doc.at("modelTopology");
        const fjson& config = keras::model_config(topology, where);
        const auto manifest_it = doc.find("weightsManifest");
        if (manifest_it == doc.end() || !manifest_it->is_array())
            fail(where, "no \"weightsManifest\": the model.json lists no weights");

        std::map<std::string, tensor> weights;
        std::size_t group_number = 0;
        for (const fjson& group : *manifest_it) {
            ++group_number;
            std::string data;
            for (const fjson& p : group.at("paths")) data += shards(p.get<std::string>(), where);
            std::size_t needed = 0;
            for (const fjson& w : group.at("weights")) needed += 4 * value_count(w, where);
            if (data.size() != needed)
                fail(where, "weight group " + std::to_string(group_number) + ": its shards hold " +
                                std::to_string(data.size()) + " bytes, its weights need " +
                                std::to_string(needed) + " (a shard is " +
                                (data.size() < needed ? "too short)" : "too long)"));
            std::size_t offset = 0;
            for (const fjson& w : group.at("weights")) {
                tensor t;
                t.name = w.at("name").get<std::string>();
                const std::string dtype =
                    w.contains("dtype") ? w["dtype"].get<std::string>() : "float32";
                if (dtype != "float32")
                    fail(where,
                         "weight '" + t.name + "' is " + dtype + "; only float32 is supported");
                if (w.contains("quantization"))
                    fail(where, "weight '" + t.name + "' is quantized; only float32 is supported");
                t.shape = w.at("shape").get<std::vector<std::size_t>>();
                const std::size_t count = value_count(w, where);
                t.values.resize(count);
                for (std::size_t i = 0; i < count; ++i)
                    t.values[i] = little_endian_float(data.data() + offset + 4 * i);
                offset += 4 * count;
                if (!weights.emplace(t.name, std::move(t)).second)
                    fail(where, "the manifest lists weight '" + w.at("name").get<std::string>() +
                                    "' twice");
            }
        }

        std::set<std::string> used;
        const keras::weight_reader reader = [&](const keras::layer& l) {
            std::vector<tensor> out;
            for (const auto& [name, t] : weights)
                if (belongs_to(name, l.name)) {
                    out.push_back(t);
                    used.insert(name);
                }
            return out;
        };
        keras::conversion c = keras::convert(config, keras::dialect::tfjs, reader, where);
        for (const auto& [name, t] : weights)
            if (!used.count(name))
                fail(where,
                     "weight '" + name + "' in the manifest belongs to no layer of the model");

        imported r;
        r.framework = "TensorFlow.js";
        if (doc.contains("generatedBy") && doc["generatedBy"].is_string())
            r.version = doc["generatedBy"].get<std::string>();
        else if (topology.contains("keras_version") && topology["keras_version"].is_string())
            r.version = topology["keras_version"].get<std::string>();
        if (doc.contains("convertedBy") && doc["convertedBy"].is_string())
            r.version += (r.version.empty() ? "" : ", ") + std::string("converted by ") +
                         doc["convertedBy"].get<std::string>();
        r.m = std::move(c.m);
        r.notes = std::move(c.notes);
        r.format = "TensorFlow.js Layers model, " + c.model_class;
        return r;
    } catch (const fjson::exception& e) {
        fail(where, std::string("not a valid TensorFlow.js model.json (") + e.what() + ")");
    }
}

}  // namespace anne::import_detail
