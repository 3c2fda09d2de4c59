// BatchNormalization folding and the other layer mappings, checked against the layers computed
// one after the other as Keras defines them (in double, unfolded), on small TensorFlow.js files
// written by the test.
#include <cmath>
#include <functional>

#include <gtest/gtest.h>

#include "error.hpp"
#include "import/import.hpp"
#include "support.hpp"

namespace anne {
namespace {

using vec = std::vector<double>;

// Keras's layers, computed directly. x is (inputs); kernel (inputs, units) row-major.
vec dense(const vec& x, const std::vector<float>& kernel, const std::vector<float>& bias,
          std::size_t units) {
    vec z(units, 0.0);
    for (std::size_t j = 0; j < units; ++j) {
        for (std::size_t i = 0; i < x.size(); ++i) z[j] += x[i] * kernel[i * units + j];
        if (!bias.empty()) z[j] += bias[j];
    }
    return z;
}

// y = gamma (x - mean) / sqrt(var + eps) + beta, per unit.
vec batch_norm(const vec& x, const std::vector<float>& gamma, const std::vector<float>& beta,
               const std::vector<float>& mean, const std::vector<float>& var, double eps) {
    vec y(x.size());
    for (std::size_t j = 0; j < x.size(); ++j)
        y[j] = (gamma.empty() ? 1.0 : gamma[j]) * (x[j] - mean[j]) / std::sqrt(var[j] + eps) +
               (beta.empty() ? 0.0 : beta[j]);
    return y;
}

vec map(vec x, const std::function<double(double)>& f) {
    for (double& v : x) v = f(v);
    return x;
}

fjson dense_layer(const std::string& name, std::size_t units, const std::string& activation,
                  bool use_bias = true) {
    return {
        {"class_name", "Dense"},
        {"config",
         {{"name", name}, {"units", units}, {"activation", activation}, {"use_bias", use_bias}}}};
}

fjson bn_layer(const std::string& name, double epsilon, bool center = true, bool scale = true) {
    return {{"class_name", "BatchNormalization"},
            {"config",
             {{"name", name},
              {"axis", -1},
              {"epsilon", epsilon},
              {"center", center},
              {"scale", scale}}}};
}

fjson with_input(fjson layer, std::size_t inputs) {
    layer["config"]["batch_input_shape"] = {nullptr, inputs};
    return layer;
}

// Compares the imported model with the direct computation on a few rows.
void expect_matches(const model& m, const std::function<vec(const vec&)>& keras) {
    // Rows of up to 4 inputs; a model with fewer takes the first ones.
    const std::vector<std::vector<float>> rows = {{0.5f, -1.25f, 2.0f, 0.3f},
                                                  {-3.0f, 0.75f, 0.1f, -1.0f},
                                                  {1.5f, 2.5f, -0.5f, 4.0f},
                                                  {0.0f, 0.0f, 0.0f, 0.0f}};
    ASSERT_LE(m.inputs, rows[0].size());
    for (const std::vector<float>& row : rows) {
        const std::vector<float> x(row.begin(), row.begin() + static_cast<long>(m.inputs));
        const std::vector<float> y = m.predict(x);
        const vec want = keras(vec(x.begin(), x.end()));
        ASSERT_EQ(y.size(), want.size());
        for (std::size_t i = 0; i < y.size(); ++i)
            EXPECT_NEAR(y[i], want[i], 2e-6 * std::max(1.0, std::fabs(want[i]))) << "output " << i;
    }
}

// A dense layer 3 -> 4, its BatchNormalization, and a dense layer 4 -> 2.
const std::vector<float> w1 = {0.5f, -1.0f, 0.25f, 2.0f, -0.75f, 0.3f,
                               1.5f, -0.2f, 0.1f,  0.9f, -1.1f,  0.4f};
const std::vector<float> b1 = {0.1f, -0.2f, 0.3f, 0.05f};
const std::vector<float> gamma = {1.5f, -0.5f, 0.8f, 2.0f};
const std::vector<float> beta = {0.2f, 0.1f, -0.3f, 0.0f};
const std::vector<float> mean = {0.3f, -0.4f, 1.0f, 0.2f};
const std::vector<float> var = {0.5f, 2.0f, 0.1f, 1.5f};
const std::vector<float> w2 = {0.7f, -0.3f, 0.2f, 0.5f, -0.6f, 0.8f, 0.4f, -0.1f};
const std::vector<float> b2 = {0.05f, -0.05f};

std::vector<tensor> bn_weights(const std::string& name) {
    return {test::weight(name + "/gamma", {4}, gamma), test::weight(name + "/beta", {4}, beta),
            test::weight(name + "/moving_mean", {4}, mean),
            test::weight(name + "/moving_variance", {4}, var)};
}

std::vector<tensor> concat(std::vector<tensor> a, const std::vector<tensor>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// The weights of d1 (3 -> 4, with bias), bn and d2 (4 -> 2), in file order.
std::vector<tensor> dense_bn_dense_weights() {
    return concat({test::weight("d1/kernel", {3, 4}, w1), test::weight("d1/bias", {4}, b1)},
                  concat(bn_weights("bn"), {test::weight("d2/kernel", {4, 2}, w2),
                                            test::weight("d2/bias", {2}, b2)}));
}

TEST(ImportBatchNorm, FoldsIntoTheLinearDenseBeforeItThenTakesTheActivation) {
    // As keras231_batchnorm: Dense(linear) -> BatchNormalization -> Activation(relu).
    test::temp_dir dir;
    const fjson layers = {
        with_input(dense_layer("d1", 4, "linear"), 3),
        bn_layer("bn", 1e-3),
        {{"class_name", "Activation"}, {"config", {{"name", "act"}, {"activation", "relu"}}}},
        dense_layer("d2", 2, "linear")};
    test::write_tfjs(dir, layers, dense_bn_dense_weights());
    const model m = import_model({dir.file("model.json")});
    ASSERT_EQ(m.layers.size(), 2u);
    EXPECT_EQ(m.layers[0].activation, "relu");
    // Kernel column j scaled by s_j = gamma_j / sqrt(var_j + eps), bias (b - mean) s + beta,
    // each computed in double and rounded once.
    for (std::size_t i = 0; i < 3; ++i)
        for (std::size_t j = 0; j < 4; ++j) {
            const double s =
                gamma[j] / std::sqrt(static_cast<double>(var[j]) + static_cast<double>(1e-3f));
            EXPECT_EQ(m.params[i * 4 + j], static_cast<float>(w1[i * 4 + j] * s));
            if (i == 0) {
                EXPECT_EQ(m.params[12 + j],
                          static_cast<float>((b1[j] - static_cast<double>(mean[j])) * s + beta[j]));
            }
        }
    expect_matches(m, [](const vec& x) {
        const vec h = map(batch_norm(dense(x, w1, b1, 4), gamma, beta, mean, var, 1e-3),
                          [](double v) { return v > 0 ? v : 0.0; });
        return dense(h, w2, b2, 2);
    });
}

TEST(ImportBatchNorm, GivesABiasToADenseWithoutOne) {
    test::temp_dir dir;
    const fjson layers = {with_input(dense_layer("d1", 4, "linear", false), 3),
                          bn_layer("bn", 1e-5)};
    test::write_tfjs(dir, layers,
                     concat({test::weight("d1/kernel", {3, 4}, w1)}, bn_weights("bn")));
    const model m = import_model({dir.file("model.json")});
    ASSERT_EQ(m.layers.size(), 1u);
    EXPECT_TRUE(m.layers[0].use_bias);
    expect_matches(m, [](const vec& x) {
        return batch_norm(dense(x, w1, {}, 4), gamma, beta, mean, var, 1e-5);
    });
}

TEST(ImportBatchNorm, AfterANonLinearActivationBecomesADiagonalLayer) {
    test::temp_dir dir;
    const fjson layers = {with_input(dense_layer("d1", 4, "tanh"), 3), bn_layer("bn", 1e-3),
                          dense_layer("d2", 2, "sigmoid")};
    test::write_tfjs(dir, layers, dense_bn_dense_weights());
    const model m = import_model({dir.file("model.json")});
    ASSERT_EQ(m.layers.size(), 3u);
    EXPECT_EQ(m.layers[1].activation, "linear");
    EXPECT_NE(m.origin.notes.find("diagonal kernel"), std::string::npos) << m.origin.notes;
    expect_matches(m, [](const vec& x) {
        const vec h = batch_norm(map(dense(x, w1, b1, 4), [](double v) { return std::tanh(v); }),
                                 gamma, beta, mean, var, 1e-3);
        return map(dense(h, w2, b2, 2), [](double v) { return 1.0 / (1.0 + std::exp(-v)); });
    });
}

TEST(ImportBatchNorm, FirstWithoutCenterOrScale) {
    // BatchNormalization on the inputs, center=False (no beta) and scale=False (no gamma).
    for (const bool center : {false, true}) {
        test::temp_dir dir;
        const fjson layers = {with_input(bn_layer("bn", 1e-3, center, !center), 4),
                              dense_layer("d2", 2, "linear")};
        std::vector<tensor> w = {
            center ? test::weight("bn/beta", {4}, beta) : test::weight("bn/gamma", {4}, gamma),
            test::weight("bn/moving_mean", {4}, mean), test::weight("bn/moving_variance", {4}, var),
            test::weight("d2/kernel", {4, 2}, w2), test::weight("d2/bias", {2}, b2)};
        test::write_tfjs(dir, layers, w);
        const model m = import_model({dir.file("model.json")});
        ASSERT_EQ(m.layers.size(), 2u);
        expect_matches(m, [center](const vec& x) {
            return dense(batch_norm(x, center ? std::vector<float>{} : gamma,
                                    center ? beta : std::vector<float>{}, mean, var, 1e-3),
                         w2, b2, 2);
        });
    }
}

TEST(ImportLayers, StandaloneActivationAfterANonLinearOneGetsAnIdentityLayer) {
    // Dense(tanh) -> LeakyReLU (the layer's default slope 0.3) -> Dropout -> Softmax: the two
    // standalone activations follow non-linear ones, so each becomes an identity dense layer.
    test::temp_dir dir;
    const fjson layers = {
        with_input(dense_layer("d1", 4, "tanh"), 3),
        {{"class_name", "LeakyReLU"}, {"config", {{"name", "lr"}}}},
        {{"class_name", "Dropout"}, {"config", {{"name", "drop"}, {"rate", 0.5}}}},
        {{"class_name", "Softmax"}, {"config", {{"name", "sm"}, {"axis", -1}}}}};
    test::write_tfjs(dir, layers,
                     {test::weight("d1/kernel", {3, 4}, w1), test::weight("d1/bias", {4}, b1)});
    const model m = import_model({dir.file("model.json")});
    ASSERT_EQ(m.layers.size(), 3u);
    EXPECT_EQ(m.layers[1].activation, "leaky_relu");
    EXPECT_FLOAT_EQ(m.layers[1].alpha, 0.3f);
    EXPECT_FALSE(m.layers[1].use_bias);
    EXPECT_EQ(m.layers[2].activation, "softmax");
    EXPECT_EQ(m.output.type, output_meaning::kind::classes);
    expect_matches(m, [](const vec& x) {
        const vec h = map(map(dense(x, w1, b1, 4), [](double v) { return std::tanh(v); }),
                          [](double v) { return v > 0 ? v : 0.3 * v; });
        double sum = 0.0;
        vec y(h.size());
        for (std::size_t i = 0; i < h.size(); ++i) sum += y[i] = std::exp(h[i]);
        for (double& v : y) v /= sum;
        return y;
    });
}

TEST(ImportLayers, NormalizationBecomesThePreprocessing) {
    // Keras 3 writes mean and variance given to the constructor into the config.
    test::temp_dir dir;
    const fjson layers = {{{"class_name", "Normalization"},
                           {"config",
                            {{"name", "norm"},
                             {"axis", -1},
                             {"mean", {1.0, -2.0, 0.5}},
                             {"variance", {4.0, 0.25, 0.0}},
                             {"batch_input_shape", {nullptr, 3}}}}},
                          dense_layer("d1", 4, "relu")};
    test::write_tfjs(dir, layers,
                     {test::weight("d1/kernel", {3, 4}, w1), test::weight("d1/bias", {4}, b1)});
    const model m = import_model({dir.file("model.json")});
    ASSERT_EQ(m.pre.type, preprocessing::kind::standardize);
    // std = max(sqrt(variance), 1e-7): a zero variance does not divide by zero.
    EXPECT_EQ(m.pre.stddev, (std::vector<float>{2.0f, 0.5f, 1e-7f}));
    expect_matches(m, [](const vec& x) {
        const vec n = {(x[0] - 1.0) / 2.0, (x[1] + 2.0) / 0.5,
                       (x[2] - 0.5) / static_cast<double>(1e-7f)};
        return map(dense(n, w1, b1, 4), [](double v) { return v > 0 ? v : 0.0; });
    });
}

TEST(ImportLayers, FlattenOfAMatrixInputIsRowMajor) {
    test::temp_dir dir;
    const fjson layers = {{{"class_name", "Flatten"},
                           {"config", {{"name", "flat"}, {"batch_input_shape", {nullptr, 3, 1}}}}},
                          dense_layer("d1", 4, "linear")};
    test::write_tfjs(dir, layers,
                     {test::weight("d1/kernel", {3, 4}, w1), test::weight("d1/bias", {4}, b1)});
    const model m = import_model({dir.file("model.json")});
    EXPECT_EQ(m.inputs, 3u);
    expect_matches(m, [](const vec& x) { return dense(x, w1, b1, 4); });
}

TEST(ImportLayers, ReluLayerForms) {
    const auto activation_of = [](const fjson& relu_config) {
        test::temp_dir dir;
        fjson config = relu_config;
        config["name"] = "r";
        const fjson layers = {with_input(dense_layer("d1", 4, "linear"), 3),
                              {{"class_name", "ReLU"}, {"config", config}}};
        test::write_tfjs(dir, layers,
                         {test::weight("d1/kernel", {3, 4}, w1), test::weight("d1/bias", {4}, b1)});
        const model m = import_model({dir.file("model.json")});
        return m.layers[0].activation +
               (m.layers[0].alpha ? "=" + std::to_string(m.layers[0].alpha) : "");
    };
    EXPECT_EQ(activation_of(fjson::object()), "relu");
    EXPECT_EQ(activation_of({{"max_value", 6.0}}), "relu6");
    EXPECT_EQ(activation_of({{"negative_slope", 0.25}, {"max_value", nullptr}, {"threshold", 0.0}}),
              "leaky_relu=0.250000");
    EXPECT_THROW(activation_of({{"max_value", 1.5}}), error);
    EXPECT_THROW(activation_of({{"threshold", 0.5}}), error);
}

}  // namespace
}  // namespace anne
