// The training examples of the sources, reproduced with the core (FACTS.md §2 and §3).
#include <gtest/gtest.h>
#include <anne/init.hpp>
#include <anne/metrics.hpp>
#include <anne/train.hpp>

#include <vector>

#include "iris.hpp"
#include "model.hpp"

namespace {

// The original AI-ANNE self-learning example: 4 -> 3 relu -> 1 sigmoid, weights and biases
// uniform(-0.5, 0.5), binary cross-entropy, per-sample gradient descent with lr 0.05, 100
// epochs over the papers' 20-row standardized test split (it trains on that set).
TEST(Sources, SelfLearningExampleReaches90Percent) {
    const anne::model iris8 = anne::load_model("iris8");  // for the standardization
    const anne::labelled_samples split = anne::iris_test_split(anne::iris_data());
    std::vector<float> x, t;
    for (std::size_t i = 0; i < split.x.size(); ++i) {
        float s[4];
        iris8.pre.apply(split.x[i].data(), s, 4);
        x.insert(x.end(), s, s + 4);
        t.push_back(static_cast<float>(split.y[i]));
    }
    const anne::layer layers[] = {{3, &anne::activations::relu, 0, true},
                                  {1, &anne::activations::sigmoid, 0, true}};
    float params[19];
    const anne::network n{4, layers, 2, params};
    const anne::optimizer o = anne::sgd(0.05f);
    float arena[64];
    anne::training_buffers b{};
    ASSERT_EQ(anne::make_training_buffers(n, o, arena, 64, b), anne::status::ok);
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        anne::random rng(seed);
        anne::uniform_init(n, params, rng, -0.5f, 0.5f);
        for (int epoch = 0; epoch < 100; ++epoch)
            for (std::size_t s = 0; s < 20; ++s)
                anne::train_step(n, params, anne::loss_kind::binary_crossentropy, o, b, &x[s * 4],
                                 &t[s], 1, nullptr);
        std::uint32_t counts[4];
        anne::confusion_matrix cm(counts, 2);
        float y[1], scratch[6];
        for (std::size_t s = 0; s < 20; ++s) {
            anne::predict(n, &x[s * 4], y, scratch, 6);
            cm.add(split.y[s], anne::decide(y, 1));
        }
        EXPECT_GE(cm.accuracy(), 0.9f) << "seed " << seed;
    }
}

// Lenoir (2021): network (3, 4, 2), sigmoid everywhere, no biases, per-sample updates with
// learning rate 1 on the mean squared error, 1000 epochs; s1 s2 with s2 = i3 XOR (i1 AND i2).
TEST(Sources, MicroPythonNeuralNetworkPaperLearnsAllRows) {
    const float table[8][5] = {{0, 0, 0, 1, 0}, {0, 0, 1, 0, 1}, {0, 1, 1, 0, 1}, {0, 1, 0, 1, 0},
                               {1, 1, 0, 0, 1}, {1, 1, 1, 1, 0}, {1, 0, 1, 0, 1}, {1, 0, 0, 1, 0}};
    const anne::layer layers[] = {{4, &anne::activations::sigmoid, 0, false},
                                  {2, &anne::activations::sigmoid, 0, false}};
    float params[20];
    const anne::network n{3, layers, 2, params};
    // The paper's rule W += H^T (S - O) O (1 - O) is SGD with lr 1 on sum-of-squares / 2;
    // Keras's MSE averages over the 2 outputs and doubles: (O - S) per output, the same.
    const anne::optimizer o = anne::sgd(1.0f);
    float arena[64];
    anne::training_buffers b{};
    ASSERT_EQ(anne::make_training_buffers(n, o, arena, 64, b), anne::status::ok);
    anne::random rng(42);
    anne::uniform_init(n, params, rng, -1.0f, 1.0f);
    for (int epoch = 0; epoch < 1000; ++epoch)
        for (const auto& row : table)
            anne::train_step(n, params, anne::loss_kind::mean_squared_error, o, b, row, row + 3, 1,
                             nullptr);
    for (const auto& row : table) {
        float y[2], scratch[8];
        anne::predict(n, row, y, scratch, 8);
        EXPECT_EQ(y[0] > 0.5f, row[3] > 0.5f);
        EXPECT_EQ(y[1] > 0.5f, row[4] > 0.5f);
    }
}

}  // namespace
