// Keras 3's weight files, written here with the HDF5 C API: layers/<class>_<n>/vars/0, 1, ...
// named by class and order rather than by the layer names of config.json, and hard_sigmoid,
// whose slope depends on the Keras version in metadata.json (1/6 from Keras 3 on, 0.2 before).
#include <filesystem>

#include <hdf5.h>

#include <gtest/gtest.h>

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

    std::filesystem::remove(dir.file("metadata.json"));
    const model unknown = import_model({dir.file("config.json"), dir.file("model.weights.h5")});
    EXPECT_FLOAT_EQ(unknown.layers[0].alpha, 1.0f / 6.0f);
    EXPECT_NE(unknown.origin.notes.find("taken to be 3.x"), std::string::npos)
        << unknown.origin.notes;
}

}  // namespace
}  // namespace anne
