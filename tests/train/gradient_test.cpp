// Backpropagation against finite differences, for every activation with every loss.
#include <gtest/gtest.h>
#include <anne/init.hpp>
#include <anne/train.hpp>

#include <cmath>
#include <string>
#include <vector>

namespace {

// Copies of sigmoid and softmax under other names that do not claim the combined loss
// gradient (their records' combined_gradient): the same functions on the chained path.
const anne::activation chained_sigmoid = [] {
    anne::activation a = anne::activations::sigmoid;
    a.name = "sigmoid_chained";
    a.combined_gradient = anne::activation::combined::none;
    return a;
}();
const anne::activation chained_softmax = [] {
    anne::activation a = anne::activations::softmax;
    a.name = "softmax_chained";
    a.combined_gradient = anne::activation::combined::none;
    return a;
}();

struct loss_case {
    const char* name;
    anne::loss_kind loss;
    const anne::activation* output;
    std::size_t units;
};

const loss_case loss_cases[] = {
    {"bce+sigmoid (combined)", anne::loss_kind::binary_crossentropy, &anne::activations::sigmoid,
     2},
    {"bce+sigmoid (chained)", anne::loss_kind::binary_crossentropy, &chained_sigmoid, 2},
    {"bce from logits", anne::loss_kind::binary_crossentropy_from_logits,
     &anne::activations::linear, 1},
    {"cce+softmax (combined)", anne::loss_kind::categorical_crossentropy,
     &anne::activations::softmax, 3},
    {"cce+softmax (chained)", anne::loss_kind::categorical_crossentropy, &chained_softmax, 3},
    {"sparse cce+softmax", anne::loss_kind::sparse_categorical_crossentropy,
     &anne::activations::softmax, 3},
    {"mse+linear", anne::loss_kind::mean_squared_error, &anne::activations::linear, 2},
    {"mse+tanh", anne::loss_kind::mean_squared_error, &anne::activations::tanh, 2},
};

// The loss of one sample, in float, with the given parameters.
float loss_at(const anne::network& n, anne::loss_kind loss, const float* x, const float* t,
              anne::training_buffers& b) {
    std::vector<float> saved(b.grads, b.grads + anne::parameter_count(n));
    const float v = anne::accumulate_gradients(n, loss, x, t, b);
    std::copy(saved.begin(), saved.end(), b.grads);
    return v;
}

// Network 3 -> 4 (hidden) -> 4 (hidden) -> units (output), every parameter checked by central
// differences (L(w + h) - L(w - h)) / 2h.
void check_gradients(const anne::activation& hidden, const loss_case& c, std::uint64_t seed) {
    const anne::layer layers[] = {
        {4, &hidden, 0.3f, true}, {4, &hidden, 0.3f, false}, {c.units, c.output, 0.0f, true}};
    anne::network n{3, layers, 3, nullptr};
    std::vector<float> params(anne::parameter_count(n));
    anne::random rng(seed);
    anne::uniform_init(n, params.data(), rng, -1.0f, 1.0f);
    n.params = params.data();
    const float x[3] = {0.7f, -1.3f, 0.4f};
    const float t_multi[3] = {0.0f, 1.0f, 0.0f}, t_binary[2] = {1.0f, 0.0f},
                t_values[2] = {0.3f, -0.8f};
    const float t_sparse[1] = {2.0f};
    const float* t = c.loss == anne::loss_kind::sparse_categorical_crossentropy ? t_sparse
                     : c.units == 3                                             ? t_multi
                     : c.loss == anne::loss_kind::mean_squared_error            ? t_values
                                                                                : t_binary;
    const anne::optimizer o = anne::sgd();
    std::vector<float> arena(anne::training_arena_size(n, o));
    anne::training_buffers b{};
    ASSERT_EQ(anne::make_training_buffers(n, o, arena.data(), arena.size(), b), anne::status::ok);
    std::fill(b.grads, b.grads + params.size(), 0.0f);
    anne::accumulate_gradients(n, c.loss, x, t, b);
    const std::vector<float> analytic(b.grads, b.grads + params.size());
    const double base = loss_at(n, c.loss, x, t, b);
    std::size_t kinks = 0;
    for (std::size_t i = 0; i < params.size(); ++i) {
        const float w = params[i], h = 1e-3f;
        params[i] = w + h;
        const double up = loss_at(n, c.loss, x, t, b);
        params[i] = w - h;
        const double down = loss_at(n, c.loss, x, t, b);
        params[i] = w;
        const double numeric = (up - down) / (2.0 * h);
        const double tolerance = 3e-3 + 3e-3 * std::fabs(numeric);
        // A step across a kink (relu at 0, elu with alpha != 1) shows as one-sided slopes
        // that disagree; there the central difference means nothing.
        if (std::fabs((up - base) / h - (base - down) / h) > 2 * tolerance) {
            ++kinks;
            continue;
        }
        EXPECT_NEAR(analytic[i], numeric, tolerance)
            << hidden.name << " with " << c.name << ", parameter " << i;
    }
    EXPECT_LE(kinks, params.size() / 10) << hidden.name << " with " << c.name;
}

TEST(Gradients, EveryActivationWithEveryLossMatchesFiniteDifferences) {
    std::uint64_t seed = 1;
    for (const anne::activation* hidden : anne::activations::builtin) {
        // relu-like kinks are at 0; the random weights and inputs keep every z away from them
        // by more than the step h for these seeds (a failure names the parameter).
        for (const loss_case& c : loss_cases) check_gradients(*hidden, c, seed++);
    }
}

// The combined gradients (sigmoid + BCE, softmax + CCE) equal the chained ones where both are
// exact.
TEST(Gradients, CombinedEqualsChained) {
    const float z[3] = {0.4f, -1.1f, 2.0f};
    float y[3], dz_combined[3], dz_chained[3], scratch[3];
    const float t[3] = {0.0f, 1.0f, 0.0f};
    anne::softmax(z, y, 3);
    const float a =
        anne::output_gradient(anne::loss_kind::categorical_crossentropy, anne::activations::softmax,
                              0, z, y, t, 3, dz_combined, scratch);
    const float b = anne::output_gradient(anne::loss_kind::categorical_crossentropy,
                                          chained_softmax, 0, z, y, t, 3, dz_chained, scratch);
    EXPECT_NEAR(a, b, 1e-6f);
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(dz_combined[i], dz_chained[i], 1e-6f);
    for (int i = 0; i < 3; ++i) y[i] = anne::sigmoid(z[i]);
    const float c =
        anne::output_gradient(anne::loss_kind::binary_crossentropy, anne::activations::sigmoid, 0,
                              z, y, t, 3, dz_combined, scratch);
    const float d = anne::output_gradient(anne::loss_kind::binary_crossentropy, chained_sigmoid, 0,
                                          z, y, t, 3, dz_chained, scratch);
    EXPECT_NEAR(c, d, 1e-6f);
    for (int i = 0; i < 3; ++i) EXPECT_NEAR(dz_combined[i], dz_chained[i], 1e-6f);
}

// Saturated outputs: the combined forms stay finite and keep a useful gradient.
TEST(Gradients, SaturatedOutputsStayFinite) {
    const float z[2] = {-200.0f, 200.0f}, t[2] = {1.0f, 0.0f};
    float y[2], dz[2], scratch[2];
    for (int i = 0; i < 2; ++i) y[i] = anne::sigmoid(z[i]);
    const float l = anne::output_gradient(anne::loss_kind::binary_crossentropy,
                                          anne::activations::sigmoid, 0, z, y, t, 2, dz, scratch);
    EXPECT_FLOAT_EQ(l, 200.0f);  // mean of 200 and 200: far beyond the clipped 16.1
    EXPECT_FLOAT_EQ(dz[0], -0.5f);
    EXPECT_FLOAT_EQ(dz[1], 0.5f);
}

// Hand-computed loss values.
TEST(Losses, HandComputedValues) {
    const float p[2] = {0.8f, 0.4f}, t[2] = {1.0f, 0.0f};
    // -(ln 0.8 + ln 0.6) / 2 = 0.36698
    EXPECT_NEAR(anne::binary_crossentropy(p, t, 2), 0.366985f, 1e-6f);
    EXPECT_NEAR(anne::mean_squared_error(p, t, 2), (0.04f + 0.16f) / 2, 1e-7f);
    const float q[3] = {0.2f, 0.5f, 0.3f}, one_hot[3] = {0, 1, 0};
    EXPECT_NEAR(anne::categorical_crossentropy(q, one_hot, 3), 0.693147f, 1e-6f);  // -ln 0.5
    const float zero[1] = {0.0f}, one[1] = {1.0f};
    EXPECT_NEAR(anne::binary_crossentropy(zero, one, 1), 16.118095f, 1e-4f);  // -ln 1e-7
}

TEST(Memory, TrainingMemoryOfTheSelfLearningNetwork) {
    // 4 -> 3 relu -> 1 sigmoid: 19 parameters, 4 units, widest layer 3.
    const anne::layer layers[] = {{3, &anne::activations::relu, 0, true},
                                  {1, &anne::activations::sigmoid, 0, true}};
    const anne::network n{4, layers, 2, nullptr};
    // grads 19 + zs 4 + ys 4 + deltas 6 = 33 floats for plain SGD; Adam adds 2 + 38.
    EXPECT_EQ(anne::training_memory_bytes(n, anne::sgd(0.05f)), 33u * 4);
    EXPECT_EQ(anne::training_memory_bytes(n, anne::adam()), 73u * 4);
    EXPECT_EQ(anne::training_memory_bytes(n, anne::sgd(0.05f, 0.9f)), 52u * 4);
}

}  // namespace
