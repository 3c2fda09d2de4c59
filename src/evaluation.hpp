// Evaluating a model on labelled data: the model on a whole data set at once (the host's
// batch kernels in exact mode), the confusion matrix with its class names, and the reading of
// a labelled CSV file for a model. Shared by `anne eval`, `anne demo` and the HTML report, so
// that all three count the same way.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <anne/metrics.hpp>

#include "data.hpp"
#include "model.hpp"

namespace anne {

/// @brief Every row of d (raw values, as in the data file) through the model's preprocessing
/// and network, one call instead of a model::predict per row, with every number model::predict
/// gives. Returns the outputs (d.rows(), m.outputs()). Throws anne::error, as model::predict
/// does, when d has another number of features than the model has inputs.
std::vector<float> predict_rows(const model& m, const dataset& d);

/// @brief The class index m.decide() gives each row of d (binary threshold or argmax).
std::vector<std::size_t> classify_rows(const model& m, const dataset& d);

/// @brief A confusion matrix held with its counts and class names.
struct confusion {
    std::vector<std::string> names;
    std::vector<std::uint32_t> counts;  // (classes, classes), counts[true * classes + predicted]
    confusion_matrix cm;

    explicit confusion(std::vector<std::string> class_names);
    confusion(const confusion&) = delete;
};

/// @brief The model's class names, one per class ("0", "1", ... where it names none).
std::vector<std::string> class_names(const model& m);

/// @brief A CSV file read for a model: the table (its name and the line of each row, for
/// messages; not the cells) and its data set.
struct labelled_data {
    table t;
    dataset d;
};

/// @brief Reads a labelled CSV for m. The label is the column `target` (default: the last
/// column); the features are the model's feature names when the file has them all, else every
/// column but the target. Throws anne::error naming the file when the columns do not fit.
labelled_data read_labelled(const model& m, const std::string& path, const std::string& target);

/// @brief The same in blocks of at most block_rows rows, so that memory does not grow with the
/// file's rows: calls each(block) for every block in file order, then returns the number of
/// rows. The errors are read_labelled's, in its order; an anne::error thrown by `each` (a label
/// that is not a class) is thrown only when the rest of the file has none, as if `each` had
/// run after the whole file was read.
std::size_t stream_labelled(const model& m, const std::string& path, const std::string& target,
                            const std::function<void(const labelled_data&)>& each,
                            std::size_t block_rows = 4096);

/// @brief The class index of a label: a class name of the model, or a class number. -1 if
/// neither.
long class_of(const model& m, const std::string& label);

/// @brief Classifies every row into c (true class from the label, predicted by m). A label
/// that is none of the model's classes is an error naming file and line, unless skip_other:
/// then the row is left out. Returns how many rows were left out.
std::size_t evaluate_classifier(const model& m, const labelled_data& data, bool skip_other,
                                confusion& c);
/// @brief The same with the predicted class of every row given (predicted is (rows)), e.g.
/// by the model's int8 network.
std::size_t evaluate_classifier(const model& m, const labelled_data& data, bool skip_other,
                                const std::vector<std::size_t>& predicted, confusion& c);

}  // namespace anne
