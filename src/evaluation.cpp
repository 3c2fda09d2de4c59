#include "evaluation.hpp"

#include <charconv>

#include "error.hpp"
#include "fast/batch_network.hpp"

namespace anne {

std::vector<float> predict_rows(const model& m, const dataset& d) {
    if (d.features.size() != m.inputs)
        fail(m.name, "expected " + std::to_string(m.inputs) + " inputs, got " +
                         std::to_string(d.features.size()));
    const std::size_t rows = d.rows();
    std::vector<float> x(rows * m.inputs), y(rows * m.outputs());
    for (std::size_t r = 0; r < rows; ++r) m.pre.apply(d.row(r), x.data() + r * m.inputs, m.inputs);
    fast::workspace ws;
    ws.config.precision = fast::mode::exact;
    fast::predict_batch(m.net(), x.data(), rows, y.data(), ws);
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

confusion::confusion(std::vector<std::string> class_names)
    : names(std::move(class_names)),
      counts(names.size() * names.size()),
      cm(counts.data(), names.size()) {}

std::vector<std::string> class_names(const model& m) {
    std::vector<std::string> names;
    for (std::size_t c = 0; c < m.class_count(); ++c) names.push_back(m.class_name(c));
    return names;
}

namespace {

/// The feature columns: the model's feature names when the file has them all, else every
/// column but the target.
std::vector<std::string> feature_columns(const model& m, const table& t,
                                         const std::string& target) {
    const std::string* missing = nullptr;  // the first feature of the model the file lacks
    for (const std::string& f : m.pre.features) {
        bool found = false;
        for (const std::string& h : t.header) found = found || h == f;
        if (!found && !missing) missing = &f;
    }
    if (!m.pre.features.empty() && !missing) return m.pre.features;
    std::vector<std::string> columns;
    for (const std::string& h : t.header)
        if (h != target) columns.push_back(h);
    if (columns.size() != m.inputs && missing) {
        std::string known;
        for (const std::string& h : t.header) known += (known.empty() ? "" : ", ") + h;
        fail(t.where, "no column \"" + *missing +
                          "\" (a feature of the model; the columns are: " + known + ")");
    }
    if (columns.size() != m.inputs)
        fail(t.where, "the model takes " + std::to_string(m.inputs) + " inputs, the file has " +
                          std::to_string(columns.size()) + " columns besides the target \"" +
                          target + "\"");
    return columns;
}

}  // namespace

labelled_data read_labelled(const model& m, const std::string& path, const std::string& target) {
    labelled_data l;
    l.t = read_csv(path);
    const std::string column = target.empty() ? l.t.header.back() : target;
    l.t.column(column);  // checks that it exists
    l.d = to_dataset(l.t, column, feature_columns(m, l.t, column));
    if (l.d.rows() == 0) fail(path, "no data rows after the header");
    return l;
}

long class_of(const model& m, const std::string& label) {
    const std::size_t k = m.class_count();
    for (std::size_t c = 0; c < k; ++c)
        if (label == m.class_name(c)) return static_cast<long>(c);
    long v = -1;
    const auto [p, ec] = std::from_chars(label.data(), label.data() + label.size(), v);
    if (ec == std::errc() && p == label.data() + label.size() && v >= 0 &&
        static_cast<std::size_t>(v) < k)
        return v;
    return -1;
}

std::size_t evaluate_classifier(const model& m, const labelled_data& data, bool skip_other,
                                confusion& c) {
    // = m.decide(m.predict(row)) for every row
    return evaluate_classifier(m, data, skip_other, classify_rows(m, data.d), c);
}

std::size_t evaluate_classifier(const model& m, const labelled_data& data, bool skip_other,
                                const std::vector<std::size_t>& predicted, confusion& c) {
    const dataset& d = data.d;
    std::size_t skipped = 0;
    for (std::size_t r = 0; r < d.rows(); ++r) {
        const long truth = class_of(m, d.labels[r]);
        if (truth < 0) {
            if (skip_other) {
                ++skipped;
                continue;
            }
            std::string list;
            for (const std::string& n : c.names) list += (list.empty() ? "" : ", ") + n;
            fail(data.t.where + ":" + std::to_string(data.t.lines[r]),
                 "label \"" + d.labels[r] + "\" is not one of the model's classes (" + list +
                     "); --skip-other-classes leaves such rows out");
        }
        c.cm.add(static_cast<std::size_t>(truth), predicted[r]);
    }
    return skipped;
}

}  // namespace anne
