#include "iris.hpp"

#include <cmath>

#include "error.hpp"
#include "resources.hpp"

namespace anne {

dataset iris_data() {
    return to_dataset(parse_csv(resource_text("data/iris.csv"), "data/iris.csv"), "species");
}

labelled_samples iris_test_split(const dataset& iris) {
    labelled_samples s;
    for (std::size_t r : iris_test_rows) {
        if (r >= iris.rows()) fail("iris", "the data set has no row " + std::to_string(r));
        const std::string& species = iris.labels[r];
        if (species != "versicolor" && species != "virginica")
            fail("iris", "row " + std::to_string(r) + " is " + species +
                             ", expected versicolor or virginica");
        s.x.emplace_back(iris.row(r), iris.row(r) + iris.features.size());
        s.y.push_back(species == "virginica" ? 1 : 0);
    }
    return s;
}

void iris_standardization(const dataset& iris, std::vector<float>& mean, std::vector<float>& std) {
    const std::size_t f = iris.features.size();
    std::vector<double> sum(f, 0.0), squares(f, 0.0);
    std::size_t n = 0;
    for (std::size_t r = 0; r < iris.rows(); ++r) {
        if (iris.labels[r] == "setosa") continue;
        ++n;
        for (std::size_t i = 0; i < f; ++i) sum[i] += iris.row(r)[i];
    }
    mean.assign(f, 0.0f);
    std.assign(f, 0.0f);
    for (std::size_t r = 0; r < iris.rows(); ++r) {
        if (iris.labels[r] == "setosa") continue;
        for (std::size_t i = 0; i < f; ++i) {
            const double d = iris.row(r)[i] - sum[i] / static_cast<double>(n);
            squares[i] += d * d;
        }
    }
    for (std::size_t i = 0; i < f; ++i) {
        mean[i] = static_cast<float>(sum[i] / static_cast<double>(n));
        std[i] = static_cast<float>(std::sqrt(squares[i] / static_cast<double>(n)));
    }
}

}  // namespace anne
