// Optimizers with Keras's definitions and defaults. Each updates the parameters in place from
// the gradients of one step; its memory (momentum, moments) lives in a caller-provided
// state buffer of optimizer_state_size() floats, zeroed before the first step.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace anne {

/// @brief Where Adam adds epsilon. Both are in use, and they differ measurably early on.
enum class adam_epsilon : std::uint8_t {
    keras,           // w -= lr sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps)  (Keras, tf.keras)
    bias_corrected,  // w -= lr * m^ / (sqrt(v^) + eps)  (Kingma & Ba's Algorithm 1,
                     //    TensorFlow.js, PyTorch), m^ = m / (1 - b1^t), v^ = v / (1 - b2^t)
};

struct optimizer {
    enum class kind : std::uint8_t { sgd, adam, rmsprop };
    kind type = kind::sgd;
    float learning_rate = 0.01f;  // Keras: 0.01 for SGD, 0.001 for Adam and RMSprop
    float momentum = 0.0f;        // SGD, RMSprop
    bool nesterov = false;        // SGD
    float beta_1 = 0.9f;          // Adam
    float beta_2 = 0.999f;        // Adam
    float rho = 0.9f;             // RMSprop
    float epsilon = 1e-7f;        // Adam, RMSprop
    adam_epsilon epsilon_form = adam_epsilon::keras;
};

/// @brief Keras's defaults for each optimizer.
constexpr optimizer sgd(float learning_rate = 0.01f, float momentum = 0.0f, bool nesterov = false) {
    optimizer o;
    o.learning_rate = learning_rate;
    o.momentum = momentum;
    o.nesterov = nesterov;
    return o;
}
constexpr optimizer adam(float learning_rate = 0.001f) {
    optimizer o;
    o.type = optimizer::kind::adam;
    o.learning_rate = learning_rate;
    return o;
}
constexpr optimizer rmsprop(float learning_rate = 0.001f, float momentum = 0.0f) {
    optimizer o;
    o.type = optimizer::kind::rmsprop;
    o.learning_rate = learning_rate;
    o.momentum = momentum;
    return o;
}

/// @brief Floats of state for n parameters: SGD n with momentum (else 0); Adam 2 + 2n (the
/// running powers b1^t, b2^t, then m, v); RMSprop n, 2n with momentum.
constexpr std::size_t optimizer_state_size(const optimizer& o, std::size_t n) {
    switch (o.type) {
    case optimizer::kind::sgd: return o.momentum != 0.0f ? n : 0;
    case optimizer::kind::adam: return 2 + 2 * n;
    case optimizer::kind::rmsprop: return o.momentum != 0.0f ? 2 * n : n;
    }
    return 0;
}

/// @brief SGD: v = momentum v - lr g; w += v (Nesterov: w += momentum v - lr g).
/// Without momentum simply w -= lr g. w, g, v are (n).
inline void sgd_step(const optimizer& o, float* w, const float* g, float* v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
        if (o.momentum == 0.0f) {
            w[i] -= o.learning_rate * g[i];
            continue;
        }
        v[i] = o.momentum * v[i] - o.learning_rate * g[i];
        w[i] += o.nesterov ? o.momentum * v[i] - o.learning_rate * g[i] : v[i];
    }
}

/// @brief Adam: m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2; then the step of
/// `epsilon_form`. state is (2 + 2n): b1^t, b2^t, m (n), v (n).
inline void adam_step(const optimizer& o, float* w, const float* g, float* state, std::size_t n) {
    float& b1t = state[0];
    float& b2t = state[1];
    if (b1t == 0.0f) b1t = b2t = 1.0f;  // a zeroed state: no step taken yet
    b1t *= o.beta_1;
    b2t *= o.beta_2;
    float* m = state + 2;
    float* v = m + n;
    const float c1 = 1.0f - b1t, c2 = 1.0f - b2t;
    const float alpha = o.learning_rate * std::sqrt(c2) / c1;
    for (std::size_t i = 0; i < n; ++i) {
        m[i] = o.beta_1 * m[i] + (1.0f - o.beta_1) * g[i];
        v[i] = o.beta_2 * v[i] + (1.0f - o.beta_2) * g[i] * g[i];
        if (o.epsilon_form == adam_epsilon::keras)
            w[i] -= alpha * m[i] / (std::sqrt(v[i]) + o.epsilon);
        else
            w[i] -= o.learning_rate * (m[i] / c1) / (std::sqrt(v[i] / c2) + o.epsilon);
    }
}

/// @brief RMSprop: s = rho s + (1 - rho) g^2; step = lr g / sqrt(s + eps); with momentum
/// a = momentum a + step, w -= a, else w -= step. state is (n) s, then (n) a with momentum.
inline void rmsprop_step(const optimizer& o, float* w, const float* g, float* state,
                         std::size_t n) {
    float* s = state;
    float* a = state + n;
    for (std::size_t i = 0; i < n; ++i) {
        s[i] = o.rho * s[i] + (1.0f - o.rho) * g[i] * g[i];
        const float step = o.learning_rate * g[i] / std::sqrt(s[i] + o.epsilon);
        if (o.momentum != 0.0f) {
            a[i] = o.momentum * a[i] + step;
            w[i] -= a[i];
        } else {
            w[i] -= step;
        }
    }
}

/// @brief One update of the n parameters w from their gradients g.
inline void optimizer_step(const optimizer& o, float* w, const float* g, float* state,
                           std::size_t n) {
    switch (o.type) {
    case optimizer::kind::sgd: sgd_step(o, w, g, state, n); break;
    case optimizer::kind::adam: adam_step(o, w, g, state, n); break;
    case optimizer::kind::rmsprop: rmsprop_step(o, w, g, state, n); break;
    }
}

}  // namespace anne
