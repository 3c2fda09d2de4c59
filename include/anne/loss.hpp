// Loss functions, each with its gradient beside it, as Keras defines them.
//
// For one sample with n outputs p (the network's output) and target t. Each loss is averaged
// over the outputs, as Keras does; training then averages over the samples of a batch.
// Probabilities are clipped to [eps, 1 - eps] with Keras's eps = 1e-7 before any log, and the
// gradient is 0 where the clip is active (the clipped value does not depend on p there).
#pragma once

#include <cstddef>
#include <cstdint>

#include "activation.hpp"
#include "elementary.hpp"

namespace anne {

enum class loss_kind : std::uint8_t {
    binary_crossentropy,              // p: probabilities (sigmoid outputs), t in [0, 1]
    binary_crossentropy_from_logits,  // p: logits z (linear outputs), t in [0, 1]
    categorical_crossentropy,         // p: probabilities, t: one-hot (or a distribution)
    sparse_categorical_crossentropy,  // p: probabilities, t[0]: the class index
    mean_squared_error,               // p, t: any numbers
};

/// Keras's backend epsilon.
constexpr float keras_epsilon = 1e-7f;

namespace detail {
inline float clip_probability(float p) {
    return p < keras_epsilon ? keras_epsilon
                             : (p > 1.0f - keras_epsilon ? 1.0f - keras_epsilon : p);
}
inline bool clipped(float p) { return p <= keras_epsilon || p >= 1.0f - keras_epsilon; }
}  // namespace detail

/// @brief L = -mean_i [t_i ln p_i + (1 - t_i) ln(1 - p_i)], p clipped.
inline float binary_crossentropy(const float* p, const float* t, std::size_t n) {
    float sum = 0.0f;
    for (std::size_t i = 0; i < n; ++i) {
        const float q = detail::clip_probability(p[i]);
        sum -= t[i] * elementary::log(q) + (1.0f - t[i]) * elementary::log(1.0f - q);
    }
    return sum / static_cast<float>(n);
}
/// @brief dL/dp_i = (p_i - t_i) / (p_i (1 - p_i)) / n, 0 where clipped.
inline void binary_crossentropy_gradient(const float* p, const float* t, float* dp, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i)
        dp[i] = detail::clipped(p[i])
                    ? 0.0f
                    : (p[i] - t[i]) / (p[i] * (1.0f - p[i])) / static_cast<float>(n);
}

/// @brief The same loss from logits z (p = sigmoid(z)), in the form that never overflows:
/// L = mean_i [max(z_i, 0) - z_i t_i + ln(1 + e^-|z_i|)].
inline float binary_crossentropy_from_logits(const float* z, const float* t, std::size_t n) {
    float sum = 0.0f;
    for (std::size_t i = 0; i < n; ++i)
        sum += (z[i] > 0.0f ? z[i] : 0.0f) - z[i] * t[i] +
               elementary::log1p(elementary::exp(z[i] > 0.0f ? -z[i] : z[i]));
    return sum / static_cast<float>(n);
}
/// @brief dL/dz_i = (sigmoid(z_i) - t_i) / n.
inline void binary_crossentropy_from_logits_gradient(const float* z, const float* t, float* dz,
                                                     std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) dz[i] = (sigmoid(z[i]) - t[i]) / static_cast<float>(n);
}

/// @brief L = -sum_i t_i ln q_i with q = p / sum(p), clipped (Keras normalizes first, so
/// outputs that do not sum to 1 are treated as unnormalized probabilities).
inline float categorical_crossentropy(const float* p, const float* t, std::size_t n) {
    float s = 0.0f, loss = 0.0f;
    for (std::size_t i = 0; i < n; ++i) s += p[i];
    for (std::size_t i = 0; i < n; ++i)
        loss -= t[i] * elementary::log(detail::clip_probability(p[i] / s));
    return loss;
}
/// @brief Through the normalization q = p / S: with g_i = dL/dq_i = -t_i / q_i (0 where
/// clipped), dL/dp_k = (g_k - sum_i g_i q_i) / S.
inline void categorical_crossentropy_gradient(const float* p, const float* t, float* dp,
                                              std::size_t n) {
    float s = 0.0f, gq = 0.0f;
    for (std::size_t i = 0; i < n; ++i) s += p[i];
    for (std::size_t i = 0; i < n; ++i) {
        const float q = p[i] / s;
        dp[i] = detail::clipped(q) ? 0.0f : -t[i] / q;  // g_i, for now
        gq += dp[i] * q;
    }
    for (std::size_t i = 0; i < n; ++i) dp[i] = (dp[i] - gq) / s;
}

/// @brief Mean squared error: L = mean_i (p_i - t_i)^2.
inline float mean_squared_error(const float* p, const float* t, std::size_t n) {
    float sum = 0.0f;
    for (std::size_t i = 0; i < n; ++i) sum += (p[i] - t[i]) * (p[i] - t[i]);
    return sum / static_cast<float>(n);
}
/// @brief dL/dp_i = 2 (p_i - t_i) / n.
inline void mean_squared_error_gradient(const float* p, const float* t, float* dp, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) dp[i] = 2.0f * (p[i] - t[i]) / static_cast<float>(n);
}

/// @brief How many target values one sample has: 1 (the class index) for the sparse loss,
/// else one per output.
inline std::size_t target_size(loss_kind loss, std::size_t outputs) {
    return loss == loss_kind::sparse_categorical_crossentropy ? 1 : outputs;
}

/// @brief The loss of one sample and dL/dz of the output layer, where z is the output layer's
/// weighted sum and y = f(z) its output (n units); t holds target_size(loss, n) values.
///
/// Sigmoid with binary cross-entropy and softmax with categorical cross-entropy use the
/// combined gradient dL/dz = (y - t) / n resp. y - t and compute the loss from z, as Keras
/// does on TensorFlow: it is exact and stable where the chained form would divide by
/// y (1 - y) ~ 0. Everything else is chained: dL/dy from the loss, then f'. onehot is
/// scratch space of n floats (the sparse loss's target). dz may not alias z or y.
inline float output_gradient(loss_kind loss, const activation& f, float alpha, const float* z,
                             const float* y, const float* t, std::size_t n, float* dz,
                             float* onehot) {
    if (loss == loss_kind::sparse_categorical_crossentropy) {
        const std::size_t c = static_cast<std::size_t>(t[0]);
        for (std::size_t i = 0; i < n; ++i) onehot[i] = i == c ? 1.0f : 0.0f;
        t = onehot;
        loss = loss_kind::categorical_crossentropy;
    }
    const bool sigmoid_output = f.combined_gradient == activation::combined::binary_crossentropy;
    const bool softmax_output =
        f.combined_gradient == activation::combined::categorical_crossentropy;
    float value = 0.0f;
    switch (loss) {
    case loss_kind::binary_crossentropy:
        if (sigmoid_output) {
            for (std::size_t i = 0; i < n; ++i) dz[i] = (y[i] - t[i]) / static_cast<float>(n);
            return binary_crossentropy_from_logits(z, t, n);
        }
        value = binary_crossentropy(y, t, n);
        binary_crossentropy_gradient(y, t, dz, n);
        break;
    case loss_kind::binary_crossentropy_from_logits:
        value = binary_crossentropy_from_logits(y, t, n);
        binary_crossentropy_from_logits_gradient(y, t, dz, n);
        break;
    case loss_kind::categorical_crossentropy:
        if (softmax_output) {
            // -sum t_i ln softmax(z)_i = -sum t_i (z_i - m - ln sum_j e^(z_j - m)), stable.
            float m = z[0], s = 0.0f, tz = 0.0f, ts = 0.0f;
            for (std::size_t i = 1; i < n; ++i) m = z[i] > m ? z[i] : m;
            for (std::size_t i = 0; i < n; ++i) s += elementary::exp(z[i] - m);
            for (std::size_t i = 0; i < n; ++i) {
                tz += t[i] * (z[i] - m);
                ts += t[i];
            }
            // dL/dz_k = sum_i t_i (y_k - [i = k]) = (sum_i t_i) y_k - t_k
            for (std::size_t i = 0; i < n; ++i) dz[i] = ts * y[i] - t[i];
            return ts * elementary::log(s) - tz;
        }
        value = categorical_crossentropy(y, t, n);
        categorical_crossentropy_gradient(y, t, dz, n);
        break;
    case loss_kind::mean_squared_error:
        value = mean_squared_error(y, t, n);
        mean_squared_error_gradient(y, t, dz, n);
        break;
    case loss_kind::sparse_categorical_crossentropy: break;  // turned into categorical above
    }
    activate_backward(f, alpha, z, y, dz, dz, n);
    return value;
}

}  // namespace anne
