#include "batch_dense.hpp"

namespace anne::fast {

namespace {

// y = f(z) over count values. GCC vectorizes y[i] = f(y[i]) and y[i] = f(z[i]) with y, z
// apart, but not y[i] = f(z[i]) with y == z, which it cannot tell from a partial overlap: so
// in place is a loop of its own.
template <class F>
void map(const float* z, float* y, std::size_t count, F f) {
    if (y == z)
        for (std::size_t i = 0; i < count; ++i) y[i] = f(y[i]);
    else
        for (std::size_t i = 0; i < count; ++i) y[i] = f(z[i]);
}

// dz = dy * d(i) over count values, in place when dz == dy, likewise.
template <class D>
void scale(const float* dy, float* dz, std::size_t count, D d) {
    if (dz == dy)
        for (std::size_t i = 0; i < count; ++i) dz[i] *= d(i);
    else
        for (std::size_t i = 0; i < count; ++i) dz[i] = dy[i] * d(i);
}

}  // namespace

// The built-ins that most networks use get a loop over the whole batch that calls the core's
// function directly (inlined, so relu and linear vectorize); any other activation, including
// softmax and the user's own, goes through its record one row at a time, exactly as the core
// does. Both compute the same floats: the functions are the same.
void activate_rows(const activation& f, float alpha, const float* z, float* y, std::size_t rows,
                   std::size_t units) {
    const std::size_t count = rows * units;
    if (&f == &activations::relu) {
        map(z, y, count, [](float v) { return relu(v); });
    } else if (&f == &activations::linear) {
        map(z, y, count, [](float v) { return linear(v); });
    } else if (&f == &activations::leaky_relu) {
        map(z, y, count, [alpha](float v) { return leaky_relu(v, alpha); });
    } else if (&f == &activations::sigmoid) {
        map(z, y, count, [](float v) { return sigmoid(v); });
    } else if (&f == &activations::tanh) {
        map(z, y, count, [](float v) { return anne::tanh(v); });
    } else {
        for (std::size_t r = 0; r < rows; ++r)
            activate(f, alpha, z + r * units, y + r * units, units);
    }
}

void activate_backward_rows(const activation& f, float alpha, const float* z, const float* y,
                            const float* dy, float* dz, std::size_t rows, std::size_t units) {
    const std::size_t count = rows * units;
    if (&f == &activations::relu) {
        scale(dy, dz, count, [z](std::size_t i) { return relu_derivative(z[i]); });
    } else if (&f == &activations::sigmoid) {
        scale(dy, dz, count, [y](std::size_t i) { return sigmoid_derivative(y[i]); });
    } else if (&f == &activations::tanh) {
        scale(dy, dz, count, [y](std::size_t i) { return tanh_derivative(y[i]); });
    } else {
        for (std::size_t r = 0; r < rows; ++r) {
            const std::size_t o = r * units;
            activate_backward(f, alpha, z + o, y + o, dy + o, dz + o, units);
        }
    }
}

void dense_forward_batch(const layer& l, std::size_t inputs, const float* kernel, const float* bias,
                         const float* x, std::size_t batch, float* z, float* y, const options& o,
                         std::vector<float>& scratch) {
    const std::size_t units = l.units;
    float* s = z ? z : y;
    const float* b = l.use_bias ? bias : nullptr;
    // The own kernels add the bias to the sums while they are still in registers; after
    // OpenBLAS it is added here, when predicting in the same pass as a relu (the common case).
    // Either way each z is its sum, then + b.
    const bool own = chosen_backend(batch, units, inputs, o) == backend::own;
    // Z (batch, units) = X (batch, inputs) . W (inputs, units) + b
    gemm(trans::no, trans::no, batch, units, inputs, x, inputs, kernel, units, own ? b : nullptr,
         false, s, units, o, scratch);
    if (!own && b) {
        const bool fused = s == y && l.f == &activations::relu;
        for (std::size_t r = 0; r < batch; ++r) {
            float* zr = s + r * units;
            if (fused)
                for (std::size_t j = 0; j < units; ++j) zr[j] = relu(zr[j] + b[j]);
            else
                for (std::size_t j = 0; j < units; ++j) zr[j] += b[j];
        }
        if (fused) return;
    }
    activate_rows(*l.f, l.alpha, s, y, batch, units);
}

void dense_backward_batch(const layer& l, std::size_t inputs, const float* kernel, const float* x,
                          const float* dz, std::size_t batch, float* dkernel, float* dbias,
                          float* dx, const options& o, std::vector<float>& scratch) {
    const std::size_t units = l.units;
    // dW (inputs, units) = X^T (inputs, batch) . dZ (batch, units)
    gemm(trans::yes, trans::no, inputs, units, batch, x, inputs, dz, units, nullptr, false, dkernel,
         units, o, scratch);
    if (dbias) {
        for (std::size_t j = 0; j < units; ++j) dbias[j] = 0.0f;
        for (std::size_t s = 0; s < batch; ++s)
            for (std::size_t j = 0; j < units; ++j) dbias[j] += dz[s * units + j];
    }
    // dX (batch, inputs) = dZ (batch, units) . W^T (units, inputs)
    if (dx)
        gemm(trans::no, trans::yes, batch, inputs, units, dz, units, kernel, units, nullptr, false,
             dx, inputs, o, scratch);
}

}  // namespace anne::fast
