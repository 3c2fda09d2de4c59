#include "model_batch.hpp"

#include <string>

#include <anne/metrics.hpp>

#include "error.hpp"
#include "network.hpp"

namespace anne::fast {

std::vector<float> predict_rows(const model& m, const dataset& d) {
    if (d.features.size() != m.inputs)
        fail(m.name, "expected " + std::to_string(m.inputs) + " inputs, got " +
                         std::to_string(d.features.size()));
    const std::size_t rows = d.rows();
    std::vector<float> x(rows * m.inputs), y(rows * m.outputs());
    for (std::size_t r = 0; r < rows; ++r) m.pre.apply(d.row(r), x.data() + r * m.inputs, m.inputs);
    workspace ws;
    ws.config.precision = mode::exact;
    predict_batch(m.net(), x.data(), rows, y.data(), ws);
    return y;
}

std::vector<std::size_t> classify_rows(const model& m, const dataset& d) {
    const std::vector<float> y = predict_rows(m, d);
    const std::size_t outputs = m.outputs();
    std::vector<std::size_t> classes(d.rows());
    for (std::size_t r = 0; r < classes.size(); ++r)  // as m.decide, without copying the row
        classes[r] = decide(y.data() + r * outputs, outputs, m.output.threshold);
    return classes;
}

}  // namespace anne::fast
