// anne train DATA.csv --target COLUMN --layers SPEC ...: trains a network and writes a model
// file and a training log.
#include <chrono>
#include <cmath>
#include <csignal>
#include <iomanip>
#include <iostream>
#include <sstream>

#include <unistd.h>

#include "commands.hpp"
#include "error.hpp"
#include "files.hpp"
#include "output.hpp"
#include "train/trainer.hpp"
#include "train/training_log.hpp"

namespace anne::cli {

namespace {

volatile std::sig_atomic_t interrupted = 0;
void on_interrupt(int) { interrupted = 1; }

struct train_command {
    train_options o;
    std::string classes, output, log, trace;
    std::string trace_every = "epoch";
    bool quiet = false;
};

std::vector<std::string> class_names(const std::string& s) {
    std::vector<std::string> items;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ',')) items.push_back(item);
    return items;
}

std::string duration(double seconds) {
    std::ostringstream s;
    if (seconds >= 60)
        s << static_cast<int>(seconds / 60) << "m" << std::setw(2) << std::setfill('0')
          << static_cast<int>(seconds) % 60 << "s";
    else
        s << fixed(seconds, 1) << "s";
    return s.str();
}

// "epoch 3: loss 0.4123, accuracy 91.3 %, val_loss ..., val_accuracy ..." (no line break).
std::string epoch_line(const epoch_record& e, bool classifier, bool validation) {
    std::ostringstream s;
    s << "epoch " << e.epoch << ": loss " << fixed(e.loss, 4);
    if (classifier) s << ", accuracy " << fixed(100.0 * e.accuracy, 1) << " %";
    if (validation) {
        s << ", val_loss " << fixed(e.val_loss, 4);
        if (classifier) s << ", val_accuracy " << fixed(100.0 * e.val_accuracy, 1) << " %";
    }
    return s.str();
}

void run(train_command& c) {
    train_options& o = c.o;
    o.classes = class_names(c.classes);
    if (!c.trace.empty()) o.trace_every = c.trace_every;
    if (c.output.empty()) fail("-o", "name the model file to write, e.g. -o model.json");
    const std::string log = !c.log.empty() ? c.log
                            : c.output.size() > 5 && c.output.substr(c.output.size() - 5) == ".json"
                                ? c.output.substr(0, c.output.size() - 5) + ".log.json"
                                : c.output + ".log.json";
    const bool terminal = ::isatty(STDERR_FILENO) && !c.quiet;
    const auto start = std::chrono::steady_clock::now();
    const auto elapsed = [&start] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    const bool classifier = is_classifier(parse_loss(o.loss));
    training_callbacks cb;
    float last_accuracy = 0.0f;
    std::size_t shown_epoch = 0;
    if (terminal)
        cb.on_batch = [&](std::size_t epoch, std::size_t batch, std::size_t batches, float loss) {
            const double done =
                (static_cast<double>(epoch - 1) + static_cast<double>(batch) / batches) / o.epochs;
            const int width = 24, filled = static_cast<int>(done * width);
            std::cerr << "\r  epoch " << epoch << "/" << o.epochs << " ["
                      << std::string(filled, '#') << std::string(width - filled, '.') << "] loss "
                      << fixed(loss, 4);
            if (shown_epoch) std::cerr << ", accuracy " << fixed(100.0 * last_accuracy, 1) << " %";
            std::cerr << ", ETA " << duration(elapsed() * (1.0 - done) / std::max(done, 1e-9))
                      << "   " << std::flush;
        };
    cb.on_epoch = [&](const epoch_record& e) {
        last_accuracy = e.accuracy;
        shown_epoch = e.epoch;
        if (terminal || c.quiet) return;
        const std::string line = epoch_line(e, classifier, o.validation > 0);
        std::cout << "epoch " << e.epoch << "/" << o.epochs << line.substr(line.find(':')) << "\n";
    };
    cb.stop = [] { return interrupted != 0; };
    interrupted = 0;
    auto previous = std::signal(SIGINT, on_interrupt);
    training_run r;
    try {
        r = train(o, cb);
    } catch (...) {
        std::signal(SIGINT, previous);
        throw;
    }
    std::signal(SIGINT, previous);
    if (terminal) std::cerr << "\n";

    save_model(r.trained, c.output);
    write_file_atomic(log, training_log_json(o, r));
    if (!c.trace.empty()) write_file_atomic(c.trace, training_trace_json(o, r));
    for (const std::string& w : r.warnings) std::cerr << "anne: warning: " << w << "\n";
    std::cout << "trained " << architecture(r.trained) << " on " << r.train_rows << " rows";
    if (r.validation_rows) std::cout << " (" << r.validation_rows << " held out for validation)";
    if (r.skipped_rows) std::cout << ", " << r.skipped_rows << " rows of other classes left out";
    std::cout << " in " << duration(elapsed()) << "\n";
    if (!r.history.empty())
        std::cout << epoch_line(r.history.back(), r.classifier, r.validation_rows > 0) << "\n";
    std::cout << "wrote " << c.output << " and " << log;
    if (!c.trace.empty()) std::cout << " and " << c.trace;
    std::cout << "\n";
    if (r.diverged) fail("training stopped", r.stop_reason);
    if (r.interrupted) {
        std::cerr << "anne: " << r.stop_reason << "; saved what it had\n";
        std::exit(130);
    }
}

}  // namespace

void add_train(CLI::App& app) {
    auto c = std::make_shared<train_command>();
    train_options& o = c->o;
    CLI::App* cmd = app.add_subcommand(
        "train",
        "Train a network by backpropagation on a CSV file (header row; every column but the target "
        "is an input) and write a model file and a training log (JSON).\n"
        "Example: anne train data/iris.csv --target species --layers 8:relu,3:softmax --loss cce "
        "--optimizer adam --lr 0.01 --epochs 100 --batch 8 -o iris3.json");
    cmd->add_option(
           "data", o.data,
           "CSV file with a header row, at most 64 MiB (anne train holds all of it in memory)")
        ->required();
    cmd->add_option("--target", o.target, "the label column")->required();
    cmd->add_option("--classes", c->classes,
                    "class names in order, comma-separated; rows of other classes are left out "
                    "(default: the labels found)");
    cmd->add_option("--layers", o.layers,
                    "the layers, e.g. \"3:relu,1:sigmoid\" (units:activation[:alpha]); the input "
                    "width comes from the data");
    cmd->add_option("--loss", o.loss,
                    "binary_crossentropy (bce), categorical_crossentropy (cce), "
                    "sparse_categorical_crossentropy (scce), mean_squared_error (mse)")
        ->capture_default_str();
    cmd->add_option("--optimizer", o.optimizer, "sgd, adam or rmsprop")->capture_default_str();
    cmd->add_option("--lr", o.learning_rate,
                    "learning rate (default: Keras's, 0.01 for sgd, 0.001 otherwise)");
    cmd->add_option("--momentum", o.momentum, "momentum for sgd and rmsprop")
        ->capture_default_str();
    cmd->add_flag("--nesterov", o.nesterov, "Nesterov momentum (sgd)");
    cmd->add_option("--adam-epsilon", o.adam_epsilon,
                    "where Adam adds epsilon: keras, or bias_corrected (TensorFlow.js, PyTorch)")
        ->capture_default_str();
    cmd->add_option("--epochs", o.epochs, "passes over the training rows")->capture_default_str();
    cmd->add_option("--batch", o.batch, "samples per update")->capture_default_str();
    cmd->add_option("--seed", o.seed, "seed for the weights, the split and the shuffles")
        ->capture_default_str();
    cmd->add_option("--validation", o.validation, "share of rows held out to validate")
        ->capture_default_str();
    cmd->add_option("--scale", o.scale,
                    "input scaling fit on the training rows: standardize, minmax, none")
        ->capture_default_str();
    cmd->add_option("--init-from", o.init_from, "a model file (or iris8/iris6) to fine-tune");
    cmd->add_option("--name", o.name, "the model's name");
    cmd->add_option("-o,--output", c->output, "the model file to write")->required();
    cmd->add_option("--log", c->log, "the training log to write (default: MODEL.log.json)");
    CLI::Option* trace = cmd->add_option(
        "--trace", c->trace,
        "write a training trace (JSON): per epoch or step, each layer's weight updates, gradient "
        "norm, dead ReLUs and saturated units");
    cmd->add_option("--trace-every", c->trace_every, "a trace record per step or per epoch")
        ->capture_default_str()
        ->check(CLI::IsMember({"step", "epoch"}))
        ->needs(trace);
    cmd->add_flag("-q,--quiet", c->quiet, "no progress output");
    cmd->callback([c] { run(*c); });
}

}  // namespace anne::cli
