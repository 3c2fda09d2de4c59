// One copy of the core's elementary functions, compiled with the flags that CMake gives this
// object (ANNE_VARIANT_FLAGS), in a namespace of its own (ANNE_VARIANT): the functions are
// inline, and copies of the same name compiled differently would be merged by the linker.
// The standard headers come first, so that elementary.h's includes are already done.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <cstddef>

#include "variant.hpp"

namespace ANNE_VARIANT {
#include <anne/elementary.hpp>

const elementary_test::variant& functions() {
    namespace e = anne::elementary;
    static const elementary_test::variant v = {
        ANNE_VARIANT_FLAGS, {e::exp, e::expm1, e::log, e::log1p, e::tanh, e::logistic, e::erf}};
    return v;
}
}  // namespace ANNE_VARIANT
