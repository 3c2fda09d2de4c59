// The playground's interactive training: one network trained a sample, a batch or an epoch at
// a time, exactly as `anne train` trains it. The start is anne train's own (train/
// preparation.hpp: the options checked, the rows, classes, seeded split, scaling and starting
// weights), and so are the measures (held-out loss, gradient norms, warnings, self-test); the
// session steps with the core's accumulate_gradients and finish_batch in anne train's order
// (the batch kernels anne train uses give the same numbers bit for bit). tests/web checks that
// N epochs here give anne train's model file.
//
// The page reads the parameters, every unit's output over a grid and each row's output
// through float buffers in the module's memory (HEAPF32), the rest as JSON.
#include <emscripten/emscripten.h>

#include <algorithm>
#include <memory>
#include <numeric>

#include <anne/metrics.hpp>
#include <anne/train.hpp>

#include "error.hpp"
#include "train/preparation.hpp"
#include "train/warnings.hpp"
#include "web_api.hpp"

namespace anne::web {

namespace {

struct session {
    train_options o;
    model m;
    network n{};
    optimizer opt;
    loss_kind loss{};
    bool classifier = false;
    training::samples raw, data;  // every usable row as read, and through the model's scaling
    training::row_split split;
    std::vector<std::size_t> order;  // the epoch's order of the training rows
    random rng{1};
    std::vector<float> arena;
    training_buffers b{};
    // Where training stands: epoch (from 1), the next position in its order, the batch's size.
    std::size_t epoch = 1, position = 0, in_batch = 0, batches = 0, steps = 0;
    double loss_sum = 0.0;
    std::size_t correct = 0;
    std::vector<double> norm_sums;  // this epoch's gradient norms per layer, summed over its steps
    double batch_loss = 0.0;        // the current batch's samples' losses, summed
    float step_loss = 0.0f;         // the last finished step's mean loss
    std::size_t step_samples = 0;   // and its batch's size
    std::vector<float> step_norms;  // its gradient norm per layer
    fjson history = fjson::array();
    // What the units did, counted from every sample's forward pass as anne train counts it:
    // over the epoch, and over a traced step.
    std::unique_ptr<activity_census> epoch_units, step_units;
    tracer watch_units{};
    std::unique_ptr<training_warnings> warner;  // anne train's warnings, each given once
    std::vector<std::string> warnings;
    std::vector<float> losses;         // each finished epoch's training loss
    std::vector<float> grid, outputs;  // buffers the page reads
};

session* current = nullptr;
std::string result;

const char* answer(const fjson& j) {
    result = j.dump();
    return result.c_str();
}

const char* failure(const std::exception& e) { return answer({{"error", e.what()}}); }

// A given split instead of the seeded one (the papers' 20 test rows): the usable rows whose
// data rows (from 0) are listed are held out, in the data's order.
void hold_out(session& s, const std::vector<std::size_t>& data_rows) {
    s.split = {};
    for (std::size_t r = 0; r < s.raw.rows; ++r) {
        const bool out =
            std::find(data_rows.begin(), data_rows.end(), s.raw.row[r]) != data_rows.end();
        (out ? s.split.validation : s.split.train).push_back(r);
    }
    if (s.split.train.empty()) fail("held_out", "no rows left to train on");
}

// The papers' way: the standardization fit on every row, not only on the training rows.
void standardize_all(session& s) {
    preprocessing pre;
    pre.features = s.m.pre.features;
    std::vector<std::size_t> all(s.raw.rows);
    std::iota(all.begin(), all.end(), std::size_t(0));
    training::fit_scaling(pre, "standardize", s.raw, all);
    s.m.pre = pre;
}

void count_units(void* context, std::size_t k, const layer&, const float* z, const float* y) {
    session& s = *static_cast<session*>(context);
    s.epoch_units->add(k, z, y);
    if (s.step_units) s.step_units->add(k, z, y);
}

// The buffers and the bookkeeping of the first epoch, from anne train's start.
void start(session& s) {
    s.data = training::scaled(s.m, s.raw);
    s.m.bind();
    s.n = s.m.net();
    s.arena.assign(training_arena_size(s.n, s.opt), 0.0f);
    make_training_buffers(s.n, s.opt, s.arena.data(), s.arena.size(), s.b);
    s.epoch_units = std::make_unique<activity_census>(s.n);
    s.warner = std::make_unique<training_warnings>(
        s.n, s.loss, training::baseline_loss(s.loss, s.data, s.split.train, s.m.outputs()));
    s.watch_units = {&s, nullptr, nullptr, count_units};
    s.order = s.split.train;
    s.batches = (s.split.train.size() + s.o.batch - 1) / s.o.batch;
    s.norm_sums.assign(s.m.layers.size(), 0.0);
}

// The epoch's figures as anne train's log has them; then the next epoch's shuffle.
void close_epoch(session& s) {
    const float seen = static_cast<float>(s.split.train.size());
    fjson e = {{"epoch", s.epoch}, {"loss", static_cast<float>(s.loss_sum / seen)}};
    if (s.classifier) e["accuracy"] = static_cast<float>(s.correct) / seen;
    if (!s.split.validation.empty()) {
        const training::score v = training::evaluate(s.n, s.loss, s.data, s.split.validation,
                                                     s.classifier, s.m.output.threshold);
        e["val_loss"] = v.loss;
        if (s.classifier) e["val_accuracy"] = v.accuracy;
    }
    // The mean over the epoch's steps, as anne train's log gives it.
    std::vector<float> grad_norms;
    for (double sum : s.norm_sums)
        grad_norms.push_back(static_cast<float>(sum / static_cast<double>(s.batches)));
    e["grad_norms"] = grad_norms;
    const std::vector<unit_activity> activity = s.epoch_units->layers();
    s.epoch_units->clear();
    fjson problems = fjson::array();  // what the units did, in words, per layer ("" for none)
    for (std::size_t l = 0; l < activity.size(); ++l)
        problems.push_back(activity_problem(*s.n.layers[l].f, activity[l]));
    e["units"] = problems;
    s.history.push_back(e);
    const auto add = [&s](const std::vector<std::string>& w) {
        s.warnings.insert(s.warnings.end(), w.begin(), w.end());
    };
    add(s.warner->after_epoch(s.epoch, grad_norms, activity));
    s.losses.push_back(e["loss"].get<float>());
    if (s.epoch == s.o.epochs) add(s.warner->after_training(s.losses));  // as anne train ends
    ++s.epoch;
    s.position = 0;
    s.loss_sum = 0.0;
    s.correct = 0;
    s.norm_sums.assign(s.m.layers.size(), 0.0);
}

// One sample forward and backward; the update when its batch is full or the epoch ends.
// Returns what ended: 0 nothing, 1 a batch, 2 an epoch.
int step_sample(session& s, trace_recorder* recorder = nullptr) {
    const train_tracer trace =
        recorder ? recorder->tracer(&s.watch_units)
                 : train_tracer{nullptr, nullptr, nullptr, nullptr, &s.watch_units};
    if (s.position == 0) training::shuffle(s.order, s.rng);  // as anne train starts an epoch
    if (s.in_batch == 0) begin_batch(s.n, s.b);
    const std::size_t r = s.order[s.position++], out = s.m.outputs();
    const std::size_t ts = target_size(s.loss, out);
    const float sample_loss = accumulate_gradients(s.n, s.loss, &s.data.x[r * s.n.inputs],
                                                   &s.data.t[r * ts], s.b, &trace);
    s.loss_sum += sample_loss;
    s.batch_loss += sample_loss;
    const float* y = s.b.ys + unit_count(s.n) - out;
    if (s.classifier && decide(y, out, s.m.output.threshold) == s.data.label[r]) ++s.correct;
    ++s.in_batch;
    if (s.in_batch < s.o.batch && s.position < s.order.size()) return 0;
    finish_batch(s.n, s.m.params.data(), s.opt, s.b, s.in_batch, &trace);
    s.step_loss = static_cast<float>(s.batch_loss / static_cast<double>(s.in_batch));
    s.batch_loss = 0.0;
    s.step_samples = s.in_batch;
    s.in_batch = 0;
    ++s.steps;
    s.step_norms = training::gradient_norms(s.n, s.b.grads);
    for (std::size_t l = 0; l < s.step_norms.size(); ++l) s.norm_sums[l] += s.step_norms[l];
    if (s.position < s.order.size()) return 1;
    close_epoch(s);
    return 2;
}

// The model file of the network as it is now, with anne train's self-test.
model current_model(const session& s) {
    model m = s.m;
    m.test = training::self_test_of(m, s.raw, s.split.train);
    return m;
}

fjson status(const session& s) {
    return {{"epoch", s.epoch},      {"position", s.position}, {"in_batch", s.in_batch},
            {"steps", s.steps},      {"batches", s.batches},   {"history", s.history},
            {"warnings", s.warnings}};
}

}  // namespace

}  // namespace anne::web

using namespace anne;
using web::current;

extern "C" {

/// Starts a session with anne train's options (as anne_train takes them; "epochs" is only
/// written into the model's notes, as anne train writes it). Returns the rows, features, classes
/// and layer sizes, or {"error": ...}.
EMSCRIPTEN_KEEPALIVE const char* anne_session_open(const char* options) {
    try {
        const fjson j = parse_json(options, "options");
        train_options o = web::read_train_options(j);
        o.trace_every.clear();
        training::prepared p = training::prepare(o);
        auto s = std::make_unique<web::session>();
        s->o = o;
        s->loss = p.loss;
        s->opt = p.opt;
        s->classifier = p.run.classifier;
        s->m = std::move(p.run.trained);
        s->raw = std::move(p.raw);
        s->split = std::move(p.split);
        s->rng = p.rng;
        if (j.contains("held_out"))
            web::hold_out(*s, j["held_out"].get<std::vector<std::size_t>>());
        if (j.value("scale_all", false)) web::standardize_all(*s);
        web::start(*s);
        delete current;
        current = s.release();
        fjson units = fjson::array();
        for (const layer_info& l : current->m.layers) units.push_back(l.units);
        return web::answer({{"rows", current->raw.rows},
                            {"data_rows", current->raw.row},
                            {"train", current->split.train},
                            {"validation", current->split.validation},
                            {"labels", current->raw.label},
                            {"features", current->m.pre.features},
                            {"classes", current->m.output.classes},
                            {"units", units},
                            {"params", current->m.params.size()}});
    } catch (const std::exception& e) {
        return web::failure(e);
    }
}

/// Trains one sample (unit 0), to the end of the batch (1) or of the epoch (2), `count` times.
EMSCRIPTEN_KEEPALIVE const char* anne_session_step(int unit, int count) {
    if (!current) return web::answer({{"error", "no session"}});
    for (int i = 0; i < count; ++i)
        while (web::step_sample(*current) < unit) {
        }
    return web::answer(web::status(*current));
}

/// The parameters, laid out as the network's buffer (network.hpp); the page may change them.
EMSCRIPTEN_KEEPALIVE float* anne_session_params() {
    return current ? current->m.params.data() : nullptr;
}

/// Every unit's output at steps x steps raw points: input i from lo_i to hi_i, input j from
/// lo_j to hi_j, the others at `base` (raw values, (inputs), in the module's memory). Returns
/// (steps * steps, unit_count), row by row from (lo_i, lo_j).
EMSCRIPTEN_KEEPALIVE float* anne_session_grid(int i, int j, float lo_i, float hi_i, float lo_j,
                                              float hi_j, int steps, const float* base) {
    if (!current) return nullptr;
    web::session& s = *current;
    const std::size_t f = s.m.inputs, u = unit_count(s.n), cells = steps * steps;
    s.grid.resize(cells * u);
    std::vector<float> raw(base, base + f), x(f), zs(u);
    for (int row = 0; row < steps; ++row)
        for (int col = 0; col < steps; ++col) {
            raw[i] = lo_i + (hi_i - lo_i) * (col + 0.5f) / steps;
            raw[j] = lo_j + (hi_j - lo_j) * (row + 0.5f) / steps;
            s.m.pre.apply(raw.data(), x.data(), f);
            forward(s.n, x.data(), zs.data(), &s.grid[(row * steps + col) * u]);
        }
    return s.grid.data();
}

/// Every row's output (rows, outputs), and the raw inputs (rows, inputs) through *raw.
EMSCRIPTEN_KEEPALIVE float* anne_session_outputs(float** raw) {
    if (!current) return nullptr;
    web::session& s = *current;
    const std::size_t rows = s.raw.rows, out = s.m.outputs(), u = unit_count(s.n);
    s.outputs.resize(rows * out);
    std::vector<float> zs(u), ys(u);
    for (std::size_t r = 0; r < rows; ++r) {
        forward(s.n, &s.data.x[r * s.n.inputs], zs.data(), ys.data());
        std::copy_n(ys.data() + u - out, out, &s.outputs[r * out]);
    }
    if (raw) *raw = s.raw.x.data();
    return s.outputs.data();
}

/// {"model": the model file's text} of the network as it is now.
EMSCRIPTEN_KEEPALIVE const char* anne_session_model() {
    if (!current) return web::answer({{"error", "no session"}});
    try {
        return web::answer({{"model", model_to_json(web::current_model(*current))}});
    } catch (const std::exception& e) {
        return web::failure(e);
    }
}

/// Trains the next batch with anne train --trace's recorder: {"trace": the trace file's text
/// with that one step, "status": ...}.
EMSCRIPTEN_KEEPALIVE const char* anne_session_trace_step() {
    if (!current) return web::answer({{"error", "no session"}});
    web::session& s = *current;
    s.step_units = std::make_unique<activity_census>(s.n);
    trace_recorder recorder(s.n);
    const std::size_t epoch = s.epoch, batch = s.position / s.o.batch + 1;
    while (web::step_sample(s, &recorder) == 0) {
    }
    recorder.step_done(s.step_norms);
    recorder.close(epoch, batch, s.steps, s.step_samples, s.step_loss, s.step_units->layers());
    s.step_units.reset();
    training_run run;
    run.trained = web::current_model(s);
    run.trace = recorder.take();
    s.o.trace_every = "step";
    const std::string text = training_trace_json(s.o, run);
    s.o.trace_every.clear();
    return web::answer({{"trace", text}, {"status", web::status(s)}});
}
}
