// IRIS-8 as one writes it by hand, the peer that exported code is measured against on the PC
// (export_bench.cpp) and on the devices (devices/cycles.cpp): the weights as arrays, one loop
// per layer starting each sum at the bias, the textbook sigmoid on the C library's exp.
// Not the same bits as anne's (the bias comes first here, and the library's exp differs
// between platforms): it is a speed reference only. The weights are those of the exported
// header iris8.hpp, which the includer has included.
#pragma once

#include <cmath>
#include <cstddef>

namespace naive {

inline float sigmoid(float z) { return 1.0f / (1.0f + std::exp(-z)); }

template <std::size_t in, std::size_t out>
void layer(const float* x, const float* w, const float* b, float* y, bool relu) {
    for (std::size_t j = 0; j < out; ++j) {
        float z = b[j];
        for (std::size_t i = 0; i < in; ++i) z += x[i] * w[i * out + j];
        y[j] = relu ? (z > 0.0f ? z : 0.0f) : sigmoid(z);
    }
}

// x is (4) standardized measurements, out is (1).
inline void iris8_standardized(const float* x, float* out) {
    float h1[2], h2[3], h3[2];
    layer<4, 2>(x, iris8::W1, iris8::b1, h1, true);
    layer<2, 3>(h1, iris8::W2, iris8::b2, h2, false);
    layer<3, 2>(h2, iris8::W3, iris8::b3, h3, true);
    layer<2, 1>(h3, iris8::W4, iris8::b4, out, false);
}

// raw is (4) raw measurements: standardized first, as the exported predict does.
inline void iris8(const float* raw, float* out) {
    float x[4];
    for (std::size_t i = 0; i < 4; ++i)
        x[i] = (raw[i] - iris8::input_mean[i]) / iris8::input_std[i];
    iris8_standardized(x, out);
}

}  // namespace naive
