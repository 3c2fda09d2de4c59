// The confusion matrix and its measures on counts computed by hand.
#include <gtest/gtest.h>
#include <anne/metrics.hpp>

#include <cstdint>

namespace {

TEST(Metrics, BinaryConfusionMatrix) {
    std::uint32_t counts[4];
    anne::confusion_matrix cm(counts, 2);
    // truth, predicted: 3 TP, 1 FN, 2 FP, 4 TN
    const int pairs[][2] = {{1, 1}, {1, 1}, {1, 1}, {1, 0}, {0, 1},
                            {0, 1}, {0, 0}, {0, 0}, {0, 0}, {0, 0}};
    for (const auto& p : pairs) ASSERT_EQ(cm.add(p[0], p[1]), anne::status::ok);
    EXPECT_EQ(cm.true_positives(), 3u);
    EXPECT_EQ(cm.false_negatives(), 1u);
    EXPECT_EQ(cm.false_positives(), 2u);
    EXPECT_EQ(cm.true_negatives(), 4u);
    EXPECT_FLOAT_EQ(cm.accuracy(), 0.7f);    // 7 / 10
    EXPECT_FLOAT_EQ(cm.precision(1), 0.6f);  // 3 / (3 + 2)
    EXPECT_FLOAT_EQ(cm.recall(1), 0.75f);    // 3 / (3 + 1)
    EXPECT_FLOAT_EQ(cm.f1(1), 2.0f * 0.6f * 0.75f / 1.35f);
    // Class 0 as the positive one swaps the roles.
    EXPECT_EQ(cm.true_positives(0), 4u);
    EXPECT_EQ(cm.false_positives(0), 1u);
    EXPECT_EQ(cm.add(2, 0), anne::status::invalid_argument);
}

TEST(Metrics, MultiClassConfusionMatrix) {
    std::uint32_t counts[9];
    anne::confusion_matrix cm(counts, 3);
    // rows = truth:  [[5, 1, 0],
    //                 [2, 3, 1],
    //                 [0, 0, 4]]
    const std::uint32_t m[3][3] = {{5, 1, 0}, {2, 3, 1}, {0, 0, 4}};
    for (int t = 0; t < 3; ++t)
        for (int p = 0; p < 3; ++p)
            for (std::uint32_t k = 0; k < m[t][p]; ++k) cm.add(t, p);
    EXPECT_EQ(cm.total(), 16u);
    EXPECT_FLOAT_EQ(cm.accuracy(), 12.0f / 16.0f);
    EXPECT_FLOAT_EQ(cm.precision(0), 5.0f / 7.0f);
    EXPECT_FLOAT_EQ(cm.recall(1), 3.0f / 6.0f);
    EXPECT_FLOAT_EQ(cm.precision(2), 4.0f / 5.0f);
    EXPECT_FLOAT_EQ(cm.recall(2), 1.0f);
    const float f0 = 2.0f * (5.0f / 7) * (5.0f / 6) / (5.0f / 7 + 5.0f / 6);
    const float f1 = 2.0f * (3.0f / 4) * (3.0f / 6) / (3.0f / 4 + 3.0f / 6);
    const float f2 = 2.0f * (4.0f / 5) * 1.0f / (4.0f / 5 + 1.0f);
    EXPECT_FLOAT_EQ(cm.macro_f1(), (f0 + f1 + f2) / 3.0f);
}

TEST(Metrics, EmptyClassesGiveZeroNotNan) {
    std::uint32_t counts[4];
    anne::confusion_matrix cm(counts, 2);
    EXPECT_EQ(cm.accuracy(), 0.0f);
    cm.add(0, 0);
    EXPECT_EQ(cm.precision(1), 0.0f);
    EXPECT_EQ(cm.f1(1), 0.0f);
}

TEST(Metrics, Decide) {
    const float low[1] = {0.4f}, high[1] = {0.6f}, edge[1] = {0.5f}, many[3] = {0.1f, 0.7f, 0.2f};
    EXPECT_EQ(anne::decide(low, 1), 0u);
    EXPECT_EQ(anne::decide(high, 1), 1u);
    EXPECT_EQ(anne::decide(edge, 1), 0u);  // Keras: y > threshold
    EXPECT_EQ(anne::decide(many, 3), 1u);
}

}  // namespace
