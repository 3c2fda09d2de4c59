// Activation functions, each written next to its derivative.
//
// A neuron computes z = sum_i w_i x_i + b and outputs y = f(z). Training needs f'(z) as well,
// so every activation here comes as a pair. The `activation` record bundles a pair with its
// Keras name, so that layers, model files, training and explanations all use the same one;
// a user adds their own by filling in such a record and registering it (see `registry`).
//
// All of them are numerically stable: no NaN or infinity for any finite input
// (sigmoid(-1000) = 0, tanh(1000) = 1, softmax([1000, 1000]) = [0.5, 0.5]). They compute e^x,
// tanh and erf with the core's own functions (elementary.hpp), not the platform's libm, so
// every target gives the same bits.
#pragma once

#include <cstddef>

#include "elementary.hpp"
#include "status.hpp"

namespace anne {

// ---------------------------------------------------------------------------------------------
// The functions, as a student would write them. z is the neuron's weighted sum, y = f(z).

/// @brief Linear (identity): f(z) = z.
inline float linear(float z) { return z; }
inline float linear_derivative(float) { return 1.0f; }

/// @brief ReLU: f(z) = max(0, z). The derivative at 0 is taken as 0, as Keras does.
inline float relu(float z) { return z > 0.0f ? z : 0.0f; }
inline float relu_derivative(float z) { return z > 0.0f ? 1.0f : 0.0f; }

/// @brief ReLU6: f(z) = min(max(0, z), 6).
inline float relu6(float z) { return z > 0.0f ? (z < 6.0f ? z : 6.0f) : 0.0f; }
inline float relu6_derivative(float z) { return z > 0.0f && z < 6.0f ? 1.0f : 0.0f; }

/// @brief Leaky ReLU: f(z) = z for z > 0, slope * z otherwise. The slope is always given:
/// Keras's defaults differ (0.2 for the function, 0.3 for the LeakyReLU layer).
inline float leaky_relu(float z, float slope) { return z > 0.0f ? z : slope * z; }
inline float leaky_relu_derivative(float z, float slope) { return z > 0.0f ? 1.0f : slope; }

/// @brief ELU: f(z) = z for z > 0, alpha * (e^z - 1) otherwise (expm1 keeps small z exact).
inline float elu(float z, float alpha) { return z > 0.0f ? z : alpha * elementary::expm1(z); }
inline float elu_derivative(float z, float alpha) {
    return z > 0.0f ? 1.0f : alpha * elementary::exp(z);
}

/// @brief SELU: scale * elu(z, alpha) with the fixed constants of Klambauer et al. (2017).
constexpr float selu_alpha = 1.67326324235437728481f;
constexpr float selu_scale = 1.05070098735548049342f;
inline float selu(float z) { return selu_scale * elu(z, selu_alpha); }
inline float selu_derivative(float z) { return selu_scale * elu_derivative(z, selu_alpha); }

/// @brief Sigmoid: f(z) = 1 / (1 + e^-z), computed as e^-|z| and one division in fixed point
/// (elementary::logistic), so that e^x never overflows. f'(z) = y (1 - y).
inline float sigmoid(float z) { return elementary::logistic(z); }
/// @brief sigmoid of each of z[0..n) in place, with sigmoid's bits: a layer of samples side by
/// side (exported predict_batch), two at a time in vector registers on a PC.
inline void sigmoid_each(float* z, std::size_t n) { elementary::logistic_each(z, n); }
inline float sigmoid_derivative(float y) { return y * (1.0f - y); }

/// @brief Hard sigmoid: f(z) = clip(slope * z + 0.5, 0, 1). Keras 2 and TensorFlow.js use
/// slope 0.2; Keras 3 uses relu6(z + 3) / 6, which is slope 1/6.
inline float hard_sigmoid(float z, float slope) {
    const float y = slope * z + 0.5f;
    return y < 0.0f ? 0.0f : (y > 1.0f ? 1.0f : y);
}
inline float hard_sigmoid_derivative(float z, float slope) {
    const float y = slope * z + 0.5f;
    return y > 0.0f && y < 1.0f ? slope : 0.0f;
}

/// @brief Tanh: f(z) = (e^z - e^-z) / (e^z + e^-z), through elementary::tanh, which does not
/// overflow (the original code's formula gives inf / inf = NaN for |z| > 88). f'(z) = 1 - y^2.
inline float tanh(float z) { return elementary::tanh(z); }
inline float tanh_derivative(float y) { return 1.0f - y * y; }

/// @brief Softplus: f(z) = ln(1 + e^z), as z + ln(1 + e^-z) for z > 0 to avoid overflow.
/// f'(z) = sigmoid(z).
inline float softplus(float z) {
    return z > 0.0f ? z + elementary::log1p(elementary::exp(-z))
                    : elementary::log1p(elementary::exp(z));
}
inline float softplus_derivative(float z) { return sigmoid(z); }

/// @brief Softsign: f(z) = z / (1 + |z|). f'(z) = 1 / (1 + |z|)^2.
inline float softsign(float z) { return z / (1.0f + (z < 0.0f ? -z : z)); }
inline float softsign_derivative(float z) {
    const float d = 1.0f + (z < 0.0f ? -z : z);
    return 1.0f / (d * d);
}

/// @brief Swish (SiLU): f(z) = z * sigmoid(z). f'(z) = s + z s (1 - s) with s = sigmoid(z).
inline float swish(float z) { return z * sigmoid(z); }
inline float swish_derivative(float z) {
    const float s = sigmoid(z);
    return s + z * s * (1.0f - s);
}

/// @brief GELU, exact: f(z) = z * Phi(z) = 0.5 z (1 + erf(z / sqrt 2)) (Keras's default).
/// f'(z) = Phi(z) + z * phi(z), phi the standard normal density.
inline float gelu(float z) { return 0.5f * z * (1.0f + elementary::erf(z * 0.70710678118654752f)); }
inline float gelu_derivative(float z) {
    const float phi = 0.39894228040143268f * elementary::exp(-0.5f * z * z);
    return 0.5f * (1.0f + elementary::erf(z * 0.70710678118654752f)) + z * phi;
}

/// @brief GELU, tanh approximation (Keras `gelu(approximate=True)`):
/// f(z) = 0.5 z (1 + tanh(sqrt(2/pi) (z + 0.044715 z^3))).
inline float gelu_tanh(float z) {
    const float u = 0.79788456080286536f * (z + 0.044715f * z * z * z);
    return 0.5f * z * (1.0f + elementary::tanh(u));
}
inline float gelu_tanh_derivative(float z) {
    const float u = 0.79788456080286536f * (z + 0.044715f * z * z * z);
    const float t = elementary::tanh(u);
    const float sech2 = 1.0f - t * t;
    // Saturated (|u| >~ 9): the second term is 0 * (something huge); its limit is 0.
    if (sech2 == 0.0f) return 0.5f * (1.0f + t);
    const float du = 0.79788456080286536f * (1.0f + 3.0f * 0.044715f * z * z);
    return 0.5f * (1.0f + t) + 0.5f * z * sech2 * du;
}

/// @brief Mish: f(z) = z * tanh(softplus(z)).
/// f'(z) = t + z (1 - t^2) sigmoid(z) with t = tanh(softplus(z)).
inline float mish(float z) { return z * elementary::tanh(softplus(z)); }
inline float mish_derivative(float z) {
    const float t = elementary::tanh(softplus(z));
    return t + z * (1.0f - t * t) * sigmoid(z);
}

/// @brief Softmax over the units of one sample: y_i = e^(z_i - m) / sum_j e^(z_j - m), with
/// m = max_j z_j so that no e^x overflows. z and y are (n); y may be z.
inline void softmax(const float* z, float* y, std::size_t n) {
    float m = z[0];
    for (std::size_t i = 1; i < n; ++i) m = z[i] > m ? z[i] : m;
    float sum = 0.0f;
    for (std::size_t i = 0; i < n; ++i) {
        y[i] = elementary::exp(z[i] - m);
        sum += y[i];
    }
    for (std::size_t i = 0; i < n; ++i) y[i] /= sum;
}
/// @brief Softmax's vector-Jacobian product: dz_i = y_i (dy_i - sum_j dy_j y_j).
/// y, dy and dz are (n); dz may be dy.
inline void softmax_backward(const float* y, const float* dy, float* dz, std::size_t n) {
    float dot = 0.0f;
    for (std::size_t i = 0; i < n; ++i) dot += dy[i] * y[i];
    for (std::size_t i = 0; i < n; ++i) dz[i] = y[i] * (dy[i] - dot);
}

// ---------------------------------------------------------------------------------------------
// The activation record: what a layer, a model file, training and the explainer need.

/// @brief One activation function with its derivative, its name and its parameter.
///
/// Element-wise activations fill in `value` and `derivative`; `derivative` receives both z and
/// y = f(z), so it can use whichever is cheaper (sigmoid: y (1 - y)). Activations that couple
/// the units of a sample (softmax) fill in `forward` and `backward` instead.
struct activation {
    const char* name;     // Keras's name, e.g. "relu"
    const char* formula;  // for people, e.g. "1 / (1 + e^-z)"
    float (*value)(float z, float alpha);
    float (*derivative)(float z, float y, float alpha);
    // Whole-sample forms: z, y, dy, dz are (n); y may be z and dz may be dy.
    void (*forward)(const float* z, float* y, std::size_t n, float alpha);
    void (*backward)(const float* z, const float* y, const float* dy, float* dz, std::size_t n,
                     float alpha);
    const char* parameter;    // name of the parameter alpha stands for, or nullptr if none
    bool parameter_required;  // true: a model must state it (leaky_relu's slope)
    float parameter_default;  // used when not required and not stated
    // With this loss, an output layer's dL/dz is y - t without f' (loss.hpp): sigmoid's with
    // binary, softmax's with categorical cross-entropy. A copy of either under another name
    // takes the chained path unless it says so too.
    enum class combined { none, binary_crossentropy, categorical_crossentropy };
    combined combined_gradient = combined::none;
};

/// @brief y = f(z) for the n units of one sample. y may be z.
inline void activate(const activation& f, float alpha, const float* z, float* y, std::size_t n) {
    if (f.forward) {
        f.forward(z, y, n, alpha);
        return;
    }
    for (std::size_t i = 0; i < n; ++i) y[i] = f.value(z[i], alpha);
}

/// @brief dz = dy * f'(z) for the n units of one sample (a vector-Jacobian product for
/// activations that couple the units). dz may be dy.
inline void activate_backward(const activation& f, float alpha, const float* z, const float* y,
                              const float* dy, float* dz, std::size_t n) {
    if (f.backward) {
        f.backward(z, y, dy, dz, n, alpha);
        return;
    }
    for (std::size_t i = 0; i < n; ++i) dz[i] = dy[i] * f.derivative(z[i], y[i], alpha);
}

/// @brief The built-in activations, under Keras's names.
namespace activations {
// clang-format off
inline constexpr activation linear{"linear", "z",
    [](float z, float) { return anne::linear(z); },
    [](float z, float, float) { return anne::linear_derivative(z); },
    nullptr, nullptr, nullptr, false, 0.0f};
inline constexpr activation relu{"relu", "max(0, z)",
    [](float z, float) { return anne::relu(z); },
    [](float z, float, float) { return anne::relu_derivative(z); },
    nullptr, nullptr, nullptr, false, 0.0f};
inline constexpr activation relu6{"relu6", "min(max(0, z), 6)",
    [](float z, float) { return anne::relu6(z); },
    [](float z, float, float) { return anne::relu6_derivative(z); },
    nullptr, nullptr, nullptr, false, 0.0f};
inline constexpr activation leaky_relu{"leaky_relu", "z if z > 0, else alpha * z",
    [](float z, float a) { return anne::leaky_relu(z, a); },
    [](float z, float, float a) { return anne::leaky_relu_derivative(z, a); },
    nullptr, nullptr, "alpha", true, 0.0f};
inline constexpr activation elu{"elu", "z if z > 0, else alpha * (e^z - 1)",
    [](float z, float a) { return anne::elu(z, a); },
    [](float z, float, float a) { return anne::elu_derivative(z, a); },
    nullptr, nullptr, "alpha", false, 1.0f};
inline constexpr activation selu{"selu", "1.0507 * (z if z > 0, else 1.6733 * (e^z - 1))",
    [](float z, float) { return anne::selu(z); },
    [](float z, float, float) { return anne::selu_derivative(z); },
    nullptr, nullptr, nullptr, false, 0.0f};
inline constexpr activation sigmoid{"sigmoid", "1 / (1 + e^-z)",
    [](float z, float) { return anne::sigmoid(z); },
    [](float, float y, float) { return anne::sigmoid_derivative(y); },
    nullptr, nullptr, nullptr, false, 0.0f, activation::combined::binary_crossentropy};
inline constexpr activation hard_sigmoid{"hard_sigmoid", "clip(alpha * z + 0.5, 0, 1)",
    [](float z, float a) { return anne::hard_sigmoid(z, a); },
    [](float z, float, float a) { return anne::hard_sigmoid_derivative(z, a); },
    nullptr, nullptr, "alpha", false, 0.2f};
inline constexpr activation tanh{"tanh", "(e^z - e^-z) / (e^z + e^-z)",
    [](float z, float) { return anne::tanh(z); },
    [](float, float y, float) { return anne::tanh_derivative(y); },
    nullptr, nullptr, nullptr, false, 0.0f};
inline constexpr activation softplus{"softplus", "ln(1 + e^z)",
    [](float z, float) { return anne::softplus(z); },
    [](float z, float, float) { return anne::softplus_derivative(z); },
    nullptr, nullptr, nullptr, false, 0.0f};
inline constexpr activation softsign{"softsign", "z / (1 + |z|)",
    [](float z, float) { return anne::softsign(z); },
    [](float z, float, float) { return anne::softsign_derivative(z); },
    nullptr, nullptr, nullptr, false, 0.0f};
inline constexpr activation swish{"swish", "z / (1 + e^-z)",
    [](float z, float) { return anne::swish(z); },
    [](float z, float, float) { return anne::swish_derivative(z); },
    nullptr, nullptr, nullptr, false, 0.0f};
inline constexpr activation gelu{"gelu", "0.5 z (1 + erf(z / sqrt(2)))",
    [](float z, float) { return anne::gelu(z); },
    [](float z, float, float) { return anne::gelu_derivative(z); },
    nullptr, nullptr, nullptr, false, 0.0f};
inline constexpr activation gelu_tanh{"gelu_tanh", "0.5 z (1 + tanh(0.79788 (z + 0.044715 z^3)))",
    [](float z, float) { return anne::gelu_tanh(z); },
    [](float z, float, float) { return anne::gelu_tanh_derivative(z); },
    nullptr, nullptr, nullptr, false, 0.0f};
inline constexpr activation mish{"mish", "z * tanh(ln(1 + e^z))",
    [](float z, float) { return anne::mish(z); },
    [](float z, float, float) { return anne::mish_derivative(z); },
    nullptr, nullptr, nullptr, false, 0.0f};
inline constexpr activation softmax{"softmax", "e^z_i / sum_j e^z_j",
    nullptr, nullptr,
    [](const float* z, float* y, std::size_t n, float) { anne::softmax(z, y, n); },
    [](const float*, const float* y, const float* dy, float* dz, std::size_t n, float) {
        anne::softmax_backward(y, dy, dz, n);
    },
    nullptr, false, 0.0f, activation::combined::categorical_crossentropy};
// clang-format on

inline constexpr const activation* builtin[] = {
    &linear, &relu,     &relu6,    &leaky_relu, &elu,  &selu,      &sigmoid, &hard_sigmoid,
    &tanh,   &softplus, &softsign, &swish,      &gelu, &gelu_tanh, &mish,    &softmax};
}  // namespace activations

// ---------------------------------------------------------------------------------------------
// Finding activations by name, including the user's own.

namespace detail {
constexpr bool same_name(const char* a, const char* b) {
    while (*a && *a == *b) ++a, ++b;
    return *a == *b;
}
}  // namespace detail

/// @brief Activations by name: the built-ins, then up to `capacity` user-defined ones.
///
/// No heap: the user's records are held by pointer, so they must outlive the registry (a
/// `static` or global `activation` does). Example:
///
///     float cube(float z, float) { return z * z * z; }
///     float cube_derivative(float z, float, float) { return 3 * z * z; }
///     const anne::activation cube_act{"cube", "z^3", cube, cube_derivative};
///     anne::activation_registry().add(cube_act);   // now "cube" works in model files too
class registry {
public:
    static constexpr std::size_t capacity = 16;

    /// @brief Adds a user-defined activation. It needs a name and either value + derivative
    /// or forward + backward.
    status add(const activation& f) {
        if (!f.name || !*f.name) return status::invalid_argument;
        const bool elementwise = f.value && f.derivative;
        const bool whole = f.forward && f.backward;
        if (!elementwise && !whole) return status::invalid_argument;
        if (find(f.name)) return status::duplicate_name;
        if (count_ == capacity) return status::registry_full;
        user_[count_++] = &f;
        return status::ok;
    }

    /// @brief The activation called `name`, or nullptr.
    const activation* find(const char* name) const {
        for (const activation* f : activations::builtin)
            if (detail::same_name(f->name, name)) return f;
        for (std::size_t i = 0; i < count_; ++i)
            if (detail::same_name(user_[i]->name, name)) return user_[i];
        return nullptr;
    }

    /// @brief All activations, built-in first: index 0 .. size() - 1.
    std::size_t size() const { return sizeof(activations::builtin) / sizeof(activation*) + count_; }
    const activation& operator[](std::size_t i) const {
        constexpr std::size_t n = sizeof(activations::builtin) / sizeof(activation*);
        return i < n ? *activations::builtin[i] : *user_[i - n];
    }

private:
    const activation* user_[capacity] = {};
    std::size_t count_ = 0;
};

/// @brief The program's registry. Constant-initialized, so it needs no start-up code.
inline registry& activation_registry() {
    static registry r;
    return r;
}

}  // namespace anne
