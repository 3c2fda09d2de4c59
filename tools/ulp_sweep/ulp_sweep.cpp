// ulp_sweep: how far the core's elementary functions (include/anne/elementary.hpp) are from
// the correctly rounded result, over every float or every stride-th one.
//
// Usage: ulp_sweep [--stride N] [--from HEX] [function...]
//   function  exp expm1 log log1p tanh logistic erf (default: all)
//   --stride  check the floats with bit patterns 0, N, 2N, ... (default 1: all 2^32)
// Prints, per function, the floats checked, how many were correctly rounded, how many 1 ulp
// off, the worst distance in ulps and where. Exit status 1 if any result is more than 1 ulp
// away. One thread; run it under `nice -n 19` (scripts/ulp-sweep.sh does).
#include <anne/elementary.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "reference.hpp"

namespace {

using anne::ulp::function;

float own(function f, float x) {
    namespace e = anne::elementary;
    switch (f) {
    case function::exp: return e::exp(x);
    case function::expm1: return e::expm1(x);
    case function::log: return e::log(x);
    case function::log1p: return e::log1p(x);
    case function::tanh: return e::tanh(x);
    case function::logistic: return e::logistic(x);
    case function::erf: return e::erf(x);
    case function::count: break;
    }
    return 0.0f;
}

struct tally {
    std::uint64_t checked = 0, exact = 0, one = 0, worst = 0;
    float worst_x = 0.0f;
};

tally sweep(function f, std::uint64_t stride) {
    tally t;
    for (std::uint64_t b = 0; b <= 0xffffffffull; b += stride) {
        const std::uint32_t u = static_cast<std::uint32_t>(b);
        float x;
        std::memcpy(&x, &u, sizeof x);
        const std::uint64_t d = anne::ulp::ulps(own(f, x), anne::ulp::correctly_rounded(f, x));
        ++t.checked;
        if (d == 0) ++t.exact;
        if (d == 1) ++t.one;
        if (d > t.worst) t.worst = d, t.worst_x = x;
    }
    return t;
}

int usage(const char* why) {
    if (why) std::fprintf(stderr, "ulp_sweep: %s\n", why);
    std::fprintf(why ? stderr : stdout,
                 "Usage: ulp_sweep [--stride N] [function...]\n"
                 "  Compares the core's elementary functions with the correctly rounded result\n"
                 "  (glibc's double where provably right, MPFR otherwise) for every float, or\n"
                 "  every N-th bit pattern. Functions: exp expm1 log log1p tanh logistic erf\n"
                 "  (default: all). Exit status 1 if a result is more than 1 ulp off.\n");
    return why ? 2 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t stride = 1;
    std::vector<function> chosen;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h") return usage(nullptr);
        if (a == "--stride") {
            char* end = nullptr;
            stride = i + 1 < argc ? std::strtoull(argv[++i], &end, 10) : 0;
            if (stride == 0 || !end || *end) return usage("--stride needs a positive integer");
            continue;
        }
        bool found = false;
        for (int f = 0; f < anne::ulp::function_count; ++f)
            if (a == anne::ulp::name(static_cast<function>(f)))
                chosen.push_back(static_cast<function>(f)), found = true;
        if (!found) return usage(("unknown function '" + a + "'").c_str());
    }
    if (chosen.empty())
        for (int f = 0; f < anne::ulp::function_count; ++f)
            chosen.push_back(static_cast<function>(f));
    std::printf("%-9s %12s %12s %10s %6s  %s\n", "function", "floats", "correct", "1 ulp off",
                "worst", "at");
    bool ok = true;
    for (function f : chosen) {
        const tally t = sweep(f, stride);
        std::printf("%-9s %12llu %12llu %10llu %6llu  %a\n", anne::ulp::name(f),
                    static_cast<unsigned long long>(t.checked),
                    static_cast<unsigned long long>(t.exact),
                    static_cast<unsigned long long>(t.one),
                    static_cast<unsigned long long>(t.worst), static_cast<double>(t.worst_x));
        std::fflush(stdout);
        ok = ok && t.worst <= 1;
    }
    std::printf("(MPFR was asked %llu times)\n",
                static_cast<unsigned long long>(anne::ulp::mpfr_calls()));
    return ok ? 0 : 1;
}
