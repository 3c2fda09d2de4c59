// The correctly rounded float results that the core's elementary functions are checked
// against: glibc's double-precision function where that provably rounds to the right float,
// MPFR otherwise.
#pragma once

#include <cstdint>

namespace anne::ulp {

/// @brief The functions of include/anne/elementary.hpp, in this order everywhere.
enum class function { exp, expm1, log, log1p, tanh, logistic, erf, count };
constexpr int function_count = static_cast<int>(function::count);
const char* name(function f);

/// @brief f(x) rounded to the nearest float (ties to even), with IEEE-754's subnormals,
/// overflow to infinity and NaN where f is undefined.
///
/// glibc's double function is within a few double ulps (2^-51 relative) of f(x); when its
/// value is more than 2^-40 relative away from the midpoint between two floats, rounding it
/// gives the correctly rounded float. Otherwise (about 1 input in 2^15) MPFR computes f(x)
/// with growing precision until mpfr_can_round says the float is certain.
float correctly_rounded(function f, float x);

/// @brief How many floats lie between a and b (0: the same number; +0 and -0 are the same;
/// NaN against NaN is 0, NaN against a number is 2^32).
std::uint64_t ulps(float a, float b);

/// @brief How often correctly_rounded had to ask MPFR (for the tool's report).
std::uint64_t mpfr_calls();

}  // namespace anne::ulp
