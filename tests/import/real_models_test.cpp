// Files as their authors published them (../shared/keras-real-models: Keras 1.2 to 3.9,
// tf.keras 2.13, TensorFlow.js conversions; ../shared/tfjs-real-models: converters 1.4 to
// 4.17, ml5.js): every one imports, or fails with a message that names the file and says what
// is not supported. For the TensorFlow.js ones, whose weights are plain float32 shards, every
// kernel and bias anne imported is compared with the shard's bytes read here without the
// importer (layers anne adds, the identity kernel of a standalone Softmax, have none).
#include <cstring>
#include <filesystem>
#include <iostream>

#include <gtest/gtest.h>

#include "error.hpp"
#include "import/import.hpp"
#include "support.hpp"

namespace anne {
namespace {

namespace fs = std::filesystem;

// The sources of a folder: model.json, or the one .h5 / .keras file.
std::vector<std::string> sources_in(const fs::path& folder) {
    if (fs::exists(folder / "model.json")) return {(folder / "model.json").string()};
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(folder)) {
        const std::string ext = e.path().extension().string();
        if (ext == ".h5" || ext == ".keras") out.push_back(e.path().string());
    }
    return out;
}

// The manifest's weights, in order, with their float32 values from the shards.
std::vector<tensor> shard_weights(const fs::path& folder) {
    const nlohmann::json doc = nlohmann::json::parse(test::read((folder / "model.json").string()));
    std::string bytes;
    std::vector<tensor> out;
    for (const auto& group : doc.at("weightsManifest")) {
        for (const auto& p : group.at("paths"))
            bytes += test::read((folder / p.get<std::string>()).string());
        for (const auto& w : group.at("weights"))
            out.push_back({w.at("name").get<std::string>(),
                           w.at("shape").get<std::vector<std::size_t>>(),
                           {}});
    }
    std::size_t at = 0;
    for (tensor& t : out) {
        std::size_t n = 1;
        for (std::size_t d : t.shape) n *= d;
        t.values.resize(n);
        EXPECT_LE(at + 4 * n, bytes.size()) << t.name;
        if (at + 4 * n > bytes.size()) return {};
        std::memcpy(t.values.data(), bytes.data() + at, 4 * n);  // little-endian, as x86-64
        at += 4 * n;
    }
    return out;
}

// Every imported layer's kernel (and bias) is the next kernel (and bias) of the shards, unless
// it is an identity kernel anne added; every shard weight is used.
void expect_weights_from_shards(const model& m, const std::vector<tensor>& shards) {
    std::size_t next = 0, offset = 0, in = m.inputs;
    for (const layer_info& l : m.layers) {
        const std::vector<float> kernel(m.params.begin() + offset,
                                        m.params.begin() + offset + in * l.units);
        offset += in * l.units;
        const std::vector<float> bias(m.params.begin() + offset,
                                      m.params.begin() + offset + (l.use_bias ? l.units : 0));
        offset += bias.size();
        if (next < shards.size() && shards[next].values == kernel) {
            ++next;
            if (l.use_bias) {
                ASSERT_LT(next, shards.size());
                EXPECT_EQ(shards[next++].values, bias) << shards[next - 1].name;
            }
        } else {
            bool identity = in == l.units && !l.use_bias;
            for (std::size_t i = 0; i < in * l.units; ++i)
                identity = identity && kernel[i] == (i % (in + 1) == 0 ? 1.0f : 0.0f);
            EXPECT_TRUE(identity) << "a kernel that is neither the file's next one nor an identity";
        }
        in = l.units;
    }
    EXPECT_EQ(next, shards.size()) << "weights of the file that the model does not use";
}

void check_folder(const fs::path& dir, bool tfjs) {
    if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " is absent: its real files are not checked";
    std::size_t count = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (!e.is_directory()) continue;
        SCOPED_TRACE(e.path().filename().string());
        const std::vector<std::string> sources = sources_in(e.path());
        ASSERT_EQ(sources.size(), 1u);
        ++count;
        try {
            const model m = import_model(sources);
            if (tfjs) expect_weights_from_shards(m, shard_weights(e.path()));
        } catch (const error& err) {
            const std::string what = err.what();
            EXPECT_EQ(what.rfind(sources[0] + ": ", 0), 0u) << what;
            EXPECT_NE(what.find("not supported"), std::string::npos) << what;
            std::cout << "  refused: " << what << "\n";
        }
    }
    EXPECT_GT(count, 10u);
}

TEST(ImportRealFiles, KerasFilesImportOrAreRefusedClearly) {
    check_folder(fs::path(ANNE_SHARED_DIR) / "keras-real-models", false);
}

TEST(ImportRealFiles, TfjsFilesImportWithTheirShardsWeights) {
    check_folder(fs::path(ANNE_SHARED_DIR) / "tfjs-real-models", true);
}

// Keras 2.7's `Dense(2, activation=layers.ReLU())`, converted by TensorFlow.js 3.13: the
// activation is a layer object and means that layer's activation.
TEST(ImportRealFiles, DenseWithAnActivationLayerObject) {
    const fs::path folder =
        fs::path(ANNE_SHARED_DIR) / "tfjs-real-models" / "r14_keras27_divorce_relu_obj";
    if (!fs::is_directory(folder)) GTEST_SKIP() << folder << " is absent";
    const model m = import_model({(folder / "model.json").string()});
    EXPECT_EQ(m.layers[0].activation, "relu");
    test::temp_dir dir;
    const fjson leaky = {
        {"class_name", "Dense"},
        {"config",
         {{"name", "d"},
          {"units", 1},
          {"use_bias", false},
          {"batch_input_shape", {nullptr, 1}},
          {"activation",
           {{"class_name", "LeakyReLU"}, {"config", {{"name", "l"}, {"alpha", 0.25}}}}}}}};
    test::write_tfjs(dir, fjson::array({leaky}), {test::weight("d/kernel", {1, 1}, {2.0f})});
    const model l = import_model({dir.file("model.json")});
    EXPECT_EQ(l.layers[0].activation, "leaky_relu");
    EXPECT_FLOAT_EQ(l.predict({-1.0f})[0], -0.5f);  // 0.25 * (2 * -1)
}

}  // namespace
}  // namespace anne
