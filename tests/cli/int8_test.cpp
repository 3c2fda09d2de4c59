// anne quantize and the commands on an int8 model, run as a user runs them.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "json.hpp"
#include "run.hpp"
#include "support/text.hpp"

namespace {

using anne::test::anne;
using anne::test::has;
using anne::test::scratch_dir;

// IRIS-8 quantized on the 100 Versicolor / Virginica rows, into a scratch folder.
std::string iris8_int8(const std::string& test) {
    const std::string file = scratch_dir(test) + "/iris8.int8.json";
    const auto r =
        anne("quantize iris8 --calibration data/iris.csv --skip-other-classes -o " + file);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "on 100 rows")) << r.out;
    return file;
}

TEST(CliInt8, PredictShowsTheInt8Values) {
    const std::string file = iris8_int8("int8_predict");
    // The papers' first sample: float 0.21977696; int8 -72 stands for (-72 + 128) / 256.
    auto r = anne("predict " + file + " 6.8 2.8 4.8 1.4 --json");
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = anne::fjson::parse(r.out);
    EXPECT_EQ(j["int8"]["output"][0], -72);
    EXPECT_EQ(j["output"][0].get<float>(), 0.21875f);
    EXPECT_EQ(j["int8"]["float_output"][0].get<float>(), 0.21977696f);
    EXPECT_EQ(j["label"], "versicolor");
}

TEST(CliInt8, EvalInfoExplainExport) {
    const std::string file = iris8_int8("int8_commands");
    auto r = anne("eval " + file + " data/iris.csv --skip-other-classes --json");
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = anne::fjson::parse(r.out);
    EXPECT_EQ(j["total"], 100);
    EXPECT_EQ(j["float"]["correct"], 97);  // as `anne eval iris8`
    EXPECT_EQ(j["changed_class"], 0);
    r = anne("info " + file);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "94 bytes (22 int8 weights, 8 int32 biases")) << r.out;
    r = anne("explain " + file + " 6.8 2.8 4.8 1.4 --layer 1");
    ASSERT_EQ(r.code, 0) << r.err;
    // Neuron 1 of layer 1, by hand from the file's int8 numbers: 1495 - 45 * 38 - 28 * (-10)
    // + 127 * (-6) + 71 * (-31) = -2898.
    EXPECT_TRUE(has(r.out, "= -2898")) << r.out;
    r = anne("export " + file + " --target cpp --name iris8_int8");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "inline void predict_int8(const std::int8_t* x, std::int8_t* y)"));
    // C and MicroPython: their outputs are checked where they run (tests/mcu: export_host_int8,
    // mcu_*_int8, rp2040_int8, export_micropython_int8); here that they are written.
    const std::string dir = scratch_dir("int8_c");
    r = anne("export " + file + " --target c -o " + dir + "/m");
    ASSERT_EQ(r.code, 0) << r.err;
    std::ifstream header(dir + "/m.h"), source(dir + "/m.c");
    const std::string h((std::istreambuf_iterator<char>(header)), {});
    EXPECT_TRUE(has(h, "void m_predict_int8(const int8_t *x, int8_t *y);")) << h;
    EXPECT_TRUE(source.good());
    r = anne("export " + file + " --target micropython --name iris8_int8");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "def predict_int8(x):")) << r.out;
    r = anne("export " + file + " --target onnx -o " + dir + "/m.onnx");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "an int8 model exports to --target cpp, c or micropython")) << r.err;
}

TEST(CliInt8, ExplainMarkdownAndJson) {
    const std::string file = iris8_int8("int8_explain");
    // Layer 1, neuron 1 of the papers' first sample, by hand from the file's int8 numbers:
    // acc = 1495 - 45 * 38 - 28 * (-10) + 127 * (-6) + 71 * (-31) = -2898; high multiply
    // -2898 * 2023067772 / 2^31 = -2730.1 -> -2730; rounding shift by 6: -42.66 -> -43;
    // + zero point -128 = -171, clamped to -128 (relu: 0).
    auto r = anne("explain " + file + " 6.8 2.8 4.8 1.4 --format json --layer 1");
    ASSERT_EQ(r.code, 0) << r.err;
    const auto j = anne::fjson::parse(r.out);
    EXPECT_EQ(j["input"]["q"], anne::fjson::parse("[34, -14, -10, -35]"));
    ASSERT_EQ(j["layers"].size(), 1u);
    const auto& n = j["layers"][0]["neurons"][0];
    EXPECT_EQ(n["acc"], -2898);
    EXPECT_EQ(n["high_multiply"], -2730);
    EXPECT_EQ(n["scaled"], -43);
    EXPECT_EQ(n["q"], -128);
    EXPECT_EQ(j["output"]["q"][0], -72);  // as `anne predict` gives
    r = anne("explain " + file + " 6.8 2.8 4.8 1.4 --format markdown");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "## Layer 1 (relu)")) << r.out;
    EXPECT_TRUE(has(r.out, "```text\nneuron 1:\n  acc = 1495 + (-45) * (34 - (-4))")) << r.out;
    EXPECT_TRUE(has(r.out, "int8 [-72] -> dequantized [0.21875]")) << r.out;
    r = anne("explain " + file + " 6.8 2.8 4.8 1.4 --layer 5");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "--layer 5")) << r.err;
}

TEST(CliInt8, QuantizeErrors) {
    const std::string dir = scratch_dir("int8_errors");
    std::ofstream(dir + "/elu.json") << R"({"format": "anne-model", "version": 1, "inputs": 1,
      "layers": [{"units": 1, "activation": "relu", "kernel": [[1.0]], "bias": [0.0]},
                 {"units": 1, "activation": "elu", "kernel": [[1.0]], "bias": [0.0]}]})";
    std::ofstream(dir + "/x.csv") << "x,y\n1,0\n2,1\n";
    auto r =
        anne("quantize " + dir + "/elu.json --calibration " + dir + "/x.csv -o " + dir + "/q.json");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err,
                    "layer 2: activation \"elu\" has no int8 form; supported: linear, "
                    "relu, relu6, sigmoid, tanh, softmax"))
        << r.err;
    r = anne("quantize iris8 --calibration no_such.csv -o " + dir + "/q.json");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "no_such.csv")) << r.err;
    r = anne("quantize iris8 --calibration data/iris.csv --skip-other-classes -o " + dir +
             "/q.json");
    ASSERT_EQ(r.code, 0) << r.err;
    r = anne("quantize " + dir + "/q.json --calibration data/iris.csv -o " + dir + "/q2.json");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "is quantized already")) << r.err;
}

}  // namespace
