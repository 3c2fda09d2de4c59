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

namespace {

// The rows of a labelled CSV, converted for the model and handed on in blocks.
class labelled_rows : public csv_rows {
public:
    labelled_rows(const model& m, const std::string& path, const std::string& target,
                  const std::function<void(const labelled_data&)>& each, std::size_t block_rows)
        : m_(m), target_(target), each_(each), block_rows_(block_rows) {
        block_.t.where = path;
    }

    void header(const std::vector<std::string>& names, csv_errors& errors) override {
        table t;
        t.where = block_.t.where;
        t.header = names;
        try {
            const std::string column = target_.empty() ? names.back() : target_;
            target_column_ = t.column(column);
            block_.d.target = column;
            block_.d.features = feature_columns(m_, t, column);
            for (const std::string& f : block_.d.features) columns_.push_back(t.column(f));
            names_ = names;
        } catch (const error& e) {
            errors.note(csv_check::columns, e);
        }
    }

    void row(std::vector<std::string>& cells, std::size_t line, csv_errors& errors) override {
        if (!errors.open(csv_check::numbers)) return;
        ++rows_;
        for (std::size_t c : columns_) {
            float v = 0.0f;
            if (!number_cell(cells[c], v)) {
                errors.note(csv_check::numbers,
                            not_a_number(block_.t.where, line, names_[c], cells[c]));
                return;
            }
            block_.d.x.push_back(v);
        }
        block_.d.labels.push_back(std::move(cells[target_column_]));
        block_.t.lines.push_back(line);
        if (block_.d.rows() == block_rows_) flush(errors);
    }

    void end(csv_errors& errors) override { flush(errors); }

    std::size_t rows() const { return rows_; }

private:
    // Once the file has an error, the blocks are only emptied: only checks that can still
    // report an earlier error go on.
    void flush(csv_errors& errors) {
        if (!errors.any() && block_.d.rows() > 0) {
            try {
                each_(block_);
            } catch (const error& e) {
                errors.note(csv_check::values, e);
            }
        }
        block_.d.x.clear();
        block_.d.labels.clear();
        block_.t.lines.clear();
    }

    const model& m_;
    const std::string& target_;
    const std::function<void(const labelled_data&)>& each_;
    std::size_t block_rows_;
    labelled_data block_;
    std::vector<std::string> names_;    // the header
    std::vector<std::size_t> columns_;  // of the features, in the model's order
    std::size_t target_column_ = 0;
    std::size_t rows_ = 0;
};

}  // namespace

std::size_t stream_labelled(const model& m, const std::string& path, const std::string& target,
                            const std::function<void(const labelled_data&)>& each,
                            std::size_t block_rows) {
    labelled_rows rows(m, path, target, each, block_rows);
    scan_csv(path, rows);
    if (rows.rows() == 0) fail(path, "no data rows after the header");
    return rows.rows();
}

labelled_data read_labelled(const model& m, const std::string& path, const std::string& target) {
    labelled_data l;
    l.t.where = path;
    stream_labelled(m, path, target, [&l](const labelled_data& block) {
        l.d.features = block.d.features;
        l.d.target = block.d.target;
        l.d.x.insert(l.d.x.end(), block.d.x.begin(), block.d.x.end());
        l.d.labels.insert(l.d.labels.end(), block.d.labels.begin(), block.d.labels.end());
        l.t.lines.insert(l.t.lines.end(), block.t.lines.begin(), block.t.lines.end());
    });
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
