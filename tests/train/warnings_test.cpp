// The baseline of the "not learning" warning against hand-computed values: the loss of the
// best constant answer is the entropy of the class shares (cross-entropy) or the targets'
// variance (mean squared error).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "train/warnings.hpp"

namespace {

using anne::constant_answer_loss;
using anne::loss_kind;

TEST(TrainingWarnings, ConstantAnswerLossIsTheEntropyOfTheClassShares) {
    const std::vector<float> binary = {0, 1, 1, 0};  // shares 1/2, 1/2: ln 2
    EXPECT_NEAR(constant_answer_loss(loss_kind::binary_crossentropy, binary.data(), 4, 1),
                std::log(2.0), 1e-6);
    const std::vector<float> skewed = {1, 0, 0, 0};  // 1/4, 3/4: -(1/4 ln 1/4 + 3/4 ln 3/4)
    EXPECT_NEAR(constant_answer_loss(loss_kind::binary_crossentropy, skewed.data(), 4, 1),
                0.25 * std::log(4.0) + 0.75 * std::log(4.0 / 3.0), 1e-6);
    const std::vector<float> onehot = {1, 0, 0, 0, 1, 0, 0, 0, 1};  // 3 classes, 1/3 each
    EXPECT_NEAR(constant_answer_loss(loss_kind::categorical_crossentropy, onehot.data(), 3, 3),
                std::log(3.0), 1e-6);
    const std::vector<float> sparse = {0, 1, 2};
    EXPECT_NEAR(
        constant_answer_loss(loss_kind::sparse_categorical_crossentropy, sparse.data(), 3, 3),
        std::log(3.0), 1e-6);
}

TEST(TrainingWarnings, ConstantAnswerLossIsTheVarianceForMeanSquaredError) {
    const std::vector<float> t = {1, 3, 5, 7};  // mean 4, squares 9 + 1 + 1 + 9 over 4
    EXPECT_NEAR(constant_answer_loss(loss_kind::mean_squared_error, t.data(), 4, 1), 5.0, 1e-6);
}

}  // namespace
