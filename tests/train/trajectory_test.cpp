// Twenty training steps against TensorFlow.js: same initial weights, same batches in the same
// order; every weight must end within 1e-5 of TensorFlow.js's (fixtures in tests/golden/train,
// written by tools/golden; TensorFlow.js's Adam adds epsilon after the bias correction).
#include <gtest/gtest.h>
#include <anne/train.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "files.hpp"
#include "json.hpp"

namespace {

namespace fs = std::filesystem;

const std::map<std::string, anne::loss_kind> losses = {
    {"binary_crossentropy", anne::loss_kind::binary_crossentropy},
    {"categorical_crossentropy", anne::loss_kind::categorical_crossentropy},
    {"sparse_categorical_crossentropy", anne::loss_kind::sparse_categorical_crossentropy},
    {"mean_squared_error", anne::loss_kind::mean_squared_error}};

anne::optimizer optimizer_of(const anne::fjson& j) {
    const std::string name = j["name"];
    anne::optimizer o;
    o.learning_rate = j["learning_rate"];
    if (name == "sgd") {
        o.momentum = j["momentum"];
        o.nesterov = j["nesterov"];
    } else if (name == "adam") {
        o.type = anne::optimizer::kind::adam;
        o.beta_1 = j["beta_1"];
        o.beta_2 = j["beta_2"];
        o.epsilon = j["epsilon"];
        o.epsilon_form = anne::adam_epsilon::bias_corrected;
    } else {
        o.type = anne::optimizer::kind::rmsprop;
        o.rho = j["rho"];
        o.momentum = j["momentum"];
        o.epsilon = j["epsilon"];
    }
    return o;
}

// Layer weights as the network's parameter buffer: kernel rows, then bias.
std::vector<float> flatten(const anne::fjson& layers) {
    std::vector<float> p;
    for (const auto& l : layers) {
        for (const auto& row : l["kernel"])
            for (const auto& v : row) p.push_back(v.get<float>());
        if (l.contains("bias"))
            for (const auto& v : l["bias"]) p.push_back(v.get<float>());
    }
    return p;
}

struct result {
    float worst_weight = 0, worst_loss = 0;
};

result replay(const fs::path& file) {
    const anne::fjson j = anne::parse_json(anne::read_file(file.string()), file.string());
    std::vector<anne::layer> layers;
    for (const auto& l : j["layers"]) {
        const anne::activation* f =
            anne::activation_registry().find(l["activation"].get<std::string>().c_str());
        EXPECT_NE(f, nullptr);
        const float alpha = f && f->parameter ? f->parameter_default : 0.0f;  // elu: 1, as tfjs
        layers.push_back({l["units"].get<std::size_t>(), f, alpha, l["use_bias"].get<bool>()});
    }
    std::vector<float> params = flatten(j["initial"]);
    const anne::network n{j["inputs"].get<std::size_t>(), layers.data(), layers.size(),
                          params.data()};
    EXPECT_EQ(params.size(), anne::parameter_count(n));
    const anne::loss_kind loss = losses.at(j["loss"]);
    const anne::optimizer o = optimizer_of(j["optimizer"]);
    std::vector<float> arena(anne::training_arena_size(n, o));
    anne::training_buffers b{};
    EXPECT_EQ(anne::make_training_buffers(n, o, arena.data(), arena.size(), b), anne::status::ok);
    result r;
    for (std::size_t step = 0; step < j["batches"].size(); ++step) {
        const auto& batch = j["batches"][step];
        std::vector<float> x, t;
        for (const auto& row : batch["x"])
            for (const auto& v : row) x.push_back(v.get<float>());
        for (const auto& row : batch["y"])
            for (const auto& v : row) t.push_back(v.get<float>());
        float mean_loss = 0;
        EXPECT_EQ(anne::train_step(n, params.data(), loss, o, b, x.data(), t.data(),
                                   batch["x"].size(), &mean_loss),
                  anne::status::ok);
        const float want = j["losses"][step];
        r.worst_loss =
            std::max(r.worst_loss, std::fabs(mean_loss - want) / std::max(1.0f, std::fabs(want)));
    }
    const std::vector<float> final_weights = flatten(j["final"]);
    for (std::size_t i = 0; i < params.size(); ++i)
        r.worst_weight = std::max(r.worst_weight, std::fabs(params[i] - final_weights[i]));
    return r;
}

TEST(Trajectories, TwentyStepsMatchTensorFlowJs) {
    const fs::path dir = fs::path(ANNE_SOURCE_DIR) / "tests/golden/train";
    std::map<std::string, float> worst_per_optimizer;
    std::size_t cases = 0;
    for (const auto& entry : fs::directory_iterator(dir)) {
        const result r = replay(entry.path());
        const std::string name = entry.path().stem().string();
        EXPECT_LE(r.worst_weight, 1e-5f) << name;
        EXPECT_LE(r.worst_loss, 1e-5f) << name;
        const std::string opt = name.substr(name.find('_') + 1);
        worst_per_optimizer[opt.substr(0, opt.find("_bs"))] =
            std::max(worst_per_optimizer[opt.substr(0, opt.find("_bs"))], r.worst_weight);
        ++cases;
    }
    EXPECT_GE(cases, 20u);
    for (const auto& [opt, worst] : worst_per_optimizer)
        std::printf("  worst weight difference after 20 steps, %-17s %.3g\n", opt.c_str(), worst);
}

// Keras's Adam (epsilon added to sqrt(v) before the bias correction) against one step worked
// out by hand: g = 0.5, lr = 0.1: m = 0.05, v = 0.00025, alpha = 0.1 * sqrt(0.001) / 0.1,
// w -= alpha * m / (sqrt(v) + 1e-7).
TEST(Trajectories, KerasAdamByHand) {
    anne::optimizer o = anne::adam(0.1f);
    float w = 1.0f, g = 0.5f, state[4] = {0, 0, 0, 0};
    anne::optimizer_step(o, &w, &g, state, 1);
    const double alpha = 0.1 * std::sqrt(1 - 0.999) / (1 - 0.9);
    EXPECT_NEAR(w, 1.0 - alpha * 0.05 / (std::sqrt(0.00025) + 1e-7), 1e-6);
    o.epsilon_form = anne::adam_epsilon::bias_corrected;
    float w2 = 1.0f, state2[4] = {0, 0, 0, 0};
    anne::optimizer_step(o, &w2, &g, state2, 1);
    EXPECT_NEAR(w2, 1.0 - 0.1 * 0.5 / (0.5 + 1e-7), 1e-6);  // m^ = g, sqrt(v^) = |g|
}

}  // namespace
