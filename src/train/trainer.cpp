#include "trainer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <sstream>
#include <utility>

#include <anne/init.hpp>
#include <anne/metrics.hpp>
#include <anne/train.hpp>

#include "error.hpp"
#include "fast/batch_network.hpp"
#include "train/preparation.hpp"
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
// The epochs (the start and the measures are preparation.cpp's).

namespace {

using training::row_split;
using training::samples;

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
        return training::gradient_norms(n_, batched_ ? fw_.grads.data() : b_.grads);
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
    training::shuffle(order, rng);
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
    training_warnings warnings(m.net(), loss,
                               training::baseline_loss(loss, s, split.train, m.outputs()));
    std::vector<float> last_good = m.params;
    std::vector<std::size_t> order = split.train;
    for (std::size_t epoch = 1; epoch <= o.epochs; ++epoch) {
        epoch_record rec = train_epoch(st, epoch, order, rng, o, cb, run);
        if (diverged(rec, m.params, last_good, run) || run.interrupted) break;
        if (!split.validation.empty()) {
            const training::score v = training::evaluate(m.net(), loss, s, split.validation,
                                                         run.classifier, m.output.threshold);
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

}  // namespace

// ---------------------------------------------------------------------------------------------
// Training.

bool is_classifier(loss_kind loss) { return loss != loss_kind::mean_squared_error; }

training_run train(const train_options& o, const training_callbacks& cb) {
    training::prepared p = training::prepare(o);
    training_run& run = p.run;
    train_epochs(run, o, p.loss, p.opt, training::scaled(run.trained, p.raw), p.split, p.rng, cb);
    run.trained.test = training::self_test_of(run.trained, p.raw, p.split.train);
    return std::move(run);
}

}  // namespace anne
