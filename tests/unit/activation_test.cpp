// Activations against hand-computed values, their derivatives against finite differences, and
// the stability promise: no NaN or infinity for any finite input.
#include <gtest/gtest.h>
#include <anne/activation.hpp>
#include <anne/dense.hpp>
#include <anne/network.hpp>

#include <cfloat>
#include <cmath>
#include <vector>

namespace {

// Parameters used for the activations that take one (leaky slope, elu alpha, hard slope).
float alpha_for(const anne::activation& f) { return f.parameter ? 0.3f : 0.0f; }

TEST(Activation, HandComputedValues) {
    EXPECT_EQ(anne::relu(-2.0f), 0.0f);
    EXPECT_EQ(anne::relu(3.5f), 3.5f);
    EXPECT_EQ(anne::relu6(7.0f), 6.0f);
    EXPECT_EQ(anne::leaky_relu(-2.0f, 0.3f), -0.6f);
    EXPECT_EQ(anne::leaky_relu(2.0f, 0.3f), 2.0f);
    EXPECT_FLOAT_EQ(anne::sigmoid(0.0f), 0.5f);
    EXPECT_FLOAT_EQ(anne::sigmoid(2.0f), 0.880797078f);   // 1 / (1 + e^-2)
    EXPECT_FLOAT_EQ(anne::sigmoid(-2.0f), 0.119202922f);  // 1 - sigmoid(2)
    EXPECT_FLOAT_EQ(anne::tanh(0.5f), 0.462117157f);
    EXPECT_FLOAT_EQ(anne::elu(-1.0f, 1.0f), -0.632120559f);  // e^-1 - 1
    EXPECT_FLOAT_EQ(anne::selu(1.0f), 1.05070099f);
    EXPECT_FLOAT_EQ(anne::selu(-1.0f), -1.11133075f);  // 1.0507 * 1.6733 * (e^-1 - 1)
    EXPECT_FLOAT_EQ(anne::hard_sigmoid(1.0f, 0.2f), 0.7f);
    EXPECT_EQ(anne::hard_sigmoid(-3.0f, 0.2f), 0.0f);
    EXPECT_FLOAT_EQ(anne::softplus(0.0f), 0.693147181f);  // ln 2
    EXPECT_FLOAT_EQ(anne::softsign(3.0f), 0.75f);
    EXPECT_FLOAT_EQ(anne::swish(1.0f), 0.731058579f);      // 1 * sigmoid(1)
    EXPECT_FLOAT_EQ(anne::gelu(1.0f), 0.841344746f);       // Phi(1)
    EXPECT_FLOAT_EQ(anne::gelu_tanh(1.0f), 0.841191990f);  // the tanh approximation
    EXPECT_FLOAT_EQ(anne::mish(1.0f), 0.865098388f);       // tanh(ln(1 + e))
    const float z[3] = {1.0f, 2.0f, 3.0f};
    float y[3];
    anne::softmax(z, y, 3);  // e^(z - 3) / sum: [0.0900306, 0.2447285, 0.6652410]
    EXPECT_FLOAT_EQ(y[0], 0.0900305732f);
    EXPECT_FLOAT_EQ(y[1], 0.244728471f);
    EXPECT_FLOAT_EQ(y[2], 0.665240956f);
}

TEST(Activation, HandComputedDerivatives) {
    EXPECT_EQ(anne::relu_derivative(0.0f), 0.0f);  // Keras: 0 at the kink
    EXPECT_EQ(anne::relu_derivative(1.0f), 1.0f);
    EXPECT_EQ(anne::leaky_relu_derivative(-1.0f, 0.2f), 0.2f);
    EXPECT_FLOAT_EQ(anne::sigmoid_derivative(0.5f), 0.25f);  // y (1 - y) at z = 0
    EXPECT_FLOAT_EQ(anne::tanh_derivative(0.5f), 0.75f);     // 1 - y^2
    EXPECT_FLOAT_EQ(anne::softsign_derivative(1.0f), 0.25f);
    EXPECT_FLOAT_EQ(anne::elu_derivative(-1.0f, 2.0f), 0.735758882f);  // 2 e^-1
}

TEST(Activation, StableForExtremeInputs) {
    EXPECT_EQ(anne::sigmoid(-1000.0f), 0.0f);
    EXPECT_EQ(anne::sigmoid(1000.0f), 1.0f);
    EXPECT_EQ(anne::tanh(1000.0f), 1.0f);
    EXPECT_EQ(anne::tanh(-1000.0f), -1.0f);
    const float z[2] = {1000.0f, 1000.0f};
    float y[2];
    anne::softmax(z, y, 2);
    EXPECT_EQ(y[0], 0.5f);
    EXPECT_EQ(y[1], 0.5f);
    const float far[3] = {-1000.0f, 0.0f, 1000.0f};
    float y3[3];
    anne::softmax(far, y3, 3);
    EXPECT_EQ(y3[2], 1.0f);
}

// Every activation and derivative stays finite over a sweep of finite inputs, up to
// FLT_MAX / 2 (beyond, selu's exact value 1.0507 z is itself larger than any float).
TEST(Activation, NoNanOrInfinityForFiniteInputs) {
    std::vector<float> inputs = {0.0f, -0.0f, FLT_MIN, -FLT_MIN, FLT_MAX / 2, -FLT_MAX / 2};
    for (float v = 1e-6f; v < 1e38f; v *= 3.7f) {
        inputs.push_back(v);
        inputs.push_back(-v);
    }
    for (const anne::activation* f : anne::activations::builtin) {
        const float a = alpha_for(*f);
        for (float z : inputs) {
            float y, dy = 1.0f, dz;
            if (f->value) {
                y = f->value(z, a);
                dz = f->derivative(z, y, a);
            } else {
                const float zs[2] = {z, 0.0f};
                float ys[2], dys[2] = {1.0f, -1.0f}, dzs[2];
                f->forward(zs, ys, 2, a);
                f->backward(zs, ys, dys, dzs, 2, a);
                y = ys[0];
                dz = dzs[0];
            }
            EXPECT_TRUE(std::isfinite(y)) << f->name << "(" << z << ") = " << y;
            EXPECT_TRUE(std::isfinite(dz * dy)) << f->name << "'(" << z << ") = " << dz;
        }
    }
}

// f'(z) against the central difference (f(z + h) - f(z - h)) / 2h, evaluated in double from
// the float function, away from kinks.
TEST(Activation, DerivativesMatchFiniteDifferences) {
    const float points[] = {-3.1f, -1.2f, -0.4f, 0.3f, 0.9f, 2.2f, 4.7f};
    for (const anne::activation* f : anne::activations::builtin) {
        if (!f->value) continue;  // softmax: its own test below
        const float a = alpha_for(*f);
        for (float z : points) {
            const float h = 1e-2f;
            const double numeric =
                (static_cast<double>(f->value(z + h, a)) - f->value(z - h, a)) / (2.0 * h);
            const float analytic = f->derivative(z, f->value(z, a), a);
            EXPECT_NEAR(analytic, numeric, 2e-3 * (1.0 + std::fabs(numeric)))
                << f->name << " at z = " << z;
        }
    }
}

TEST(Activation, SoftmaxJacobianMatchesFiniteDifferences) {
    const float z[4] = {0.3f, -1.2f, 2.0f, 0.7f};
    const float dy[4] = {0.5f, -1.0f, 0.25f, 2.0f};  // a loss L = sum_i dy_i y_i
    float y[4], dz[4];
    anne::softmax(z, y, 4);
    anne::softmax_backward(y, dy, dz, 4);
    for (int i = 0; i < 4; ++i) {
        float zp[4], zm[4], yp[4], ym[4];
        for (int k = 0; k < 4; ++k) zp[k] = zm[k] = z[k];
        zp[i] += 1e-2f;
        zm[i] -= 1e-2f;
        anne::softmax(zp, yp, 4);
        anne::softmax(zm, ym, 4);
        double lp = 0, lm = 0;
        for (int k = 0; k < 4; ++k) lp += dy[k] * yp[k], lm += dy[k] * ym[k];
        EXPECT_NEAR(dz[i], (lp - lm) / 2e-2, 1e-3) << "unit " << i;
    }
}

// A user-defined activation: no library code changed, and it works in a layer and a network.
float cube(float z, float) { return z * z * z; }
float cube_derivative(float z, float, float) { return 3.0f * z * z; }
const anne::activation cube_activation{"cube",  "z^3", cube, cube_derivative, nullptr, nullptr,
                                       nullptr, false, 0.0f};

TEST(Activation, UserDefinedActivationWorksLikeABuiltIn) {
    anne::registry r;
    EXPECT_EQ(r.find("cube"), nullptr);
    ASSERT_EQ(r.add(cube_activation), anne::status::ok);
    EXPECT_EQ(r.add(cube_activation), anne::status::duplicate_name);
    ASSERT_EQ(r.find("cube"), &cube_activation);
    EXPECT_EQ(r.find("relu"), &anne::activations::relu);

    const anne::layer layers[] = {{2, r.find("cube"), 0.0f, true}};
    const float params[] = {1.0f, 2.0f, 3.0f, 4.0f, 0.5f, -1.0f};  // W = [[1,2],[3,4]], b
    const anne::network net{2, layers, 1, params};
    const float x[2] = {1.0f, -1.0f};  // z = [1 - 3 + 0.5, 2 - 4 - 1] = [-1.5, -3]
    float y[2], scratch[4];
    ASSERT_EQ(anne::predict(net, x, y, scratch, 4), anne::status::ok);
    EXPECT_FLOAT_EQ(y[0], -3.375f);
    EXPECT_FLOAT_EQ(y[1], -27.0f);
    const float z[2] = {-1.5f, -3.0f}, dy[2] = {1.0f, 1.0f};
    float dz[2];
    anne::activate_backward(cube_activation, 0.0f, z, y, dy, dz, 2);
    EXPECT_FLOAT_EQ(dz[0], 6.75f);
    EXPECT_FLOAT_EQ(dz[1], 27.0f);
}

TEST(Activation, RegistryRejectsIncompleteOrTooMany) {
    anne::registry r;
    const anne::activation nameless{"",      "",    cube, cube_derivative, nullptr, nullptr,
                                    nullptr, false, 0};
    const anne::activation no_derivative{"half",  "",      cube,  nullptr, nullptr,
                                         nullptr, nullptr, false, 0};
    EXPECT_EQ(r.add(nameless), anne::status::invalid_argument);
    EXPECT_EQ(r.add(no_derivative), anne::status::invalid_argument);
    static char names[anne::registry::capacity + 1][8];
    static anne::activation many[anne::registry::capacity + 1];
    for (std::size_t i = 0; i <= anne::registry::capacity; ++i) {
        names[i][0] = 'u';
        names[i][1] = static_cast<char>('a' + i);
        many[i] = cube_activation;
        many[i].name = names[i];
        EXPECT_EQ(r.add(many[i]),
                  i < anne::registry::capacity ? anne::status::ok : anne::status::registry_full);
    }
}

}  // namespace
