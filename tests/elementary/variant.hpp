// Copies of the core's elementary functions compiled with different flags (variant.cpp).
#pragma once

#include "reference.hpp"

namespace elementary_test {

struct variant {
    const char* flags;
    float (*f[anne::ulp::function_count])(float);  // in anne::ulp::function's order
};

}  // namespace elementary_test

namespace o0 {
const elementary_test::variant& functions();
}
namespace o2 {
const elementary_test::variant& functions();
}
namespace native {
const elementary_test::variant& functions();
}
namespace integer {  // -DANNE_ELEMENTARY_INTEGER_ONLY: without the PC's double shortcut
const elementary_test::variant& functions();
}
