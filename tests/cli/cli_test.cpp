// The anne program, run as a user runs it.
#include <gtest/gtest.h>

#include <fstream>

#include "json.hpp"
#include "run.hpp"
#include "support/text.hpp"

namespace {

using anne::test::anne;
using anne::test::has;

TEST(Cli, DemoShowsThePapersResults) {
    const auto r = anne("demo");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    // IRIS-8: 90 %, TN 8 FP 2 FN 0 TP 10; IRIS-6: 95 %, TN 9 FP 1 FN 0 TP 10.
    EXPECT_TRUE(has(r.out, "true  versicolor        8 TN        2 FP")) << r.out;
    EXPECT_TRUE(has(r.out, "virginica         0 FN       10 TP")) << r.out;
    EXPECT_TRUE(has(r.out, "accuracy 90.0 % (18 of 20 correct)"));
    EXPECT_TRUE(has(r.out, "true  versicolor        9 TN        1 FP"));
    EXPECT_TRUE(has(r.out, "accuracy 95.0 % (19 of 20 correct)"));
    EXPECT_TRUE(has(r.out, "IRIS-6   relu, sigmoid, sigmoid              90 %    8   2   0  10"));
    EXPECT_TRUE(has(r.out, "76       6.8       2.8       4.8       1.4   0.219777"));
    EXPECT_TRUE(has(r.out, "The papers disagree"));
}

TEST(Cli, DemoJson) {
    const auto r = anne("demo --json");
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = anne::fjson::parse(r.out);
    EXPECT_EQ(j["networks"][0]["name"], "IRIS-8");
    EXPECT_EQ(j["networks"][0]["tn"], 8);
    EXPECT_EQ(j["networks"][0]["fp"], 2);
    EXPECT_EQ(j["networks"][1]["tn"], 9);
    EXPECT_EQ(j["networks"][1]["tp"], 10);
    EXPECT_EQ(j["networks"][0]["predictions"].size(), 20u);
    // The original repository's iris_example: tanh, sigmoid, relu, sigmoid (issue 16).
    const auto& example = j["activation_variants"][2];
    EXPECT_EQ(example["activations"], anne::fjson({"tanh", "sigmoid", "relu", "sigmoid"}));
    EXPECT_EQ(example["accuracy"], 0.9f);
    EXPECT_EQ(example["tn"], 8);
    EXPECT_EQ(example["fp"], 2);
    EXPECT_EQ(example["fn"], 0);
    EXPECT_EQ(example["tp"], 10);
    EXPECT_EQ(j["activation_variants"][4]["accuracy"], 0.9f);
}

TEST(Cli, Predict) {
    auto r = anne("predict iris8 6.8 2.8 4.8 1.4");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out,
              "IRIS-8: input [6.8, 2.8, 4.8, 1.4] -> output [0.219777] -> class 0 "
              "(versicolor), since 0.2198 <= 0.50\n");
    r = anne("predict iris6 6.3 3.4 5.6 2.4 --json");
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = anne::fjson::parse(r.out);
    EXPECT_EQ(j["class"], 1);
    EXPECT_EQ(j["label"], "virginica");
    EXPECT_NEAR(j["output"][0].get<float>(), 7.9620812f, 1e-5f);
    EXPECT_EQ(j["input"].size(), 4u);
}

TEST(Cli, PredictErrors) {
    auto r = anne("predict iris8 6.8 2.8 4.8");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err,
              "anne: error: iris8: expected 4 input values (sepal_length sepal_width "
              "petal_length petal_width), got 3\n");
    EXPECT_TRUE(r.out.empty());
    r = anne("predict iris8 6.8 2.8 4.8 abc");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "input 4: expected a finite number (float32), got \"abc\"")) << r.err;
    r = anne("predict no_such_model.json 1 2");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "no_such_model.json: cannot open")) << r.err;
}

TEST(Cli, EvalOnTheIrisData) {
    auto r = anne("eval iris8 data/iris.csv");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err,
                    "data/iris.csv:2: label \"setosa\" is not one of the model's classes "
                    "(versicolor, virginica)"))
        << r.err;
    r = anne("eval iris8 data/iris.csv --skip-other-classes --json");
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = anne::fjson::parse(r.out);
    EXPECT_EQ(j["total"], 100);
    EXPECT_EQ(j["skipped"], 50);
    EXPECT_EQ(j["tn"].get<int>() + j["fp"].get<int>(), 50);
}

// The papers' test split written as a CSV file: eval gives the papers' confusion matrix.
TEST(Cli, EvalOnTheTestSplitGivesThePapersMatrix) {
    const std::string dir = anne::test::scratch_dir("eval");
    {
        std::ofstream f(dir + "/split.csv");
        f << "sepal_length,sepal_width,petal_length,petal_width,species\n";
        const auto demo = anne::fjson::parse(anne("demo --json").out);
        for (const auto& p : demo["networks"][0]["predictions"]) {
            for (const auto& v : p["input"]) f << v.get<float>() << ",";
            f << p["true"].get<std::string>() << "\n";
        }
    }
    const auto r = anne("eval iris6 " + dir + "/split.csv");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "true  versicolor        9 TN        1 FP")) << r.out;
    EXPECT_TRUE(has(r.out, "accuracy 95.0 %"));
    EXPECT_TRUE(has(r.out, "precision 0.909, recall 1.000, F1 0.952"));
}

TEST(Cli, Info) {
    auto r = anne("info iris8");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "30 parameters, 120 bytes of float32 weights"));
    EXPECT_TRUE(has(r.out, "self-test: passed, 5 cases"));
    r = anne("info iris6 --json");
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = anne::fjson::parse(r.out);
    EXPECT_EQ(j["parameters"], 26);
    EXPECT_EQ(j["weight_bytes"], 104);
    EXPECT_EQ(j["layers"][0]["output_shape"][0], 3);
    EXPECT_EQ(j["layers"][1]["parameters"], 8);
}

TEST(Cli, HelpForEveryCommand) {
    for (const char* cmd : {"", "demo ", "predict ", "eval ", "info "}) {
        const auto r = anne(std::string(cmd) + "--help");
        EXPECT_EQ(r.code, 0) << cmd;
        EXPECT_TRUE(has(r.out, "Usage")) << cmd << r.out;
    }
    const auto r = anne("frobnicate");
    EXPECT_NE(r.code, 0);
    EXPECT_FALSE(r.err.empty());
}

TEST(Cli, BrokenModelFileIsAClearError) {
    const std::string dir = anne::test::scratch_dir("broken");
    std::ofstream(dir + "/m.json") << R"({"format": "anne-model", "version": 1, "inputs": 2,
        "layers": [{"units": 1, "activation": "relu", "kernel": [[1]], "bias": [0]}]})";
    const auto r = anne("info " + dir + "/m.json");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "anne: error: " + dir +
                         "/m.json: $.layers[0].kernel: expected 2 rows (one per input of this "
                         "layer), got 1\n");
}

}  // namespace
