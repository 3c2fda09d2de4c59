// anne eval MODEL DATA.csv: the confusion matrix and metrics of a model on a labelled CSV.
#include <charconv>
#include <cmath>
#include <iostream>

#include "commands.hpp"
#include "data.hpp"
#include "error.hpp"
#include "json.hpp"
#include "model.hpp"
#include "output.hpp"

namespace anne::cli {

namespace {

struct eval_options {
    std::string model, data, target;
    bool skip_other = false;
    bool json = false;
};

/// The feature columns: the model's feature names when the file has them all, else every
/// column but the target.
std::vector<std::string> feature_columns(const model& m, const table& t,
                                         const std::string& target) {
    bool all = !m.pre.features.empty();
    for (const std::string& f : m.pre.features) {
        bool found = false;
        for (const std::string& h : t.header) found = found || h == f;
        all = all && found;
    }
    if (all) return m.pre.features;
    std::vector<std::string> columns;
    for (const std::string& h : t.header)
        if (h != target) columns.push_back(h);
    if (columns.size() != m.inputs)
        fail(t.where, "the model takes " + std::to_string(m.inputs) + " inputs, the file has " +
                          std::to_string(columns.size()) + " columns besides the target \"" +
                          target + "\"");
    return columns;
}

/// The class index of a label: a class name of the model, or a class number. -1 if neither.
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

void run_classifier(const eval_options& o, const model& m, const table& t, const dataset& d) {
    std::vector<std::string> names;
    for (std::size_t c = 0; c < m.class_count(); ++c) names.push_back(m.class_name(c));
    confusion c(names);
    std::size_t skipped = 0;
    for (std::size_t r = 0; r < d.rows(); ++r) {
        const long truth = class_of(m, d.labels[r]);
        if (truth < 0) {
            if (o.skip_other) {
                ++skipped;
                continue;
            }
            std::string list;
            for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
            fail(o.data + ":" + std::to_string(t.lines[r]),
                 "label \"" + d.labels[r] + "\" is not one of the model's classes (" + list +
                     "); --skip-other-classes leaves such rows out");
        }
        const std::vector<float> x(d.row(r), d.row(r) + d.features.size());
        c.cm.add(static_cast<std::size_t>(truth), m.decide(m.predict(x)));
    }
    if (o.json) {
        fjson j = confusion_json(c);
        j["model"] = m.name;
        j["data"] = o.data;
        j["skipped"] = skipped;
        std::cout << j.dump(2) << "\n";
        return;
    }
    std::cout << m.name << " on " << o.data << ": " << c.cm.total() << " rows";
    if (skipped) std::cout << " (" << skipped << " rows of other classes left out)";
    std::cout << "\n\n";
    print_confusion(std::cout, c, "  ");
}

void run_values(const eval_options& o, const model& m, const table& t, const dataset& d) {
    if (m.outputs() != 1)
        fail(m.name, "eval of a model with several plain outputs is not supported");
    double se = 0.0, ae = 0.0;
    for (std::size_t r = 0; r < d.rows(); ++r) {
        float want = 0.0f;
        const std::string& s = d.labels[r];
        const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), want);
        if (ec != std::errc() || p != s.data() + s.size())
            fail(o.data + ":" + std::to_string(t.lines[r]),
                 "target \"" + d.target + "\": expected a number, got \"" + s + "\"");
        const std::vector<float> x(d.row(r), d.row(r) + d.features.size());
        const double err = m.predict(x)[0] - want;
        se += err * err;
        ae += std::fabs(err);
    }
    const double n = static_cast<double>(d.rows());
    if (o.json) {
        std::cout << fjson{{"model", m.name},
                           {"data", o.data},
                           {"rows", d.rows()},
                           {"mse", se / n},
                           {"mae", ae / n}}
                         .dump(2)
                  << "\n";
        return;
    }
    std::cout << m.name << " on " << o.data << ": " << d.rows() << " rows, mean squared error "
              << se / n << ", mean absolute error " << ae / n << "\n";
}

void run(const eval_options& o) {
    const model m = load_model(o.model);
    const table t = read_csv(o.data);
    const std::string target = o.target.empty() ? t.header.back() : o.target;
    t.column(target);  // checks that it exists
    const dataset d = to_dataset(t, target, feature_columns(m, t, target));
    if (d.rows() == 0) fail(o.data, "no data rows after the header");
    if (m.class_count() > 0)
        run_classifier(o, m, t, d);
    else
        run_values(o, m, t, d);
}

}  // namespace

void add_eval(CLI::App& app) {
    auto o = std::make_shared<eval_options>();
    CLI::App* cmd = app.add_subcommand(
        "eval",
        "Evaluate a model on a labelled CSV file (header row; the model's feature "
        "columns by name, else every column but the target): confusion matrix, "
        "accuracy, precision, recall, F1.\n"
        "Example: anne eval iris8 data/iris.csv --skip-other-classes");
    cmd->add_option("model", o->model, "model file, or iris8 / iris6")->required();
    cmd->add_option("data", o->data, "CSV file with a header row")->required();
    cmd->add_option("--target", o->target, "the label column (default: the last column)");
    cmd->add_flag("--skip-other-classes", o->skip_other,
                  "leave out rows whose label is none of the model's classes");
    cmd->add_flag("--json", o->json, "print the results as JSON");
    cmd->callback([o] { run(*o); });
}

}  // namespace anne::cli
