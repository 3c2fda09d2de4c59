// Keras 3's weight files, written here with the HDF5 C API: layers/<class>_<n>/vars/0, 1, ...
// named by class and order rather than by the layer names of config.json, and hard_sigmoid,
// whose slope depends on the Keras version in metadata.json (1/6 from Keras 3 on, 0.2 before).
// And tf.keras 2.13-2.15's first .keras layout, _layer_checkpoint_dependencies/<name>/vars,
// named as Keras 2.13's saving_lib names them (tf_keras_groups below).
#include <filesystem>
#include <map>

#include <hdf5.h>

#include <gtest/gtest.h>

#include "error.hpp"
#include "import/import.hpp"
#include "support.hpp"

namespace anne {
namespace {

void write_dataset(hid_t file, const std::string& path, const std::vector<hsize_t>& dims,
                   const std::vector<float>& values) {
    const hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(lcpl, 1);
    const hid_t space = H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr);
    const hid_t set =
        H5Dcreate2(file, path.c_str(), H5T_IEEE_F32LE, space, lcpl, H5P_DEFAULT, H5P_DEFAULT);
    H5Dwrite(set, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    H5Dclose(set);
    H5Sclose(space);
    H5Pclose(lcpl);
}

// A Sequential 2 -> 3 (hard_sigmoid) -> 1 (linear) model as Keras 3 saves config.json and
// model.weights.h5; the config names the layers dense_7 and dense_8.
void write_keras3(const test::temp_dir& dir) {
    const auto dense = [](const std::string& name, int units, const std::string& act) {
        return fjson{{"module", "keras.layers"},
                     {"class_name", "Dense"},
                     {"registered_name", nullptr},
                     {"config",
                      {{"name", name}, {"units", units}, {"activation", act}, {"use_bias", true}}}};
    };
    const fjson config = {
        {"module", "keras"},
        {"class_name", "Sequential"},
        {"config",
         {{"name", "sequential"},
          {"layers",
           {{{"module", "keras.layers"},
             {"class_name", "InputLayer"},
             {"config", {{"batch_shape", {nullptr, 2}}, {"name", "input_layer"}}}},
            dense("dense_7", 3, "hard_sigmoid"),
            dense("dense_8", 1, "linear")}}}}};
    test::write(dir.file("config.json"), config.dump());
    const hid_t file =
        H5Fcreate(dir.file("model.weights.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    write_dataset(file, "layers/dense/vars/0", {2, 3}, {1, 2, 3, -1, -2, -3});
    write_dataset(file, "layers/dense/vars/1", {3}, {0.5f, 0, -0.5f});
    write_dataset(file, "layers/dense_1/vars/0", {3, 1}, {1, 10, 100});
    write_dataset(file, "layers/dense_1/vars/1", {1}, {0.25f});
    H5Fclose(file);
}

TEST(ImportKeras3, WeightsByClassAndOrderAndHardSigmoidByVersion) {
    test::temp_dir dir;
    write_keras3(dir);
    test::write(dir.file("metadata.json"), R"({"keras_version": "3.5.0", "date_saved": "x"})");
    const model k3 = import_model({dir.file("config.json"), dir.file("model.weights.h5")});
    EXPECT_EQ(k3.origin.framework_version, "3.5.0");
    EXPECT_EQ(k3.params,
              (std::vector<float>{1, 2, 3, -1, -2, -3, 0.5f, 0, -0.5f, 1, 10, 100, 0.25f}));
    EXPECT_EQ(k3.layers[0].activation, "hard_sigmoid");
    EXPECT_FLOAT_EQ(k3.layers[0].alpha, 1.0f / 6.0f);
    // x = (1, 0.25): z = (1.25, 1.5, 1.75); relu6(z + 3) / 6 = (4.25, 4.5, 4.75) / 6;
    // y = that . (1, 10, 100) + 0.25.
    EXPECT_NEAR(k3.predict({1.0f, 0.25f})[0], (4.25 + 45.0 + 475.0) / 6.0 + 0.25, 1e-4);

    test::write(dir.file("metadata.json"), R"({"keras_version": "2.15.0", "date_saved": "x"})");
    const model k2 = import_model({dir.file("model.weights.h5"), dir.file("config.json")});
    EXPECT_FLOAT_EQ(k2.layers[0].alpha, 0.2f);
    // clip(0.2 z + 0.5) = (0.75, 0.8, 0.85): y = 0.75 + 8 + 85 + 0.25.
    EXPECT_NEAR(k2.predict({1.0f, 0.25f})[0], 94.0, 1e-4);

    // A major version too large for an int (std::stoi threw std::out_of_range) is still >= 3.
    test::write(dir.file("metadata.json"),
                R"({"keras_version": "99999999999.0", "date_saved": "x"})");
    const model huge = import_model({dir.file("config.json"), dir.file("model.weights.h5")});
    EXPECT_FLOAT_EQ(huge.layers[0].alpha, 1.0f / 6.0f);

    std::filesystem::remove(dir.file("metadata.json"));
    const model unknown = import_model({dir.file("config.json"), dir.file("model.weights.h5")});
    EXPECT_FLOAT_EQ(unknown.layers[0].alpha, 1.0f / 6.0f);
    EXPECT_NE(unknown.origin.notes.find("taken to be 3.x"), std::string::npos)
        << unknown.origin.notes;
}

// The group names Keras 2.13's saving_lib gives the layers of a model (`classes`: the class
// of each of model.layers, `weighted`: whether it has weights), without Keras: the model's
// _layer_checkpoint_dependencies dict lists a layer with weights as "layer_with_weights-k" and
// then as "layer-i", a layer without only as "layer-i"; its values are walked in that order,
// each named by its class in snake case, a counter per name appending _1, _2, ... to repeats;
// a layer seen before is counted but not saved again. Returns the name each layer is saved as.
std::vector<std::string> tf_keras_groups(const std::vector<std::string>& snake_classes,
                                         const std::vector<bool>& weighted) {
    std::map<std::string, int> used;
    std::vector<std::string> saved;
    for (std::size_t i = 0; i < snake_classes.size(); ++i)
        for (int entry = 0; entry < (weighted[i] ? 2 : 1); ++entry) {
            const std::string& base = snake_classes[i];
            const auto it = used.find(base);
            std::string name = base;
            if (it == used.end())
                used[base] = 0;
            else
                name += "_" + std::to_string(++it->second);
            if (entry == 0) saved.push_back(name);
        }
    return saved;
}

// A tf.keras 2.13 archive's parts: Sequential 2 -> Dense 'dense' (3, relu) -> Dropout ->
// Dense 'dense_1' (2, linear) -> BatchNormalization -> Dense 'dense_2' (1, sigmoid). By name,
// 'dense_2' would find the second Dense layer's weights.
fjson tf_keras_config() {
    const auto layer = [](const std::string& cls, fjson config) {
        return fjson{{"module", "keras.layers"}, {"class_name", cls}, {"config", config}};
    };
    const auto dense = [&](const std::string& name, int units, const std::string& act) {
        return layer("Dense",
                     {{"name", name}, {"units", units}, {"activation", act}, {"use_bias", true}});
    };
    return {{"module", "keras"},
            {"class_name", "Sequential"},
            {"config",
             {{"name", "sequential"},
              {"layers",
               {layer("InputLayer", {{"batch_input_shape", {nullptr, 2}}, {"name", "input_1"}}),
                dense("dense", 3, "relu"), layer("Dropout", {{"name", "dropout"}, {"rate", 0.5}}),
                dense("dense_1", 2, "linear"),
                layer("BatchNormalization", {{"name", "batch_normalization"}, {"epsilon", 0.001}}),
                dense("dense_2", 1, "sigmoid")}}}}};
}

void write_tf_keras_weights(const std::string& path, bool extra_group) {
    // model.layers of a Sequential leaves out the InputLayer.
    const std::vector<std::string> groups =
        tf_keras_groups({"dense", "dropout", "dense", "batch_normalization", "dense"},
                        {true, false, true, true, true});
    EXPECT_EQ(groups, (std::vector<std::string>{"dense", "dropout", "dense_2",
                                                "batch_normalization", "dense_4"}));
    const std::string root = "_layer_checkpoint_dependencies/";
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    write_dataset(file, root + groups[0] + "/vars/0", {2, 3}, {1, 2, 3, -1, -2, -3});
    write_dataset(file, root + groups[0] + "/vars/1", {3}, {0.5f, 0, -0.5f});
    H5Gclose(H5Gcreate2(file, (root + groups[1]).c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    write_dataset(file, root + groups[2] + "/vars/0", {3, 2}, {1, 0, 0, 1, 1, 1});
    write_dataset(file, root + groups[2] + "/vars/1", {2}, {0, 0.25f});
    // gamma, beta, moving mean, moving variance: y = (z - 1) / sqrt(3 + 0.001) * 2 + 0.5.
    write_dataset(file, root + groups[3] + "/vars/0", {2}, {2, 2});
    write_dataset(file, root + groups[3] + "/vars/1", {2}, {0.5f, 0.5f});
    write_dataset(file, root + groups[3] + "/vars/2", {2}, {1, 1});
    write_dataset(file, root + groups[3] + "/vars/3", {2}, {3, 3});
    write_dataset(file, root + groups[4] + "/vars/0", {2, 1}, {1, -1});
    write_dataset(file, root + groups[4] + "/vars/1", {1}, {0.125f});
    if (extra_group) {
        write_dataset(file, root + "dense_6/vars/0", {1, 1}, {1});
        write_dataset(file, root + "dense_6/vars/1", {1}, {0});
    }
    H5Fclose(file);
}

TEST(ImportTfKeras213, WeightsByOrderNotByName) {
    test::temp_dir dir;
    test::write(dir.file("config.json"), tf_keras_config().dump());
    test::write(dir.file("metadata.json"), R"({"keras_version": "2.13.1", "date_saved": "x"})");
    write_tf_keras_weights(dir.file("model.weights.h5"), false);
    const model m = import_model({dir.file("config.json"), dir.file("model.weights.h5")});
    ASSERT_EQ(m.layers.size(), 3u);
    // x = (-1, -1): dense z = -(1, 2, 3) + (1, 2, 3) + b = (0.5, 0, -0.5), relu (0.5, 0, 0);
    // dense_1: 0.5 (1, 0) + (0, 0.25) = (0.5, 0.25); batch norm: (z - 1) * 2 / sqrt(3.001) + 0.5;
    // dense_2: sigmoid(a - b + 0.125). Matched by name, 'dense_2' would get dense_1's (3, 2).
    const double s = 2.0 / std::sqrt(3.001);
    const double a = (0.5 - 1) * s + 0.5, b = (0.25 - 1) * s + 0.5;
    EXPECT_NEAR(m.predict({-1, -1})[0], 1.0 / (1.0 + std::exp(-(a - b + 0.125))), 1e-6);
    EXPECT_NE(m.origin.notes.find("matched to the layers of each class in order"),
              std::string::npos);
}

TEST(ImportTfKeras213, GroupsThatDoNotFitTheConfigAreAnError) {
    test::temp_dir dir;
    test::write(dir.file("config.json"), tf_keras_config().dump());
    write_tf_keras_weights(dir.file("model.weights.h5"), true);
    try {
        import_model({dir.file("config.json"), dir.file("model.weights.h5")});
        ADD_FAILURE() << "a weight file with a fourth Dense group was accepted";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("holds 4 dense groups, the config has 3"),
                  std::string::npos)
            << e.what();
    }
    // One Dense layer more in the config than the file has groups for.
    fjson config = tf_keras_config();
    fjson& layers = config["config"]["layers"];
    layers.push_back(layers[5]);
    layers.back()["config"]["name"] = "dense_3";
    test::write(dir.file("config.json"), config.dump());
    write_tf_keras_weights(dir.file("model.weights.h5"), false);
    try {
        import_model({dir.file("config.json"), dir.file("model.weights.h5")});
        ADD_FAILURE() << "a config with a fourth Dense layer was accepted";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("holds only 3 dense groups"), std::string::npos)
            << e.what();
    }
}

}  // namespace
}  // namespace anne
