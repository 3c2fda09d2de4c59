// The neuron and the dense layer against arrays small enough to check by hand, and the fast
// loop order against the neuron-by-neuron reference.
#include <gtest/gtest.h>
#include <anne/dense.hpp>

#include <cmath>
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

// anne::weighted_sums (the exported code's layers, sizes fixed at compile time) starts each sum
// at x_0 W[0][j] instead of 0: the same bits as dense_forward, signed zeros included, for any
// bias but -0 (which `anne export` writes as +0).
template <std::size_t in, std::size_t units>
void expect_same_sums(const float* xs, const float* w, const float* b) {
    const anne::layer l{units, &anne::activations::linear, 0.0f, b != nullptr};
    float core[units], fixed[units];
    anne::dense_forward(l, in, w, b, xs, nullptr, core);
    anne::weighted_sums<in, units>(xs, w, b, fixed);
    for (std::size_t j = 0; j < units; ++j) {
        std::uint32_t want, got;
        std::memcpy(&want, &core[j], 4);
        std::memcpy(&got, &fixed[j], 4);
        EXPECT_EQ(got, want) << in << "x" << units << " unit " << j;
    }
}

TEST(Dense, FixedSizeSumsEqualTheCoreBitForBit) {
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> u(-3.0f, 3.0f);
    float w[7 * 5], b[5], xs[7];
    for (int trial = 0; trial < 100; ++trial) {
        for (float& v : w) v = u(rng);
        for (float& v : b) v = u(rng);
        for (float& v : xs) v = u(rng);
        expect_same_sums<7, 5>(xs, w, trial % 2 ? b : nullptr);
        expect_same_sums<1, 3>(xs, w, b);
    }
    // Zero products: -0 * 1 = -0 and 1 * -0 = -0 sum to -0 from x_0 W[0][j] on, to +0 from 0;
    // adding the bias +0 (or 0 without one) gives +0 both ways.
    const float zx[2] = {-0.0f, 1.0f}, zw[2] = {1.0f, -0.0f}, zero_bias[1] = {0.0f};
    expect_same_sums<2, 1>(zx, zw, nullptr);
    expect_same_sums<2, 1>(zx, zw, zero_bias);
    float fixed[1];
    anne::weighted_sums<2, 1>(zx, zw, nullptr, fixed);
    EXPECT_FALSE(std::signbit(fixed[0]));
}

// anne::weighted_sums_lanes (predict_batch's layers: samples side by side) gives each sample
// weighted_sums' bits. 5 samples of 7 inputs, one of them all zeros with signs (-0 sums).
TEST(Dense, SumsOfSamplesSideBySideEqualEachSamplesBitForBit) {
    constexpr std::size_t in = 7, units = 3, lanes = 5;
    std::mt19937 rng(12);
    std::uniform_real_distribution<float> u(-3.0f, 3.0f);
    float w[in * units], b[units], xs[lanes][in], side_by_side[in * lanes], z[units * lanes];
    for (int trial = 0; trial < 100; ++trial) {
        for (float& v : w) v = u(rng);
        for (float& v : b) v = u(rng);
        for (std::size_t s = 0; s < lanes; ++s)
            for (std::size_t i = 0; i < in; ++i)
                xs[s][i] = s == 4 ? (i % 2 ? 0.0f : -0.0f) : u(rng);
        for (std::size_t s = 0; s < lanes; ++s)
            for (std::size_t i = 0; i < in; ++i) side_by_side[i * lanes + s] = xs[s][i];
        const float* bias_or_none = trial % 2 ? b : nullptr;
        anne::weighted_sums_lanes<in, units, lanes>(side_by_side, w, bias_or_none, z);
        for (std::size_t s = 0; s < lanes; ++s) {
            float one[units];
            anne::weighted_sums<in, units>(xs[s], w, bias_or_none, one);
            for (std::size_t j = 0; j < units; ++j) {
                std::uint32_t want, got;
                std::memcpy(&want, &one[j], 4);
                std::memcpy(&got, &z[j * lanes + s], 4);
                EXPECT_EQ(got, want) << "sample " << s << " unit " << j;
            }
        }
    }
}

}  // namespace
