// A named array of float32 values as a weight file holds it: Keras's kernel (inputs, units),
// bias (units), a BatchNormalization's gamma (units), ...
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace anne {

/// @brief "(4, 16)", "(16,)": a shape as Python prints it, for messages.
inline std::string shape_text(const std::vector<std::size_t>& shape) {
    std::string s = "(";
    for (std::size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + (shape.size() == 1 ? ",)" : ")");
}

struct tensor {
    std::string name;  // as the file names it ("dense_1/kernel:0"); empty when it names none
    std::vector<std::size_t> shape;
    std::vector<float> values;  // row-major, (product of shape)
};

}  // namespace anne
