#include "trainer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <sstream>
#include <utility>

#include <anne/init.hpp>
#include <anne/metrics.hpp>
#include <anne/train.hpp>

#include "error.hpp"
#include "fast/batch_network.hpp"
#include "self_test.hpp"
#include "train/warnings.hpp"

namespace anne {

// ---------------------------------------------------------------------------------------------
// Names.

std::vector<layer_info> parse_layer_spec(const std::string& spec) {
    std::vector<layer_info> layers;
    std::stringstream items(spec);
    std::string item;
    while (std::getline(items, item, ',')) {
        const std::string where = "--layers \"" + item + "\"";
        std::vector<std::string> parts;
        std::stringstream fields(item);
        std::string field;
        while (std::getline(fields, field, ':')) parts.push_back(field);
        if (parts.size() < 2 || parts.size() > 3)
            fail(where, "expected UNITS:ACTIVATION (e.g. 3:relu, or 4:leaky_relu:0.2)");
        layer_info l;
        unsigned long units = 0;
        const auto [p, ec] =
            std::from_chars(parts[0].data(), parts[0].data() + parts[0].size(), units);
        if (ec != std::errc() || p != parts[0].data() + parts[0].size() || units == 0)
            fail(where, "expected a number of units >= 1, got \"" + parts[0] + "\"");
        l.units = units;
        float alpha = 0.0f;
        if (parts.size() == 3) {
            try {
                alpha = std::stof(parts[2]);
            } catch (const std::exception&) {
                fail(where, "expected a number for the parameter, got \"" + parts[2] + "\"");
            }
        }
        std::string why;
        const activation_fault fault =
            resolve_activation(parts[1], parts.size() == 3 ? &alpha : nullptr, nullptr, l, why);
        if (fault == activation_fault::needs_parameter)
            why += ", e.g. " + parts[0] + ":" + parts[1] + ":0.2";
        if (fault != activation_fault::none) fail(where, why);
        layers.push_back(l);
    }
    if (layers.empty()) fail("--layers", "expected at least one layer, e.g. \"3:relu,1:sigmoid\"");
    return layers;
}

loss_kind parse_loss(const std::string& name) {
    static const std::map<std::string, loss_kind> names = {
        {"binary_crossentropy", loss_kind::binary_crossentropy},
        {"bce", loss_kind::binary_crossentropy},
        {"categorical_crossentropy", loss_kind::categorical_crossentropy},
        {"cce", loss_kind::categorical_crossentropy},
        {"sparse_categorical_crossentropy", loss_kind::sparse_categorical_crossentropy},
        {"scce", loss_kind::sparse_categorical_crossentropy},
        {"mean_squared_error", loss_kind::mean_squared_error},
        {"mse", loss_kind::mean_squared_error}};
    const auto it = names.find(name);
    if (it == names.end())
        fail("--loss",
             "unknown loss \"" + name +
                 "\"; known: binary_crossentropy (bce), "
                 "categorical_crossentropy (cce), sparse_categorical_crossentropy (scce), "
                 "mean_squared_error (mse)");
    return it->second;
}

optimizer parse_optimizer(const train_options& o) {
    optimizer opt;
    if (o.optimizer == "sgd")
        opt = sgd(0.01f, o.momentum, o.nesterov);
    else if (o.optimizer == "adam")
        opt = adam();
    else if (o.optimizer == "rmsprop")
        opt = rmsprop(0.001f, o.momentum);
    else
        fail("--optimizer", "unknown optimizer \"" + o.optimizer + "\"; known: sgd, adam, rmsprop");
    if (o.learning_rate > 0.0f) opt.learning_rate = o.learning_rate;
    if (o.adam_epsilon == "bias_corrected")
        opt.epsilon_form = adam_epsilon::bias_corrected;
    else if (o.adam_epsilon != "keras")
        fail("--adam-epsilon", "expected keras or bias_corrected, got \"" + o.adam_epsilon + "\"");
    return opt;
}

// ---------------------------------------------------------------------------------------------
// Data.

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

/// Samples ready for training: inputs (rows, inputs), targets (rows, tsize), labels.
struct samples {
    std::vector<float> x, t;
    std::vector<std::size_t> label;  // class index, for accuracy
    std::size_t rows = 0;
};

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
        ++raw.rows;
    }
    if (raw.rows < 2) fail(o.data, "fewer than 2 usable rows");
    return raw;
}

/// A seeded Fisher-Yates shuffle: the split's and each epoch's order.
void shuffle(std::vector<std::size_t>& order, random& rng) {
    for (std::size_t i = order.size() - 1; i > 0; --i)
        std::swap(order[i], order[rng.below(static_cast<std::uint32_t>(i + 1))]);
}

/// The training and the validation rows.
struct row_split {
    std::vector<std::size_t> train, validation;
};

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

/// The input scaling `scale` names, fit on the training rows of raw: each column's mean and
/// population standard deviation, or its range.
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

/// The samples with their inputs through the model's scaling, once for all epochs.
samples scaled(const model& m, const samples& raw) {
    samples s = raw;
    for (std::size_t r = 0; r < s.rows; ++r)
        m.pre.apply(&raw.x[r * m.inputs], &s.x[r * m.inputs], m.inputs);
    return s;
}

// Loss and accuracy of a set of rows, with the current parameters (no update).
struct score {
    float loss = 0, accuracy = 0;
};

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

float norm(const float* v, std::size_t n) {
    double s = 0.0;
    for (std::size_t i = 0; i < n; ++i) s += static_cast<double>(v[i]) * v[i];
    return static_cast<float>(std::sqrt(s));
}

// Adds one sample's layer to the epoch's census and, when the trace has a record per step,
// to the step's: the forward pass's on_layer_end.
struct censuses {
    activity_census* epoch;
    activity_census* step;
};
void count_units(void* context, std::size_t k, const layer&, const float* z, const float* y) {
    const censuses& c = *static_cast<const censuses*>(context);
    c.epoch->add(k, z, y);
    if (c.step) c.step->add(k, z, y);
}

// What an epoch's batches add up to: the samples' losses (before each update), the ones
// classified right, the samples seen.
struct tally {
    double loss = 0.0;
    std::size_t correct = 0, seen = 0;
};

// One optimizer step on a batch of rows, with what the units did counted (for the epoch and,
// with a trace per step, for the step) and, with a trace, every update recorded.
//
// Mini-batches go through the host's batch kernels (src/fast/) in exact mode, which gives the
// core's numbers bit for bit: the same model either way, several times faster. The core's own
// step stays for a trace (it reports every update as it makes it) and for per-sample SGD,
// where a batch of one gains nothing from matrix products.
class stepper {
public:
    stepper(model& m, loss_kind loss, const optimizer& opt, const samples& s,
            const train_options& o)
        : m_(m),
          n_(m.net()),
          loss_(loss),
          opt_(opt),
          s_(s),
          tsize_(target_size(loss, m.outputs())),
          classifier_(is_classifier(loss)),
          tracing_(!o.trace_every.empty()),
          every_step_(o.trace_every == "step"),
          batched_(!tracing_ && o.batch > 1),
          arena_(training_arena_size(n_, opt)),
          epoch_units_(n_),
          step_units_(n_),
          units_{&epoch_units_, tracing_ && every_step_ ? &step_units_ : nullptr},
          watch_units_{&units_, nullptr, nullptr, count_units},
          recorder_(n_),
          trace_(tracing_ ? recorder_.tracer(&watch_units_)
                          : train_tracer{nullptr, nullptr, nullptr, nullptr, &watch_units_}),
          fw_(n_, opt),
          xb_(batched_ ? o.batch * m.inputs : 0),
          tb_(batched_ ? o.batch * tsize_ : 0) {
        make_training_buffers(n_, opt, arena_.data(), arena_.size(), b_);
        fw_.config.precision = fast::mode::exact;
    }
    stepper(const stepper&) = delete;  // the tracers point into it

    std::size_t layers() const { return n_.depth; }

    /// @brief Steps on rows[0 .. count - 1], adds them to t; returns their summed loss.
    double step(const std::size_t* rows, std::size_t count, tally& t) {
        const double before = t.loss;
        if (batched_)
            step_batched(rows, count, t);
        else
            step_core(rows, count, t);
        t.seen += count;
        return t.loss - before;
    }

    /// @brief Per layer, the L2 norm of the last step's gradient.
    std::vector<float> gradient_norms() const {
        const float* grads = batched_ ? fw_.grads.data() : b_.grads;
        std::vector<float> norms(n_.depth);
        for (std::size_t l = 0; l < n_.depth; ++l)
            norms[l] = norm(grads + layer_offset(n_, l), layer_parameter_count(n_, l));
        return norms;
    }

    /// @brief After a step: its record in the trace (with a trace per step).
    void step_done(std::size_t epoch, std::size_t batch, std::size_t count, double loss,
                   const std::vector<float>& norms) {
        ++steps_;
        if (!tracing_) return;
        recorder_.step_done(norms);
        if (!every_step_) return;
        recorder_.close(epoch, batch, steps_, count,
                        static_cast<float>(loss / static_cast<double>(count)),
                        step_units_.layers());
        step_units_.clear();
    }

    /// @brief After an epoch: what the units did in it, and its record in the trace (with a
    /// trace per epoch), also when training diverged or was interrupted: that is when a
    /// student wants to see what happened.
    std::vector<unit_activity> epoch_done(std::size_t epoch, std::size_t seen, float loss) {
        const std::vector<unit_activity> activity = epoch_units_.layers();
        epoch_units_.clear();
        if (tracing_ && !every_step_) recorder_.close(epoch, 0, 0, seen, loss, activity);
        return activity;
    }

    std::vector<trace_record> take_trace() { return recorder_.take(); }

private:
    // The batch kernels: the rows gathered into x (count, inputs) and t (count, tsize).
    void step_batched(const std::size_t* rows, std::size_t count, tally& t) {
        for (std::size_t j = 0; j < count; ++j) {
            std::copy_n(&s_.x[rows[j] * m_.inputs], m_.inputs, &xb_[j * m_.inputs]);
            std::copy_n(&s_.t[rows[j] * tsize_], tsize_, &tb_[j * tsize_]);
        }
        fast::train_step(n_, m_.params.data(), loss_, opt_, fw_, xb_.data(), tb_.data(), count);
        for (std::size_t l = 0; l < n_.depth; ++l) {
            const fast::layer_values v = fast::batch_layer(fw_, n_, count, l);
            const std::size_t u = n_.layers[l].units;
            for (std::size_t j = 0; j < count; ++j) epoch_units_.add(l, v.z + j * u, v.y + j * u);
        }
        const std::size_t outputs = output_count(n_);
        const float* y = fast::batch_layer(fw_, n_, count, n_.depth - 1).y;
        for (std::size_t j = 0; j < count; ++j) {
            t.loss += fw_.losses[j];
            if (classifier_ &&
                decide(y + j * outputs, outputs, m_.output.threshold) == s_.label[rows[j]])
                ++t.correct;
        }
    }

    // The core's step, traced: each sample's forward pass feeds the censuses, and with a
    // trace every update goes to the recorder. No number changes by it.
    void step_core(const std::size_t* rows, std::size_t count, tally& t) {
        const std::size_t outputs = output_count(n_);
        begin_batch(n_, b_);
        for (std::size_t j = 0; j < count; ++j) {
            const std::size_t r = rows[j];
            t.loss += accumulate_gradients(n_, loss_, &s_.x[r * m_.inputs], &s_.t[r * tsize_], b_,
                                           &trace_);
            const float* y = b_.ys + unit_count(n_) - outputs;
            if (classifier_ && decide(y, outputs, m_.output.threshold) == s_.label[r]) ++t.correct;
        }
        finish_batch(n_, m_.params.data(), opt_, b_, count, &trace_);
    }

    model& m_;
    const network n_;
    const loss_kind loss_;
    const optimizer opt_;
    const samples& s_;
    const std::size_t tsize_;
    const bool classifier_, tracing_, every_step_, batched_;
    std::vector<float> arena_;  // the core's training buffers b_
    training_buffers b_{};
    std::size_t steps_ = 0;
    activity_census epoch_units_, step_units_;
    censuses units_;
    const tracer watch_units_;  // the forward pass's, feeding the censuses
    trace_recorder recorder_;
    const train_tracer trace_;
    fast::training_workspace fw_;  // the batch kernels' memory, and x, t of a batch
    std::vector<float> xb_, tb_;
};

// One pass over the training rows in a fresh order, batch by batch. Ends early when the loss
// is no longer finite, or interrupted when cb.stop says so.
epoch_record train_epoch(stepper& st, std::size_t epoch, std::vector<std::size_t>& order,
                         random& rng, const train_options& o, const training_callbacks& cb,
                         training_run& run) {
    shuffle(order, rng);
    const std::size_t batches = (order.size() + o.batch - 1) / o.batch;
    epoch_record rec;
    rec.epoch = epoch;
    // The mean gradient norm of the epoch, summed in double as the trace recorder does, so that
    // the log's figure and the trace's are the same number.
    std::vector<double> norm_sums(st.layers(), 0.0);
    tally t;
    for (std::size_t k = 0; k < batches; ++k) {
        const std::size_t first = k * o.batch, count = std::min(o.batch, order.size() - first);
        const double loss = st.step(&order[first], count, t);
        const std::vector<float> norms = st.gradient_norms();
        for (std::size_t l = 0; l < norms.size(); ++l) norm_sums[l] += norms[l];
        st.step_done(epoch, k + 1, count, loss, norms);
        if (!std::isfinite(t.loss)) break;
        if (cb.on_batch) cb.on_batch(epoch, k + 1, batches, static_cast<float>(t.loss / t.seen));
        if (cb.stop && cb.stop()) {
            run.interrupted = true;
            run.stop_reason = "interrupted in epoch " + std::to_string(epoch) + " after batch " +
                              std::to_string(k + 1) + " of " + std::to_string(batches);
            break;
        }
    }
    rec.loss = static_cast<float>(t.loss / static_cast<double>(t.seen));
    for (double sum : norm_sums)
        rec.grad_norms.push_back(static_cast<float>(sum / static_cast<double>(batches)));
    rec.accuracy = static_cast<float>(t.correct) / static_cast<float>(t.seen);
    rec.activity = st.epoch_done(epoch, t.seen, rec.loss);
    return rec;
}

// True when the epoch left a loss or a parameter that is not finite: then params go back to
// last_good and run says so.
bool diverged(const epoch_record& rec, std::vector<float>& params,
              const std::vector<float>& last_good, training_run& run) {
    const bool finite_params =
        std::all_of(params.begin(), params.end(), [](float v) { return std::isfinite(v); });
    if (std::isfinite(rec.loss) && finite_params) return false;
    run.diverged = true;
    params = last_good;
    run.stop_reason = "the loss became " + std::string(std::isnan(rec.loss) ? "NaN" : "infinite") +
                      " in epoch " + std::to_string(rec.epoch) + "; kept " +
                      (rec.epoch == 1 ? std::string("the initial model")
                                      : "the model of epoch " + std::to_string(rec.epoch - 1)) +
                      " (try a smaller learning rate)";
    return true;
}

// The best constant answer's loss on the training rows (warnings.hpp).
float baseline_loss(loss_kind loss, const samples& s, const std::vector<std::size_t>& rows,
                    std::size_t outputs) {
    const std::size_t tsize = target_size(loss, outputs);
    std::vector<float> t;
    for (std::size_t r : rows) t.insert(t.end(), &s.t[r * tsize], &s.t[r * tsize] + tsize);
    return constant_answer_loss(loss, t.data(), rows.size(), outputs);
}

void append(std::vector<std::string>& to, const std::vector<std::string>& more) {
    to.insert(to.end(), more.begin(), more.end());
}

// The epochs, as llm.c's training loop: step through the batches, roll back on divergence,
// validate, warn, record.
void train_epochs(training_run& run, const train_options& o, loss_kind loss, const optimizer& opt,
                  const samples& s, const row_split& split, random& rng,
                  const training_callbacks& cb) {
    model& m = run.trained;
    stepper st(m, loss, opt, s, o);
    training_warnings warnings(m.net(), loss, baseline_loss(loss, s, split.train, m.outputs()));
    std::vector<float> last_good = m.params;
    std::vector<std::size_t> order = split.train;
    for (std::size_t epoch = 1; epoch <= o.epochs; ++epoch) {
        epoch_record rec = train_epoch(st, epoch, order, rng, o, cb, run);
        if (diverged(rec, m.params, last_good, run) || run.interrupted) break;
        if (!split.validation.empty()) {
            const score v =
                evaluate(m.net(), loss, s, split.validation, run.classifier, m.output.threshold);
            rec.val_loss = v.loss;
            rec.val_accuracy = v.accuracy;
        }
        append(run.warnings, warnings.after_epoch(epoch, rec.grad_norms, rec.activity));
        last_good = m.params;
        run.history.push_back(rec);
        if (cb.on_epoch) cb.on_epoch(rec);
    }
    std::vector<float> losses;
    for (const epoch_record& e : run.history) losses.push_back(e.loss);
    if (!run.diverged) append(run.warnings, warnings.after_training(losses));
    run.trace = st.take_trace();
}

// The self-test: training rows (the first 256) and generated inputs, chosen so that every unit
// reaches an output in some case (src/self_test.hpp), as the trained network now answers them.
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

// ---------------------------------------------------------------------------------------------
// Training.

bool is_classifier(loss_kind loss) { return loss != loss_kind::mean_squared_error; }

training_run train(const train_options& o, const training_callbacks& cb) {
    const loss_kind loss = parse_loss(o.loss);
    const optimizer opt = parse_optimizer(o);
    check_options(o);
    training_run run;
    const model base = o.init_from.empty() ? model{} : load_model(o.init_from);
    const model* fine_tune = o.init_from.empty() ? nullptr : &base;
    refuse_too_large(o.data);
    const table t = read_csv(o.data);
    const dataset d = training_dataset(o, t, fine_tune);

    model& m = run.trained;
    m.inputs = d.features.size();
    m.layers = training_layers(o, fine_tune, m.inputs);
    run.classifier = is_classifier(loss);
    const std::vector<std::string> classes = output_classes(o, d, fine_tune, loss, m.outputs());
    const samples raw = to_samples(o, t, d, loss, classes, m.outputs(), run.skipped_rows);

    random rng(o.seed);
    const row_split split = split_rows(raw.rows, o.validation, rng);
    run.train_rows = split.train.size();
    run.validation_rows = split.validation.size();
    describe_model(m, o, opt, fine_tune, d, loss, classes, raw, split);
    initial_parameters(m, fine_tune, rng);

    train_epochs(run, o, loss, opt, scaled(m, raw), split, rng, cb);
    m.test = self_test_of(m, raw, split.train);
    return run;
}

}  // namespace anne
