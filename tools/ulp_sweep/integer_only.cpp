// The elementary functions compiled without the PC's double-precision shortcut
// (ANNE_ELEMENTARY_INTEGER_ONLY, set for this file by CMake), in a namespace of their own so
// that the linker keeps them apart from the shortcut's inline functions of the same name. The
// standard headers come first, so that elementary.h's includes are already done.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "integer_only.hpp"

namespace integer_only {
#include <anne/elementary.h>

float exp(float x) { return anne_exp(x); }
float logistic(float x) { return anne_logistic(x); }
float tanh(float x) { return anne_tanh(x); }
}  // namespace integer_only
