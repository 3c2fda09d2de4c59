// Runs a suite of exported models on their test inputs and compares what they compute with
// what the host computed, in two ways:
//
// 1. Layer by layer (the C++ export, through its `network`): each layer gets the host's input
//    for it, so no difference carries over from an earlier layer. Every weighted sum z must be
//    bit-identical: that shows the same float32 operations run in the same order. Every
//    activation value f(z) must be bit-identical where f needs no math library function; where
//    it does (expf, expm1f, log1pf, tanhf, erff), this platform's libm may round differently
//    from the host's (check_libm.cpp measures by how much), and f(z) must be within 4 ulps:
//    one call differs by 1 or 2, a formula with several calls (mish, softmax) adds them up.
//    GELU's 1 + erf(z / sqrt 2) (and 1 + tanh(u) in its tanh form) cancels for negative z, so
//    a last-bit difference of erff grows there relative to the small result; its difference
//    is measured in ulps of 0.5 |z|, the factor before that sum. The differences are counted
//    per activation.
// 2. Whole predictions (`predict`, preprocessing included): bit-identical for models whose
//    activations need no libm function; otherwise within 1e-6 relative to max(1, |y|) (a model
//    file's self-test tolerance), since libm's last-bit differences travel through the
//    following layers; class decisions equal.
//
// ANNE_CHECK_SUITE names the suite header, ANNE_CHECK_PLATFORM what this runs on. Prints one
// line per model, every output that differs, and the table of activation differences.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "check.hpp"
#include "float_bits.hpp"
#include ANNE_CHECK_SUITE

namespace {

using namespace float_bits;

constexpr float output_tolerance = 1e-6f;
constexpr unsigned long activation_ulps = 4;  // for activations that call libm
constexpr std::size_t capacity = 256;         // floats per buffer: the widest layer or input

// The size of one unit in the last place of |x|.
float ulp(float x) {
    const float a = std::fabs(x);
    return from_bits(bits(a) + 1) - a;
}

// The activations whose formulas are plain float arithmetic: bit-identical everywhere.
bool needs_libm(const char* name) {
    static const char* const exact[] = {"linear",     "relu",         "relu6",
                                        "leaky_relu", "hard_sigmoid", "softsign"};
    for (const char* e : exact)
        if (std::strcmp(e, name) == 0) return false;
    return true;
}

bool model_needs_libm(const anne_check::model_case& c) {
    // The activations are listed as "relu,sigmoid,..."; check each name.
    char name[32];
    std::size_t n = 0;
    for (const char* p = c.activations;; ++p) {
        if (*p == ',' || *p == '\0') {
            name[n] = '\0';
            if (needs_libm(name)) return true;
            n = 0;
            if (*p == '\0') return false;
        } else if (n + 1 < sizeof name) {
            name[n++] = *p;
        }
    }
}

struct activation_stats {
    const char* name;
    unsigned long values, identical, one_ulp;
    unsigned long worst;  // ulps
};
activation_stats stats[32];
std::size_t stat_count = 0;

activation_stats& stats_for(const char* name) {
    for (std::size_t i = 0; i < stat_count; ++i)
        if (std::strcmp(stats[i].name, name) == 0) return stats[i];
    stats[stat_count] = {name, 0, 0, 0, 0};
    return stats[stat_count < 31 ? stat_count++ : stat_count];
}

struct result {
    unsigned long identical = 0, one_ulp = 0, beyond = 0, worst_ulps = 0;
    float worst_relative = 0.0f;
    unsigned long z_differ = 0, y_differ = 0, class_differ = 0;
    bool failed = false;
};

void check_layers(const anne_check::model_case& c, result& r) {
    static float in[capacity], z[capacity], y[capacity];
    const anne::network& n = *c.network;
    const std::size_t width = c.inputs + 2 * anne::unit_count(n);
    for (std::size_t s = 0; s < c.samples; ++s) {
        const std::uint32_t* t = c.trace + s * width;
        for (std::size_t i = 0; i < c.inputs; ++i) in[i] = from_bits(t[i]);
        t += c.inputs;
        for (std::size_t k = 0; k < n.depth; ++k) {
            const anne::layer& l = n.layers[k];
            anne::dense_forward(l, anne::layer_inputs(n, k), anne::layer_kernel(n, k),
                                anne::layer_bias(n, k), in, z, y);
            activation_stats& a = stats_for(l.f->name);
            for (std::size_t j = 0; j < l.units; ++j) {
                if (bits(z[j]) != t[j]) ++r.z_differ;
                const unsigned long d = ulps(bits(y[j]), t[l.units + j]);
                ++a.values;
                if (d == 0 && bits(y[j]) == t[l.units + j]) {
                    ++a.identical;
                } else {
                    if (d <= 1) ++a.one_ulp;
                    if (d > a.worst) a.worst = d;
                    const bool gelu = std::strncmp(l.f->name, "gelu", 4) == 0;
                    const bool within = d <= activation_ulps ||
                                        (gelu && std::fabs(y[j] - from_bits(t[l.units + j])) <=
                                                     activation_ulps * ulp(0.5f * z[j]));
                    if (!needs_libm(l.f->name) || !within) ++r.y_differ;
                }
                in[j] = from_bits(t[l.units + j]);  // the host's y is the next layer's input
            }
            t += 2 * l.units;
        }
    }
}

void check_outputs(const anne_check::model_case& c, result& r) {
    static float out[capacity];
    const bool exact = !model_needs_libm(c);
    for (std::size_t s = 0; s < c.samples; ++s) {
        c.predict(c.x + s * c.inputs, out);
        for (std::size_t i = 0; i < c.outputs; ++i) {
            const std::uint32_t got = bits(out[i]), want = c.expected[s * c.outputs + i];
            if (got == want) {
                ++r.identical;
                continue;
            }
            const unsigned long d = ulps(got, want);
            const float host = from_bits(want);
            const float relative = std::fabs(out[i] - host) / std::fmax(1.0f, std::fabs(host));
            if (d <= 1)
                ++r.one_ulp;
            else
                ++r.beyond;
            if (d > r.worst_ulps) r.worst_ulps = d;
            if (relative > r.worst_relative) r.worst_relative = relative;
            const bool bad = exact || !(relative <= output_tolerance);
            if (bad) r.failed = true;
            std::printf("  %s sample %lu output %lu: 0x%08lx, host 0x%08lx, %lu ulp%s\n", c.name,
                        static_cast<unsigned long>(s), static_cast<unsigned long>(i),
                        static_cast<unsigned long>(got), static_cast<unsigned long>(want), d,
                        bad ? "  <- FAIL" : "");
        }
        if (c.decide && c.decide(out) != c.expected_class[s]) {
            ++r.class_differ;
            r.failed = true;
            std::printf("  %s sample %lu: class %d, host %d  <- FAIL\n", c.name,
                        static_cast<unsigned long>(s), c.decide(out), c.expected_class[s]);
        }
    }
}

// The relative difference in millionths, for printing without printf's float support.
unsigned long millionths(float v) { return static_cast<unsigned long>(v * 1e6f + 0.5f); }

}  // namespace

int main() {
    const std::size_t models = sizeof anne_check::suite / sizeof anne_check::suite[0];
    std::printf("%s: %lu models against the host's outputs\n", ANNE_CHECK_PLATFORM,
                static_cast<unsigned long>(models));
    unsigned long failed = 0, identical = 0, total = 0;
    for (const anne_check::model_case& c : anne_check::suite) {
        result r;
        if (c.inputs > capacity || c.outputs > capacity ||
            (c.network && anne::max_width(*c.network) > capacity)) {
            std::printf("%s: wider than this check's buffers (%lu)\n", c.name,
                        static_cast<unsigned long>(capacity));
            ++failed;
            continue;
        }
        if (c.network) check_layers(c, r);
        check_outputs(c, r);
        if (r.z_differ || r.y_differ) r.failed = true;
        failed += r.failed;
        identical += r.identical;
        total += r.identical + r.one_ulp + r.beyond;
        std::printf(
            "%-10s %-36s %3lu samples: outputs %lu identical, %lu 1 ulp, %lu more "
            "(worst %lu ulp, %lu e-6)",
            c.name, c.activations, static_cast<unsigned long>(c.samples), r.identical, r.one_ulp,
            r.beyond, r.worst_ulps, millionths(r.worst_relative));
        if (c.network)
            std::printf("; layers: %lu z differ, %lu f(z) beyond bounds", r.z_differ, r.y_differ);
        std::printf("%s\n", r.failed ? "  <- FAIL" : "");
    }
    if (stat_count) {
        std::printf("activation values f(z), each from the host's z, against the host's:\n");
        for (std::size_t i = 0; i < stat_count; ++i) {
            const activation_stats& a = stats[i];
            std::printf(
                "  %-13s %5lu values: %5lu identical, %4lu 1 ulp, %4lu more, worst %lu "
                "ulp%s\n",
                a.name, a.values, a.identical, a.one_ulp, a.values - a.identical - a.one_ulp,
                a.worst, needs_libm(a.name) ? "" : " (no libm call: must be identical)");
        }
    }
    std::printf("%s: %lu of %lu outputs bit-identical, %lu of %lu models fail: %s\n",
                ANNE_CHECK_PLATFORM, identical, total, failed, static_cast<unsigned long>(models),
                failed ? "FAIL" : "PASS");
    return failed ? 1 : 0;
}
