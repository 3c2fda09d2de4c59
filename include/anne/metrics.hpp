// The confusion matrix and the measures read off it.
//
// counts[t * classes + p] is how many samples of true class t were predicted as class p.
// For two classes with class 1 as "positive":
//
//                 predicted 0   predicted 1
//     true 0         TN            FP
//     true 1         FN            TP
#pragma once

#include <cstddef>
#include <cstdint>

#include "status.hpp"

namespace anne {

/// @brief The index of the largest of y's n values (the first one on ties).
inline std::size_t argmax(const float* y, std::size_t n) {
    std::size_t best = 0;
    for (std::size_t i = 1; i < n; ++i)
        if (y[i] > y[best]) best = i;
    return best;
}

/// @brief The class a network's output stands for: with one output, 1 if it is above the
/// threshold (as Keras's binary_accuracy decides), else 0; with several, the largest one.
inline std::size_t decide(const float* y, std::size_t n, float threshold = 0.5f) {
    return n == 1 ? (y[0] > threshold ? 1 : 0) : argmax(y, n);
}

/// @brief A confusion matrix over a caller-provided (classes, classes) array of counts.
class confusion_matrix {
public:
    /// counts must hold classes * classes values; they are set to zero.
    confusion_matrix(std::uint32_t* counts, std::size_t classes)
        : counts_(counts), classes_(classes) {
        for (std::size_t i = 0; i < classes * classes; ++i) counts_[i] = 0;
    }

    /// @brief Counts one sample. Classes outside [0, classes) are rejected.
    status add(std::size_t truth, std::size_t predicted) {
        if (truth >= classes_ || predicted >= classes_) return status::invalid_argument;
        ++counts_[truth * classes_ + predicted];
        return status::ok;
    }

    std::size_t classes() const { return classes_; }
    /// @brief Samples of true class t predicted as p.
    std::uint32_t at(std::size_t t, std::size_t p) const { return counts_[t * classes_ + p]; }

    std::uint32_t total() const {
        std::uint32_t n = 0;
        for (std::size_t i = 0; i < classes_ * classes_; ++i) n += counts_[i];
        return n;
    }
    std::uint32_t correct() const {
        std::uint32_t n = 0;
        for (std::size_t c = 0; c < classes_; ++c) n += at(c, c);
        return n;
    }
    /// @brief How many samples are really of class c (the row sum).
    std::uint32_t actual(std::size_t c) const {
        std::uint32_t n = 0;
        for (std::size_t p = 0; p < classes_; ++p) n += at(c, p);
        return n;
    }
    /// @brief How many samples were predicted as class c (the column sum).
    std::uint32_t predicted(std::size_t c) const {
        std::uint32_t n = 0;
        for (std::size_t t = 0; t < classes_; ++t) n += at(t, c);
        return n;
    }

    /// @brief correct / total; 0 for no samples.
    float accuracy() const { return ratio(correct(), total()); }
    /// @brief Of the samples predicted as c, the share that are c; 0 if none was predicted c.
    float precision(std::size_t c) const { return ratio(at(c, c), predicted(c)); }
    /// @brief Of the samples that are c, the share predicted as c; 0 if there are none.
    float recall(std::size_t c) const { return ratio(at(c, c), actual(c)); }
    /// @brief The harmonic mean of precision and recall; 0 when both are 0.
    float f1(std::size_t c) const {
        const float p = precision(c), r = recall(c);
        return p + r > 0.0f ? 2.0f * p * r / (p + r) : 0.0f;
    }
    /// @brief The unweighted mean of f1 over the classes (macro F1).
    float macro_f1() const {
        float s = 0.0f;
        for (std::size_t c = 0; c < classes_; ++c) s += f1(c);
        return s / static_cast<float>(classes_);
    }

    // Two classes, class `positive` (1 unless said otherwise) as the positive one.
    std::uint32_t true_positives(std::size_t positive = 1) const { return at(positive, positive); }
    std::uint32_t false_positives(std::size_t positive = 1) const {
        return at(1 - positive, positive);
    }
    std::uint32_t false_negatives(std::size_t positive = 1) const {
        return at(positive, 1 - positive);
    }
    std::uint32_t true_negatives(std::size_t positive = 1) const {
        return at(1 - positive, 1 - positive);
    }

private:
    static float ratio(std::uint32_t a, std::uint32_t b) {
        return b ? static_cast<float>(a) / static_cast<float>(b) : 0.0f;
    }

    std::uint32_t* counts_;
    std::size_t classes_;
};

}  // namespace anne
