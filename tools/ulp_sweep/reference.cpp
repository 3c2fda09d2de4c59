#include "reference.hpp"

#include <mpfr.h>

#include <cfloat>
#include <cmath>
#include <cstring>

namespace anne::ulp {

namespace {

std::uint64_t mpfr_count = 0;

double in_double(function f, double x) {
    switch (f) {
    case function::exp: return std::exp(x);
    case function::expm1: return std::expm1(x);
    case function::log: return std::log(x);
    case function::log1p: return std::log1p(x);
    case function::tanh: return std::tanh(x);
    case function::logistic: return 1.0 / (1.0 + std::exp(-x));
    case function::erf: return std::erf(x);
    case function::count: break;
    }
    return NAN;
}

// f(x) into y with y's precision, rounded to nearest; returns the ternary value.
int in_mpfr(function f, mpfr_t y, const mpfr_t x) {
    switch (f) {
    case function::exp: return mpfr_exp(y, x, MPFR_RNDN);
    case function::expm1: return mpfr_expm1(y, x, MPFR_RNDN);
    case function::log: return mpfr_log(y, x, MPFR_RNDN);
    case function::log1p: return mpfr_log1p(y, x, MPFR_RNDN);
    case function::tanh: return mpfr_tanh(y, x, MPFR_RNDN);
    case function::erf: return mpfr_erf(y, x, MPFR_RNDN);
    case function::logistic:  // 1 / (1 + e^-x): three roundings, so the caller's error bound
        mpfr_neg(y, x, MPFR_RNDN);
        mpfr_exp(y, y, MPFR_RNDN);
        mpfr_add_ui(y, y, 1, MPFR_RNDN);
        return mpfr_ui_div(y, 1, y, MPFR_RNDN);
    case function::count: break;
    }
    return 0;
}

// Ziv's strategy: at precision p the value (rounded once, or three times for the logistic
// function) is within 4 ulps of f(x); mpfr_can_round tells whether that is enough to round
// to 24 bits. Then the float's exponent range is imposed (subnormals: mpfr_subnormalize).
float by_mpfr(function f, float x) {
    ++mpfr_count;
    mpfr_t mx, y;
    mpfr_init2(mx, 24);
    mpfr_set_flt(mx, x, MPFR_RNDN);
    float result = NAN;
    for (mpfr_prec_t p = 64;; p *= 2) {
        mpfr_init2(y, p);
        in_mpfr(f, y, mx);
        if (mpfr_nan_p(y) || mpfr_inf_p(y) || mpfr_zero_p(y) ||
            mpfr_can_round(y, p - 2, MPFR_RNDN, MPFR_RNDZ, 24 + 1)) {
            mpfr_t z;
            mpfr_init2(z, 24);
            const mpfr_exp_t emin = mpfr_get_emin(), emax = mpfr_get_emax();
            mpfr_set_emin(-148);
            mpfr_set_emax(128);
            const int t = mpfr_set(z, y, MPFR_RNDN);
            mpfr_subnormalize(z, mpfr_check_range(z, t, MPFR_RNDN), MPFR_RNDN);
            result = mpfr_get_flt(z, MPFR_RNDN);
            mpfr_set_emin(emin);
            mpfr_set_emax(emax);
            mpfr_clear(z);
            mpfr_clear(y);
            break;
        }
        mpfr_clear(y);
    }
    mpfr_clear(mx);
    return result;
}

}  // namespace

const char* name(function f) {
    static const char* const names[] = {"exp", "expm1", "log", "log1p", "tanh", "logistic", "erf"};
    return names[static_cast<int>(f)];
}

float correctly_rounded(function f, float x) {
    const double y = in_double(f, x);
    if (std::isnan(y)) return NAN;
    if (std::isinf(y)) return static_cast<float>(y);
    // c is right unless y is near one of the midpoints between c and its neighbours (or, for
    // the largest float, near the threshold of overflow). The midpoints are exact in double.
    const float c = static_cast<float>(y);
    const double a = std::fabs(c), margin = std::fabs(y) * 0x1p-40;
    const double below = a == 0 ? -1.0 : (a + std::nextafter(static_cast<float>(a), 0.0f)) / 2;
    const double above = a >= FLT_MAX ? 0x1p128 * (1 - 0x1p-25)
                                      : (a + std::nextafter(static_cast<float>(a), INFINITY)) / 2;
    const double ya = std::fabs(y);
    if (std::fabs(ya - below) <= margin || std::fabs(ya - above) <= margin) return by_mpfr(f, x);
    return c;
}

std::uint64_t ulps(float a, float b) {
    if (std::isnan(a) || std::isnan(b)) return std::isnan(a) && std::isnan(b) ? 0 : 1ull << 32;
    const auto ordered = [](float v) {
        std::uint32_t u;
        std::memcpy(&u, &v, sizeof u);
        return u >> 31 ? -static_cast<std::int64_t>(u & 0x7fffffffu) : static_cast<std::int64_t>(u);
    };
    const std::int64_t d = ordered(a) - ordered(b);
    return static_cast<std::uint64_t>(d < 0 ? -d : d);
}

std::uint64_t mpfr_calls() { return mpfr_count; }

}  // namespace anne::ulp
