// The matrix product of the batch kernels against a plain triple loop that sums in the core's
// order (p = 0, 1, ..., the bias last): exact configurations bit for bit, fast ones within the
// criterion of support.hpp, for every transposition, odd shapes, strides, bias and accumulate.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "fast/gemm.hpp"
#include "support.hpp"

namespace {

using anne::fast::trans;

struct shape {
    std::size_t m, n, k;
};

// The plain product, and for each element the sum of the magnitudes of its terms.
void plain_gemm(trans ta, trans tb, const shape& s, const float* a, std::size_t lda, const float* b,
                std::size_t ldb, const float* bias, bool accumulate, float* c, std::size_t ldc,
                std::vector<double>& scale) {
    scale.assign(s.m * s.n, 0.0);
    for (std::size_t i = 0; i < s.m; ++i)
        for (std::size_t j = 0; j < s.n; ++j) {
            float sum = accumulate ? c[i * ldc + j] : 0.0f;
            double mag = std::fabs(sum);
            for (std::size_t p = 0; p < s.k; ++p) {
                const float av = ta == trans::yes ? a[p * lda + i] : a[i * lda + p];
                const float bv = tb == trans::yes ? b[j * ldb + p] : b[p * ldb + j];
                sum += av * bv;
                mag += std::fabs(static_cast<double>(av) * bv);
            }
            if (bias) {
                sum += bias[j];
                mag += std::fabs(bias[j]);
            }
            c[i * ldc + j] = sum;
            scale[i * s.n + j] = mag;
        }
}

void check_shape(const fast_test::config& cfg, trans ta, trans tb, const shape& s, bool with_bias,
                 bool accumulate, anne::random& rng) {
    // Leading dimensions a little larger than needed, so that strides are exercised.
    const std::size_t a_rows = ta == trans::yes ? s.k : s.m, a_cols = ta == trans::yes ? s.m : s.k;
    const std::size_t b_rows = tb == trans::yes ? s.n : s.k, b_cols = tb == trans::yes ? s.k : s.n;
    const std::size_t lda = a_cols + 3, ldb = b_cols + 1, ldc = s.n + 2;
    const std::vector<float> a = fast_test::uniform(rng, a_rows * lda);
    const std::vector<float> b = fast_test::uniform(rng, b_rows * ldb);
    const std::vector<float> bias = fast_test::uniform(rng, s.n);
    const std::vector<float> c0 = fast_test::uniform(rng, s.m * ldc);
    std::vector<float> want = c0, got = c0, scratch;
    std::vector<double> scale;
    const float* bp = with_bias ? bias.data() : nullptr;
    plain_gemm(ta, tb, s, a.data(), lda, b.data(), ldb, bp, accumulate, want.data(), ldc, scale);
    anne::fast::gemm(ta, tb, s.m, s.n, s.k, a.data(), lda, b.data(), ldb, bp, accumulate,
                     got.data(), ldc, cfg.options, scratch);
    const std::string what = cfg.name + " " + (ta == trans::yes ? "T" : "N") +
                             (tb == trans::yes ? "T" : "N") + " m=" + std::to_string(s.m) +
                             " n=" + std::to_string(s.n) + " k=" + std::to_string(s.k) +
                             (with_bias ? " bias" : "") + (accumulate ? " accumulate" : "");
    if (cfg.exact) {
        ASSERT_TRUE(fast_test::same_bits(got, want)) << what;
        return;
    }
    for (std::size_t i = 0; i < s.m; ++i) {
        for (std::size_t j = 0; j < s.n; ++j)
            ASSERT_TRUE(fast_test::near(got[i * ldc + j], want[i * ldc + j], scale[i * s.n + j]))
                << what << " at (" << i << ", " << j << "): " << got[i * ldc + j] << " vs "
                << want[i * ldc + j];
        // The padding between rows is never written.
        for (std::size_t j = s.n; j < ldc; ++j)
            ASSERT_EQ(got[i * ldc + j], c0[i * ldc + j]) << what;
    }
}

TEST(Gemm, EdgeShapesEveryTransposition) {
    // Rows around the micro-kernels' 4, 6, 8 and 12, columns around the 4-, 8- and 16-wide
    // panels, depths around the 256-deep blocks.
    const std::size_t ms[] = {1, 2, 5, 6, 7, 12, 13};
    const std::size_t ns[] = {1, 3, 8, 9, 16, 17, 33};
    const std::size_t ks[] = {1, 2, 255, 256, 257, 600};
    anne::random rng(11);
    for (const fast_test::config& cfg : fast_test::configs())
        for (trans ta : {trans::no, trans::yes})
            for (trans tb : {trans::no, trans::yes})
                for (std::size_t m : ms)
                    for (std::size_t n : ns)
                        for (std::size_t k : ks) {
                            const bool with_bias = (m + n + k) % 2 == 0;
                            const bool accumulate = (m * n + k) % 3 == 0;
                            check_shape(cfg, ta, tb, {m, n, k}, with_bias, accumulate, rng);
                        }
}

TEST(Gemm, RandomShapes) {
    anne::random rng(12);
    for (const fast_test::config& cfg : fast_test::configs())
        for (int trial = 0; trial < 12; ++trial) {
            const shape s{1 + rng.below(300), 1 + rng.below(300), 1 + rng.below(300)};
            check_shape(cfg, trial % 3 == 1 ? trans::yes : trans::no,
                        trial % 3 == 2 ? trans::yes : trans::no, s, trial % 2 == 0, trial % 5 == 0,
                        rng);
        }
}

TEST(Gemm, EmptyDepthGivesBiasOrOldValues) {
    std::vector<float> c = {1.0f, 2.0f, 3.0f, 4.0f}, scratch;
    const float bias[2] = {10.0f, 20.0f};
    anne::fast::gemm(trans::no, trans::no, 2, 2, 0, nullptr, 0, nullptr, 2, bias, true, c.data(), 2,
                     {}, scratch);
    EXPECT_EQ(c, (std::vector<float>{11.0f, 22.0f, 13.0f, 24.0f}));
    anne::fast::gemm(trans::no, trans::no, 2, 2, 0, nullptr, 0, nullptr, 2, nullptr, false,
                     c.data(), 2, {}, scratch);
    EXPECT_EQ(c, (std::vector<float>{0.0f, 0.0f, 0.0f, 0.0f}));
}

TEST(Gemm, ChoosesByShapeAndMode) {
    using namespace anne::fast;
    const options exact{mode::exact, backend::blas, isa::automatic};
    EXPECT_EQ(chosen_backend(1024, 1024, 1024, exact), backend::own);  // exact: own kernels only
    EXPECT_EQ(chosen_backend(1, 8, 4, {}), backend::own);              // tiny: no BLAS call
    EXPECT_EQ(chosen_backend(1024, 256, 784, {}), have_blas() ? backend::blas : backend::own);
    EXPECT_EQ(chosen_isa({mode::fast, backend::own, isa::generic}), isa::generic);
    EXPECT_EQ(chosen_isa({}), cpu_has_avx2_fma() ? isa::avx2 : isa::generic);
    EXPECT_FALSE(blas_description().empty());
}

}  // namespace
