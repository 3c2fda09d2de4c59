#include "fixtures.hpp"

#include <anne/activation.hpp>
#include <anne/init.hpp>

#include "data.hpp"
#include "error.hpp"
#include "iris.hpp"
#include "model.hpp"

namespace bench {

double net::flops_per_sample() const {
    double macs = 0.0;
    std::size_t in = inputs;
    for (const anne::layer& l : layers) {
        macs += static_cast<double>(in) * static_cast<double>(l.units);
        in = l.units;
    }
    return 2.0 * macs;
}

namespace {

const anne::activation* activation(const std::string& name) {
    const anne::activation* f = anne::activation_registry().find(name.c_str());
    if (!f) anne::fail("bench", "unknown activation " + name);
    return f;
}

/// Sizes (inputs, then units per layer) with relu everywhere but a softmax output, Glorot
/// kernels and zero biases from seed.
net glorot_mlp(const std::string& name, const std::vector<std::size_t>& sizes, std::uint64_t seed) {
    net n;
    n.name = name;
    n.inputs = sizes[0];
    for (std::size_t k = 1; k < sizes.size(); ++k)
        n.layers.push_back(
            {sizes[k], activation(k + 1 == sizes.size() ? "softmax" : "relu"), 0.0f, true});
    n.params.resize(anne::parameter_count(n.view()));
    anne::random rng(seed);
    anne::glorot_uniform(n.view(), n.params.data(), rng);
    return n;
}

}  // namespace

const char* const mlp_names[3] = {"mlp_4_8_3", "mlp_64_128_10", "mlp_784_256_128_10"};

net mlp(const std::string& name) {
    if (name == mlp_names[0]) return glorot_mlp(name, {4, 8, 3}, 1);
    if (name == mlp_names[1]) return glorot_mlp(name, {64, 128, 10}, 2);
    if (name == mlp_names[2]) return glorot_mlp(name, {784, 256, 128, 10}, 3);
    anne::fail("bench", "unknown network " + name);
}

std::vector<float> batch_inputs(std::size_t inputs, std::size_t rows) {
    anne::random rng(100 + inputs);
    std::vector<float> x(inputs * rows);
    for (float& v : x) v = rng.uniform(-1.0f, 1.0f);
    return x;
}

net iris(const std::string& name) {
    const anne::model m = anne::load_model(name);
    net n;
    n.name = name;
    n.inputs = m.inputs;
    const anne::network v = m.net();
    n.layers.assign(v.layers, v.layers + v.depth);
    n.params = m.params;
    return n;
}

iris_split iris_test_standardized() {
    const anne::dataset data = anne::iris_data();
    std::vector<float> mean, std;
    anne::iris_standardization(data, mean, std);
    const anne::labelled_samples split = anne::iris_test_split(data);
    iris_split s;
    for (std::size_t r = 0; r < split.x.size(); ++r) {
        for (std::size_t i = 0; i < mean.size(); ++i)
            s.x.push_back((split.x[r][i] - mean[i]) / std[i]);
        s.labels.push_back(static_cast<float>(split.y[r]));
    }
    return s;
}

net selflearn_start() {
    net n;
    n.name = "selflearn";
    n.inputs = 4;
    n.layers = {{3, activation("relu"), 0.0f, true}, {1, activation("sigmoid"), 0.0f, true}};
    n.params.resize(anne::parameter_count(n.view()));
    anne::random rng(7);
    anne::uniform_init(n.view(), n.params.data(), rng, -0.5f, 0.5f);
    return n;
}

digits_data digits(const std::string& source_dir) {
    const anne::dataset d =
        anne::to_dataset(anne::read_csv(source_dir + "/data/digits.csv"), "digit");
    digits_data out;
    out.rows = d.rows();
    out.x.resize(d.x.size());
    for (std::size_t i = 0; i < d.x.size(); ++i) out.x[i] = d.x[i] / 16.0f;
    out.t.assign(out.rows * 10, 0.0f);
    for (std::size_t r = 0; r < out.rows; ++r) out.t[r * 10 + std::stoul(d.labels[r])] = 1.0f;
    return out;
}

net digits_start() { return glorot_mlp("digits_64_128_10", {64, 128, 10}, 4); }

}  // namespace bench
