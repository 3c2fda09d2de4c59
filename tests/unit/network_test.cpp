// The sequential network over one parameter buffer, and the papers' IRIS results.
#include <gtest/gtest.h>
#include <anne/metrics.hpp>
#include <anne/network.hpp>

#include <cmath>
#include <cstring>
#include <vector>

#include "iris.hpp"
#include "model.hpp"

namespace {

TEST(Network, SizesAndOffsets) {
    const anne::model m = anne::load_model("iris8");  // 4 -> 2 -> 3 -> 2 -> 1
    const anne::network n = m.net();
    EXPECT_EQ(anne::parameter_count(n), 30u);  // 4*2+2 + 2*3+3 + 3*2+2 + 2*1+1
    EXPECT_EQ(anne::layer_offset(n, 1), 10u);
    EXPECT_EQ(anne::layer_offset(n, 3), 27u);
    EXPECT_EQ(anne::unit_count(n), 8u);
    EXPECT_EQ(anne::max_width(n), 3u);
    EXPECT_EQ(anne::predict_scratch_size(n), 6u);
    EXPECT_EQ(anne::output_count(n), 1u);
    EXPECT_EQ(anne::layer_bias(n, 3)[0], -1.2177287f);
    EXPECT_EQ(anne::check(n), anne::status::ok);
}

TEST(Network, ChecksAndStatusCodes) {
    const anne::layer bad[] = {{0, &anne::activations::relu, 0, true}};
    const float p[1] = {0};
    EXPECT_EQ(anne::check({2, bad, 1, p}), anne::status::shape_mismatch);
    const anne::layer none[] = {{1, nullptr, 0, true}};
    EXPECT_EQ(anne::check({2, none, 1, p}), anne::status::unknown_activation);
    EXPECT_EQ(anne::check({0, none, 1, p}), anne::status::invalid_argument);
    const anne::model m = anne::load_model("iris8");
    float x[4] = {}, y[1], scratch[5];
    EXPECT_EQ(anne::predict(m.net(), x, y, scratch, 5), anne::status::buffer_too_small);
}

// The papers' first sample (row 76, 6.8 2.8 4.8 1.4) gives 0.21977696 in float32.
TEST(Network, Iris8FirstSampleAsPublished) {
    const anne::model m = anne::load_model("iris8");
    EXPECT_NEAR(m.predict({6.8f, 2.8f, 4.8f, 1.4f})[0], 0.21977696f, 1e-7f);
}

// forward() keeps every layer's values; its output equals predict()'s bit for bit.
TEST(Network, ForwardKeepsEveryLayerAndAgreesWithPredict) {
    const anne::model m = anne::load_model("iris8");
    const anne::network n = m.net();
    const float x[4] = {0.815755f, -0.217468f, -0.129042f, -0.653039f};
    float zs[8], ys[8], y[1], scratch[6];
    anne::forward(n, x, zs, ys);
    anne::predict(n, x, y, scratch, 6);
    EXPECT_EQ(0, std::memcmp(&ys[7], y, sizeof(float)));
    // Layer 1, unit 1 by hand: relu(x . W1[:,0] + b1[0]).
    const float* w = anne::layer_kernel(n, 0);
    float z = 0;
    for (int i = 0; i < 4; ++i) z += x[i] * w[i * 2];
    z += 0.53405946f;
    EXPECT_EQ(zs[0], z);
    EXPECT_EQ(ys[0], z > 0 ? z : 0);
}

struct iris_result {
    std::uint32_t tn, fp, fn, tp;
};

iris_result score(const anne::model& m) {
    const anne::labelled_samples split = anne::iris_test_split(anne::iris_data());
    std::uint32_t counts[4];
    anne::confusion_matrix cm(counts, 2);
    for (std::size_t i = 0; i < split.x.size(); ++i)
        cm.add(split.y[i], m.decide(m.predict(split.x[i])));
    return {cm.true_negatives(), cm.false_positives(), cm.false_negatives(), cm.true_positives()};
}

anne::model with_activations(anne::model m, const std::vector<std::string>& names) {
    for (std::size_t k = 0; k < names.size(); ++k) m.layers[k].activation = names[k];
    m.bind();
    return m;
}

// FACTS.md §1: the confusion matrices of both networks and both papers' activations.
TEST(Network, IrisConfusionMatricesAsPublished) {
    const anne::model iris8 = anne::load_model("iris8"), iris6 = anne::load_model("iris6");
    auto expect = [](const iris_result& r, std::uint32_t tn, std::uint32_t fp, std::uint32_t fn,
                     std::uint32_t tp) {
        EXPECT_EQ(r.tn, tn);
        EXPECT_EQ(r.fp, fp);
        EXPECT_EQ(r.fn, fn);
        EXPECT_EQ(r.tp, tp);
    };
    expect(score(iris8), 8, 2, 0, 10);  // 90 %
    expect(score(with_activations(iris8, {"relu", "tanh", "softmax", "sigmoid"})), 8, 2, 0, 10);
    expect(score(iris6), 9, 1, 0, 10);  // 95 %
    expect(score(with_activations(iris6, {"relu", "sigmoid", "sigmoid"})), 8, 2, 0, 10);
}

}  // namespace
