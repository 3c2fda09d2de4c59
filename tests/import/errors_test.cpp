// Broken, truncated and unsupported inputs: each must fail with one message that names the
// file and the place, never with a crash or HDF5's own error stack.
#include <filesystem>

#include <gtest/gtest.h>
#include <zip.h>

#include "error.hpp"
#include "import/import.hpp"
#include "support.hpp"

namespace anne {
namespace {

namespace fs = std::filesystem;

// The message import_model gives for these sources, or "(no error)".
std::string message(const std::vector<std::string>& sources) {
    try {
        import_model(sources);
    } catch (const error& e) {
        return e.what();
    }
    return "(no error)";
}

// Expects a message that starts with the file's name and holds `part`.
void expect_error(const std::vector<std::string>& sources, const std::string& part) {
    const std::string what = message(sources);
    EXPECT_EQ(what.rfind(sources[0], 0), 0u) << what;
    EXPECT_NE(what.find(part), std::string::npos) << what;
}

std::string shared_file(const std::string& relative) {
    const std::string dir = test::keras_models_dir();
    return dir.empty() ? "" : dir + "/" + relative;
}

TEST(ImportErrors, TruncatedHdf5) {
    const std::string original = shared_file("keras214_iris/iris_model.h5");
    if (original.empty()) GTEST_SKIP() << "../shared/keras-models is absent";
    const std::string bytes = test::read(original);
    test::temp_dir dir;
    for (const std::size_t size : {std::size_t{100}, bytes.size() / 2, bytes.size() - 10}) {
        const std::string path = dir.file("cut" + std::to_string(size) + ".h5");
        test::write(path, bytes.substr(0, size));
        expect_error({path}, "truncated or corrupt");
    }
}

TEST(ImportErrors, TruncatedKerasArchive) {
    const std::string original = shared_file("keras310_iris/iris_model.keras");
    if (original.empty()) GTEST_SKIP() << "../shared/keras-models is absent";
    const std::string bytes = test::read(original);
    test::temp_dir dir;
    const std::string path = dir.file("cut.keras");
    test::write(path, bytes.substr(0, bytes.size() / 2));
    expect_error({path}, "zip");
}

TEST(ImportErrors, ZipThatIsNotKeras) {
    test::temp_dir dir;
    const std::string path = dir.file("notes.keras");
    int code = 0;
    zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
    ASSERT_NE(z, nullptr);
    const char text[] = "hello";
    zip_source_t* s = zip_source_buffer(z, text, sizeof text - 1, 0);
    ASSERT_GE(zip_file_add(z, "hello.txt", s, ZIP_FL_ENC_UTF_8), 0);
    ASSERT_EQ(zip_close(z), 0);
    expect_error({path}, "not a Keras .keras file");
}

TEST(ImportErrors, TfjsMissingShortAndLongShards) {
    test::temp_dir dir;
    const fjson layers = {
        {{"class_name", "Dense"},
         {"config", {{"name", "d"}, {"units", 2}, {"batch_input_shape", {nullptr, 3}}}}}};
    test::write_tfjs(dir, layers,
                     {test::weight("d/kernel", {3, 2}, {1, 2, 3, 4, 5, 6}),
                      test::weight("d/bias", {2}, {0, 1})});
    const std::string model_json = dir.file("model.json");
    ASSERT_NO_THROW(import_model({model_json}));
    const std::string bin = test::read(dir.file("weights.bin"));
    test::write(dir.file("weights.bin"), bin.substr(0, bin.size() - 4));
    expect_error({model_json}, "too short");
    test::write(dir.file("weights.bin"), bin + "xxxx");
    expect_error({model_json}, "too long");
    fs::remove(dir.file("weights.bin"));
    expect_error({model_json}, "weights shard 'weights.bin'");
}

TEST(ImportErrors, TfjsWeightsMatchedByNameNotOrder) {
    // Manifests list weights alphabetically: dense_10 before dense_9.
    test::temp_dir dir;
    const fjson layers = {
        {{"class_name", "Dense"},
         {"config", {{"name", "dense_9"}, {"units", 1}, {"batch_input_shape", {nullptr, 2}}}}},
        {{"class_name", "Dense"}, {"config", {{"name", "dense_10"}, {"units", 1}}}}};
    test::write_tfjs(dir, layers,
                     {test::weight("dense_10/bias", {1}, {0.5f}),
                      test::weight("dense_10/kernel", {1, 1}, {3.0f}),
                      test::weight("dense_9/bias", {1}, {-1.0f}),
                      test::weight("dense_9/kernel", {2, 1}, {1.0f, 2.0f})});
    const model m = import_model({dir.file("model.json")});
    EXPECT_EQ(m.params, (std::vector<float>{1.0f, 2.0f, -1.0f, 3.0f, 0.5f}));
}

TEST(ImportErrors, UnsupportedLayerNamesItAndListsTheSupportedOnes) {
    test::temp_dir dir;
    const fjson layers = {
        {{"class_name", "Conv2D"},
         {"config",
          {{"name", "conv"}, {"filters", 4}, {"batch_input_shape", {nullptr, 8, 8, 1}}}}}};
    test::write_tfjs(dir, layers, {});
    expect_error({dir.file("model.json")},
                 "layer 'conv' (Conv2D): not supported; supported: InputLayer, Dense, Activation");
}

TEST(ImportErrors, MicroPythonOptionsOnAnotherFormat) {
    test::temp_dir dir;
    const fjson layers = {
        {{"class_name", "Dense"},
         {"config", {{"name", "d"}, {"units", 1}, {"batch_input_shape", {nullptr, 1}}}}}};
    test::write_tfjs(dir, layers,
                     {test::weight("d/kernel", {1, 1}, {2}), test::weight("d/bias", {1}, {0})});
    import_options o;
    o.activations = {"relu"};
    try {
        import_model({dir.file("model.json")}, o);
        FAIL() << "--activations accepted for a TensorFlow.js model";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("only be given for AI-ANNE MicroPython text"),
                  std::string::npos)
            << e.what();
    }
}

TEST(ImportErrors, UnsupportedActivation) {
    test::temp_dir dir;
    const fjson layers = {{{"class_name", "Dense"},
                           {"config",
                            {{"name", "d"},
                             {"units", 2},
                             {"activation", "log_softmax"},
                             {"batch_input_shape", {nullptr, 1}}}}}};
    test::write_tfjs(
        dir, layers,
        {test::weight("d/kernel", {1, 2}, {1, 2}), test::weight("d/bias", {2}, {0, 0})});
    expect_error({dir.file("model.json")},
                 "layer 'd' (Dense): activation 'log_softmax' is not supported");
}

// A functional model in Keras 3's node format; `branch` adds a second path.
fjson functional(bool branch) {
    const auto tensor_from = [](const std::string& layer) {
        return fjson{{"class_name", "__keras_tensor__"},
                     {"config", {{"shape", {nullptr, 2}}, {"keras_history", {layer, 0, 0}}}}};
    };
    const auto node = [&](const std::vector<std::string>& from) {
        fjson args = fjson::array();
        for (const std::string& f : from) args.push_back(tensor_from(f));
        return fjson::array({{{"args", from.size() == 1 ? args : fjson::array({args})},
                              {"kwargs", fjson::object()}}});
    };
    fjson layers = {{{"name", "in"},
                     {"class_name", "InputLayer"},
                     {"config", {{"name", "in"}, {"batch_shape", {nullptr, 2}}}},
                     {"inbound_nodes", fjson::array()}},
                    {{"name", "a"},
                     {"class_name", "Dense"},
                     {"config", {{"name", "a"}, {"units", 2}}},
                     {"inbound_nodes", node({"in"})}}};
    std::string out = "a";
    if (branch) {
        layers.push_back({{"name", "b"},
                          {"class_name", "Dense"},
                          {"config", {{"name", "b"}, {"units", 2}}},
                          {"inbound_nodes", node({"in"})}});
        layers.push_back({{"name", "sum"},
                          {"class_name", "Add"},
                          {"config", {{"name", "sum"}}},
                          {"inbound_nodes", node({"a", "b"})}});
        out = "sum";
    }
    return {{"class_name", "Functional"},
            {"config",
             {{"name", "f"},
              {"layers", layers},
              {"input_layers", {"in", 0, 0}},
              {"output_layers", {out, 0, 0}}}}};
}

void write_functional(const test::temp_dir& dir, bool branch) {
    fjson manifest = fjson::array();
    std::string bin;
    for (const char* name : {"a", "b"}) {
        if (!branch && name[0] == 'b') break;
        manifest.push_back(
            {{"name", std::string(name) + "/kernel"}, {"shape", {2, 2}}, {"dtype", "float32"}});
        manifest.push_back(
            {{"name", std::string(name) + "/bias"}, {"shape", {2}}, {"dtype", "float32"}});
        bin += std::string(6 * 4, '\0');
    }
    const fjson doc = {{"modelTopology", {{"model_config", functional(branch)}}},
                       {"weightsManifest", {{{"paths", {"./w.bin"}}, {"weights", manifest}}}}};
    test::write(dir.file("model.json"), doc.dump());
    test::write(dir.file("w.bin"), bin);
}

TEST(ImportErrors, FunctionalChainImportsAndBranchingIsRefused) {
    test::temp_dir chain, branching;
    write_functional(chain, false);
    EXPECT_EQ(import_model({chain.file("model.json")}).layers.size(), 1u);
    write_functional(branching, true);
    expect_error({branching.file("model.json")},
                 "layer 'sum' (Add): has 2 inputs: branching models are not supported");
}

TEST(ImportErrors, NotAModel) {
    test::temp_dir dir;
    test::write(dir.file("garbage.bin"), std::string("\x01\x02\x03\x04 binary", 11));
    expect_error({dir.file("garbage.bin")}, "not a recognized model file");
    test::write(dir.file("broken.json"), "{\"modelTopology\": {");
    expect_error({dir.file("broken.json")}, "not valid JSON");
    test::write(dir.file("other.json"), "{\"hello\": 1}");
    expect_error({dir.file("other.json")}, "neither a Keras model config");
    expect_error({dir.file("absent.h5")}, "cannot open");
}

TEST(ImportErrors, WrongCombinationsOfSources) {
    const std::string weights = shared_file("keras231_elu_layer/ELU_0_weights.h5");
    if (weights.empty()) GTEST_SKIP() << "../shared/keras-models is absent";
    expect_error({weights}, "give the model's JSON");
    expect_error({shared_file("keras231_elu_layer/ELU_0_config.json")},
                 "give the weights .h5 file");
    expect_error({weights, shared_file("keras231_relu_layer/ReLU_2_weights.h5")},
                 "two sources of the same kind");
    expect_error({shared_file("keras214_iris/iris_model.h5"), weights}, "import it alone");
    // An HDF5 file that Keras did not write as a model (dl4j's test data).
    expect_error({shared_file("keras231_elu_layer/ELU_0_inputs_and_outputs.h5")},
                 "not one Keras wrote");
}

}  // namespace
}  // namespace anne
