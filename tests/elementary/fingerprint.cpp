// Prints the host's fingerprint of each elementary function (fingerprint.hpp), one line each:
// "exp 0123456789abcdef". tests/mcu compares the Cortex-M programs' lines with these.
#include "fingerprint.hpp"

#include <cstdio>

int main() {
    for (const auto& f : elementary_fingerprint::functions) elementary_fingerprint::print(f);
}
