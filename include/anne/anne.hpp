// AI-ANNE: A Neural Net for Exploration. The core, in one include.
//
// A neural network is built here from its parts, as the AI-ANNE papers teach it:
//
//   activation.hpp  the activation functions f(z), each next to its derivative f'(z)
//   dense.hpp       the neuron y = f(w . x + b) and the dense layer y = f(x W + b)
//   network.hpp     dense layers in sequence, over one contiguous parameter buffer
//   basics.hpp      zeros, transpose, add, matrix product, printing through a sink
//   metrics.hpp     the confusion matrix, accuracy, precision, recall, F1
//   loss.hpp        binary / categorical cross-entropy, mean squared error, with gradients
//   optimizer.hpp   SGD (momentum, Nesterov), Adam, RMSprop, as Keras defines them
//   init.hpp        a portable seeded generator, Glorot-uniform and uniform initial weights
//   train.hpp       backpropagation: dense_backward, one training step on a mini-batch
//   trace.hpp       the forward pass and training steps through callbacks, and their printers
//   quantized.hpp   int8 networks as TensorFlow Lite Micro computes them (fixedpoint.hpp: the
//                   requantization and the fixed-point sigmoid, tanh, exp)
//
// The core is freestanding C++17: no heap, no exceptions, no RTTI, no stdio. It runs
// unchanged on a PC and on a Raspberry Pi Pico (Cortex-M0+) or Pico 2 (Cortex-M33).
//
// ---------------------------------------------------------------------------------------------
// Tutorial: the IRIS-8 network of the papers, one flower.
//
//     #include <anne/anne.hpp>
//
//     // 8 neurons in 4 layers: 4 inputs -> 2 -> 3 -> 2 -> 1.
//     const anne::layer layers[] = {
//         {2, &anne::activations::relu, 0, true},
//         {3, &anne::activations::sigmoid, 0, true},
//         {2, &anne::activations::relu, 0, true},
//         {1, &anne::activations::sigmoid, 0, true},
//     };
//     // Each layer's kernel W[input][unit] (as Keras stores it), then its bias.
//     const float params[] = {
//         -0.75323504f, -0.25906014f, -0.46379513f, -0.5019245f,     // W1 (4x2)
//          2.1273055f,   1.7724446f,   1.1853403f,   0.88468695f,
//          0.53405946f,  0.32578036f,                                // b1
//         -1.6785783f,   2.0158117f,   1.2769054f,                   // W2 (2x3)
//         -1.4055765f,   0.6828738f,   1.5902631f,
//          1.18362f,    -1.1555661f,  -1.0966455f,                   // b2
//          0.729278f,   -1.0240695f,  -0.80972326f, 1.4383037f,      // W3 (3x2)
//         -0.90892404f,  1.6760625f,
//          0.10695826f,  0.01635581f,                                // b3
//         -0.2019448f,   1.5772797f,                                 // W4 (2x1)
//         -1.2177287f,                                               // b4
//     };
//     const anne::network iris8{4, layers, 4, params};
//
//     // One Versicolor flower (6.8, 2.8, 4.8, 1.4 cm), standardized as the network was
//     // trained: (x - mean) / std over the Versicolor and Virginica rows.
//     const float x[] = {0.815755f, -0.217468f, -0.129042f, -0.653039f};
//     float y[1], scratch[6];
//     anne::predict(iris8, x, y, scratch, 6);      // y[0] = 0.2198: below 0.5, so Versicolor
//     std::size_t cls = anne::decide(y, 1);        // 0 = Versicolor, 1 = Virginica
//
// The command-line program shows the same computation step by step: `anne explain iris8
// 6.8 2.8 4.8 1.4`.
#pragma once

#include "activation.hpp"
#include "basics.hpp"
#include "dense.hpp"
#include "init.hpp"
#include "loss.hpp"
#include "metrics.hpp"
#include "network.hpp"
#include "optimizer.hpp"
#include "quantized.hpp"
#include "status.hpp"
#include "trace.hpp"
#include "train.hpp"
