// shortcut_check: whether the PC's double-precision shortcut of exp, logistic and tanh
// (ANNE_ELEMENTARY_SHORTCUT in include/anne/elementary.h) gives the integer code's bits for
// every float of its domain (outside it both are the same code), so that the PC computes what
// every Cortex-M computes. Prints per function the floats compared and how many differ; exit
// status 1 if any does. About 3 billion floats, a few minutes of CPU time; one thread, run it
// under `nice -n 19`. With --windows it measures instead what the logistic's windows
// (anne_elementary_logistic_window) are made of, over every float of its domain: per sign and
// binade of x, the least and largest difference between the integer code's result before
// rounding and the shortcut's double, and prints the table (the windows widened by 2^19).
//
// Usage: shortcut_check [--windows | --help | FUNCTION...] (FUNCTION: exp, logistic,
// logistic_each0, logistic_each1, tanh; all by default)
#include <anne/elementary.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

#include "integer_only.hpp"

namespace {

// anne_logistic_each on two values, x in lane `lane` and -x/2 in the other (another sign, binade
// and table entry, so that lanes mixed up would show); x's result.
template <int lane>
float logistic_each(float x) {
    float v[2];
    v[lane] = x;
    v[1 - lane] = -0.5f * x;
    anne_logistic_each(v, 2);
    return v[lane];
}

struct domain {
    const char* name;
    float (*shortcut)(float);
    float (*integer)(float);
    std::uint32_t from, to_positive, to_negative;  // |x|'s bits: [from, to] for each sign
};

// The domains as the functions test them, a little wider: exp |x| <= 87, logistic
// 2^-26 <= |x| <= 128 (x > 0) or 80 (x < 0), tanh 1/16 <= |x| < 10; anne_logistic_each's
// vector code with the value in either lane, as logistic_each0 and logistic_each1.
const domain domains[] = {
    {"exp", anne_exp, integer_only::exp, 0x00000000u, 0x42b1999au, 0x42d00000u},
    {"logistic", anne_logistic, integer_only::logistic, 0x32800000u, 0x43000000u, 0x42a00000u},
    {"logistic_each0", logistic_each<0>, integer_only::logistic, 0x32800000u, 0x43000000u,
     0x42a00000u},
    {"logistic_each1", logistic_each<1>, integer_only::logistic, 0x32800000u, 0x43000000u,
     0x42a00000u},
    {"tanh", anne_tanh, integer_only::tanh, 0x3d800000u, 0x41200000u, 0x41200000u}};

std::uint32_t bits(float x) {
    std::uint32_t u;
    std::memcpy(&u, &x, sizeof u);
    return u;
}

// The integer result before rounding minus the double, in units of 2^-52 of the double.
double difference(float x) {
    const anne_elementary_scaled v =
        anne_elementary_logistic_unrounded(anne_elementary_decompose(bits(x)));
    const double y = anne_elementary_logistic_double(x);
    int exponent;
    std::frexp(y, &exponent);  // y = f 2^exponent, f in [1/2, 1): units of 2^(exponent - 53)
    const long double unit = std::ldexp(1.0L, exponent - 53);
    return static_cast<double>((std::ldexp(static_cast<long double>(v.m), v.e) - y) / unit);
}

// The table of anne_elementary_logistic_window, from every float of the shortcut's domain:
// per sign, one entry per binade of |x| (2^b <= |x| < 2^(b+1), b = -26..6), between the entries
// of the exponent fields outside the domain. Where x > 0 and b >= 5 the double rounds to 1 like
// the integer code, which never falls back; where x < 0 and b = 6 results become subnormal,
// which always falls back.
int windows() {
    const long long widen = 1 << 19, midpoint = 1 << 28;
    std::printf("ANNE_ELEMENTARY_TABLE uint32_t anne_elementary_logistic_window[512][2] = {\n");
    for (std::uint32_t sign = 0; sign < 2; ++sign) {
        std::printf(sign ? "    /* x < 0 */\n    ANNE_ELEMENTARY_NO_SHORTCUT_101,\n"
                         : "    /* x > 0 */\n    ANNE_ELEMENTARY_NO_SHORTCUT_101, /* exponent "
                           "fields 0-100: x < 2^-26 */\n");
        for (int b = -26; b <= 6; ++b) {
            if (b >= (sign ? 6 : 5)) {
                std::printf(sign ? "    {0u, 0xffffffffu},\n" : "    {0x20000000u, 0u},\n");
                continue;
            }
            const std::uint32_t from = static_cast<std::uint32_t>(b + 127) << 23;
            double lo = 1e30, hi = -1e30;
            for (std::uint32_t a = from; a < from + 0x800000u; ++a) {
                float x;
                const std::uint32_t u = a | (sign << 31);
                std::memcpy(&x, &u, sizeof x);
                const double d = difference(x);
                lo = d < lo ? d : lo;
                hi = d > hi ? d : hi;
            }
            std::fprintf(stderr, "%s 2^%d: [%.0f, %.0f]\n", sign ? "x < 0" : "x > 0", b, lo, hi);
            // the two round differently if a midpoint lies between y and y + d: the window
            // spans y itself too
            lo = lo < 0 ? lo : 0;
            hi = hi > 0 ? hi : 0;
            std::printf("    {%lldu, %lldu},\n",
                        midpoint - static_cast<long long>(std::ceil(hi)) - widen,
                        static_cast<long long>(std::ceil(hi) - std::floor(lo)) + 2 * widen);
        }
        std::printf(sign ? "    ANNE_ELEMENTARY_NO_SHORTCUT_122};\n"
                         : "    ANNE_ELEMENTARY_NO_SHORTCUT_122, /* x >= 128, infinity, NaN */\n");
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && std::string(argv[1]) == "--windows") return windows();
    std::string only;  // the functions named, or all
    for (int i = 1; i < argc; ++i)
        for (const domain& d : domains)
            if (argv[i] == std::string(d.name)) only += std::string(" ") + d.name + " ";
    if (argc > 1 && only.empty()) {
        const bool help = std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h";
        std::fprintf(help ? stdout : stderr,
                     "%sUsage: shortcut_check [--windows | FUNCTION...]\n"
                     "  Compares the PC's double-precision shortcut of FUNCTION (exp, logistic,\n"
                     "  logistic_each0, logistic_each1 (the vector code, the value in lane 0 or\n"
                     "  1), tanh; all by default) with the integer code on every float of its\n"
                     "  domain; exit status 1 if any differs.\n"
                     "  --windows: measures the logistic's windows instead, prints their table.\n",
                     help ? "" : "shortcut_check: unknown argument\n");
        return help ? 0 : 2;
    }
    bool all_same = true;
    for (const domain& d : domains) {
        if (!only.empty() && only.find(std::string(" ") + d.name + " ") == std::string::npos)
            continue;
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
        std::printf("%-14s %llu floats compared, %llu differ\n", d.name,
                    static_cast<unsigned long long>(compared),
                    static_cast<unsigned long long>(differ));
        std::fflush(stdout);
        all_same = all_same && differ == 0;
    }
    return all_same ? 0 : 1;
}
