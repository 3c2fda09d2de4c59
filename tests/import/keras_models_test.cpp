// Every real model in ../shared/keras-models, written by Keras 1.2 to 3.10 and TensorFlow.js,
// imported and run on its expected.json inputs. The expected outputs were recorded by Keras
// or computed by an independent float64 forward pass (see that folder's README).
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "error.hpp"
#include "import/import.hpp"
#include "support.hpp"

namespace anne {
namespace {

namespace fs = std::filesystem;

struct variant {
    std::vector<std::string> files;  // relative to the case folder; "." for the folder itself
    // false: the files hold other weights than expected.json was computed from, so only the
    // import itself is checked
    bool compare = true;
};

struct keras_case {
    std::string folder;
    std::vector<variant> variants;  // each way of giving the same model
    std::string error;              // non-empty: every variant must fail with a message holding it
};

// The dl4j *_inputs_and_outputs.h5 files are test data, not model files: never read.
const std::vector<keras_case> cases = {
    // model.weight is another checkpoint of the same architecture than model.h5's weights.
    {"keras122_tanh",
     {{{"model.h5"}},
      {{"model.json", "model.weight"}, false},
      {{"model.weight", "model.json"}, false}},
     ""},
    {"keras209_sequential_list", {{{"adam.h5"}}}, ""},
    {"keras214_iris", {{{"iris_model.h5"}}}, ""},
    {"keras222_sequential_dropout", {{{"elephas_sequential.h5"}}}, ""},
    {"keras231_batchnorm", {{{"keras_3layer_batch_norm.h5"}}}, ""},
    {"keras231_elu_layer",
     {{{"ELU_0_model.h5"}},
      {{"ELU_0_config.json", "ELU_0_weights.h5"}},
      {{"ELU_0_weights.h5", "ELU_0_config.json"}}},
     ""},
    {"keras231_functional", {{{"keras_3layer.h5"}}}, ""},
    {"keras231_leakyrelu_layer",
     {{{"LeakyReLU_0_model.h5"}}, {{"LeakyReLU_0_config.json", "LeakyReLU_0_weights.h5"}}},
     ""},
    // ReLU(max_value=1.4, negative_slope=0.2, threshold=0.2) has no anne activation.
    {"keras231_relu_layer",
     {{{"ReLU_2_model.h5"}}, {{"ReLU_2_config.json", "ReLU_2_weights.h5"}}},
     "layer 're_lu_1' (ReLU): max_value 1.4"},
    {"keras231_softmax_layer",
     {{{"Softmax_0_model.h5"}}, {{"Softmax_0_config.json", "Softmax_0_weights.h5"}}},
     ""},
    {"keras250_h5", {{{"model.hdf5"}}}, ""},
    {"keras310_iris", {{{"iris_model.keras"}}}, ""},
    {"keras310_xor", {{{"xor_model.keras"}}}, ""},
    {"keras350_weights_h5_config",
     {{{"config.json", "model.weights.h5"}},
      {{"model.weights.h5", "config.json", "metadata.json"}},
      {{"config.json"}},
      {{"."}}},
     ""},
    {"tfjs370_from_keras250", {{{"model.json"}}}, ""},
    {"tfjs4130_celsius", {{{"model.json"}}}, ""},
    {"tfjs4220_ml5", {{{"model.json"}}}, ""},
    {"tfkeras224_elu", {{{"act_0.h5"}}}, ""},
    {"tfkeras224_hard_sigmoid", {{{"act_2.h5"}}}, ""},
    {"tfkeras224_linear", {{{"act_4.h5"}}}, ""},
    {"tfkeras224_mlp_activation_dropout", {{{"mlp_2.h5"}}}, ""},
    {"tfkeras224_mlp_deep_relu", {{{"mlp_44.h5"}}}, ""},
    {"tfkeras224_relu", {{{"act_6.h5"}}}, ""},
    {"tfkeras224_selu", {{{"act_8.h5"}}}, ""},
    {"tfkeras240_flatten2d", {{{"some_loss.h5"}}}, ""},
};

TEST(ImportKerasModels, EveryFolderHasACase) {
    const std::string dir = test::keras_models_dir();
    if (dir.empty()) GTEST_SKIP() << "../shared/keras-models is absent (" << ANNE_SHARED_DIR << ")";
    std::set<std::string> known;
    for (const keras_case& c : cases) known.insert(c.folder);
    for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_directory()) continue;
        EXPECT_TRUE(known.count(entry.path().filename().string()))
            << entry.path() << " has no entry in this test's table";
    }
}

TEST(ImportKerasModels, ImportAndMatchExpectedOutputs) {
    const std::string dir = test::keras_models_dir();
    if (dir.empty()) GTEST_SKIP() << "../shared/keras-models is absent (" << ANNE_SHARED_DIR << ")";
    std::map<std::string, double> worst_by_activation;
    std::cout << std::left << std::setw(64) << "case" << std::setw(10) << "outputs"
              << "worst difference / error\n";
    for (const keras_case& c : cases) {
        const fs::path folder = fs::path(dir) / c.folder;
        const nlohmann::json expected =
            nlohmann::json::parse(test::read((folder / "expected.json").string()));
        for (const variant& v : c.variants) {
            std::vector<std::string> sources;
            std::string label = c.folder;
            for (const std::string& f : v.files) {
                sources.push_back(f == "." ? folder.string() : (folder / f).string());
                if (v.files.size() > 1 || f == ".") label += (label == c.folder ? ": " : " + ") + f;
            }
            SCOPED_TRACE(label);
            if (!c.error.empty()) {
                try {
                    import_model(sources);
                    ADD_FAILURE() << "imported, but should fail with \"" << c.error << "\"";
                } catch (const error& e) {
                    const std::string what = e.what();
                    EXPECT_NE(what.find(c.error), std::string::npos) << what;
                    // The message names the file it is about.
                    EXPECT_EQ(what.rfind(sources[0], 0), 0u) << what;
                    std::cout << std::setw(64) << label << std::setw(10) << "-"
                              << "refused: " << what.substr(what.find(": ") + 2) << "\n";
                }
                continue;
            }
            model m;
            try {
                m = import_model(sources);
            } catch (const error& e) {
                ADD_FAILURE() << e.what();
                continue;
            }
            if (!v.compare) {
                EXPECT_EQ(m.inputs, expected.at("inputs")[0].size());
                EXPECT_EQ(m.outputs(), expected.at("outputs")[0].size());
                std::cout << std::setw(64) << label << std::setw(10) << "-"
                          << "imported (other weights than expected.json's)\n";
                continue;
            }
            const bool bounded = test::bounded_output(m);
            const test::comparison r = test::compare(m, expected, bounded);
            EXPECT_TRUE(r.within_tolerance) << r.first_problem;
            EXPECT_EQ(r.decisions_differing, 0u);
            std::cout << std::setw(64) << label << std::setw(10) << (bounded ? "bounded" : "values")
                      << std::scientific << std::setprecision(2) << r.worst
                      << (bounded ? " absolute" : " relative") << "\n";
            for (const layer_info& l : m.layers) {
                double& w = worst_by_activation[l.activation];
                w = std::max(w, r.worst);
            }
        }
    }
    std::cout << "\nworst difference of the cases using each activation:\n";
    for (const auto& [name, worst] : worst_by_activation)
        std::cout << "  " << std::setw(14) << name << std::scientific << std::setprecision(2)
                  << worst << "\n";
}

}  // namespace
}  // namespace anne
