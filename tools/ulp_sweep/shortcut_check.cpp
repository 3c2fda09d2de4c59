// shortcut_check: whether the PC's double-precision shortcut of exp, logistic and tanh
// (ANNE_ELEMENTARY_SHORTCUT in include/anne/elementary.h) gives the integer code's bits for
// every float of its domain (outside it both are the same code), so that the PC computes what
// every Cortex-M computes. Prints per function the floats compared and how many differ; exit
// status 1 if any does. About 3 billion floats, a few minutes of CPU time; one thread, run it
// under `nice -n 19`.
//
// Usage: shortcut_check [--help]
#include <anne/elementary.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "integer_only.hpp"

namespace {

struct domain {
    const char* name;
    float (*shortcut)(float);
    float (*integer)(float);
    std::uint32_t from, to_positive, to_negative;  // |x|'s bits: [from, to] for each sign
};

// The domains as the functions test them, a little wider: exp |x| <= 87, logistic
// 2^-26 <= |x| <= 17.5 (x > 0) or 80 (x < 0), tanh 1/16 <= |x| < 10.
const domain domains[] = {
    {"exp", anne_exp, integer_only::exp, 0x00000000u, 0x42b1999au, 0x42d00000u},
    {"logistic", anne_logistic, integer_only::logistic, 0x32800000u, 0x418c0000u, 0x42a00000u},
    {"tanh", anne_tanh, integer_only::tanh, 0x3d800000u, 0x41200000u, 0x41200000u}};

std::uint32_t bits(float x) {
    std::uint32_t u;
    std::memcpy(&u, &x, sizeof u);
    return u;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc > 1) {
        const bool help = std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h";
        std::fprintf(help ? stdout : stderr,
                     "%sUsage: shortcut_check\n  Compares the PC's double-precision shortcut of "
                     "exp, logistic and tanh\n  with the integer code on every float of its "
                     "domain; exit status 1 if any differs.\n",
                     help ? "" : "shortcut_check: takes no arguments\n");
        return help ? 0 : 2;
    }
    bool all_same = true;
    for (const domain& d : domains) {
        std::uint64_t compared = 0, differ = 0;
        for (std::uint32_t sign = 0; sign < 2; ++sign)
            for (std::uint64_t a = d.from; a <= (sign ? d.to_negative : d.to_positive); ++a) {
                const std::uint32_t u = static_cast<std::uint32_t>(a) | (sign << 31);
                float x;
                std::memcpy(&x, &u, sizeof x);
                ++compared;
                if (bits(d.shortcut(x)) != bits(d.integer(x)) && differ++ < 5)
                    std::printf("%s differs at %a\n", d.name, static_cast<double>(x));
            }
        std::printf("%-9s %llu floats compared, %llu differ\n", d.name,
                    static_cast<unsigned long long>(compared),
                    static_cast<unsigned long long>(differ));
        std::fflush(stdout);
        all_same = all_same && differ == 0;
    }
    return all_same ? 0 : 1;
}
