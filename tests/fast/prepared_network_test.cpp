// The prepared single-sample path against anne::predict: bit for bit, on the IRIS networks and
// on random small and not-so-small networks with every activation.
#include <gtest/gtest.h>
#include <anne/init.hpp>
#include <anne/network.hpp>

#include <string>
#include <vector>

#include "iris.hpp"
#include "model.hpp"
#include "prepared_network.hpp"
#include "support.hpp"

namespace {

void expect_same_as_core(const anne::network& n, const std::vector<float>& xs,
                         const std::string& what) {
    const std::size_t outputs = anne::output_count(n), rows = xs.size() / n.inputs;
    anne::fast::prepared_network p(n);
    std::vector<float> want(outputs), got(outputs), scratch(anne::predict_scratch_size(n));
    for (std::size_t r = 0; r < rows; ++r) {
        anne::predict(n, xs.data() + r * n.inputs, want.data(), scratch.data(), scratch.size());
        p.predict(xs.data() + r * n.inputs, got.data());
        ASSERT_TRUE(fast_test::same_bits(got, want)) << what << ", row " << r;
    }
}

TEST(PreparedNetwork, IrisNetworksAreSpecializedAndExact) {
    const anne::dataset iris = anne::iris_data();
    for (const char* name : {"iris8", "iris6"}) {
        const anne::model m = anne::load_model(name);
        std::vector<float> xs(iris.rows() * m.inputs);
        for (std::size_t r = 0; r < iris.rows(); ++r)
            m.pre.apply(iris.row(r), xs.data() + r * m.inputs, m.inputs);
        EXPECT_EQ(anne::fast::prepared_network(m.net()).specialized_layers(), m.layers.size());
        expect_same_as_core(m.net(), xs, name);
    }
}

TEST(PreparedNetwork, RandomNetworksEveryActivation) {
    anne::random rng(51);
    constexpr std::size_t count = sizeof(anne::activations::builtin) / sizeof(void*);
    for (int trial = 0; trial < 300; ++trial) {
        // Widths 1-10: both sides of the 8 x 8 size-specific kernels.
        std::vector<anne::layer> layers;
        const std::size_t inputs = 1 + rng.below(10), depth = 1 + rng.below(4);
        for (std::size_t k = 0; k < depth; ++k)
            layers.push_back({1 + rng.below(10), anne::activations::builtin[rng.below(count)], 0.2f,
                              rng.below(4) != 0});
        anne::network n{inputs, layers.data(), depth, nullptr};
        std::vector<float> params = fast_test::uniform(rng, anne::parameter_count(n), -2.0f, 2.0f);
        n.params = params.data();
        std::string what = std::to_string(inputs);
        for (const anne::layer& l : layers)
            what += " -> " + std::to_string(l.units) + " " + l.f->name;
        expect_same_as_core(n, fast_test::uniform(rng, 8 * inputs, -3.0f, 3.0f), what);
    }
}

}  // namespace
