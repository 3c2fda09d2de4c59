#include "import/fold.hpp"

#include <cmath>

namespace anne::import_detail {

namespace {

double value_or(const std::vector<float>& v, std::size_t j, double absent) {
    return v.empty() ? absent : static_cast<double>(v[j]);
}

}  // namespace

dense_stage identity_stage(std::size_t n, const activation_choice& f, const std::string& origin) {
    dense_stage s;
    s.origin = origin;
    s.inputs = s.units = n;
    s.kernel.assign(n * n, 0.0f);
    for (std::size_t i = 0; i < n; ++i) s.kernel[i * n + i] = 1.0f;
    s.act = f;
    return s;
}

std::vector<double> batch_norm_scale(const batch_norm& bn, std::size_t& bad) {
    const std::size_t n = bn.mean.size();
    std::vector<double> s(n);
    bad = 0;
    for (std::size_t j = 0; j < n; ++j) {
        const double var = bn.variance[j];
        if (!(var + bn.epsilon > 0.0) && bad == 0) bad = j + 1;
        s[j] = value_or(bn.gamma, j, 1.0) / std::sqrt(var + bn.epsilon);
    }
    return s;
}

void fold_batch_norm(dense_stage& d, const batch_norm& bn, const std::vector<double>& s) {
    const std::size_t n = d.units;
    std::vector<float> bias(n);
    for (std::size_t j = 0; j < n; ++j) {
        // (b_j - mean_j) s_j + beta_j, with b_j = 0 when the layer had no bias.
        const double b = d.bias.empty() ? 0.0 : d.bias[j];
        bias[j] = static_cast<float>((b - bn.mean[j]) * s[j] + value_or(bn.beta, j, 0.0));
    }
    for (std::size_t i = 0; i < d.inputs; ++i)
        for (std::size_t j = 0; j < n; ++j)
            d.kernel[i * n + j] = static_cast<float>(d.kernel[i * n + j] * s[j]);
    d.bias = std::move(bias);
}

dense_stage diagonal_batch_norm(const batch_norm& bn, const std::vector<double>& s,
                                const std::string& origin) {
    const std::size_t n = bn.mean.size();
    dense_stage d;
    d.origin = origin;
    d.inputs = d.units = n;
    d.kernel.assign(n * n, 0.0f);
    d.bias.resize(n);
    for (std::size_t j = 0; j < n; ++j) {
        d.kernel[j * n + j] = static_cast<float>(s[j]);
        d.bias[j] = static_cast<float>(value_or(bn.beta, j, 0.0) - bn.mean[j] * s[j]);
    }
    return d;
}

}  // namespace anne::import_detail
