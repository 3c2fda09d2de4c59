// anne quantize MODEL --calibration DATA.csv -o MODEL.int8.json: post-training full integer
// quantization (int8), as TensorFlow Lite's converter does it for dense layers.
#include <iostream>

#include "commands.hpp"
#include "error.hpp"
#include "evaluation.hpp"
#include "model.hpp"
#include "quantize/int8_model.hpp"

namespace anne::cli {

namespace {

struct quantize_options {
    std::string model, data, target, out;
    std::size_t tests = 3;
    bool skip_other = false;
};

// The rows whose label is one of the model's classes (IRIS-8 knows versicolor and virginica,
// data/iris.csv holds setosa too).
dataset of_model_classes(const model& m, const dataset& d) {
    dataset kept{d.features, d.target, {}, {}};
    for (std::size_t r = 0; r < d.rows(); ++r) {
        if (class_of(m, d.labels[r]) < 0) continue;
        kept.x.insert(kept.x.end(), d.row(r), d.row(r) + d.features.size());
        kept.labels.push_back(d.labels[r]);
    }
    return kept;
}

void run(const quantize_options& o) {
    model m = load_model(o.model);
    if (m.int8) fail(o.model, "is quantized already (it has an \"int8\" section)");
    const labelled_data data = read_labelled(m, o.data, o.target);
    const dataset rows = o.skip_other ? of_model_classes(m, data.d) : data.d;
    m.int8 = std::make_shared<int8_model>(quantize_model(m, rows, o.data, o.tests));
    save_model(m, o.out);
    const int8_model& q = *m.int8;
    std::cout << m.name << ": quantized to int8 on " << rows.rows() << " rows of " << o.data
              << "; input scale " << q.input.scale << ", zero point " << q.input.zero_point
              << "; parameters " << m.params.size() * 4 << " bytes as float, "
              << q.parameter_bytes() << " as int8 -> " << o.out << "\n";
}

}  // namespace

void add_quantize(CLI::App& app) {
    auto o = std::make_shared<quantize_options>();
    CLI::App* cmd = app.add_subcommand(
        "quantize",
        "Quantize a float model to int8 (post-training, full integer, as TensorFlow Lite "
        "does it): calibrates the range of the input and of each layer's output on a CSV "
        "file (the model's preprocessing applied), then int8 tensors (asymmetric, per "
        "tensor), int8 weights (symmetric, per unit) and int32 biases. The written file is "
        "the float model plus its \"int8\" section (docs/model-format.md); every anne "
        "command then runs the int8 network.\n"
        "Example: anne quantize iris8 --calibration data/iris.csv -o iris8.int8.json");
    cmd->add_option("model", o->model, "model file, or iris8 / iris6")->required();
    cmd->add_option("--calibration", o->data,
                    "CSV file with a header row: the model's feature columns by name, else "
                    "every column but the target (the last column, or --target)")
        ->required();
    cmd->add_option("--target", o->target, "a column to leave out (default: the last column)");
    cmd->add_flag("--skip-other-classes", o->skip_other,
                  "calibrate only on rows whose label is one of the model's classes");
    cmd->add_option("-o,--output", o->out, "the int8 model file to write")->required();
    cmd->add_option("--self-tests", o->tests,
                    "how many calibration rows become the file's exact int8 self-test")
        ->capture_default_str();
    cmd->callback([o] { run(*o); });
}

}  // namespace anne::cli
