// anne eval MODEL DATA.csv: the confusion matrix and metrics of a model on a labelled CSV.
#include <charconv>
#include <cmath>
#include <iostream>

#include "commands.hpp"
#include "error.hpp"
#include "evaluation.hpp"
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

void run_classifier(const eval_options& o, const model& m, const labelled_data& data) {
    confusion c(class_names(m));
    const std::size_t skipped = evaluate_classifier(m, data, o.skip_other, c);
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

void run_values(const eval_options& o, const model& m, const labelled_data& data) {
    const table& t = data.t;
    const dataset& d = data.d;
    if (m.outputs() != 1)
        fail(m.name, "eval of a model with several plain outputs is not supported");
    const std::vector<float> outputs = predict_rows(m, d);  // = m.predict(row)[0] per row
    double se = 0.0, ae = 0.0;
    for (std::size_t r = 0; r < d.rows(); ++r) {
        float want = 0.0f;
        const std::string& s = d.labels[r];
        const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), want);
        if (ec != std::errc() || p != s.data() + s.size())
            fail(o.data + ":" + std::to_string(t.lines[r]),
                 "target \"" + d.target + "\": expected a number, got \"" + s + "\"");
        const double err = outputs[r] - want;
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
    const labelled_data data = read_labelled(m, o.data, o.target);
    if (m.class_count() > 0)
        run_classifier(o, m, data);
    else
        run_values(o, m, data);
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
