// Whole networks: predict_batch against anne::predict one sample at a time, and several
// batched training steps against anne::train_step, for every loss and optimizer.
#include <gtest/gtest.h>
#include <anne/init.hpp>
#include <anne/network.hpp>
#include <anne/train.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "error.hpp"
#include "evaluation.hpp"
#include "fast/batch_network.hpp"
#include "model.hpp"
#include "support.hpp"

namespace {

struct random_net {
    std::vector<anne::layer> layers;
    std::vector<float> params;
    anne::network net;
};

// depth 1-4 layers of 1-max_width units with random activations; the output activation given
// (or random when nullptr). Glorot-uniform kernels, biases uniform in [-0.5, 0.5].
random_net make_net(anne::random& rng, std::size_t max_width, const anne::activation* output,
                    std::size_t outputs) {
    random_net r;
    const std::size_t inputs = 1 + rng.below(static_cast<std::uint32_t>(max_width));
    const std::size_t depth = 1 + rng.below(4);
    constexpr std::size_t count = sizeof(anne::activations::builtin) / sizeof(void*);
    for (std::size_t k = 0; k < depth; ++k) {
        const bool last = k + 1 == depth;
        const anne::activation* f =
            last && output ? output : anne::activations::builtin[rng.below(count)];
        const std::size_t units =
            last && output ? outputs : 1 + rng.below(static_cast<std::uint32_t>(max_width));
        r.layers.push_back({units, f, 0.2f, rng.below(5) != 0});
    }
    r.net = {inputs, r.layers.data(), r.layers.size(), nullptr};
    r.params.resize(anne::parameter_count(r.net));
    anne::glorot_uniform(r.net, r.params.data(), rng);
    for (std::size_t k = 0; k < depth; ++k)
        if (r.layers[k].use_bias) {
            float* b = r.params.data() + anne::layer_offset(r.net, k) +
                       anne::layer_inputs(r.net, k) * r.layers[k].units;
            for (std::size_t j = 0; j < r.layers[k].units; ++j) b[j] = rng.uniform(-0.5f, 0.5f);
        }
    r.net.params = r.params.data();
    return r;
}

std::string describe(const anne::network& n) {
    std::string s = std::to_string(n.inputs);
    for (std::size_t k = 0; k < n.depth; ++k)
        s += " -> " + std::to_string(n.layers[k].units) + " " + n.layers[k].f->name;
    return s;
}

// For one sample, the allowance of each output: the first-order bound on how far the fast
// kernels' roundings can move it, layer by layer, in units of fast_test::tolerance. An input
// error e_i moves z_j by |w_ij| e_i; the layer's own sum adds sum_i |y_i w_ij| + |b_j|; the
// activation multiplies by at most slope_bound. So with S_i the allowance of input i:
//     T_j = sum_i |w_ij| (2 |y_i| + S_i) + |b_j|,   S'_j = slope_bound * T_j (softmax: max_j T_j)
std::vector<double> output_allowance(const anne::network& n, const float* x) {
    std::vector<float> zs(anne::unit_count(n)), ys(anne::unit_count(n));
    anne::forward(n, x, zs.data(), ys.data());
    std::vector<double> s(n.inputs, 0.0);
    const float* in = x;
    for (std::size_t k = 0, offset = 0; k < n.depth; ++k) {
        const anne::layer& l = n.layers[k];
        const std::size_t inputs = anne::layer_inputs(n, k);
        const float* w = anne::layer_kernel(n, k);
        const float* b = anne::layer_bias(n, k);
        std::vector<double> t(l.units);
        for (std::size_t j = 0; j < l.units; ++j) {
            double v = b ? std::fabs(b[j]) : 0.0;
            for (std::size_t i = 0; i < inputs; ++i)
                v += std::fabs(w[i * l.units + j]) * (2.0 * std::fabs(in[i]) + s[i]);
            t[j] = v;
        }
        const double row_max = *std::max_element(t.begin(), t.end());
        for (double& v : t)
            v = fast_test::slope_bound * (l.f == &anne::activations::softmax ? row_max : v);
        s = t;
        in = ys.data() + offset;
        offset += l.units;
    }
    return s;
}

TEST(FastNetwork, PredictBatchEqualsPredictPerSample) {
    anne::random rng(31);
    for (const fast_test::config& cfg : fast_test::configs())
        for (int trial = 0; trial < 12; ++trial) {
            const random_net r = make_net(rng, 300, nullptr, 0);
            const anne::network& n = r.net;
            const std::size_t batch = 1 + rng.below(100), outputs = anne::output_count(n);
            const std::vector<float> x = fast_test::uniform(rng, batch * n.inputs, -2.0f, 2.0f);
            std::vector<float> want(batch * outputs), got(batch * outputs);
            std::vector<float> scratch(anne::predict_scratch_size(n));
            for (std::size_t s = 0; s < batch; ++s)
                ASSERT_EQ(anne::predict(n, x.data() + s * n.inputs, want.data() + s * outputs,
                                        scratch.data(), scratch.size()),
                          anne::status::ok);
            anne::fast::workspace ws;
            ws.config = cfg.options;
            anne::fast::predict_batch(n, x.data(), batch, got.data(), ws);
            const std::string what =
                cfg.name + ": " + describe(n) + ", batch " + std::to_string(batch);
            if (cfg.exact) {
                ASSERT_TRUE(fast_test::same_bits(got, want)) << what;
                continue;
            }
            for (std::size_t s = 0; s < batch; ++s) {
                const std::vector<double> allow = output_allowance(n, x.data() + s * n.inputs);
                for (std::size_t j = 0; j < outputs; ++j) {
                    const std::size_t e = s * outputs + j;
                    ASSERT_TRUE(fast_test::near(got[e], want[e], allow[j]))
                        << what << ": sample " << s << " output " << j << ": " << got[e] << " vs "
                        << want[e];
                }
            }
        }
}

TEST(FastNetwork, PredictBatchWorksInChunks) {
    // More rows than one chunk: the rows after the first chunk use the same weights.
    anne::random rng(32);
    const random_net r = make_net(rng, 20, &anne::activations::softmax, 3);
    const std::size_t batch = anne::fast::predict_chunk + 37;
    const std::vector<float> x = fast_test::uniform(rng, batch * r.net.inputs);
    std::vector<float> got(batch * 3), want(batch * 3), scratch(anne::predict_scratch_size(r.net));
    for (std::size_t s = 0; s < batch; ++s)
        anne::predict(r.net, x.data() + s * r.net.inputs, want.data() + s * 3, scratch.data(),
                      scratch.size());
    anne::fast::workspace ws;
    ws.config.precision = anne::fast::mode::exact;
    anne::fast::predict_batch(r.net, x.data(), batch, got.data(), ws);
    EXPECT_TRUE(fast_test::same_bits(got, want));
}

TEST(FastNetwork, PredictRowsAndClassesEqualModelPredict) {
    // The built-in IRIS networks on raw measurements, preprocessing included: bit for bit, so
    // that an evaluation through classify_rows decides exactly as `anne predict` does.
    anne::random rng(33);
    for (const char* name : {"iris8", "iris6"}) {
        const anne::model m = anne::load_model(name);
        anne::dataset d;
        d.features.assign(m.inputs, "x");
        d.labels.assign(150, "");
        for (std::size_t i = 0; i < d.rows() * m.inputs; ++i)
            d.x.push_back(rng.uniform(0.1f, 8.0f));
        const std::vector<float> got = anne::predict_rows(m, d);
        const std::vector<std::size_t> classes = anne::classify_rows(m, d);
        ASSERT_EQ(got.size(), d.rows() * m.outputs());
        ASSERT_EQ(classes.size(), d.rows());
        for (std::size_t r = 0; r < d.rows(); ++r) {
            const std::vector<float> want =
                m.predict(std::vector<float>(d.row(r), d.row(r) + m.inputs));
            for (std::size_t j = 0; j < want.size(); ++j)
                ASSERT_EQ(got[r * m.outputs() + j], want[j]) << name << " row " << r;
            ASSERT_EQ(classes[r], m.decide(want)) << name << " row " << r;
        }
        d.features.push_back("extra");
        EXPECT_THROW(anne::predict_rows(m, d), anne::error);
    }
}

struct loss_case {
    const char* name;
    anne::loss_kind loss;
    const anne::activation* output;
    std::size_t outputs;
};

const loss_case loss_cases[] = {
    {"bce+sigmoid", anne::loss_kind::binary_crossentropy, &anne::activations::sigmoid, 1},
    {"bce+sigmoid x3", anne::loss_kind::binary_crossentropy, &anne::activations::sigmoid, 3},
    {"bce from logits", anne::loss_kind::binary_crossentropy_from_logits,
     &anne::activations::linear, 2},
    {"cce+softmax", anne::loss_kind::categorical_crossentropy, &anne::activations::softmax, 4},
    {"sparse cce+softmax", anne::loss_kind::sparse_categorical_crossentropy,
     &anne::activations::softmax, 3},
    {"mse+linear", anne::loss_kind::mean_squared_error, &anne::activations::linear, 2},
    {"mse+tanh", anne::loss_kind::mean_squared_error, &anne::activations::tanh, 1},
};

anne::optimizer adam_bias_corrected() {
    anne::optimizer o = anne::adam(0.01f);
    o.epsilon_form = anne::adam_epsilon::bias_corrected;
    return o;
}

const std::pair<const char*, anne::optimizer> optimizers[] = {
    {"sgd", anne::sgd(0.05f)},
    {"sgd momentum", anne::sgd(0.05f, 0.9f)},
    {"sgd nesterov", anne::sgd(0.05f, 0.9f, true)},
    {"adam", anne::adam(0.01f)},
    {"adam bias-corrected", adam_bias_corrected()},
    {"rmsprop", anne::rmsprop(0.01f, 0.5f)},
};

// Targets for a batch: 0/1 for binary, one-hot or a class index for categorical, values else.
std::vector<float> targets(const loss_case& c, std::size_t batch, anne::random& rng) {
    const std::size_t tsize = anne::target_size(c.loss, c.outputs);
    std::vector<float> t(batch * tsize, 0.0f);
    for (std::size_t s = 0; s < batch; ++s) {
        float* row = t.data() + s * tsize;
        switch (c.loss) {
        case anne::loss_kind::categorical_crossentropy:
            row[rng.below(static_cast<std::uint32_t>(c.outputs))] = 1.0f;
            break;
        case anne::loss_kind::sparse_categorical_crossentropy:
            row[0] = static_cast<float>(rng.below(static_cast<std::uint32_t>(c.outputs)));
            break;
        case anne::loss_kind::mean_squared_error:
            for (std::size_t j = 0; j < tsize; ++j) row[j] = rng.uniform(-1.0f, 1.0f);
            break;
        default:
            for (std::size_t j = 0; j < tsize; ++j) row[j] = static_cast<float>(rng.below(2));
        }
    }
    return t;
}

TEST(FastNetwork, TrainStepFollowsCoreTrainStep) {
    constexpr int steps = 6;
    anne::random rng(41);
    for (const fast_test::config& cfg : fast_test::configs())
        for (const loss_case& c : loss_cases)
            for (const auto& [oname, o] : optimizers) {
                random_net core = make_net(rng, 40, c.output, c.outputs);
                random_net fast = core;
                fast.net.layers = fast.layers.data();
                fast.net.params = fast.params.data();
                const anne::network& n = core.net;
                std::vector<float> arena(anne::training_arena_size(n, o));
                anne::training_buffers b{};
                ASSERT_EQ(anne::make_training_buffers(n, o, arena.data(), arena.size(), b),
                          anne::status::ok);
                anne::fast::training_workspace ws(fast.net, o);
                ws.config = cfg.options;
                const std::string what =
                    cfg.name + ", " + c.name + ", " + oname + ": " + describe(n);
                for (int step = 0; step < steps; ++step) {
                    const std::size_t batch = 1 + rng.below(100);
                    const std::vector<float> x =
                        fast_test::uniform(rng, batch * n.inputs, -2.0f, 2.0f);
                    const std::vector<float> t = targets(c, batch, rng);
                    float want_loss = 0.0f;
                    ASSERT_EQ(anne::train_step(n, core.params.data(), c.loss, o, b, x.data(),
                                               t.data(), batch, &want_loss),
                              anne::status::ok);
                    const float got_loss = anne::fast::train_step(
                        fast.net, fast.params.data(), c.loss, o, ws, x.data(), t.data(), batch);
                    if (cfg.exact) {
                        ASSERT_EQ(got_loss, want_loss) << what << ", step " << step;
                        ASSERT_TRUE(fast_test::same_bits(fast.params, core.params))
                            << what << ", step " << step;
                        continue;
                    }
                    // After several steps: within 1e-5, relative to values above 1 and absolute
                    // below (a parameter near 0 has no meaningful relative error).
                    const auto close = [](float a, float w) {
                        return std::fabs(a - w) <=
                               1e-5 * std::max(1.0, std::fabs(static_cast<double>(w)));
                    };
                    ASSERT_TRUE(close(got_loss, want_loss))
                        << what << ", step " << step << ": loss " << got_loss << " vs "
                        << want_loss;
                    for (std::size_t i = 0; i < core.params.size(); ++i)
                        ASSERT_TRUE(close(fast.params[i], core.params[i]))
                            << what << ", step " << step << ", parameter " << i << ": "
                            << fast.params[i] << " vs " << core.params[i];
                }
            }
}

TEST(FastNetwork, TrainStepKeepsEachSamplesLossAndLayerValues) {
    // What a training driver reads after a step (for accuracy and its loss sum): the same
    // per-sample losses and layer values as accumulate_gradients gives, sample by sample.
    anne::random rng(43);
    const loss_case& c = loss_cases[3];  // cce + softmax
    random_net r = make_net(rng, 30, c.output, c.outputs);
    const std::vector<float> before = r.params;
    const anne::optimizer o = anne::adam();
    anne::fast::training_workspace ws(r.net, o);
    ws.config.precision = anne::fast::mode::exact;
    const std::size_t batch = 17, outputs = c.outputs;
    const std::vector<float> x = fast_test::uniform(rng, batch * r.net.inputs);
    const std::vector<float> t = targets(c, batch, rng);
    anne::fast::train_step(r.net, r.params.data(), c.loss, o, ws, x.data(), t.data(), batch);

    random_net core = r;
    core.params = before;
    core.net.layers = core.layers.data();
    core.net.params = core.params.data();
    std::vector<float> arena(anne::training_arena_size(core.net, o));
    anne::training_buffers b{};
    anne::make_training_buffers(core.net, o, arena.data(), arena.size(), b);
    for (std::size_t s = 0; s < batch; ++s) {
        const float loss = anne::accumulate_gradients(core.net, c.loss, x.data() + s * r.net.inputs,
                                                      t.data() + s * outputs, b);
        EXPECT_EQ(ws.losses[s], loss) << "sample " << s;
        // Every layer's Z and Y, as the core's forward pass left them in b.zs, b.ys.
        for (std::size_t k = 0, offset = 0; k < r.net.depth; offset += r.net.layers[k++].units) {
            const std::size_t units = r.net.layers[k].units;
            const anne::fast::layer_values got = anne::fast::batch_layer(ws, r.net, batch, k);
            for (std::size_t j = 0; j < units; ++j) {
                EXPECT_EQ(got.z[s * units + j], b.zs[offset + j]) << "sample " << s << " z " << j;
                EXPECT_EQ(got.y[s * units + j], b.ys[offset + j]) << "sample " << s << " y " << j;
            }
        }
    }
}

TEST(FastNetwork, TrainStepRejectsWrongCalls) {
    anne::random rng(42);
    random_net r = make_net(rng, 5, &anne::activations::sigmoid, 1);
    const anne::optimizer o = anne::adam();
    anne::fast::training_workspace ws(r.net, o);
    std::vector<float> other(r.params.size());
    const std::vector<float> x(r.net.inputs, 0.5f), t(1, 1.0f);
    const auto loss = anne::loss_kind::binary_crossentropy;
    EXPECT_THROW(anne::fast::train_step(r.net, other.data(), loss, o, ws, x.data(), t.data(), 1),
                 anne::error);
    EXPECT_THROW(anne::fast::train_step(r.net, r.params.data(), loss, o, ws, x.data(), t.data(), 0),
                 anne::error);
    EXPECT_THROW(anne::fast::train_step(r.net, r.params.data(), loss, anne::sgd(), ws, x.data(),
                                        t.data(), 1),
                 anne::error);
}

}  // namespace
