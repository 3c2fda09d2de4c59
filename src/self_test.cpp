#include "self_test.hpp"

#include <algorithm>
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

// What one raw input row lets the self-test notice, as flags: one per parameter (in the
// network's parameter order), then two per unit (its weighted sum positive, negative). A change
// is noticed where it reaches an output strongly enough: through units whose activation has a
// slope there (an open ReLU) and weights that are not 0. How strongly is estimated going back
// from the output layer, as backpropagation does, with absolute values (|dy/dz| summed over the
// paths; cancelling paths are not looked for).
std::vector<bool> noticed(const model& m, const std::vector<float>& raw) {
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
    std::vector<bool> flags(m.params.size() + 2 * units, false);
    for (std::size_t k = 0; k < n.depth; ++k) {
        const layer& l = n.layers[k];
        const std::size_t inputs = layer_inputs(n, k);
        const float* in = k == 0 ? x.data() : ys.data() + first[k - 1];
        std::size_t p = offset[k];
        for (std::size_t i = 0; i < inputs; ++i)  // kernel (inputs, units)
            for (std::size_t j = 0; j < l.units; ++j)
                flags[p++] = reaches[first[k] + j] * std::fabs(in[i]) >= noticeable;
        if (l.use_bias)
            for (std::size_t j = 0; j < l.units; ++j)
                flags[p++] = reaches[first[k] + j] >= noticeable;
        const bool sides = piecewise(*l.f);
        for (std::size_t j = 0; j < l.units; ++j) {
            const std::size_t u = first[k] + j;
            const bool felt = carried[u] >= noticeable;
            flags[m.params.size() + 2 * u] = !sides || (felt && zs[u] > 0.0f);
            flags[m.params.size() + 2 * u + 1] = !sides || (felt && zs[u] < 0.0f);
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
    std::vector<std::vector<bool>> flags;
    for (const std::vector<float>& c : candidates) flags.push_back(noticed(m, c));
    std::vector<bool> covered(flags.empty() ? 0 : flags[0].size(), false);
    std::vector<std::size_t> chosen;
    // Greedy set cover: each time the candidate that notices most of what is not yet noticed.
    while (chosen.size() < max_cases) {
        std::size_t best = candidates.size(), best_gain = 0;
        for (std::size_t c = 0; c < candidates.size(); ++c) {
            std::size_t gain = 0;
            for (std::size_t f = 0; f < covered.size(); ++f) gain += flags[c][f] && !covered[f];
            if (gain > best_gain) best = c, best_gain = gain;
        }
        if (best == candidates.size()) break;
        chosen.push_back(best);
        for (std::size_t f = 0; f < covered.size(); ++f) covered[f] = covered[f] || flags[best][f];
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
    std::vector<bool> covered(m.params.size() + 2 * unit_count(n), false);
    for (const std::vector<float>& x : m.test.inputs) {
        const std::vector<bool> f = noticed(m, x);
        for (std::size_t i = 0; i < covered.size(); ++i) covered[i] = covered[i] || f[i];
    }
    std::vector<std::string> gaps;
    std::size_t param = 0, unit = 0;
    for (std::size_t k = 0; k < n.depth; ++k) {
        const std::string layer = "layer " + std::to_string(k + 1);
        const std::size_t units = n.layers[k].units, inputs = layer_inputs(n, k);
        for (std::size_t i = 0; i < inputs; ++i)
            for (std::size_t j = 0; j < units; ++j)
                if (!covered[param++])
                    gaps.push_back(layer + ", weight from input " + std::to_string(i + 1) +
                                   " to unit " + std::to_string(j + 1) +
                                   ": no case where a change of it reaches an output");
        if (n.layers[k].use_bias)
            for (std::size_t j = 0; j < units; ++j)
                if (!covered[param++])
                    gaps.push_back(layer + ", unit " + std::to_string(j + 1) +
                                   ": never active (in every case its slope is 0, or what it "
                                   "computes reaches no output)");
        for (std::size_t j = 0; j < units; ++j) {
            const std::size_t u = m.params.size() + 2 * (unit + j);
            const std::string name = layer + ", unit " + std::to_string(j + 1);
            if (!covered[u]) gaps.push_back(name + ": its weighted sum is never positive");
            if (!covered[u + 1]) gaps.push_back(name + ": its weighted sum is never negative");
        }
        unit += units;
    }
    return gaps;
}

}  // namespace anne
