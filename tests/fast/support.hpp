// Shared by the fast-vs-plain tests: the kernel configurations to run, random data, and the
// closeness criterion for the fast (not bit-exact) ones.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include <anne/init.hpp>

#include "fast/gemm.hpp"

namespace fast_test {

/// One way to run the batch kernels, and whether it must equal the core bit for bit.
struct config {
    std::string name;
    anne::fast::options options;
    bool exact;
};

/// Every configuration this machine can run: exact (generic and AVX2) must equal the core bit
/// for bit; fast (own kernels generic and AVX2 + FMA, OpenBLAS) must be close. Forcing
/// isa::generic tests the portable path on an AVX2 machine too.
inline std::vector<config> configs() {
    using namespace anne::fast;
    std::vector<config> c = {
        {"exact generic", {mode::exact, backend::own, isa::generic}, true},
        {"fast own generic", {mode::fast, backend::own, isa::generic}, false},
    };
    if (cpu_has_avx2_fma()) {
        c.push_back({"exact avx2", {mode::exact, backend::own, isa::avx2}, true});
        c.push_back({"fast own avx2+fma", {mode::fast, backend::own, isa::avx2}, false});
    }
    if (have_blas())
        c.push_back({"fast openblas", {mode::fast, backend::blas, isa::automatic}, false});
    c.push_back({"fast automatic", {}, false});
    return c;
}

/// Relative tolerance of the fast kernels (the brief: 1e-6).
constexpr double tolerance = 1e-6;

/// The criterion for a fast result: |got - want| <= tolerance * (|want| + scale), where scale
/// is the sum of the magnitudes of the terms that were summed (sum_i |x_i w_ij| + |b_j| for a
/// weighted sum). A sum's rounding errors grow with that, not with the sum itself, which may
/// cancel to 0: so values near 0 get an absolute allowance of tolerance * scale, and large ones
/// a relative one. scale = 0 makes it purely relative.
inline bool near(double got, double want, double scale) {
    return std::fabs(got - want) <= tolerance * (std::fabs(want) + scale);
}

/// All activations' slopes are at most 2 in magnitude (selu's, 1.76, is the largest of the
/// built-ins): an error e in z is at most 2e in f(z), and in a softmax output.
constexpr double slope_bound = 2.0;

inline std::vector<float> uniform(anne::random& rng, std::size_t n, float a = -1.0f,
                                  float b = 1.0f) {
    std::vector<float> v(n);
    for (float& x : v) x = rng.uniform(a, b);
    return v;
}

/// The same floats, bit for bit (NaN included).
inline bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

}  // namespace fast_test
