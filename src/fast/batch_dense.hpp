// The dense layer for a batch of samples at once: the core's dense_forward / dense_backward
// (include/anne/dense.hpp, train.hpp) with the sample loop turned into matrix products.
//
//     forward    Z = X W + b,  Y = f(Z)       X (batch, inputs), W (inputs, units), b (units)
//     backward   dW = X^T dZ, db = sum_rows dZ, dX = dZ W^T
//
// The activations are the core's own functions, applied row by row (a row is one sample), so
// softmax stays a per-sample softmax. In mode::exact every number equals the core's bit for
// bit; in mode::fast it is within rounding (gemm.hpp says how far).
#pragma once

#include <cstddef>
#include <vector>

#include <anne/activation.hpp>
#include <anne/dense.hpp>

#include "gemm.hpp"

namespace anne::fast {

/// @brief Y = f(Z) for `rows` samples of `units` values each (Z, Y are (rows, units); Y may
/// be Z). The core's `activate`, per row; the common element-wise ones without a call per value.
void activate_rows(const activation& f, float alpha, const float* z, float* y, std::size_t rows,
                   std::size_t units);

/// @brief dZ = dY * f'(Z) per row, the core's `activate_backward` (all (rows, units); dZ may
/// be dY).
void activate_backward_rows(const activation& f, float alpha, const float* z, const float* y,
                            const float* dy, float* dz, std::size_t rows, std::size_t units);

/// @brief Dense layer forward pass for a batch. x is (batch, inputs), kernel (inputs,
/// l.units), bias (l.units) or nullptr when !l.use_bias; z and y are (batch, l.units). z may be
/// nullptr (y then holds Z before the activation is applied in place).
void dense_forward_batch(const layer& l, std::size_t inputs, const float* kernel, const float* bias,
                         const float* x, std::size_t batch, float* z, float* y, const options& o,
                         std::vector<float>& scratch);

/// @brief Dense layer backward pass for a batch. dz = dL/dZ (batch, units), x the layer's input
/// (batch, inputs), kernel (inputs, units). Writes (not adds) dkernel = X^T dZ (inputs, units)
/// and dbias = the column sums of dZ (units; nullptr without bias), each summed over the
/// samples in order; and dx = dZ W^T (batch, inputs) unless dx is nullptr.
void dense_backward_batch(const layer& l, std::size_t inputs, const float* kernel, const float* x,
                          const float* dz, std::size_t batch, float* dkernel, float* dbias,
                          float* dx, const options& o, std::vector<float>& scratch);

}  // namespace anne::fast
