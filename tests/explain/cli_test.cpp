// anne explain and anne report, run as a user runs them.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "files.hpp"
#include "json.hpp"
#include "run.hpp"
#include "support/text.hpp"

namespace {

using anne::test::anne;
using anne::test::count;
using anne::test::has;

TEST(ExplainCli, StepByStep) {
    const auto r = anne("explain iris8 6.8 2.8 4.8 1.4");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    EXPECT_EQ(r.out.rfind("IRIS-8: one sample, step by step\n\nStep 1. The raw input\n", 0), 0u);
    EXPECT_TRUE(has(r.out, "  sepal_length' = (6.8 - 6.262) / 0.6595 = 0.8158\n")) << r.out;
    EXPECT_TRUE(has(r.out, "  0.2198 <= 0.5, so class 0: versicolor\n")) << r.out;
}

TEST(ExplainCli, FormatsAndOptions) {
    auto r = anne("explain iris8 6.8 2.8 4.8 1.4 --format markdown --precision 2");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("# IRIS-8: one sample, step by step\n", 0), 0u) << r.out;
    EXPECT_TRUE(has(r.out, "## Step 2. Preprocessing: standardization")) << r.out;
    EXPECT_TRUE(has(r.out, "sepal_length' = (6.8 - 6.26) / 0.66 = 0.82\n")) << r.out;

    r = anne("explain iris8 6.8 2.8 4.8 1.4 --format json");
    ASSERT_EQ(r.code, 0) << r.err;
    auto j = anne::fjson::parse(r.out);
    EXPECT_EQ(j["layers"].size(), 4u);
    EXPECT_NEAR(j["layers"][3]["neurons"][0]["y"].get<float>(), 0.21977696f, 1e-7f);
    EXPECT_EQ(j["decision"]["rule"], "threshold");
    EXPECT_EQ(j["decision"]["label"], "versicolor");
    EXPECT_EQ(j["preprocessing"]["type"], "standardize");

    r = anne("explain iris6 6.3 3.4 5.6 2.4 --json --layer 3");
    ASSERT_EQ(r.code, 0) << r.err;
    j = anne::fjson::parse(r.out);
    ASSERT_EQ(j["layers"].size(), 1u);
    EXPECT_EQ(j["layers"][0]["layer"], 3);
    EXPECT_EQ(j["decision"]["label"], "virginica");

    r = anne("explain iris8 6.8 2.8 4.8 1.4 --layer 4");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "Step 6. Layer 4 of 4")) << r.out;
    EXPECT_FALSE(has(r.out, "Layer 3")) << r.out;

    r = anne("explain tests/explain/fixtures/xor.json -- -0.5 1");  // negative numbers
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "  a = -0.5\n")) << r.out;
}

TEST(ExplainCli, ErrorsSayWhatIsWrong) {
    auto r = anne("explain iris8 6.8 2.8 4.8");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err,
              "anne: error: iris8: expected 4 input values (sepal_length sepal_width "
              "petal_length petal_width), got 3\n");
    r = anne("explain iris8 6.8 2.8 4.8 x");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "anne: error: input 4: expected a finite number (float32), got \"x\"\n");
    r = anne("explain iris8 6.8 2.8 4.8 1.4 --layer 5");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "anne: error: --layer 5: IRIS-8 has 4 layers (1 to 4)\n");
    for (const char* bad : {"--layer 0", "--precision 12", "--format xml"}) {
        r = anne(std::string("explain iris8 6.8 2.8 4.8 1.4 ") + bad);
        EXPECT_NE(r.code, 0) << bad;
        EXPECT_FALSE(r.err.empty()) << bad;
        EXPECT_TRUE(r.out.empty()) << bad;
    }
    r = anne("explain no_such_model.json 1 2");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "no_such_model.json: cannot open")) << r.err;
}

TEST(ExplainCli, HelpWithExamples) {
    for (const char* cmd : {"explain", "report", "demo"}) {
        const auto r = anne(std::string(cmd) + " --help");
        EXPECT_EQ(r.code, 0) << cmd;
        EXPECT_TRUE(has(r.out, std::string("Example: anne ") + cmd)) << r.out;
    }
}

TEST(ReportCli, WritesOneSelfContainedPage) {
    const std::string dir = anne::test::scratch_dir("report");
    const auto r = anne(
        "report iris8 --data data/iris.csv --skip-other-classes --log "
        "tests/explain/fixtures/training_log.json -o " +
        dir + "/iris8.html");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out, "wrote " + dir + "/iris8.html\n");
    const std::string html = anne::read_file(dir + "/iris8.html");
    EXPECT_EQ(count(html, "<svg class=\"network\""), 1u);
    EXPECT_EQ(count(html, "<circle class=\"node"), 12u);  // 4 inputs + 8 neurons
    EXPECT_EQ(count(html, "<path class=\"edge"), 22u);    // 4*2 + 2*3 + 3*2 + 2*1 weights
    EXPECT_TRUE(has(html, "Training: tests/explain/fixtures/training_log.json"));
    EXPECT_TRUE(has(html, "Evaluation on data/iris.csv"));
    EXPECT_TRUE(has(html, "Accuracy 97 %</strong> (97 of 100 correct)"));
    EXPECT_FALSE(has(html, "decision regions"));  // four inputs
    // Nothing else was left in the directory (written atomically).
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++files;
    EXPECT_EQ(files, 1u);
}

TEST(ReportCli, TwoInputsGetDecisionRegions) {
    const std::string dir = anne::test::scratch_dir("report2");
    const auto r = anne(
        "report tests/explain/fixtures/xor.json --data "
        "tests/explain/fixtures/xor.csv -o " +
        dir + "/xor.html");
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string html = anne::read_file(dir + "/xor.html");
    EXPECT_TRUE(has(html, "XOR: decision regions"));
    EXPECT_TRUE(has(html, "Accuracy 100 %"));
}

TEST(ReportCli, ErrorsNameTheFile) {
    const std::string dir = anne::test::scratch_dir("report_errors");
    std::ofstream(dir + "/log.json") << R"({"epochs": [{"epoch": 1, "loss": 0.5},
        {"epoch": 2, "loss": "down"}]})";
    auto r = anne("report iris8 --log " + dir + "/log.json -o " + dir + "/r.html");
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "anne: error: " + dir +
                         "/log.json: $.epochs[1].loss: expected a number, got string\n");
    EXPECT_FALSE(std::filesystem::exists(dir + "/r.html"));

    r = anne("report iris8 --data data/iris.csv -o " + dir + "/r.html");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "data/iris.csv:2: label \"setosa\" is not one of the model's classes"))
        << r.err;

    r = anne("report iris8 -o " + dir + "/no/such/dir/r.html");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, dir + "/no/such/dir/r.html")) << r.err;

    r = anne("report iris8");  // no -o
    EXPECT_NE(r.code, 0);
    EXPECT_TRUE(has(r.err, "--output")) << r.err;
}

// The log `anne train` writes is the log `anne report --log` reads.
TEST(ReportCli, DrawsTheLogThatTrainWrites) {
    const std::string dir = anne::test::scratch_dir("train_report");
    auto r = anne(
        "train tests/explain/fixtures/xor.csv --target label --layers 4:tanh,1:sigmoid "
        "--lr 0.05 --epochs 20 --batch 8 -q -o " +
        dir + "/xor.json --log " + dir + "/xor.log.json");
    ASSERT_EQ(r.code, 0) << r.err;
    r = anne("report " + dir + "/xor.json --log " + dir + "/xor.log.json -o " + dir + "/xor.html");
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string html = anne::read_file(dir + "/xor.html");
    EXPECT_TRUE(has(html, "20 epochs, loss binary_crossentropy, optimizer adam")) << html;
    EXPECT_TRUE(has(html, "validation loss"));
    EXPECT_TRUE(has(html, "layer 2</text>"));  // gradient norms of both layers
}

TEST(DemoCli, ReportOfBothNetworks) {
    const std::string dir = anne::test::scratch_dir("demo_report");
    const auto r = anne("demo --report " + dir + "/demo.html");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "accuracy 95.0 % (19 of 20 correct)")) << r.out;
    EXPECT_TRUE(has(r.out, "The same as a web page: " + dir + "/demo.html")) << r.out;
    const std::string html = anne::read_file(dir + "/demo.html");
    EXPECT_EQ(count(html, "<svg class=\"network\""), 2u);
    EXPECT_EQ(count(html, "<circle class=\"node"), 12u + 10u);
    EXPECT_EQ(count(html, "<path class=\"edge"), 22u + 20u);
    EXPECT_TRUE(has(html, "The papers disagree about the activations"));
    // --json stays pure JSON on stdout.
    const auto j = anne("demo --json --report " + dir + "/demo2.html");
    ASSERT_EQ(j.code, 0) << j.err;
    EXPECT_EQ(anne::fjson::parse(j.out)["networks"].size(), 2u);
    EXPECT_TRUE(std::filesystem::exists(dir + "/demo2.html"));
}

}  // namespace
