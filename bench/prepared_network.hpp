// One sample at a time, faster: a network prepared once so that each prediction runs without
// the generality the core pays for on every call (activation functions called through
// pointers, loop bounds read from the layers). The numbers are anne::predict's, bit for bit:
// the same sums in the same order and the same activation functions.
//
//     anne::fast::prepared_network p(net);   // once, after loading
//     p.predict(x, y);                         // x (inputs) -> y (outputs)
//
// Small layers (up to 8 inputs and 8 units) with relu, sigmoid, tanh or linear get a kernel
// compiled for exactly their size and activation, with the activation fused in; every other
// layer runs the core's own dense_forward. Measured on IRIS-8 in docs/performance.md.
//
// A benchmark's peer, not part of the library: the deployable fast single-sample path is the
// code `anne export` writes; this shows what specializing by size gains on the host.
#pragma once

#include <cstddef>
#include <vector>

#include <anne/network.hpp>

namespace anne::fast {

class prepared_network {
public:
    /// @brief Prepares n (which must pass anne::check). n's layers and parameters must
    /// outlive this object and not move; their values may change (training).
    explicit prepared_network(const network& n);
    prepared_network(const prepared_network&) = delete;  // its steps point into itself
    prepared_network& operator=(const prepared_network&) = delete;

    /// @brief x is (inputs), y is (outputs). Not for several threads at once (it owns its
    /// scratch space); make one per thread.
    void predict(const float* x, float* y);

    /// @brief Layers that run a size-specific kernel (the rest run the core's code).
    std::size_t specialized_layers() const;

    /// One layer's work: its kernel function and what that reads; each kernel calls the next.
    struct step;
    using kernel_fn = void (*)(const step&, const float* x, float* y);
    struct step {
        kernel_fn run;
        const step* next;  // the following layer's, or nullptr after the last
        const layer* l;
        std::size_t inputs;
        const float* kernel;  // (inputs, units)
        const float* bias;    // (units), or nullptr without bias
        float* out;           // the scratch half this layer writes; nullptr: the caller's y
        bool specialized;
    };

private:
    std::vector<step> steps_;
    std::vector<float> scratch_;  // (2, widest layer): one layer's outputs, then the next one's
};

}  // namespace anne::fast
