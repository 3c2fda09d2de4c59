// The IRIS-8 network of the papers (see anne.hpp's tutorial), as a firmware holds it: the
// programs built like firmware (core_program.cpp, ../explain/trace_freestanding.cpp) share it.
#pragma once

#include <anne/network.hpp>

namespace iris8 {

inline const anne::layer layers[] = {
    {2, &anne::activations::relu, 0.0f, true},
    {3, &anne::activations::sigmoid, 0.0f, true},
    {2, &anne::activations::relu, 0.0f, true},
    {1, &anne::activations::sigmoid, 0.0f, true},
};
inline const float params[] = {
    -0.75323504f, -0.25906014f, -0.46379513f, -0.5019245f,  2.1273055f,  1.7724446f,
    1.1853403f,   0.88468695f,  0.53405946f,  0.32578036f,  -1.6785783f, 2.0158117f,
    1.2769054f,   -1.4055765f,  0.6828738f,   1.5902631f,   1.18362f,    -1.1555661f,
    -1.0966455f,  0.729278f,    -1.0240695f,  -0.80972326f, 1.4383037f,  -0.90892404f,
    1.6760625f,   0.10695826f,  0.01635581f,  -0.2019448f,  1.5772797f,  -1.2177287f,
};
}  // namespace iris8
