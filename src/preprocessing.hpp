// How a model's raw inputs become the network's inputs, and the one place that knows each kind
// of preprocessing: its formula, its parameters' names and how it is called. The model file,
// `anne explain`, the exporters, the importers and the report all take them from here.
//
//     kind          model file         x' per input i
//     none          "none"             raw
//     standardize   "mean", "std"      (raw - mean) / std
//     minmax        "min", "max"       (raw - min) / (max - min)
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace anne {

/// @brief How raw inputs become the network's inputs.
struct preprocessing {
    enum class kind { none, standardize, minmax };
    kind type = kind::none;
    std::vector<std::string> features;  // names of the raw inputs, may be empty
    std::vector<float> mean, stddev;    // standardize: (inputs) each
    std::vector<float> min, max;        // minmax: (inputs) each

    /// @brief x = the formula above applied to raw. raw, x are (inputs).
    void apply(const float* raw, float* x, std::size_t inputs) const;

    /// @brief The kind's parameters as the model file names and orders them: {"mean", mean},
    /// {"std", stddev} for standardize; {"min", min}, {"max", max} for minmax; none for none.
    std::vector<std::pair<const char*, const std::vector<float>*>> parameters() const;
    std::vector<std::pair<const char*, std::vector<float>*>> parameters();

    /// @brief Why input i's parameters cannot be used ("a standard deviation must be > 0",
    /// "max must be greater than min"), or nullptr when they can. The fault is the second
    /// parameter's.
    const char* invalid(std::size_t i) const;

    /// @brief The formula over the given operands: standardize "(x - a) / b", minmax
    /// "(x - a) / (b - a)", none "x". Written in C, Python or with numbers alike.
    std::string formula(const std::string& x, const std::string& a, const std::string& b) const;
    /// @brief The same with the division written as a call, divide(x - a, b): for exported
    /// code that divides with anne::elementary::divide (the same bits as "/").
    std::string formula(const std::string& x, const std::string& a, const std::string& b,
                        const std::string& divide) const;
    /// @brief The formula over the parameters' names: "(x - mean) / std".
    std::string formula(const std::string& x) const;

    /// @brief The model file's name of the kind: "none", "standardize", "minmax".
    const char* name() const;
    /// @brief The kind for people: "standardization", "min-max scaling", "none".
    const char* title() const;
};

/// @brief The kind a model file or `--scale` names ("none", "standardize", "minmax"); false if
/// it names none of them.
bool preprocessing_kind(const std::string& name, preprocessing::kind& k);

/// @brief The names preprocessing_kind accepts, for an error: "none", "standardize" or "minmax".
const char* preprocessing_kinds();

}  // namespace anne
