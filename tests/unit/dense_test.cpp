// The neuron and the dense layer against arrays small enough to check by hand, and the fast
// loop order against the neuron-by-neuron reference.
#include <gtest/gtest.h>
#include <anne/dense.hpp>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

namespace {

// x = [1, 2]; W = [[1, 2, 3],      (2 inputs, 3 units, as Keras stores it)
//                  [4, 5, -6]];  b = [0.5, -12, 0]
// z = x W + b = [1 + 8 + 0.5, 2 + 10 - 12, 3 - 12 + 0] = [9.5, 0, -9]
const float x[2] = {1.0f, 2.0f};
const float kernel[6] = {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, -6.0f};
const float bias[3] = {0.5f, -12.0f, 0.0f};

TEST(Dense, NeuronIsWeightedSumThroughActivation) {
    // Neuron 0 reads column 0 of the kernel: weights 1 and 4.
    EXPECT_EQ(anne::weighted_sum(x, 2, kernel + 0, 3, 0.5f), 9.5f);
    EXPECT_EQ(anne::neuron(x, 2, kernel + 2, 3, 0.0f, anne::activations::relu, 0.0f), 0.0f);
}

TEST(Dense, HandCheckedLayer) {
    const anne::layer l{3, &anne::activations::relu, 0.0f, true};
    float z[3], y[3];
    anne::dense_forward(l, 2, kernel, bias, x, z, y);
    const float want_z[3] = {9.5f, 0.0f, -9.0f}, want_y[3] = {9.5f, 0.0f, 0.0f};
    for (int j = 0; j < 3; ++j) {
        EXPECT_EQ(z[j], want_z[j]);
        EXPECT_EQ(y[j], want_y[j]);
    }
    // Without a bias: z = x W = [9, 12, -9]; leaky slope 0.5 halves the negative one.
    const anne::layer nb{3, &anne::activations::leaky_relu, 0.5f, false};
    anne::dense_forward(nb, 2, kernel, nullptr, x, nullptr, y);
    EXPECT_EQ(y[0], 9.0f);
    EXPECT_EQ(y[1], 12.0f);
    EXPECT_EQ(y[2], -4.5f);
}

TEST(Dense, FastLoopEqualsNeuronByNeuronBitForBit) {
    std::mt19937 rng(7);
    std::uniform_real_distribution<float> u(-3.0f, 3.0f);
    for (int trial = 0; trial < 200; ++trial) {
        const std::size_t in = 1 + rng() % 40, units = 1 + rng() % 40;
        const bool use_bias = trial % 3 != 0;
        std::vector<float> w(in * units), b(units), xs(in), fast(units), slow(units);
        for (float& v : w) v = u(rng);
        for (float& v : b) v = u(rng);
        for (float& v : xs) v = u(rng);
        const anne::activation* f = anne::activations::builtin[trial % 15];  // all but softmax
        const anne::layer l{units, f, 0.2f, use_bias};
        anne::dense_forward(l, in, w.data(), b.data(), xs.data(), nullptr, fast.data());
        anne::dense_forward_by_neuron(l, in, w.data(), b.data(), xs.data(), slow.data());
        EXPECT_EQ(0, std::memcmp(fast.data(), slow.data(), units * sizeof(float)))
            << f->name << " " << in << "x" << units;
    }
}

}  // namespace
