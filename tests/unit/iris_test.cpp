// The papers' test split, derived from data/iris.csv, against FACTS.md §1.
#include <gtest/gtest.h>

#include <cmath>

#include "iris.hpp"
#include "model.hpp"

namespace {

TEST(Iris, DataSetAndSplit) {
    const anne::dataset iris = anne::iris_data();
    ASSERT_EQ(iris.rows(), 150u);
    ASSERT_EQ(iris.features.size(), 4u);
    const anne::labelled_samples s = anne::iris_test_split(iris);
    const std::size_t labels[20] = {0, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0};
    ASSERT_EQ(s.y.size(), 20u);
    for (std::size_t i = 0; i < 20; ++i) EXPECT_EQ(s.y[i], labels[i]) << "sample " << i;
    EXPECT_EQ(s.x[0], (std::vector<float>{6.8f, 2.8f, 4.8f, 1.4f}));   // row 76
    EXPECT_EQ(s.x[11], (std::vector<float>{5.8f, 2.7f, 5.1f, 1.9f}));  // row 101
}

// Mean and population std over Versicolor + Virginica, as published, and as the model files store.
TEST(Iris, StandardizationFromTheData) {
    std::vector<float> mean, std;
    anne::iris_standardization(anne::iris_data(), mean, std);
    const float want_mean[4] = {6.262f, 2.872f, 4.906f, 1.676f};
    const float want_std[4] = {0.65951194f, 0.33108307f, 0.82144020f, 0.42263933f};
    const anne::model m = anne::load_model("iris8");
    for (int i = 0; i < 4; ++i) {
        EXPECT_NEAR(mean[i], want_mean[i], 1e-6f);
        EXPECT_NEAR(std[i], want_std[i], 1e-7f);
        EXPECT_EQ(m.pre.mean[i], want_mean[i]);
        EXPECT_EQ(m.pre.stddev[i], want_std[i]);
    }
    // Re-standardizing row 76 gives the papers' standardized first sample.
    float x[4];
    m.pre.apply(anne::iris_test_split(anne::iris_data()).x[0].data(), x, 4);
    EXPECT_NEAR(x[0], 0.81575f, 1e-5f);
    EXPECT_NEAR(x[3], -0.65304f, 1e-5f);
}

}  // namespace
