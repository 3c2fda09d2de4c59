// anne train's preparation and measures (preparation.hpp).
#include "train/preparation.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <utility>

#include <anne/metrics.hpp>
#include <anne/train.hpp>

#include "error.hpp"
#include "self_test.hpp"
#include "train/warnings.hpp"

namespace anne::training {

namespace {

bool is_number(const std::string& s) {
    float v;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return ec == std::errc() && p == s.data() + s.size() && !s.empty();
}

/// The class names: given, from the model being fine-tuned, or the labels found (numbers in
/// numeric order, else in alphabetical order).
std::vector<std::string> find_classes(const train_options& o, const dataset& d, const model* base) {
    if (!o.classes.empty()) return o.classes;
    if (base && !base->output.classes.empty()) return base->output.classes;
    std::vector<std::string> labels = d.labels;
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    if (std::all_of(labels.begin(), labels.end(), is_number))
        std::sort(labels.begin(), labels.end(), [](const std::string& a, const std::string& b) {
            return std::stod(a) < std::stod(b);
        });
    return labels;
}

/// The options that need no data, checked before anything is read.
void check_options(const train_options& o) {
    if (o.epochs == 0) fail("--epochs", "expected at least 1");
    if (o.batch == 0) fail("--batch", "expected at least 1");
    if (!(o.validation >= 0.0f && o.validation < 1.0f))
        fail("--validation", "expected a share in [0, 1), e.g. 0.2");
    if (!o.trace_every.empty() && o.trace_every != "step" && o.trace_every != "epoch")
        fail("--trace-every", "expected step or epoch, got \"" + o.trace_every + "\"");
}

/// The data file as a data set: the label column o.target, the features those the model being
/// fine-tuned (base) names, else every other column.
dataset training_dataset(const train_options& o, const table& t, const model* base) {
    if (o.target.empty()) fail("--target", "name the column that holds the labels");
    const dataset d = to_dataset(
        t, o.target,
        base && !base->pre.features.empty() ? base->pre.features : std::vector<std::string>{});
    if (d.rows() == 0) fail(o.data, "no data rows after the header");
    return d;
}

/// The layers to train: those of the model being fine-tuned, or --layers.
std::vector<layer_info> training_layers(const train_options& o, const model* base,
                                        std::size_t inputs) {
    if (!base) return parse_layer_spec(o.layers);
    if (!o.layers.empty())
        fail("--layers",
             "a fine-tuned model keeps the layers of " + o.init_from + "; leave out --layers");
    if (base->inputs != inputs)
        fail(o.init_from, "the model takes " + std::to_string(base->inputs) +
                              " inputs, the data has " + std::to_string(inputs) +
                              " feature columns");
    return base->layers;
}

/// The classes a classifier tells apart, checked against the loss and the output layer
/// (none for mean squared error, which needs one output unit).
std::vector<std::string> output_classes(const train_options& o, const dataset& d, const model* base,
                                        loss_kind loss, std::size_t outputs) {
    if (!is_classifier(loss)) {
        if (outputs != 1)
            fail("--layers", "mean squared error on one target column needs 1 output unit");
        return {};
    }
    const std::vector<std::string> classes = find_classes(o, d, base);
    const bool binary = loss == loss_kind::binary_crossentropy;
    if (binary && classes.size() != 2)
        fail(o.data, "binary cross-entropy needs 2 classes, the column \"" + o.target + "\" has " +
                         std::to_string(classes.size()) +
                         " (use --classes a,b, or categorical_crossentropy with a softmax output)");
    if (binary && outputs != 1)
        fail("--layers", "binary cross-entropy needs 1 output unit (sigmoid), the last layer has " +
                             std::to_string(outputs));
    if (!binary && outputs != classes.size())
        fail("--layers", "the last layer needs one unit per class (" +
                             std::to_string(classes.size()) + "), it has " +
                             std::to_string(outputs));
    return classes;
}

/// The rows as samples, raw: targets one-hot for categorical cross-entropy, the class index
/// for the sparse one and binary cross-entropy, the number for mean squared error. Rows of
/// classes not in `classes` are left out and counted in `skipped`.
samples to_samples(const train_options& o, const table& t, const dataset& d, loss_kind loss,
                   const std::vector<std::string>& classes, std::size_t outputs,
                   std::size_t& skipped) {
    samples raw;
    for (std::size_t r = 0; r < d.rows(); ++r) {
        std::size_t label = 0;
        if (is_classifier(loss)) {
            const auto it = std::find(classes.begin(), classes.end(), d.labels[r]);
            if (it == classes.end()) {
                ++skipped;
                continue;
            }
            label = static_cast<std::size_t>(it - classes.begin());
            if (loss == loss_kind::categorical_crossentropy)
                for (std::size_t c = 0; c < outputs; ++c) raw.t.push_back(c == label ? 1.0f : 0.0f);
            else
                raw.t.push_back(static_cast<float>(label));
        } else {
            if (!is_number(d.labels[r]))
                fail(o.data + ":" + std::to_string(t.lines[r]),
                     "column \"" + o.target + "\": mean squared error needs numbers, got \"" +
                         d.labels[r] + "\"");
            raw.t.push_back(std::stof(d.labels[r]));
        }
        raw.x.insert(raw.x.end(), d.row(r), d.row(r) + d.features.size());
        raw.label.push_back(label);
        raw.row.push_back(r);
        ++raw.rows;
    }
    if (raw.rows < 2) fail(o.data, "fewer than 2 usable rows");
    return raw;
}

/// The rows in a seeded shuffled order, the last share `validation` held out.
row_split split_rows(std::size_t rows, float validation, random& rng) {
    std::vector<std::size_t> order(rows);
    for (std::size_t i = 0; i < rows; ++i) order[i] = i;
    shuffle(order, rng);
    const auto held_out = static_cast<long>(std::lround(validation * static_cast<float>(rows)));
    row_split split{{order.begin(), order.end() - held_out}, {order.end() - held_out, order.end()}};
    if (split.train.empty()) fail("--validation", "no rows left to train on");
    return split;
}

/// What the model file says besides the weights: name, scaling (fit on the training rows, or
/// kept from the model being fine-tuned), what the outputs mean, where it came from.
void describe_model(model& m, const train_options& o, const optimizer& opt, const model* base,
                    const dataset& d, loss_kind loss, const std::vector<std::string>& classes,
                    const samples& raw, const row_split& split) {
    m.name = !o.name.empty() ? o.name : base ? base->name + " (fine-tuned)" : "trained";
    if (base)
        m.pre = base->pre;
    else
        fit_scaling(m.pre, o.scale, raw, split.train);
    m.pre.features = d.features;
    if (is_classifier(loss)) {
        m.output.type = loss == loss_kind::binary_crossentropy ? output_meaning::kind::binary
                                                               : output_meaning::kind::classes;
        m.output.classes = classes;
    } else {
        m.output.names = {o.target};
    }
    m.origin.source = o.data;
    m.origin.framework = "anne";
    m.origin.converted_by = "anne train";
    std::ostringstream notes;
    notes << "loss " << o.loss << ", optimizer " << o.optimizer << " (learning rate "
          << opt.learning_rate << "), " << o.epochs << " epochs, batch " << o.batch << ", seed "
          << o.seed << ", validation " << o.validation << ", "
          << (base ? "fine-tuned from " + o.init_from : "scaling " + o.scale);
    m.origin.notes = notes.str();
}

/// The weights training starts from: the fine-tuned model's, or Glorot-uniform ones.
void initial_parameters(model& m, const model* base, random& rng) {
    if (base)
        m.params = base->params;
    else
        m.params.assign(parameter_count(m), 0.0f);
    m.bind();
    if (!base) glorot_uniform(m.net(), m.params.data(), rng);
}

// anne train holds its whole data in memory, as text cells and then as float32: about 15 bytes
// of memory per byte of CSV (400 bytes a row of Iris's 5 columns, docs/performance.md). 64 MiB of
// CSV, some 1 GB of memory, is the largest it takes.
constexpr std::uintmax_t max_training_csv_bytes = std::uintmax_t(64) << 20;

void refuse_too_large(const std::string& path) {
    std::error_code ec;
    const std::uintmax_t bytes = std::filesystem::file_size(path, ec);
    if (!ec && bytes > max_training_csv_bytes)
        fail(path, "a CSV file of " + std::to_string(bytes >> 20) +
                       " MiB; anne train holds all its data in memory and takes at most " +
                       std::to_string(max_training_csv_bytes >> 20) +
                       " MiB of CSV (about 2.5 million rows of 5 columns); train on a sample of "
                       "the rows");
}

}  // namespace

prepared prepare(const train_options& o) {
    prepared p;
    p.loss = parse_loss(o.loss);
    p.opt = parse_optimizer(o);
    check_options(o);
    const model base = o.init_from.empty() ? model{} : load_model(o.init_from);
    const model* fine_tune = o.init_from.empty() ? nullptr : &base;
    refuse_too_large(o.data);
    const table t = read_csv(o.data);
    const dataset d = training_dataset(o, t, fine_tune);

    training_run& run = p.run;
    model& m = run.trained;
    m.inputs = d.features.size();
    m.layers = training_layers(o, fine_tune, m.inputs);
    run.classifier = is_classifier(p.loss);
    const std::vector<std::string> classes = output_classes(o, d, fine_tune, p.loss, m.outputs());
    p.raw = to_samples(o, t, d, p.loss, classes, m.outputs(), run.skipped_rows);

    p.rng = random(o.seed);
    p.split = split_rows(p.raw.rows, o.validation, p.rng);
    run.train_rows = p.split.train.size();
    run.validation_rows = p.split.validation.size();
    describe_model(m, o, p.opt, fine_tune, d, p.loss, classes, p.raw, p.split);
    initial_parameters(m, fine_tune, p.rng);
    return p;
}

void shuffle(std::vector<std::size_t>& order, random& rng) {
    for (std::size_t i = order.size() - 1; i > 0; --i)
        std::swap(order[i], order[rng.below(static_cast<std::uint32_t>(i + 1))]);
}

void fit_scaling(preprocessing& pre, const std::string& scale, const samples& raw,
                 const std::vector<std::size_t>& rows) {
    if (!preprocessing_kind(scale, pre.type))
        fail("--scale",
             std::string("expected ") + preprocessing_kinds() + ", got \"" + scale + "\"");
    const std::size_t f = raw.x.size() / raw.rows;
    for (std::size_t i = 0; i < f && pre.type != preprocessing::kind::none; ++i) {
        double sum = 0.0, squares = 0.0, lo = INFINITY, hi = -INFINITY;
        for (std::size_t r : rows) {
            const double v = raw.x[r * f + i];
            sum += v;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        const double mean = sum / static_cast<double>(rows.size());
        for (std::size_t r : rows) squares += (raw.x[r * f + i] - mean) * (raw.x[r * f + i] - mean);
        const double sd = std::sqrt(squares / static_cast<double>(rows.size()));
        // A constant column carries no information; scale 1 keeps it harmless.
        if (pre.type == preprocessing::kind::standardize) {
            pre.mean.push_back(static_cast<float>(mean));
            pre.stddev.push_back(static_cast<float>(sd > 0 ? sd : 1.0));
        } else {
            pre.min.push_back(static_cast<float>(lo));
            pre.max.push_back(static_cast<float>(hi > lo ? hi : lo + 1.0));
        }
    }
}

samples scaled(const model& m, const samples& raw) {
    samples s = raw;
    for (std::size_t r = 0; r < s.rows; ++r)
        m.pre.apply(&raw.x[r * m.inputs], &s.x[r * m.inputs], m.inputs);
    return s;
}

score evaluate(const network& n, loss_kind loss, const samples& s,
               const std::vector<std::size_t>& rows, bool classifier, float threshold) {
    const std::size_t u = unit_count(n), out = output_count(n), tsize = target_size(loss, out);
    std::vector<float> zs(u), ys(u), dz(out), scratch(out);
    double total = 0.0;
    std::size_t correct = 0;
    const layer& last = n.layers[n.depth - 1];
    for (std::size_t r : rows) {
        forward(n, &s.x[r * n.inputs], zs.data(), ys.data());
        const float* z = zs.data() + u - out;
        const float* y = ys.data() + u - out;
        total += output_gradient(loss, *last.f, last.alpha, z, y, &s.t[r * tsize], out, dz.data(),
                                 scratch.data());
        if (classifier && decide(y, out, threshold) == s.label[r]) ++correct;
    }
    const float count = static_cast<float>(rows.size());
    return {static_cast<float>(total / count), static_cast<float>(correct) / count};
}

std::vector<float> gradient_norms(const network& n, const float* grads) {
    std::vector<float> norms(n.depth);
    for (std::size_t l = 0; l < n.depth; ++l) {
        const float* v = grads + layer_offset(n, l);
        double s = 0.0;
        for (std::size_t i = 0; i < layer_parameter_count(n, l); ++i)
            s += static_cast<double>(v[i]) * v[i];
        norms[l] = static_cast<float>(std::sqrt(s));
    }
    return norms;
}

float baseline_loss(loss_kind loss, const samples& s, const std::vector<std::size_t>& rows,
                    std::size_t outputs) {
    const std::size_t tsize = target_size(loss, outputs);
    std::vector<float> t;
    for (std::size_t r : rows) t.insert(t.end(), &s.t[r * tsize], &s.t[r * tsize] + tsize);
    return constant_answer_loss(loss, t.data(), rows.size(), outputs);
}

self_test self_test_of(const model& m, const samples& raw, const std::vector<std::size_t>& rows) {
    std::vector<std::vector<float>> candidates;
    for (std::size_t i = 0; i < std::min<std::size_t>(256, rows.size()); ++i) {
        const float* x = &raw.x[rows[i] * m.inputs];
        candidates.emplace_back(x, x + m.inputs);
    }
    for (std::vector<float>& c : self_test_candidates(m)) candidates.push_back(std::move(c));
    model recorded = m;
    record_self_test(recorded, candidates,
                     "anne (computed after training; not an independent check)");
    return recorded.test;
}

}  // namespace anne::training
