// The check that exported models compute what the host computes: each model of a suite runs
// on its test inputs, and every output is compared with the host's, bit for bit.
//
// A suite is a generated header (tests/mcu/generate.cpp) that includes the exported models
// and their data and defines `anne_check::suite`, an array of model_case. check.cpp is the
// program; it is built for the Cortex-M boards (mcu/CMakeLists.txt) and for the host
// (tests/mcu/CMakeLists.txt).
#pragma once

#include <cstddef>
#include <cstdint>

#include <anne/network.hpp>

namespace anne_check {

struct model_case {
    const char* name;
    const char* activations;  // "relu,sigmoid,relu,sigmoid": each layer's activation
    std::size_t inputs, outputs, samples;
    void (*predict)(const float* in, float* out);  // raw inputs (inputs) -> outputs (outputs)
    // The same on n samples at once: (n, inputs) -> (n, outputs)
    void (*predict_batch)(const float* in, float* out, std::size_t n);
    int (*decide)(const float* out);  // the class, or nullptr for no classifier
    const float* x;                   // (samples, inputs), raw
    const std::uint32_t* expected;    // (samples, outputs): the host's float bits
    const int* expected_class;        // (samples): the host's decisions, or -1
    // The network inside, for the layer-by-layer check (nullptr for the C export), and the
    // host's trace of each sample through it: the network's input (after preprocessing), then
    // each layer's z and y, as float bits: (samples, inputs + 2 * unit_count).
    const anne::network* network;
    const std::uint32_t* trace;
};

}  // namespace anne_check
