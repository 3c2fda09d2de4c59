// Runs a suite of exported models on their test inputs and compares what they compute with
// what the host computed, in two ways:
//
// 1. Layer by layer (the C++ export, through its `network`): each layer gets the host's input
//    for it, so no difference carries over from an earlier layer. Every weighted sum z and
//    every activation value f(z) must be bit-identical: the same float32 operations run in
//    the same order, and the activations call the core's own elementary functions
//    (include/anne/elementary.hpp, integer arithmetic), not this platform's libm. The values
//    are counted per activation.
// 2. Whole predictions (`predict`, preprocessing included): bit-identical, and the class
//    decisions equal. `predict_batch` on all samples: bit-identical too.
//
// ANNE_CHECK_SUITE names the suite header, ANNE_CHECK_PLATFORM what this runs on. Prints one
// line per model, every output that differs, and the table of activation values. With
// ANNE_CHECK_EXPECT_DIFFERENCES it passes only if some output differs (the counter-test of a
// build without -ffp-contract=off).
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "check.hpp"
#include "float_bits.hpp"
#include ANNE_CHECK_SUITE

namespace {

using namespace float_bits;

constexpr std::size_t capacity = 256;  // floats per buffer: the widest layer or input

struct activation_stats {
    const char* name;
    unsigned long values, identical;
    unsigned long worst;  // ulps
};
activation_stats stats[32];
std::size_t stat_count = 0;

activation_stats& stats_for(const char* name) {
    for (std::size_t i = 0; i < stat_count; ++i)
        if (std::strcmp(stats[i].name, name) == 0) return stats[i];
    stats[stat_count] = {name, 0, 0, 0};
    return stats[stat_count < 31 ? stat_count++ : stat_count];
}

struct result {
    unsigned long identical = 0, differ = 0, worst_ulps = 0;
    unsigned long sums = 0, z_differ = 0, y_differ = 0, class_differ = 0;  // sums: z compared
    unsigned long batch_identical = 0, batch_differ = 0;                   // predict_batch
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
            r.sums += l.units;
            for (std::size_t j = 0; j < l.units; ++j) {
                if (bits(z[j]) != t[j]) ++r.z_differ;
                const unsigned long d = ulps(bits(y[j]), t[l.units + j]);
                ++a.values;
                if (bits(y[j]) == t[l.units + j]) {
                    ++a.identical;
                } else {
                    ++r.y_differ;
                    if (d > a.worst) a.worst = d;
                }
                in[j] = from_bits(t[l.units + j]);  // the host's y is the next layer's input
            }
            t += 2 * l.units;
        }
    }
}

void check_outputs(const anne_check::model_case& c, result& r) {
    static float out[capacity];
    for (std::size_t s = 0; s < c.samples; ++s) {
        c.predict(c.x + s * c.inputs, out);
        for (std::size_t i = 0; i < c.outputs; ++i) {
            const std::uint32_t got = bits(out[i]), want = c.expected[s * c.outputs + i];
            if (got == want) {
                ++r.identical;
                continue;
            }
            const unsigned long d = ulps(got, want);
            ++r.differ;
            if (d > r.worst_ulps) r.worst_ulps = d;
            r.failed = true;
            std::printf("  %s sample %lu output %lu: 0x%08lx, host 0x%08lx, %lu ulp  <- FAIL\n",
                        c.name, static_cast<unsigned long>(s), static_cast<unsigned long>(i),
                        static_cast<unsigned long>(got), static_cast<unsigned long>(want), d);
        }
        if (c.decide && c.decide(out) != c.expected_class[s]) {
            ++r.class_differ;
            r.failed = true;
            std::printf("  %s sample %lu: class %d, host %d  <- FAIL\n", c.name,
                        static_cast<unsigned long>(s), c.decide(out), c.expected_class[s]);
        }
    }
}

// predict_batch on all samples, in runs of up to `batch_samples` (more than one block of
// lanes, so that both its side-by-side code and its one-by-one tail run): each output must
// have the host's bits, as predict's have.
void check_batch(const anne_check::model_case& c, result& r) {
    constexpr std::size_t batch_samples = 19;
    static float out[batch_samples * capacity];
    for (std::size_t first = 0; first < c.samples; first += batch_samples) {
        const std::size_t k = c.samples - first < batch_samples ? c.samples - first : batch_samples;
        c.predict_batch(c.x + first * c.inputs, out, k);
        for (std::size_t v = 0; v < k * c.outputs; ++v) {
            const std::uint32_t got = bits(out[v]), want = c.expected[first * c.outputs + v];
            if (got == want) {
                ++r.batch_identical;
                continue;
            }
            ++r.batch_differ;
            r.failed = true;
            std::printf(
                "  %s predict_batch sample %lu output %lu: 0x%08lx, host 0x%08lx  <- FAIL\n",
                c.name, static_cast<unsigned long>(first + v / c.outputs),
                static_cast<unsigned long>(v % c.outputs), static_cast<unsigned long>(got),
                static_cast<unsigned long>(want));
        }
    }
}

}  // namespace

int main() {
    const std::size_t models = sizeof anne_check::suite / sizeof anne_check::suite[0];
    std::printf("%s: %lu models against the host's outputs\n", ANNE_CHECK_PLATFORM,
                static_cast<unsigned long>(models));
    unsigned long failed = 0, identical = 0, total = 0, sums = 0, sums_differ = 0,
                  activations_differ = 0, batch_identical = 0, batch_total = 0;
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
        check_batch(c, r);
        if (r.z_differ || r.y_differ) r.failed = true;
        failed += r.failed;
        identical += r.identical;
        total += r.identical + r.differ;
        batch_identical += r.batch_identical;
        batch_total += r.batch_identical + r.batch_differ;
        sums += r.sums;  // one activation value f(z) per weighted sum z
        sums_differ += r.z_differ;
        activations_differ += r.y_differ;
        std::printf(
            "%-10s %-36s %3lu samples: outputs %lu identical, %lu differ (worst %lu ulp)"
            ", predict_batch %lu differ",
            c.name, c.activations, static_cast<unsigned long>(c.samples), r.identical, r.differ,
            r.worst_ulps, r.batch_differ);
        if (c.network)
            std::printf("; layers: %lu z differ, %lu f(z) differ", r.z_differ, r.y_differ);
        std::printf("%s\n", r.failed ? "  <- FAIL" : "");
    }
    if (stat_count) {
        std::printf("activation values f(z), each from the host's z, against the host's:\n");
        for (std::size_t i = 0; i < stat_count; ++i) {
            const activation_stats& a = stats[i];
            std::printf("  %-13s %5lu values: %5lu identical, %4lu differ, worst %lu ulp\n", a.name,
                        a.values, a.identical, a.values - a.identical, a.worst);
        }
    }
    if (sums)
        std::printf(
            "%s: layer by layer, %lu weighted sums z and as many activation values "
            "f(z): %lu z and %lu f(z) differ from the host's bits\n",
            ANNE_CHECK_PLATFORM, sums, sums_differ, activations_differ);
#ifdef ANNE_CHECK_EXPECT_DIFFERENCES
    // The counter-test: built so that the compiler may fuse a * b + c (-ffp-contract=fast on
    // a processor with FMA), the exported code must NOT give the host's bits everywhere;
    // if it did, the bit-identity tests could not tell the flag's absence.
    std::printf("%s: %lu of %lu outputs bit-identical, %lu of %lu models differ: %s\n",
                ANNE_CHECK_PLATFORM, identical, total, failed, static_cast<unsigned long>(models),
                failed ? "PASS (they differ, as expected without -ffp-contract=off)"
                       : "FAIL (no difference)");
    return failed ? 0 : 1;
#else
    std::printf(
        "%s: %lu of %lu outputs bit-identical (predict_batch: %lu of %lu), %lu of %lu "
        "models fail: %s\n",
        ANNE_CHECK_PLATFORM, identical, total, batch_identical, batch_total, failed,
        static_cast<unsigned long>(models), failed ? "FAIL" : "PASS");
    return failed ? 1 : 0;
#endif
}
