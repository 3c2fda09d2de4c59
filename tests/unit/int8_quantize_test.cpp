// anne's post-training quantization (src/quantize/): calibration and scales by hand, the edge
// cases (a constant column, an all-zero layer, an activation without an int8 form), the model
// file's int8 section, and the int8 network against the float one.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "error.hpp"
#include "iris.hpp"
#include "model.hpp"
#include "quantize/int8_model.hpp"

namespace {

using namespace anne;

// 2 inputs -> 2 relu -> 1 sigmoid, no preprocessing. Unit 0 of layer 1 has weights
// {1.27, -0.5}: scale 1.27 / 127 = 0.01, q = {127, -50}.
const std::string tiny = R"({"format": "anne-model", "version": 1, "name": "tiny", "inputs": 2,
  "layers": [
    {"units": 2, "activation": "relu", "kernel": [[1.27, 0.0], [-0.5, 0.0]], "bias": [0.1, 0.0]},
    {"units": 1, "activation": "sigmoid", "kernel": [[2.0], [1.0]], "bias": [-1.0]}],
  "output": {"type": "binary"}})";

dataset rows(std::size_t features, const std::vector<float>& x) {
    dataset d;
    for (std::size_t i = 0; i < features; ++i) d.features.push_back("x" + std::to_string(i));
    d.x = x;
    d.labels.assign(x.size() / features, "");
    return d;
}

TEST(Quantize, ScalesAndZeroPointsByHand) {
    const model m = parse_model(tiny, "tiny.json");
    // Inputs over {-1, 1.55} x {0.25, 0.5}: min -1, max 1.55 -> scale 2.55 / 255 = 0.01,
    // zero point round(-128 - (-1) / 0.01) = -28.
    const int8_model q = quantize_model(m, rows(2, {-1.0f, 0.25f, 1.55f, 0.5f}), "d.csv");
    EXPECT_FLOAT_EQ(q.input.scale, 0.01f);
    EXPECT_EQ(q.input.zero_point, -28);
    const int8_layer_data& l = q.layers[0];
    EXPECT_FLOAT_EQ(l.kernel_scale[0], 0.01f);
    EXPECT_EQ(l.kernel[0], 127);  // 1.27 / 0.01
    EXPECT_EQ(l.kernel[2], -50);  // -0.5 / 0.01
    // Unit 1's weights are all zero: scale 1 (any scale would do), weights 0.
    EXPECT_EQ(l.kernel_scale[1], 1.0f);
    EXPECT_EQ(l.kernel[1], 0);
    EXPECT_EQ(l.kernel[3], 0);
    // Bias 0.1 at scale 0.01 * 0.01 = 1e-4: 1000.
    EXPECT_EQ(l.bias[0], 1000);
    // Unit 0 after relu: rows give 1.27 * -1 - 0.5 * 0.25 + 0.1 -> 0 and 1.55 * 1.27 - 0.25 +
    // 0.1 = 1.8185; unit 1 is always 0. The output tensor [0, 1.8185]: zero point -128.
    EXPECT_EQ(l.sums.zero_point, -128);
    EXPECT_NEAR(l.sums.scale, 1.8185f / 255.0f, 1e-7f);
    // Its multiplier: 0.01 * 0.01 / (1.8185 / 255) = 0.0140225...
    EXPECT_NEAR(std::ldexp(static_cast<double>(l.multiplier[0]), l.shift[0] - 31), 0.0140225, 1e-6);
    EXPECT_EQ(l.lo, -128);  // relu: the q of 0.0 is the zero point
    // The all-zero unit outputs its zero point, i.e. exactly 0.0, for every input.
    std::vector<std::int8_t> x8;
    q.predict({0.3f, 0.4f}, &x8);
    EXPECT_EQ(x8[0], 2);  // -28 + 30
    EXPECT_EQ(x8[1], 12);
}

TEST(Quantize, ConstantColumnsAndAnAllZeroTensor) {
    const model m = parse_model(tiny, "tiny.json");
    // Column 1 is constant (0.5): the input tensor's range is that of both columns, [0, 2.55].
    const int8_model q = quantize_model(m, rows(2, {0.0f, 0.5f, 2.55f, 0.5f}), "d.csv");
    EXPECT_FLOAT_EQ(q.input.scale, 0.01f);
    EXPECT_EQ(q.input.zero_point, -128);
    // All inputs 0: the range [0, 0] gets scale 1, zero point -128, and 0.0 stays exact.
    const int8_model z = quantize_model(m, rows(2, {0.0f, 0.0f, 0.0f, 0.0f}), "d.csv");
    EXPECT_EQ(z.input.scale, 1.0f);
    EXPECT_EQ(z.input.zero_point, -128);
    std::vector<std::int8_t> x8;
    z.predict({0.0f, 0.0f}, &x8);
    EXPECT_EQ(x8[0], -128);
}

TEST(Quantize, AnActivationWithoutAnInt8FormIsAnErrorNamingTheLayer) {
    std::string text = tiny;
    text.replace(text.find("\"sigmoid\""), 9, "\"elu\"");
    const model m = parse_model(text, "tiny.json");
    try {
        quantize_model(m, rows(2, {0.0f, 0.0f}), "d.csv");
        ADD_FAILURE() << "no error";
    } catch (const error& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("layer 2"), std::string::npos) << what;
        EXPECT_NE(what.find("\"elu\""), std::string::npos) << what;
        EXPECT_NE(what.find("linear, relu, relu6, sigmoid, tanh, softmax"), std::string::npos);
    }
}

// IRIS-8 quantized on the 100 Versicolor / Virginica rows.
model iris8_int8() {
    model m = load_model("iris8");
    const dataset iris = iris_data();
    dataset d = rows(4, {});
    for (std::size_t r = 50; r < 150; ++r) d.x.insert(d.x.end(), iris.row(r), iris.row(r) + 4);
    d.labels.assign(100, "");
    m.int8 = std::make_shared<int8_model>(quantize_model(m, d, "iris.csv"));
    return m;
}

TEST(Quantize, Iris8Int8OutputsStayWithinNineStepsOfFloat) {
    // The output step is 1/256 (the sigmoid's fixed scale); rounding the output costs up to
    // half a step. The larger part comes from layer 2: its sums, calibrated over [-17.3, 16.0],
    // are int8 in steps of 0.13, and its sigmoid (slope <= 1/4) turns one such step into up
    // to 0.033 = 8.4 output steps of 1/256 downstream. Measured over the 100 calibration rows:
    // at most 8.6 steps, 0.42 on average (the output rounding alone averages 0.25).
    const model m = iris8_int8();
    const dataset iris = iris_data();
    double worst = 0.0, sum = 0.0;
    for (std::size_t r = 50; r < iris.rows(); ++r) {
        const std::vector<float> raw(iris.row(r), iris.row(r) + 4);
        const double d = 256.0 * std::fabs(m.int8->predict_float(raw)[0] - m.predict(raw)[0]);
        worst = std::max(worst, d);
        sum += d;
    }
    EXPECT_LE(worst, 9.0);
    EXPECT_LE(sum / 100.0, 0.5);
    std::printf("IRIS-8 int8 vs float: at most %.2f, on average %.2f output steps (1/256)\n", worst,
                sum / 100.0);
}

TEST(Quantize, ModelFileRoundTripAndItsChecks) {
    const model m = iris8_int8();
    const std::string text = model_to_json(m);
    const model back = parse_model(text, "iris8.int8.json");
    ASSERT_TRUE(back.int8);
    EXPECT_EQ(back.int8->predict({6.8f, 2.8f, 4.8f, 1.4f}),
              m.int8->predict({6.8f, 2.8f, 4.8f, 1.4f}));
    EXPECT_EQ(model_to_json(back), text);
    // A changed multiplier no longer matches the scales.
    std::string bad = text;
    bad.replace(bad.find("\"multiplier\": [") + 15, 1, "1");
    EXPECT_THROW(parse_model(bad, "bad.json"), error);
    // A changed int8 self-test output fails the exact comparison.
    const std::size_t out = text.find("\"output\": [", text.find("\"int8\"")) + 11;
    bad = text;
    bad.replace(out, text.find(']', out) - out, std::to_string(m.int8->test_outputs[0][0] + 1));
    try {
        parse_model(bad, "bad.json");
        ADD_FAILURE() << "no error";
    } catch (const error& e) {
        EXPECT_NE(std::string(e.what()).find("int8 self-test failed"), std::string::npos)
            << e.what();
    }
}

}  // namespace
