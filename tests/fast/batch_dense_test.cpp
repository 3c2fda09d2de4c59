// The batched dense layer against the core's per-sample dense_forward and dense_backward, on
// random layers (widths 1-300, batches 1-100) with every built-in activation.
#include <gtest/gtest.h>
#include <anne/dense.hpp>
#include <anne/train.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "fast/batch_dense.hpp"
#include "support.hpp"

namespace {

struct layer_case {
    anne::layer l;
    std::size_t inputs, batch;
    std::vector<float> kernel, bias, x, dz;
};

layer_case random_layer(const anne::activation& f, anne::random& rng) {
    layer_case c;
    c.inputs = 1 + rng.below(300);
    c.batch = 1 + rng.below(100);
    c.l = {1 + rng.below(300), &f, 0.3f, rng.below(4) != 0};
    c.kernel = fast_test::uniform(rng, c.inputs * c.l.units);
    c.bias = fast_test::uniform(rng, c.l.units);
    c.x = fast_test::uniform(rng, c.batch * c.inputs, -2.0f, 2.0f);
    c.dz = fast_test::uniform(rng, c.batch * c.l.units);
    return c;
}

std::string describe(const fast_test::config& cfg, const layer_case& c) {
    return cfg.name + ", " + c.l.f->name + ": " + std::to_string(c.inputs) + " -> " +
           std::to_string(c.l.units) + ", batch " + std::to_string(c.batch) +
           (c.l.use_bias ? "" : ", no bias");
}

void check_forward(const fast_test::config& cfg, const layer_case& c) {
    const std::size_t units = c.l.units, in = c.inputs;
    const float* bias = c.l.use_bias ? c.bias.data() : nullptr;
    std::vector<float> want_z(c.batch * units), want_y(c.batch * units);
    for (std::size_t s = 0; s < c.batch; ++s)
        anne::dense_forward(c.l, in, c.kernel.data(), bias, c.x.data() + s * in,
                            want_z.data() + s * units, want_y.data() + s * units);
    std::vector<float> z(c.batch * units), y(c.batch * units), scratch;
    anne::fast::dense_forward_batch(c.l, in, c.kernel.data(), bias, c.x.data(), c.batch, z.data(),
                                    y.data(), cfg.options, scratch);
    const std::string what = describe(cfg, c);
    if (cfg.exact) {
        ASSERT_TRUE(fast_test::same_bits(z, want_z)) << what;
        ASSERT_TRUE(fast_test::same_bits(y, want_y)) << what;
        return;
    }
    for (std::size_t s = 0; s < c.batch; ++s) {
        // scale_z: sum_i |x_i w_ij| + |b_j|; an activation's output moves at most slope_bound
        // times as much (softmax: by the row's largest).
        std::vector<double> scale(units);
        for (std::size_t j = 0; j < units; ++j) {
            double m = bias ? std::fabs(bias[j]) : 0.0;
            for (std::size_t i = 0; i < in; ++i)
                m += std::fabs(static_cast<double>(c.x[s * in + i]) * c.kernel[i * units + j]);
            scale[j] = m;
        }
        const double row_max = *std::max_element(scale.begin(), scale.end());
        for (std::size_t j = 0; j < units; ++j) {
            const std::size_t e = s * units + j;
            ASSERT_TRUE(fast_test::near(z[e], want_z[e], scale[j]))
                << what << ": z at (" << s << ", " << j << ") " << z[e] << " vs " << want_z[e];
            const double y_scale = fast_test::slope_bound *
                                   (c.l.f == &anne::activations::softmax ? row_max : scale[j]);
            ASSERT_TRUE(fast_test::near(y[e], want_y[e], y_scale))
                << what << ": y at (" << s << ", " << j << ") " << y[e] << " vs " << want_y[e];
        }
    }
}

void check_backward(const fast_test::config& cfg, const layer_case& c) {
    const std::size_t units = c.l.units, in = c.inputs;
    std::vector<float> want_dw(in * units, 0.0f), want_db(units, 0.0f), want_dx(c.batch * in);
    for (std::size_t s = 0; s < c.batch; ++s)
        anne::dense_backward(c.l, in, c.kernel.data(), c.x.data() + s * in, c.dz.data() + s * units,
                             want_dw.data(), c.l.use_bias ? want_db.data() : nullptr,
                             want_dx.data() + s * in);
    std::vector<float> dw(in * units), db(units, 0.0f), dx(c.batch * in), scratch;
    anne::fast::dense_backward_batch(c.l, in, c.kernel.data(), c.x.data(), c.dz.data(), c.batch,
                                     dw.data(), c.l.use_bias ? db.data() : nullptr, dx.data(),
                                     cfg.options, scratch);
    const std::string what = describe(cfg, c);
    if (cfg.exact) {
        ASSERT_TRUE(fast_test::same_bits(dw, want_dw)) << what;
        ASSERT_TRUE(fast_test::same_bits(db, want_db)) << what;
        ASSERT_TRUE(fast_test::same_bits(dx, want_dx)) << what;
        return;
    }
    for (std::size_t i = 0; i < in; ++i)
        for (std::size_t j = 0; j < units; ++j) {
            double m = 0.0;  // sum_s |x_si dz_sj|
            for (std::size_t s = 0; s < c.batch; ++s)
                m += std::fabs(static_cast<double>(c.x[s * in + i]) * c.dz[s * units + j]);
            const std::size_t e = i * units + j;
            ASSERT_TRUE(fast_test::near(dw[e], want_dw[e], m))
                << what << ": dW at (" << i << ", " << j << ") " << dw[e] << " vs " << want_dw[e];
        }
    for (std::size_t j = 0; j < units; ++j) {
        double m = 0.0;  // sum_s |dz_sj|
        for (std::size_t s = 0; s < c.batch; ++s) m += std::fabs(c.dz[s * units + j]);
        ASSERT_TRUE(fast_test::near(db[j], want_db[j], m)) << what << ": db at " << j;
    }
    for (std::size_t s = 0; s < c.batch; ++s)
        for (std::size_t i = 0; i < in; ++i) {
            double m = 0.0;  // sum_j |dz_sj w_ij|
            for (std::size_t j = 0; j < units; ++j)
                m += std::fabs(static_cast<double>(c.dz[s * units + j]) * c.kernel[i * units + j]);
            const std::size_t e = s * in + i;
            ASSERT_TRUE(fast_test::near(dx[e], want_dx[e], m))
                << what << ": dX at (" << s << ", " << i << ") " << dx[e] << " vs " << want_dx[e];
        }
}

TEST(FastDense, ForwardEqualsCorePerSampleForEveryActivation) {
    anne::random rng(21);
    for (const fast_test::config& cfg : fast_test::configs())
        for (const anne::activation* f : anne::activations::builtin)
            for (int trial = 0; trial < 2; ++trial) check_forward(cfg, random_layer(*f, rng));
}

TEST(FastDense, BackwardEqualsCoreSummedOverSamples) {
    anne::random rng(22);
    for (const fast_test::config& cfg : fast_test::configs())
        for (int trial = 0; trial < 8; ++trial)
            check_backward(cfg, random_layer(anne::activations::relu, rng));
}

TEST(FastDense, ActivationDerivativesEqualCorePerRow) {
    anne::random rng(23);
    const std::size_t rows = 7, units = 5;
    for (const anne::activation* f : anne::activations::builtin) {
        const std::vector<float> z = fast_test::uniform(rng, rows * units, -4.0f, 4.0f);
        const std::vector<float> dy = fast_test::uniform(rng, rows * units);
        std::vector<float> y(rows * units), dz(rows * units), want_y(rows * units),
            want_dz(rows * units);
        for (std::size_t r = 0; r < rows; ++r) {
            const std::size_t o = r * units;
            anne::activate(*f, 0.3f, z.data() + o, want_y.data() + o, units);
            anne::activate_backward(*f, 0.3f, z.data() + o, want_y.data() + o, dy.data() + o,
                                    want_dz.data() + o, units);
        }
        anne::fast::activate_rows(*f, 0.3f, z.data(), y.data(), rows, units);
        anne::fast::activate_backward_rows(*f, 0.3f, z.data(), y.data(), dy.data(), dz.data(), rows,
                                           units);
        EXPECT_TRUE(fast_test::same_bits(y, want_y)) << f->name;
        EXPECT_TRUE(fast_test::same_bits(dz, want_dz)) << f->name;
    }
}

}  // namespace
