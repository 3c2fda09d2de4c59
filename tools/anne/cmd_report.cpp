// anne report MODEL -o report.html: one self-contained HTML page that shows the network.
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "evaluation.hpp"
#include "files.hpp"
#include "model.hpp"
#include "report/report.hpp"
#include "train/training_log.hpp"

namespace anne::cli {

namespace {

struct report_options {
    std::string model, log, data, target, output;
    bool skip_other = false;
};

void run(const report_options& o) {
    const model m = load_model(o.model);
    report_inputs in;
    std::optional<training_log> log;
    if (!o.log.empty()) {
        log = read_training_log(o.log);
        in.log = &*log;
        in.log_name = o.log;
    }
    std::optional<labelled_data> data;
    if (!o.data.empty()) {
        data = read_labelled(m, o.data, o.target);
        in.data = &*data;
        in.data_name = o.data;
        in.skip_other = o.skip_other;
    }
    write_file_atomic(o.output, model_report(m, in));
    std::cout << "wrote " << o.output << "\n";
}

}  // namespace

void add_report(CLI::App& app) {
    auto o = std::make_shared<report_options>();
    CLI::App* cmd = app.add_subcommand(
        "report",
        "Write one self-contained HTML page about a model (it loads nothing from the network): "
        "the network as a diagram (hover for every weight and bias), weight histograms, "
        "training curves from a training log, the confusion matrix on labelled data, and for "
        "two inputs the decision regions.\n"
        "Example: anne report iris8 --data data/iris.csv --skip-other-classes -o iris8.html");
    cmd->add_option("model", o->model, "model file, or iris8 / iris6")->required();
    cmd->add_option("-o,--output", o->output, "the HTML file to write")->required();
    cmd->add_option("--log", o->log,
                    "training log (JSON, see docs/explain.md): loss and accuracy per epoch");
    cmd->add_option("--data", o->data, "labelled CSV file: confusion matrix and metrics");
    cmd->add_option("--target", o->target, "the label column of --data (default: the last)");
    cmd->add_flag("--skip-other-classes", o->skip_other,
                  "leave out rows of --data whose label is none of the model's classes");
    cmd->callback([o] { run(*o); });
}

}  // namespace anne::cli
