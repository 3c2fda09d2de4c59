// The TensorFlow.js golden suite (tests/golden/tfjs) computed twice: with the core's own
// elementary functions (include/anne/elementary.hpp, what anne uses) and with the activations
// as they were written before, on the platform's libm (<cmath>'s expf, tanhf, erff, ...).
// Prints the worst difference from tfjs per activation for both (docs/elementary.md has the
// table), and requires the own functions to keep Keras-exactness: within the suite's
// tolerances, and never worse than libm by more than one float ulp of the outputs (2^-24
// absolute for bounded outputs, 2^-23 relative for the others).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>

#include <gtest/gtest.h>

#include "error.hpp"
#include "import/import.hpp"
#include "support.hpp"

namespace anne {
namespace {

namespace fs = std::filesystem;

// The activations that call libm, as activation.hpp had them before it used its own
// functions (forward pass only: the golden suite checks predictions).
float libm_sigmoid(float z) {
    if (z >= 0.0f) return 1.0f / (1.0f + std::exp(-z));
    const float e = std::exp(z);
    return e / (1.0f + e);
}
float libm_softplus(float z) {
    return z > 0.0f ? z + std::log1p(std::exp(-z)) : std::log1p(std::exp(z));
}
float libm_elu(float z, float a) { return z > 0.0f ? z : a * std::expm1(z); }
void libm_softmax(const float* z, float* y, std::size_t n, float) {
    float m = z[0];
    for (std::size_t i = 1; i < n; ++i) m = z[i] > m ? z[i] : m;
    float sum = 0.0f;
    for (std::size_t i = 0; i < n; ++i) {
        y[i] = std::exp(z[i] - m);
        sum += y[i];
    }
    for (std::size_t i = 0; i < n; ++i) y[i] /= sum;
}

activation with_libm(const activation& own, float (*value)(float, float)) {
    activation a = own;
    a.value = value;
    return a;
}
const activation libm_activations[] = {
    with_libm(activations::elu, libm_elu),
    with_libm(activations::selu,
              [](float z, float) { return selu_scale * libm_elu(z, selu_alpha); }),
    with_libm(activations::sigmoid, [](float z, float) { return libm_sigmoid(z); }),
    with_libm(activations::tanh, [](float z, float) { return std::tanh(z); }),
    with_libm(activations::softplus, [](float z, float) { return libm_softplus(z); }),
    with_libm(activations::swish, [](float z, float) { return z * libm_sigmoid(z); }),
    with_libm(
        activations::gelu,
        [](float z, float) { return 0.5f * z * (1.0f + std::erf(z * 0.70710678118654752f)); }),
    with_libm(activations::gelu_tanh,
              [](float z, float) {
                  const float u = 0.79788456080286536f * (z + 0.044715f * z * z * z);
                  return 0.5f * z * (1.0f + std::tanh(u));
              }),
    with_libm(activations::mish, [](float z, float) { return z * std::tanh(libm_softplus(z)); }),
    [] {
        activation a = activations::softmax;
        a.forward = libm_softmax;
        return a;
    }(),
};

// The worst difference of m's outputs from tfjs's, the golden suite's way (bounded outputs:
// absolute; others: relative to max(1, |tfjs|)), with the layers' activations as given.
double worst_difference(const model& m, const std::vector<layer>& layers,
                        const nlohmann::json& expected, bool bounded) {
    const network n{m.inputs, layers.data(), layers.size(), m.params.data()};
    std::vector<float> x(m.inputs), y(m.outputs()), scratch(predict_scratch_size(n));
    double worst = 0.0;
    for (std::size_t r = 0; r < expected.at("inputs").size(); ++r) {
        std::vector<float> raw;
        for (const auto& v : expected.at("inputs")[r])
            raw.push_back(static_cast<float>(v.get<double>()));
        m.pre.apply(raw.data(), x.data(), m.inputs);
        EXPECT_EQ(predict(n, x.data(), y.data(), scratch.data(), scratch.size()), status::ok);
        for (std::size_t i = 0; i < y.size(); ++i) {
            const double theirs = expected.at("outputs")[r][i].get<double>();
            const double d = std::fabs(static_cast<double>(y[i]) - theirs);
            worst = std::max(worst, bounded ? d : d / std::max(1.0, std::fabs(theirs)));
        }
    }
    return worst;
}

struct tally {
    std::size_t cases = 0;
    double libm = 0.0, own = 0.0;
};

TEST(ImportGoldenTfjs, OwnFunctionsAgainstLibm) {
    const fs::path dir = fs::path(test::source_dir()) / "tests" / "golden" / "tfjs";
    if (!fs::exists(dir / "index.json"))
        GTEST_SKIP() << "tests/golden/tfjs is absent (tools/golden generates it)";
    const nlohmann::json index = nlohmann::json::parse(test::read((dir / "index.json").string()));
    std::map<std::pair<std::string, bool>, tally> by_activation;  // (name, bounded)
    for (const auto& entry : index.at("cases")) {
        const std::string name = entry.at("name").get<std::string>();
        const fs::path folder = dir / name;
        model m;
        try {
            m = import_model({(folder / "model.json").string()});
        } catch (const error&) {
            continue;  // refused as expected (golden_tfjs_test.cpp checks that)
        }
        SCOPED_TRACE(name);
        const nlohmann::json expected =
            nlohmann::json::parse(test::read((folder / "expected.json").string()));
        const bool bounded = expected.at("bounded").get<bool>();
        const network n = m.net();
        std::vector<layer> own(n.layers, n.layers + n.depth), libm = own;
        for (layer& l : libm)
            for (const activation& a : libm_activations)
                if (std::string(a.name) == l.f->name) l.f = &a;
        const double d_own = worst_difference(m, own, expected, bounded);
        const double d_libm = worst_difference(m, libm, expected, bounded);
        EXPECT_LE(d_own, bounded ? 1e-6 : 1e-5);
        EXPECT_LE(d_own, d_libm + (bounded ? 0x1p-24 : 0x1p-23)) << "libm: " << d_libm;
        for (const layer& l : own) {
            tally& t = by_activation[{l.f->name, bounded}];
            ++t.cases;
            t.libm = std::max(t.libm, d_libm);
            t.own = std::max(t.own, d_own);
        }
    }
    std::cout << "worst difference from tfjs of the cases using each activation (bounded "
                 "outputs: absolute; others: relative to max(1, |tfjs|)):\n"
              << std::left << std::setw(16) << "  activation" << std::setw(10) << "outputs"
              << std::setw(8) << "layers" << std::setw(12) << "libm"
              << "own\n";
    for (const auto& [key, t] : by_activation)
        std::cout << "  " << std::setw(14) << key.first << std::setw(10)
                  << (key.second ? "bounded" : "values") << std::setw(8) << t.cases
                  << std::scientific << std::setprecision(2) << std::setw(12) << t.libm << t.own
                  << std::defaultfloat << "\n";
}

}  // namespace
}  // namespace anne
