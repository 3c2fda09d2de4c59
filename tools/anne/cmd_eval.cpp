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
#include "quantize/int8_model.hpp"

namespace anne::cli {

namespace {

struct eval_options {
    std::string model, data, target;
    bool skip_other = false;
    bool json = false;
};

// An int8 model: the float and the int8 network on the same rows, and the rows whose class
// the quantization changed.
void run_int8_classifier(const eval_options& o, const model& m) {
    confusion cf(class_names(m)), cq(class_names(m));
    std::size_t skipped = 0, changed = 0;
    stream_labelled(m, o.data, o.target, [&](const labelled_data& block) {
        const std::vector<std::size_t> pf = classify_rows(m, block.d);
        const std::vector<std::size_t> pq = int8_classify_rows(m, block.d);
        skipped += evaluate_classifier(m, block, o.skip_other, pf, cf);
        evaluate_classifier(m, block, o.skip_other, pq, cq);
        for (std::size_t r = 0; r < pf.size(); ++r)
            changed += pf[r] != pq[r] && (!o.skip_other || class_of(m, block.d.labels[r]) >= 0);
    });
    if (o.json) {
        fjson j = confusion_json(cq);
        j["model"] = m.name;
        j["data"] = o.data;
        j["skipped"] = skipped;
        j["float"] = confusion_json(cf);
        j["changed_class"] = changed;
        std::cout << j.dump(2) << "\n";
        return;
    }
    std::cout << m.name << " on " << o.data << ": " << cq.cm.total() << " rows";
    if (skipped) std::cout << " (" << skipped << " rows of other classes left out)";
    std::cout << "\n\nfloat network:\n";
    print_confusion(std::cout, cf, "  ");
    std::cout << "\nint8 network:\n";
    print_confusion(std::cout, cq, "  ");
    std::cout << "\n"
              << changed << " of " << cq.cm.total() << " rows change class from float to int8\n";
}

void run_classifier(const eval_options& o, const model& m) {
    if (m.int8) return run_int8_classifier(o, m);
    confusion c(class_names(m));
    std::size_t skipped = 0;
    stream_labelled(m, o.data, o.target, [&](const labelled_data& block) {
        skipped += evaluate_classifier(m, block, o.skip_other, c);
    });
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

void run_values(const eval_options& o, const model& m) {
    double se = 0.0, ae = 0.0;
    const std::size_t rows = stream_labelled(m, o.data, o.target, [&](const labelled_data& b) {
        if (m.outputs() != 1)
            fail(m.name, "eval of a model with several plain outputs is not supported");
        const std::vector<float> outputs = predict_rows(m, b.d);  // = m.predict(row)[0] per row
        for (std::size_t r = 0; r < b.d.rows(); ++r) {
            float want = 0.0f;
            const std::string& s = b.d.labels[r];
            const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), want);
            if (ec != std::errc() || p != s.data() + s.size())
                fail(o.data + ":" + std::to_string(b.t.lines[r]),
                     "target \"" + b.d.target + "\": expected a number, got \"" + s + "\"");
            const double err = outputs[r] - want;
            se += err * err;
            ae += std::fabs(err);
        }
    });
    const double n = static_cast<double>(rows);
    if (o.json) {
        std::cout << fjson{{"model", m.name},
                           {"data", o.data},
                           {"rows", rows},
                           {"mse", se / n},
                           {"mae", ae / n}}
                         .dump(2)
                  << "\n";
        return;
    }
    std::cout << m.name << " on " << o.data << ": " << rows << " rows, mean squared error "
              << se / n << ", mean absolute error " << ae / n << "\n";
}

void run(const eval_options& o) {
    const model m = load_model(o.model);
    if (m.class_count() > 0)
        run_classifier(o, m);
    else
        run_values(o, m);
}

}  // namespace

void add_eval(CLI::App& app) {
    auto o = std::make_shared<eval_options>();
    CLI::App* cmd = app.add_subcommand(
        "eval",
        "Evaluate a model on a labelled CSV file (header row; the model's feature "
        "columns by name, else every column but the target): confusion matrix, "
        "accuracy, precision, recall, F1. An int8 model (anne quantize) shows its float and "
        "int8 networks side by side, and how many rows change class.\n"
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
