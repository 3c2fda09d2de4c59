// ulp_sweep: how far the core's elementary functions (include/anne/elementary.hpp) are from
// the correctly rounded result, over every float or every stride-th one.
//
// Usage: ulp_sweep [--stride N] [--every P] [function...]
//   function  exp expm1 log log1p tanh logistic erf (default: all)
//   --stride  check only the floats with bit patterns 0, N, 2N, ... (default: all 2^32)
//   --every   with all floats: print the tally so far every P passes (default 1024)
// All 2^32 floats are swept in 65,536 passes of 65,536 floats each (pass p: the bit patterns
// p + 65536 k, the passes in bit-reversed order), every function in each pass, so that a run
// stopped early has checked a sample spread evenly over all floats; the tally after each P
// passes says how far it got. Prints, per function, the floats checked, how many were
// correctly rounded, how many 1 ulp off, the worst distance in ulps and where. Exit status 1
// if any result is more than 1 ulp away. One thread; run it under `nice -n 19`
// (scripts/ulp-sweep.sh does).
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

void check(function f, std::uint32_t u, tally& t) {
    float x;
    std::memcpy(&x, &u, sizeof x);
    const std::uint64_t d = anne::ulp::ulps(own(f, x), anne::ulp::correctly_rounded(f, x));
    ++t.checked;
    if (d == 0) ++t.exact;
    if (d == 1) ++t.one;
    if (d > t.worst) t.worst = d, t.worst_x = x;
}

void print(const std::vector<function>& chosen, const std::vector<tally>& tallies) {
    std::printf("%-9s %12s %12s %10s %6s  %s\n", "function", "floats", "correct", "1 ulp off",
                "worst", "at");
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const tally& t = tallies[i];
        std::printf("%-9s %12llu %12llu %10llu %6llu  %a\n", anne::ulp::name(chosen[i]),
                    static_cast<unsigned long long>(t.checked),
                    static_cast<unsigned long long>(t.exact),
                    static_cast<unsigned long long>(t.one),
                    static_cast<unsigned long long>(t.worst), static_cast<double>(t.worst_x));
    }
    std::printf("(MPFR was asked %llu times)\n",
                static_cast<unsigned long long>(anne::ulp::mpfr_calls()));
    std::fflush(stdout);
}

std::uint32_t bit_reversed16(std::uint32_t i) {
    std::uint32_t r = 0;
    for (int b = 0; b < 16; ++b) r |= ((i >> b) & 1u) << (15 - b);
    return r;
}

int usage(const char* why) {
    if (why) std::fprintf(stderr, "ulp_sweep: %s\n", why);
    std::fprintf(why ? stderr : stdout,
                 "Usage: ulp_sweep [--stride N] [--every P] [function...]\n"
                 "  Compares the core's elementary functions with the correctly rounded result\n"
                 "  (glibc's double where provably right, MPFR otherwise) for every float, or\n"
                 "  every N-th bit pattern. Functions: exp expm1 log log1p tanh logistic erf\n"
                 "  (default: all). All floats go in 65,536 passes spread over the floats; the\n"
                 "  tally so far is printed every P passes (--every, default 1024).\n"
                 "  Exit status 1 if a result is more than 1 ulp off.\n");
    return why ? 2 : 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::uint64_t stride = 0, every = 1024;
    std::vector<function> chosen;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--help" || a == "-h") return usage(nullptr);
        if (a == "--stride" || a == "--every") {
            char* end = nullptr;
            const std::uint64_t n = i + 1 < argc ? std::strtoull(argv[++i], &end, 10) : 0;
            if (n == 0 || !end || *end) return usage((a + " needs a positive integer").c_str());
            (a == "--stride" ? stride : every) = n;
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
    std::vector<tally> tallies(chosen.size());
    if (stride) {
        for (std::size_t i = 0; i < chosen.size(); ++i)
            for (std::uint64_t b = 0; b <= 0xffffffffull; b += stride)
                check(chosen[i], static_cast<std::uint32_t>(b), tallies[i]);
    } else {
        for (std::uint32_t pass = 0; pass < 65536; ++pass) {
            const std::uint32_t p = bit_reversed16(pass);
            for (std::size_t i = 0; i < chosen.size(); ++i)
                for (std::uint32_t k = 0; k < 65536; ++k)
                    check(chosen[i], p + (k << 16), tallies[i]);
            if ((pass + 1) % every == 0 && pass + 1 < 65536) {
                std::printf("after %u of 65536 passes:\n", pass + 1);
                print(chosen, tallies);
            }
        }
    }
    print(chosen, tallies);
    for (const tally& t : tallies)
        if (t.worst > 1) return 1;
    return 0;
}
