// The papers' IRIS task, derived from data/iris.csv: Versicolor (0) vs Virginica (1).
#pragma once

#include <cstddef>
#include <vector>

#include "data.hpp"

namespace anne {

/// @brief The papers' 20 test rows: 0-based data-row indices of the 150-row Iris data set,
/// in the published order (FACTS.md §1).
inline constexpr std::size_t iris_test_rows[20] = {76,  136, 52,  105, 125, 143, 66, 123, 104, 145,
                                                   103, 101, 128, 63,  57,  80,  72, 74,  83,  58};

/// @brief The built-in data/iris.csv as a data set (4 features, target "species").
dataset iris_data();

/// @brief Raw measurements with binary labels: 1 for virginica, 0 for versicolor.
struct labelled_samples {
    std::vector<std::vector<float>> x;
    std::vector<std::size_t> y;
};

/// @brief The papers' test split: the rows above, raw (not standardized).
labelled_samples iris_test_split(const dataset& iris);

/// @brief Mean and population standard deviation of each feature over all Versicolor and
/// Virginica rows: the standardization the IRIS networks were trained with.
void iris_standardization(const dataset& iris, std::vector<float>& mean, std::vector<float>& std);

}  // namespace anne
