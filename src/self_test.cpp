#include "self_test.hpp"

#include <algorithm>
#include <bitset>
#include <cmath>
#include <cstdint>

#include <anne/activation.hpp>
#include <anne/network.hpp>

namespace anne {

namespace {

// Activations made of pieces that meet at z = 0, which another of them matches on one side
// (relu and linear for z > 0, relu and relu6 below 6): a case on each side tells them apart.
bool piecewise(const activation& f) {
    const std::string name = f.name;
    return name == "linear" || name == "relu" || name == "relu6" || name == "leaky_relu" ||
           name == "elu" || name == "selu";
}

// How strongly an output must depend on a parameter for the self-test to notice a change:
// then a change of 0.01 moves an output by 1e-5 or more, ten times the default tolerance.
constexpr float noticeable = 1e-3f;

// A set of flags packed 64 to a word: the greedy search below compares 256 candidates' flags,
// one per parameter, up to eight times, which as std::vector<bool> took most of an import's time.
class flag_set {
public:
    explicit flag_set(std::size_t size) : words_((size + 63) / 64, 0) {}
    void set(std::size_t i) { words_[i / 64] |= std::uint64_t{1} << (i % 64); }
    bool test(std::size_t i) const { return (words_[i / 64] >> (i % 64)) & 1u; }
    // How many of this set's flags `covered` does not hold.
    std::size_t count_beyond(const flag_set& covered) const {
        std::size_t n = 0;
        for (std::size_t w = 0; w < words_.size(); ++w)
            n += std::bitset<64>(words_[w] & ~covered.words_[w]).count();
        return n;
    }
    void add(const flag_set& other) {
        for (std::size_t w = 0; w < words_.size(); ++w) words_[w] |= other.words_[w];
    }

private:
    std::vector<std::uint64_t> words_;
};

// What one raw input row lets the self-test notice, as flags: one per parameter (in the
// network's parameter order), then two per unit (its weighted sum positive, negative). A change
// is noticed where it reaches an output strongly enough: through units whose activation has a
// slope there (an open ReLU) and weights that are not 0. How strongly is estimated going back
// from the output layer, as backpropagation does, with absolute values (|dy/dz| summed over the
// paths; cancelling paths are not looked for).
flag_set noticed(const model& m, const std::vector<float>& raw) {
    const network n = m.net();
    const std::size_t units = unit_count(n);
    std::vector<float> x(m.inputs), zs(units), ys(units);
    m.pre.apply(raw.data(), x.data(), m.inputs);
    forward(n, x.data(), zs.data(), ys.data());
    // first[k]: index of layer k's first unit in zs and ys; offset[k]: of its parameters.
    std::vector<std::size_t> first(n.depth + 1, 0), offset(n.depth + 1, 0);
    for (std::size_t k = 0; k < n.depth; ++k) {
        first[k + 1] = first[k] + n.layers[k].units;
        offset[k + 1] = offset[k] + layer_parameter_count(n, k);
    }
    // carried[u]: how strongly the outputs depend on unit u's output; reaches[u]: on its
    // weighted sum (carried times the activation's slope there).
    std::vector<float> carried(units, 0.0f), reaches(units, 0.0f);
    for (std::size_t k = n.depth; k-- > 0;) {
        const layer& l = n.layers[k];
        for (std::size_t j = 0; j < l.units; ++j) {
            const std::size_t u = first[k] + j;
            const float z = zs[u], y = ys[u];
            if (k + 1 == n.depth) {
                carried[u] = 1.0f;
            } else {
                const layer& next = n.layers[k + 1];
                const float* w = n.params + offset[k + 1] + j * next.units;  // row j of the kernel
                for (std::size_t t = 0; t < next.units; ++t)
                    carried[u] += reaches[first[k + 1] + t] * std::fabs(w[t]);
            }
            // softmax has no per-unit derivative: dy_j/dz_j = y_j (1 - y_j).
            const float slope =
                l.f->derivative ? std::fabs(l.f->derivative(z, y, l.alpha)) : y * (1.0f - y);
            reaches[u] = carried[u] * slope;
        }
    }
    flag_set flags(m.params.size() + 2 * units);
    for (std::size_t k = 0; k < n.depth; ++k) {
        const layer& l = n.layers[k];
        const std::size_t inputs = layer_inputs(n, k);
        const float* in = k == 0 ? x.data() : ys.data() + first[k - 1];
        std::size_t p = offset[k];
        for (std::size_t i = 0; i < inputs; ++i)  // kernel (inputs, units)
            for (std::size_t j = 0; j < l.units; ++j, ++p)
                if (reaches[first[k] + j] * std::fabs(in[i]) >= noticeable) flags.set(p);
        if (l.use_bias)
            for (std::size_t j = 0; j < l.units; ++j, ++p)
                if (reaches[first[k] + j] >= noticeable) flags.set(p);
        const bool sides = piecewise(*l.f);
        for (std::size_t j = 0; j < l.units; ++j) {
            const std::size_t u = first[k] + j;
            const bool felt = carried[u] >= noticeable;
            if (!sides || (felt && zs[u] > 0.0f)) flags.set(m.params.size() + 2 * u);
            if (!sides || (felt && zs[u] < 0.0f)) flags.set(m.params.size() + 2 * u + 1);
        }
    }
    return flags;
}

}  // namespace

std::vector<std::vector<float>> self_test_candidates(const model& m) {
    constexpr std::size_t count = 256;
    std::vector<std::vector<float>> rows(count, std::vector<float>(m.inputs));
    std::uint32_t state = 20250101u;
    const bool standardize = m.pre.type == preprocessing::kind::standardize;
    const bool minmax = m.pre.type == preprocessing::kind::minmax;
    for (std::size_t r = 0; r < count; ++r) {
        // Spreads 0, 1/4, 1/2, 1, 2, 4 times the unit range, so that small networks find
        // inputs near their thresholds and large ones far out.
        static const float spreads[] = {0.0f, 0.25f, 0.5f, 1.0f, 2.0f, 4.0f};
        const float spread = spreads[r % 6];
        for (std::size_t i = 0; i < m.inputs; ++i) {
            state = state * 1664525u + 1013904223u;  // a fixed linear congruential sequence
            const float u = static_cast<float>(state >> 8) / 16777216.0f * 2.0f - 1.0f;
            const float centre = standardize ? m.pre.mean[i]
                                 : minmax    ? 0.5f * (m.pre.min[i] + m.pre.max[i])
                                             : 0.0f;
            const float scale = standardize ? m.pre.stddev[i]
                                : minmax    ? 0.5f * (m.pre.max[i] - m.pre.min[i])
                                            : 1.0f;
            rows[r][i] = centre + scale * spread * u;
        }
    }
    return rows;
}

void record_self_test(model& m, const std::vector<std::vector<float>>& candidates,
                      const std::string& source, std::size_t max_cases) {
    std::vector<flag_set> flags;
    for (const std::vector<float>& c : candidates) flags.push_back(noticed(m, c));
    flag_set covered(m.params.size() + 2 * unit_count(m.net()));
    std::vector<std::size_t> chosen;
    // Greedy set cover: each time the candidate that notices most of what is not yet noticed.
    while (chosen.size() < max_cases) {
        std::size_t best = candidates.size(), best_gain = 0;
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            const std::size_t gain = flags[c].count_beyond(covered);
            if (gain > best_gain) best = c, best_gain = gain;
        }
        if (best == candidates.size()) break;
        chosen.push_back(best);
        covered.add(flags[best]);
    }
    if (chosen.empty() && !candidates.empty()) chosen.push_back(0);
    m.test.source = source;
    m.test.tolerance = 1e-6f;
    m.test.inputs.clear();
    m.test.outputs.clear();
    for (std::size_t c : chosen) {
        m.test.inputs.push_back(candidates[c]);
        m.test.outputs.push_back(m.predict(candidates[c]));
    }
}

std::vector<std::string> self_test_gaps(const model& m) {
    const network n = m.net();
    flag_set covered(m.params.size() + 2 * unit_count(n));
    for (const std::vector<float>& x : m.test.inputs) covered.add(noticed(m, x));
    std::vector<std::string> gaps;
    std::size_t param = 0, unit = 0;
    for (std::size_t k = 0; k < n.depth; ++k) {
        const std::string layer = "layer " + std::to_string(k + 1);
        const std::size_t units = n.layers[k].units, inputs = layer_inputs(n, k);
        for (std::size_t i = 0; i < inputs; ++i)
            for (std::size_t j = 0; j < units; ++j)
                if (!covered.test(param++))
                    gaps.push_back(layer + ", weight from input " + std::to_string(i + 1) +
                                   " to unit " + std::to_string(j + 1) +
                                   ": no case where a change of it reaches an output");
        if (n.layers[k].use_bias)
            for (std::size_t j = 0; j < units; ++j)
                if (!covered.test(param++))
                    gaps.push_back(layer + ", unit " + std::to_string(j + 1) +
                                   ": never active (in every case its slope is 0, or what it "
                                   "computes reaches no output)");
        for (std::size_t j = 0; j < units; ++j) {
            const std::size_t u = m.params.size() + 2 * (unit + j);
            const std::string name = layer + ", unit " + std::to_string(j + 1);
            if (!covered.test(u)) gaps.push_back(name + ": its weighted sum is never positive");
            if (!covered.test(u + 1)) gaps.push_back(name + ": its weighted sum is never negative");
        }
        unit += units;
    }
    return gaps;
}

}  // namespace anne
