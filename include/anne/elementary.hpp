// The core's own elementary functions for C++: anne::elementary::exp, expm1, log, log1p, tanh,
// logistic (the sigmoid) and erf, for float, and divide (a / b with the bits of IEEE-754
// division, in integer arithmetic on the Cortex-M0+). They are the functions of elementary.h
// (their one implementation, C99 and C++17, which the exported C code calls too), so the C++
// core and the exported C and C++ code give the same bits; the method, error bound and special
// values of each are described there. In short: integer arithmetic on the float's bits, the
// same bits on every IEEE-754 binary32 target, within 1 ulp of the correctly rounded result
// for every float (docs/elementary.md).
#pragma once

#include <cstddef>

#include "elementary.h"

namespace anne::elementary {

/// @brief e^x; 0 below -103.97, infinity above 88.72.
inline float exp(float x) { return anne_exp(x); }
/// @brief e^x - 1, exact for small x.
inline float expm1(float x) { return anne_expm1(x); }
/// @brief The natural logarithm; log(0) = -inf, NaN for x < 0.
inline float log(float x) { return anne_log(x); }
/// @brief log(1 + x), exact for small x.
inline float log1p(float x) { return anne_log1p(x); }
/// @brief The hyperbolic tangent; never NaN or infinite for finite x.
inline float tanh(float x) { return anne_tanh(x); }
/// @brief The logistic function 1 / (1 + e^-x); sigmoid(-1000) = 0, never NaN for finite x.
inline float logistic(float x) { return anne_logistic(x); }
/// @brief logistic of each of v[0..n) in place, with logistic's bits (two at a time on a PC).
inline void logistic_each(float* v, std::size_t n) { anne_logistic_each(v, n); }
/// @brief The error function.
inline float erf(float x) { return anne_erf(x); }
/// @brief a / b, correctly rounded (the bits of IEEE-754 division), cheap on the Cortex-M0+.
inline float divide(float a, float b) { return anne_divide(a, b); }

}  // namespace anne::elementary
