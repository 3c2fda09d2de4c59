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
#include "json.hpp"
#include "self_test.hpp"

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
        l.activation = parts[1];
        const activation* f = activation_registry().find(l.activation.c_str());
        if (!f) fail(where, "unknown activation \"" + l.activation + "\"");
        if (parts.size() == 3) {
            if (!f->parameter)
                fail(where, "activation \"" + l.activation + "\" takes no parameter");
            try {
                l.alpha = std::stof(parts[2]);
            } catch (const std::exception&) {
                fail(where, "expected a number for the parameter, got \"" + parts[2] + "\"");
            }
        } else if (f->parameter_required) {
            fail(where, "activation \"" + l.activation + "\" needs its " + f->parameter +
                            ", e.g. " + parts[0] + ":" + l.activation + ":0.2");
        } else {
            l.alpha = f->parameter_default;
        }
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

/// Samples ready for training: scaled inputs (rows, inputs), targets (rows, tsize), labels.
struct samples {
    std::vector<float> x, t;
    std::vector<std::size_t> label;  // class index, for accuracy
    std::size_t rows = 0;
};

void fit_scaling(model& m, const std::string& scale, const samples& raw,
                 const std::vector<std::size_t>& rows) {
    const std::size_t f = m.inputs;
    if (!preprocessing_kind(scale, m.pre.type))
        fail("--scale",
             std::string("expected ") + preprocessing_kinds() + ", got \"" + scale + "\"");
    if (m.pre.type == preprocessing::kind::none) return;
    const bool standardize = m.pre.type == preprocessing::kind::standardize;
    // A constant column carries no information; scale 1 keeps it harmless.
    std::vector<float>& centre = standardize ? m.pre.mean : m.pre.min;
    std::vector<float>& spread = standardize ? m.pre.stddev : m.pre.max;
    centre.assign(f, 0.0f);
    spread.assign(f, 0.0f);
    for (std::size_t i = 0; i < f; ++i) {
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
        centre[i] = static_cast<float>(standardize ? mean : lo);
        spread[i] =
            static_cast<float>(standardize ? (sd > 0 ? sd : 1.0) : (hi > lo ? hi : lo + 1.0));
    }
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

std::string scientific(float v) {
    std::ostringstream s;
    s.precision(1);
    s << std::scientific << v;
    return s.str();
}

// Why layer l's gradients vanish, as far as what the units did tells: its own units, then
// the hidden layers above it (the gradient reaching layer l has been multiplied by their
// slopes and by its own), then a chain of sigmoids (each slope at most 1/4).
std::string vanishing_cause(const network& n, const std::vector<unit_activity>& a, std::size_t l) {
    const std::string own = activity_problem(*n.layers[l].f, a[l]);
    if (!own.empty()) return own;
    std::string above;
    for (std::size_t k = l + 1; k + 1 < n.depth; ++k) {
        const std::string p = activity_problem(*n.layers[k].f, a[k]);
        if (!p.empty())
            above += (above.empty() ? "" : "; ") + ("layer " + std::to_string(k + 1) + ": " + p);
    }
    if (!above.empty()) return "the layers above it pass little of the gradient down; " + above;
    std::size_t sigmoids = 0;
    for (std::size_t k = l; k + 1 < n.depth; ++k)
        sigmoids += n.layers[k].f == &activations::sigmoid;
    if (sigmoids >= 2)
        return "on its way down to this layer the gradient is multiplied by the slopes of " +
               std::to_string(sigmoids) + " sigmoid layers (this one included), each at most 0.25";
    return "the gradient shrinks on its way down through the layers above it";
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

training_run train(const train_options& o, const training_callbacks& cb) {
    const loss_kind loss = parse_loss(o.loss);
    const optimizer opt = parse_optimizer(o);
    if (o.epochs == 0) fail("--epochs", "expected at least 1");
    if (o.batch == 0) fail("--batch", "expected at least 1");
    if (!(o.validation >= 0.0f && o.validation < 1.0f))
        fail("--validation", "expected a share in [0, 1), e.g. 0.2");
    const bool tracing = !o.trace_every.empty(), every_step = o.trace_every == "step";
    if (tracing && !every_step && o.trace_every != "epoch")
        fail("--trace-every", "expected step or epoch, got \"" + o.trace_every + "\"");

    training_run run;
    model base;
    const bool fine_tune = !o.init_from.empty();
    if (fine_tune) base = load_model(o.init_from);
    refuse_too_large(o.data);
    const table t = read_csv(o.data);
    if (o.target.empty()) fail("--target", "name the column that holds the labels");
    const dataset d = to_dataset(
        t, o.target,
        fine_tune && !base.pre.features.empty() ? base.pre.features : std::vector<std::string>{});
    if (d.rows() == 0) fail(o.data, "no data rows after the header");

    model& m = run.trained;
    m.inputs = d.features.size();
    if (fine_tune && !o.layers.empty())
        fail("--layers",
             "a fine-tuned model keeps the layers of " + o.init_from + "; leave out --layers");
    m.layers = fine_tune ? base.layers : parse_layer_spec(o.layers);
    if (fine_tune && base.inputs != m.inputs)
        fail(o.init_from, "the model takes " + std::to_string(base.inputs) +
                              " inputs, the data has " + std::to_string(m.inputs) +
                              " feature columns");
    const std::size_t outputs = m.layers.back().units;
    const bool classifier = loss != loss_kind::mean_squared_error;
    run.classifier = classifier;

    // Targets.
    std::vector<std::string> classes;
    if (classifier) {
        classes = find_classes(o, d, fine_tune ? &base : nullptr);
        const bool binary = loss == loss_kind::binary_crossentropy;
        if (binary && classes.size() != 2)
            fail(o.data,
                 "binary cross-entropy needs 2 classes, the column \"" + o.target + "\" has " +
                     std::to_string(classes.size()) +
                     " (use --classes a,b, or categorical_crossentropy with a softmax output)");
        if (binary && outputs != 1)
            fail("--layers",
                 "binary cross-entropy needs 1 output unit (sigmoid), the last layer has " +
                     std::to_string(outputs));
        if (!binary && outputs != classes.size())
            fail("--layers", "the last layer needs one unit per class (" +
                                 std::to_string(classes.size()) + "), it has " +
                                 std::to_string(outputs));
    } else if (outputs != 1) {
        fail("--layers", "mean squared error on one target column needs 1 output unit");
    }
    const std::size_t tsize = target_size(loss, outputs);
    samples raw;
    for (std::size_t r = 0; r < d.rows(); ++r) {
        std::size_t label = 0;
        if (classifier) {
            const auto it = std::find(classes.begin(), classes.end(), d.labels[r]);
            if (it == classes.end()) {
                ++run.skipped_rows;
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
        raw.x.insert(raw.x.end(), d.row(r), d.row(r) + m.inputs);
        raw.label.push_back(label);
        ++raw.rows;
    }
    if (raw.rows < 2) fail(o.data, "fewer than 2 usable rows");

    // The split: a seeded shuffle, the last share held out.
    random rng(o.seed);
    std::vector<std::size_t> order(raw.rows);
    for (std::size_t i = 0; i < raw.rows; ++i) order[i] = i;
    for (std::size_t i = raw.rows - 1; i > 0; --i)
        std::swap(order[i], order[rng.below(static_cast<std::uint32_t>(i + 1))]);
    const std::size_t held_out =
        static_cast<std::size_t>(std::lround(o.validation * static_cast<float>(raw.rows)));
    const std::vector<std::size_t> train_rows(order.begin(),
                                              order.end() - static_cast<long>(held_out));
    const std::vector<std::size_t> val_rows(order.end() - static_cast<long>(held_out), order.end());
    if (train_rows.empty()) fail("--validation", "no rows left to train on");
    run.train_rows = train_rows.size();
    run.validation_rows = val_rows.size();

    // The model: scaling fit on the training rows (or kept from the model being fine-tuned).
    m.name = !o.name.empty() ? o.name : fine_tune ? base.name + " (fine-tuned)" : "trained";
    if (fine_tune)
        m.pre = base.pre;
    else
        fit_scaling(m, o.scale, raw, train_rows);
    m.pre.features = d.features;
    if (classifier) {
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
          << (fine_tune ? "fine-tuned from " + o.init_from : "scaling " + o.scale);
    m.origin.notes = notes.str();
    if (fine_tune) {
        m.params = base.params;
    } else {
        std::size_t count = 0, in = m.inputs;
        for (const layer_info& l : m.layers) {
            count += in * l.units + (l.use_bias ? l.units : 0);
            in = l.units;
        }
        m.params.assign(count, 0.0f);
    }
    m.bind();
    network n = m.net();
    if (!fine_tune) glorot_uniform(n, m.params.data(), rng);

    // Inputs scaled once.
    samples s = raw;
    for (std::size_t r = 0; r < s.rows; ++r)
        m.pre.apply(&raw.x[r * m.inputs], &s.x[r * m.inputs], m.inputs);

    std::vector<float> arena(training_arena_size(n, opt));
    training_buffers b{};
    make_training_buffers(n, opt, arena.data(), arena.size(), b);
    std::vector<float> last_good = m.params;
    const float threshold = m.output.threshold;
    std::vector<bool> warned_vanishing(m.layers.size()), warned_exploding(m.layers.size()),
        warned_units(m.layers.size());
    const std::size_t batches = (train_rows.size() + o.batch - 1) / o.batch;
    std::vector<std::size_t> epoch_order = train_rows;

    // The core's step, traced: each sample's forward pass feeds the censuses of what the units
    // did, and with a trace every update goes to the recorder. No number changes by it.
    activity_census epoch_units(n), step_units(n);
    censuses units{&epoch_units, tracing && every_step ? &step_units : nullptr};
    const tracer watch_units{&units, nullptr, nullptr, count_units};
    trace_recorder recorder(n);
    const train_tracer trace = tracing
                                   ? recorder.tracer(&watch_units)
                                   : train_tracer{nullptr, nullptr, nullptr, nullptr, &watch_units};
    std::size_t steps_done = 0;

    // Mini-batches go through the host's batch kernels (src/fast/) in exact mode, which gives
    // the core's numbers bit for bit: the same model either way, several times faster. The
    // core's own step stays for a trace (it reports every update as it makes it) and for
    // per-sample SGD, where a batch of one gains nothing from matrix products.
    const bool batched = !tracing && o.batch > 1;
    fast::training_workspace fw(n, opt);
    fw.config.precision = fast::mode::exact;
    std::vector<float> xb(batched ? o.batch * m.inputs : 0), tb(batched ? o.batch * tsize : 0);

    for (std::size_t epoch = 1; epoch <= o.epochs && !run.interrupted && !run.diverged; ++epoch) {
        for (std::size_t i = epoch_order.size() - 1; i > 0; --i)
            std::swap(epoch_order[i], epoch_order[rng.below(static_cast<std::uint32_t>(i + 1))]);
        epoch_record rec;
        rec.epoch = epoch;
        // The mean gradient norm of the epoch, summed in double as the trace recorder does, so
        // that the log's figure and the trace's are the same number.
        std::vector<double> norm_sums(m.layers.size(), 0.0);
        double loss_sum = 0.0;
        std::size_t correct = 0, seen = 0;
        for (std::size_t k = 0; k < batches; ++k) {
            const std::size_t first = k * o.batch,
                              count = std::min(o.batch, epoch_order.size() - first);
            double batch_loss = 0.0;
            const float* grads = b.grads;
            if (batched) {
                for (std::size_t j = 0; j < count; ++j) {
                    const std::size_t r = epoch_order[first + j];
                    std::copy_n(&s.x[r * m.inputs], m.inputs, &xb[j * m.inputs]);
                    std::copy_n(&s.t[r * tsize], tsize, &tb[j * tsize]);
                }
                fast::train_step(n, m.params.data(), loss, opt, fw, xb.data(), tb.data(), count);
                grads = fw.grads.data();
                for (std::size_t l = 0; l < m.layers.size(); ++l) {
                    const fast::layer_values v = fast::batch_layer(fw, n, count, l);
                    const std::size_t u = m.layers[l].units;
                    for (std::size_t j = 0; j < count; ++j)
                        epoch_units.add(l, v.z + j * u, v.y + j * u);
                }
                const float* y = fast::batch_layer(fw, n, count, n.depth - 1).y;
                for (std::size_t j = 0; j < count; ++j) {
                    loss_sum += fw.losses[j];
                    batch_loss += fw.losses[j];
                    if (classifier && decide(y + j * outputs, outputs, threshold) ==
                                          s.label[epoch_order[first + j]])
                        ++correct;
                }
            } else {
                begin_batch(n, b);
                for (std::size_t j = 0; j < count; ++j) {
                    const std::size_t r = epoch_order[first + j];
                    const float sample_loss = accumulate_gradients(n, loss, &s.x[r * m.inputs],
                                                                   &s.t[r * tsize], b, &trace);
                    loss_sum += sample_loss;
                    batch_loss += sample_loss;
                    const float* y = b.ys + unit_count(n) - outputs;
                    if (classifier && decide(y, outputs, threshold) == s.label[r]) ++correct;
                }
                finish_batch(n, m.params.data(), opt, b, count, &trace);
            }
            seen += count;
            ++steps_done;
            std::vector<float> norms(m.layers.size());
            for (std::size_t l = 0; l < m.layers.size(); ++l) {
                norms[l] = norm(grads + layer_offset(n, l), layer_parameter_count(n, l));
                norm_sums[l] += norms[l];
            }
            if (tracing) recorder.step_done(norms);
            if (tracing && every_step) {
                recorder.close(epoch, k + 1, steps_done, count,
                               static_cast<float>(batch_loss / static_cast<double>(count)),
                               step_units.layers());
                step_units.clear();
            }
            if (!std::isfinite(loss_sum)) break;
            if (cb.on_batch)
                cb.on_batch(epoch, k + 1, batches, static_cast<float>(loss_sum / seen));
            if (cb.stop && cb.stop()) {
                run.interrupted = true;
                run.stop_reason = "interrupted in epoch " + std::to_string(epoch) +
                                  " after batch " + std::to_string(k + 1) + " of " +
                                  std::to_string(batches);
                break;
            }
        }
        rec.loss = static_cast<float>(loss_sum / static_cast<double>(seen));
        for (double sum : norm_sums)
            rec.grad_norms.push_back(static_cast<float>(sum / static_cast<double>(batches)));
        rec.accuracy = static_cast<float>(correct) / static_cast<float>(seen);
        rec.activity = epoch_units.layers();
        epoch_units.clear();
        // The epoch's record, also when it diverged or was interrupted: that is when a student
        // wants to see what happened.
        if (tracing && !every_step) recorder.close(epoch, 0, 0, seen, rec.loss, rec.activity);
        const bool finite_params =
            std::all_of(m.params.begin(), m.params.end(), [](float v) { return std::isfinite(v); });
        if (!std::isfinite(rec.loss) || !finite_params) {
            run.diverged = true;
            m.params = last_good;
            run.stop_reason = "the loss became " +
                              std::string(std::isnan(rec.loss) ? "NaN" : "infinite") +
                              " in epoch " + std::to_string(epoch) + "; kept " +
                              (epoch == 1 ? std::string("the initial model")
                                          : "the model of epoch " + std::to_string(epoch - 1)) +
                              " (try a smaller learning rate)";
            break;
        }
        if (run.interrupted) break;
        if (!val_rows.empty()) {
            const score v = evaluate(n, loss, s, val_rows, classifier, threshold);
            rec.val_loss = v.loss;
            rec.val_accuracy = v.accuracy;
        }
        // Vanishing: tiny, or 10^4 times smaller than the output layer's (a deep stack of
        // saturating units multiplies many derivatives < 1); what the units did says why.
        // Exploding: the mirror image. Dead or saturated units are worth a warning of their
        // own even while the gradients look normal; a saturated output layer is a confident
        // classifier, though, not a problem.
        const float output_norm = rec.grad_norms.back();
        for (std::size_t l = 0; l < m.layers.size(); ++l) {
            const float g = rec.grad_norms[l], ratio = output_norm > 0 ? g / output_norm : 1.0f;
            const bool hidden = l + 1 < m.layers.size();
            const std::string name =
                "layer " + std::to_string(l + 1) + " (" + m.layers[l].activation + ")";
            const std::string in_epoch = " in epoch " + std::to_string(epoch);
            const std::string figures =
                name + ": gradients " + scientific(g) +
                (hidden ? " (" + scientific(ratio) + " x the output layer's)" : "") + in_epoch;
            const unit_activity& a = rec.activity[l];
            const std::string problem = activity_problem(*n.layers[l].f, a);
            if ((g < 1e-7f || ratio < 1e-4f) && !warned_vanishing[l]) {
                warned_vanishing[l] = true;
                warned_units[l] = warned_units[l] || !problem.empty();
                run.warnings.push_back(figures + " - vanishing: its weights hardly change; " +
                                       vanishing_cause(n, rec.activity, l));
            }
            if ((g > 1e3f || ratio > 1e4f) && !warned_exploding[l]) {
                warned_exploding[l] = true;
                run.warnings.push_back(
                    figures + " - exploding: the steps are huge; try a smaller learning rate");
            }
            const bool dead = a.dead >= dead_warning_share;
            if (!problem.empty() && (hidden || dead) && !warned_units[l]) {
                warned_units[l] = true;
                run.warnings.push_back(
                    name + in_epoch + ": " + problem +
                    (dead ? " - a dead unit no longer learns, as no gradient reaches its "
                            "weights; try a smaller learning rate or leaky_relu"
                          : " - there its slope is nearly 0, so it learns slowly; try a smaller "
                            "learning rate, scaled inputs or relu"));
            }
        }
        last_good = m.params;
        run.history.push_back(rec);
        if (cb.on_epoch) cb.on_epoch(rec);
    }

    run.trace = recorder.take();

    // The self-test: training rows (the first 256) and generated inputs, chosen so that every
    // unit reaches an output in some case (src/self_test.hpp), as the network now answers them.
    std::vector<std::vector<float>> candidates;
    for (std::size_t i = 0; i < std::min<std::size_t>(256, train_rows.size()); ++i)
        candidates.emplace_back(&raw.x[train_rows[i] * m.inputs],
                                &raw.x[train_rows[i] * m.inputs] + m.inputs);
    for (std::vector<float>& c : self_test_candidates(m)) candidates.push_back(std::move(c));
    record_self_test(m, candidates, "anne (computed after training; not an independent check)");
    return run;
}

std::string training_log_json(const train_options& o, const training_run& run) {
    fjson epochs = fjson::array();
    for (const epoch_record& e : run.history) {
        fjson j = {{"epoch", e.epoch}, {"loss", e.loss}};
        if (run.classifier) j["accuracy"] = e.accuracy;
        if (run.validation_rows) {
            j["val_loss"] = e.val_loss;
            if (run.classifier) j["val_accuracy"] = e.val_accuracy;
        }
        j["grad_norms"] = e.grad_norms;
        // What the units did, per layer; null where a layer's activation has no such notion
        // (a key only when some layer has it).
        for (const auto& [key, field] : {std::pair{"dead_relu", &unit_activity::dead},
                                         std::pair{"saturated", &unit_activity::saturated},
                                         std::pair{"negative", &unit_activity::negative}}) {
            fjson shares = fjson::array();
            bool any = false;
            for (const unit_activity& a : e.activity) {
                const float v = a.*field;
                any = any || !std::isnan(v);
                shares.push_back(std::isnan(v) ? fjson(nullptr) : fjson(v));
            }
            if (any) j[key] = shares;
        }
        epochs.push_back(j);
    }
    fjson options = {{"data", o.data},           {"target", o.target},
                     {"layers", o.layers},       {"loss", o.loss},
                     {"optimizer", o.optimizer}, {"learning_rate", o.learning_rate},
                     {"epochs", o.epochs},       {"batch", o.batch},
                     {"seed", o.seed},           {"validation", o.validation},
                     {"scale", o.scale},         {"init_from", o.init_from}};
    fjson j = {{"format", "anne-training-log"},
               {"version", 1},
               {"options", options},
               {"rows",
                {{"train", run.train_rows},
                 {"validation", run.validation_rows},
                 {"skipped", run.skipped_rows}}},
               {"epochs", epochs},
               {"warnings", run.warnings},
               {"stopped", run.stop_reason}};
    return pretty_json(j);
}

}  // namespace anne
