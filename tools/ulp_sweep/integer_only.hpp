// The functions that have a shortcut on the PC, as the integer code alone computes them
// (integer_only.cpp).
#pragma once

namespace integer_only {
float exp(float x);
float logistic(float x);
float tanh(float x);
}  // namespace integer_only
