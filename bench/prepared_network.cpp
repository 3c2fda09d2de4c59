#include "prepared_network.hpp"

#include <array>
#include <utility>

#include <anne/activation.hpp>
#include <anne/dense.hpp>

namespace anne::fast {

namespace {

enum kind { relu_kind, sigmoid_kind, tanh_kind, linear_kind, kinds };
constexpr std::size_t max_small = 8;  // widest inputs and units with a size-specific kernel

template <int K>
inline float apply(float z) {
    if constexpr (K == relu_kind) return relu(z);
    if constexpr (K == sigmoid_kind) return sigmoid(z);
    if constexpr (K == tanh_kind) return anne::tanh(z);
    return linear(z);
}

/// A dense layer of IN inputs and U units with activation K, the sizes known to the compiler:
/// z_j = sum_i x_i w_ij in order i = 0, 1, ..., then + b_j, then f: as dense_forward. The
/// weighted sums first, the activations after: fewer values live across the calls of std::exp
/// inside sigmoid and tanh.
/// Each kernel ends by calling the next layer's (a tail call, so the compiler turns it into a
/// jump): the layers run as a chain, without a loop around them. y is the caller's output.
template <int K, int IN, int U>
void small_dense(const prepared_network::step& s, const float* x, float* y) {
    const float* w = s.kernel;
    const float* b = s.bias;
    float* out = s.out ? s.out : y;
    float z[U];
    for (int j = 0; j < U; ++j) {
        z[j] = 0.0f;
        for (int i = 0; i < IN; ++i) z[j] += x[i] * w[i * U + j];
    }
    if (b)
        for (int j = 0; j < U; ++j) z[j] += b[j];
    for (int j = 0; j < U; ++j) out[j] = apply<K>(z[j]);
    if (s.next) s.next->run(*s.next, out, y);
}

/// Every other layer: the core's own code.
void core_dense(const prepared_network::step& s, const float* x, float* y) {
    float* out = s.out ? s.out : y;
    dense_forward(*s.l, s.inputs, s.kernel, s.bias, x, nullptr, out);
    if (s.next) s.next->run(*s.next, out, y);
}

// table[K][IN - 1][U - 1] = &small_dense<K, IN, U>
using kernel_fn = prepared_network::kernel_fn;
using row = std::array<kernel_fn, max_small>;
using grid = std::array<row, max_small>;

template <int K, int IN, int... U>
constexpr row make_row(std::integer_sequence<int, U...>) {
    return {&small_dense<K, IN, U + 1>...};
}
template <int K, int... IN>
constexpr grid make_grid(std::integer_sequence<int, IN...>) {
    return {make_row<K, IN + 1>(std::make_integer_sequence<int, max_small>{})...};
}
constexpr std::array<grid, kinds> table = {
    make_grid<relu_kind>(std::make_integer_sequence<int, max_small>{}),
    make_grid<sigmoid_kind>(std::make_integer_sequence<int, max_small>{}),
    make_grid<tanh_kind>(std::make_integer_sequence<int, max_small>{}),
    make_grid<linear_kind>(std::make_integer_sequence<int, max_small>{}),
};

int kind_of(const activation* f) {
    if (f == &activations::relu) return relu_kind;
    if (f == &activations::sigmoid) return sigmoid_kind;
    if (f == &activations::tanh) return tanh_kind;
    if (f == &activations::linear) return linear_kind;
    return kinds;
}

}  // namespace

prepared_network::prepared_network(const network& n) : scratch_(2 * max_width(n)) {
    for (std::size_t k = 0; k < n.depth; ++k) {
        const layer& l = n.layers[k];
        const std::size_t inputs = layer_inputs(n, k);
        const int kind = kind_of(l.f);
        const bool small = kind != kinds && inputs <= max_small && l.units <= max_small;
        float* out = k + 1 == n.depth ? nullptr : scratch_.data() + (k % 2) * max_width(n);
        steps_.push_back({small ? table[kind][inputs - 1][l.units - 1] : &core_dense, nullptr, &l,
                          inputs, layer_kernel(n, k), layer_bias(n, k), out, small});
    }
    for (std::size_t k = 0; k + 1 < steps_.size(); ++k) steps_[k].next = &steps_[k + 1];
}

void prepared_network::predict(const float* x, float* y) { steps_[0].run(steps_[0], x, y); }

std::size_t prepared_network::specialized_layers() const {
    std::size_t count = 0;
    for (const step& s : steps_) count += s.specialized;
    return count;
}

}  // namespace anne::fast
