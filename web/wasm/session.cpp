// The playground's interactive training: one network trained a sample, a batch or an epoch at
// a time, exactly as `anne train` trains it. The set-up (classes, scaling, checks) is anne
// train's own: the session runs train() for one epoch to get the prepared model, then replays
// the same seeded split and Glorot start, and steps with the core's accumulate_gradients and
// finish_batch in anne train's order (the batch kernels anne train uses give the same numbers
// bit for bit). tests/web checks that N epochs here give anne train's model file.
//
// The page reads the parameters, every unit's output over a grid and each row's output
// through float buffers in the module's memory (HEAPF32), the rest as JSON.
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include <anne/init.hpp>
#include <anne/metrics.hpp>
#include <anne/train.hpp>

#include "data.hpp"
#include "error.hpp"
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
    std::vector<float> raw, x, t;  // (rows, inputs) as read and scaled; (rows, target size)
    std::vector<std::size_t> label, train_rows, val_rows, order;
    std::vector<std::size_t> data_row;  // (rows): each usable row's 0-based row in the CSV
    std::vector<std::size_t> held_out;  // CSV rows to hold out instead of a seeded split
    bool scale_all = false;             // fit the scaling on every row, not the training rows
    random rng{1};
    std::vector<float> arena;
    training_buffers b{};
    // Where training stands: epoch (from 1), the next position in its order, the batch's size.
    std::size_t epoch = 1, position = 0, in_batch = 0, batches = 0, steps = 0;
    double loss_sum = 0.0;
    std::size_t correct = 0;
    std::vector<float> grad_norms;  // this epoch's, summed over its steps / batches
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

// The rows anne train uses, with its targets: labels of other classes left out.
void read_rows(session& s) {
    const dataset d = to_dataset(read_csv(s.o.data), s.o.target, s.m.pre.features);
    const std::size_t outputs = s.m.outputs(), f = s.m.inputs;
    for (std::size_t r = 0; r < d.rows(); ++r) {
        std::size_t c = 0;
        if (s.classifier) {
            const auto& classes = s.m.output.classes;
            const auto it = std::find(classes.begin(), classes.end(), d.labels[r]);
            if (it == classes.end()) continue;
            c = static_cast<std::size_t>(it - classes.begin());
            if (s.loss == loss_kind::categorical_crossentropy)
                for (std::size_t k = 0; k < outputs; ++k) s.t.push_back(k == c ? 1.0f : 0.0f);
            else
                s.t.push_back(static_cast<float>(c));
        } else {
            s.t.push_back(std::stof(d.labels[r]));
        }
        s.raw.insert(s.raw.end(), d.row(r), d.row(r) + f);
        s.label.push_back(c);
        s.data_row.push_back(r);
    }
}

// The papers' way: mean and population standard deviation over every row (as anne train
// fits them on its training rows).
void standardize_all(session& s) {
    const std::size_t f = s.m.inputs, rows = s.label.size();
    s.m.pre.type = preprocessing::kind::standardize;
    s.m.pre.mean.assign(f, 0.0f);
    s.m.pre.stddev.assign(f, 1.0f);
    for (std::size_t i = 0; i < f; ++i) {
        double sum = 0.0, squares = 0.0;
        for (std::size_t r = 0; r < rows; ++r) sum += s.raw[r * f + i];
        const double mean = sum / static_cast<double>(rows);
        for (std::size_t r = 0; r < rows; ++r)
            squares += (s.raw[r * f + i] - mean) * (s.raw[r * f + i] - mean);
        const double sd = std::sqrt(squares / static_cast<double>(rows));
        s.m.pre.mean[i] = static_cast<float>(mean);
        s.m.pre.stddev[i] = static_cast<float>(sd > 0 ? sd : 1.0);
    }
}

void scale_rows(session& s) {
    const std::size_t f = s.m.inputs;
    s.x.resize(s.raw.size());
    for (std::size_t r = 0; r < s.label.size(); ++r) s.m.pre.apply(&s.raw[r * f], &s.x[r * f], f);
}

void count_units(void* context, std::size_t k, const layer&, const float* z, const float* y) {
    session& s = *static_cast<session*>(context);
    s.epoch_units->add(k, z, y);
    if (s.step_units) s.step_units->add(k, z, y);
}

// anne train's seeded split, then its Glorot start from the same generator.
void start(session& s) {
    const std::size_t rows = s.label.size();
    s.rng = random(s.o.seed);
    std::vector<std::size_t> order(rows);
    for (std::size_t i = 0; i < rows; ++i) order[i] = i;
    for (std::size_t i = rows - 1; i > 0; --i)
        std::swap(order[i], order[s.rng.below(static_cast<std::uint32_t>(i + 1))]);
    const std::size_t held_out =
        static_cast<std::size_t>(std::lround(s.o.validation * static_cast<float>(rows)));
    s.train_rows.assign(order.begin(), order.end() - static_cast<long>(held_out));
    s.val_rows.assign(order.end() - static_cast<long>(held_out), order.end());
    if (!s.held_out.empty()) {  // the given split, in the data's order
        s.train_rows.clear();
        s.val_rows.clear();
        for (std::size_t r = 0; r < rows; ++r) {
            const bool out =
                std::find(s.held_out.begin(), s.held_out.end(), s.data_row[r]) != s.held_out.end();
            (out ? s.val_rows : s.train_rows).push_back(r);
        }
        if (s.train_rows.empty()) fail("held_out", "no rows left to train on");
    }
    if (s.scale_all) standardize_all(s);
    scale_rows(s);
    s.m.bind();
    s.n = s.m.net();
    if (s.o.init_from.empty()) glorot_uniform(s.n, s.m.params.data(), s.rng);
    s.arena.assign(training_arena_size(s.n, s.opt), 0.0f);
    make_training_buffers(s.n, s.opt, s.arena.data(), s.arena.size(), s.b);
    s.epoch_units = std::make_unique<activity_census>(s.n);
    // The baseline of the 'not learning' warning: the best constant answer on the training rows.
    const std::size_t ts = target_size(s.loss, s.m.outputs());
    std::vector<float> t;
    for (std::size_t r : s.train_rows) t.insert(t.end(), &s.t[r * ts], &s.t[r * ts] + ts);
    s.warner = std::make_unique<training_warnings>(
        s.n, s.loss, constant_answer_loss(s.loss, t.data(), s.train_rows.size(), s.m.outputs()));
    s.watch_units = {&s, nullptr, nullptr, count_units};
    s.order = s.train_rows;
    s.batches = (s.train_rows.size() + s.o.batch - 1) / s.o.batch;
    s.grad_norms.assign(s.m.layers.size(), 0.0f);
}

float norm(const float* v, std::size_t n) {
    double sum = 0.0;
    for (std::size_t i = 0; i < n; ++i) sum += static_cast<double>(v[i]) * v[i];
    return static_cast<float>(std::sqrt(sum));
}

// Mean loss and accuracy of some rows with the current parameters.
std::pair<float, float> evaluate(const session& s, const std::vector<std::size_t>& rows) {
    const network& n = s.n;
    const std::size_t u = unit_count(n), out = output_count(n), ts = target_size(s.loss, out);
    std::vector<float> zs(u), ys(u), dz(out), scratch(out);
    double total = 0.0;
    std::size_t correct = 0;
    const layer& last = n.layers[n.depth - 1];
    for (std::size_t r : rows) {
        forward(n, &s.x[r * n.inputs], zs.data(), ys.data());
        total += output_gradient(s.loss, *last.f, last.alpha, zs.data() + u - out,
                                 ys.data() + u - out, &s.t[r * ts], out, dz.data(), scratch.data());
        if (s.classifier && decide(ys.data() + u - out, out, s.m.output.threshold) == s.label[r])
            ++correct;
    }
    const float count = static_cast<float>(rows.size());
    return {static_cast<float>(total / count), static_cast<float>(correct) / count};
}

// The epoch's figures as anne train's log has them; then the next epoch's shuffle.
void close_epoch(session& s) {
    const float seen = static_cast<float>(s.train_rows.size());
    fjson e = {{"epoch", s.epoch}, {"loss", static_cast<float>(s.loss_sum / seen)}};
    if (s.classifier) e["accuracy"] = static_cast<float>(s.correct) / seen;
    if (!s.val_rows.empty()) {
        const auto [loss, accuracy] = evaluate(s, s.val_rows);
        e["val_loss"] = loss;
        if (s.classifier) e["val_accuracy"] = accuracy;
    }
    e["grad_norms"] = s.grad_norms;
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
    add(s.warner->after_epoch(s.epoch, s.grad_norms, activity));
    s.losses.push_back(e["loss"].get<float>());
    if (s.epoch == s.o.epochs) add(s.warner->after_training(s.losses));  // as anne train ends
    ++s.epoch;
    s.position = 0;
    s.loss_sum = 0.0;
    s.correct = 0;
    s.grad_norms.assign(s.m.layers.size(), 0.0f);
}

// One sample forward and backward; the update when its batch is full or the epoch ends.
// Returns what ended: 0 nothing, 1 a batch, 2 an epoch.
int step_sample(session& s, trace_recorder* recorder = nullptr) {
    const train_tracer trace =
        recorder ? recorder->tracer(&s.watch_units)
                 : train_tracer{nullptr, nullptr, nullptr, nullptr, &s.watch_units};
    if (s.position == 0)  // anne train shuffles at the start of each epoch
        for (std::size_t i = s.order.size() - 1; i > 0; --i)
            std::swap(s.order[i], s.order[s.rng.below(static_cast<std::uint32_t>(i + 1))]);
    if (s.in_batch == 0) begin_batch(s.n, s.b);
    const std::size_t r = s.order[s.position++], out = s.m.outputs();
    const std::size_t ts = target_size(s.loss, out);
    const float sample_loss =
        accumulate_gradients(s.n, s.loss, &s.x[r * s.n.inputs], &s.t[r * ts], s.b, &trace);
    s.loss_sum += sample_loss;
    s.batch_loss += sample_loss;
    const float* y = s.b.ys + unit_count(s.n) - out;
    if (s.classifier && decide(y, out, s.m.output.threshold) == s.label[r]) ++s.correct;
    ++s.in_batch;
    if (s.in_batch < s.o.batch && s.position < s.order.size()) return 0;
    finish_batch(s.n, s.m.params.data(), s.opt, s.b, s.in_batch, &trace);
    s.step_loss = static_cast<float>(s.batch_loss / static_cast<double>(s.in_batch));
    s.batch_loss = 0.0;
    s.step_samples = s.in_batch;
    s.in_batch = 0;
    ++s.steps;
    s.step_norms.resize(s.m.layers.size());
    for (std::size_t l = 0; l < s.m.layers.size(); ++l) {
        s.step_norms[l] = norm(s.b.grads + layer_offset(s.n, l), layer_parameter_count(s.n, l));
        s.grad_norms[l] += s.step_norms[l] / static_cast<float>(s.batches);
    }
    if (s.position < s.order.size()) return 1;
    close_epoch(s);
    return 2;
}

// The model file of the network as it is now, with anne train's self-test rows.
model current_model(const session& s) {
    model m = s.m;
    m.test = {};
    m.test.source = "anne (computed after training; not an independent check)";
    m.test.tolerance = 1e-6f;
    for (std::size_t i = 0; i < std::min<std::size_t>(3, s.train_rows.size()); ++i) {
        const float* in = &s.raw[s.train_rows[i] * m.inputs];
        m.test.inputs.emplace_back(in, in + m.inputs);
        m.test.outputs.push_back(m.predict(m.test.inputs.back()));
    }
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
        train_options o = web::read_train_options(parse_json(options, "options"));
        o.trace_every.clear();
        auto s = std::make_unique<web::session>();
        // anne train's preparation (classes, scaling, notes, checks), stopped after its first
        // batch; start() then sets the parameters as anne train started them.
        training_callbacks stop_at_once;
        stop_at_once.stop = [] { return true; };
        const model base = o.init_from.empty() ? model() : load_model(o.init_from);
        s->m = train(o, stop_at_once).trained;
        if (!o.init_from.empty()) s->m.params = base.params;  // as it was before that batch
        s->o = o;
        const fjson j = parse_json(options, "options");
        if (j.contains("held_out")) s->held_out = j["held_out"].get<std::vector<std::size_t>>();
        s->scale_all = j.value("scale_all", false);
        s->loss = parse_loss(o.loss);
        s->opt = parse_optimizer(o);
        s->classifier = s->loss != loss_kind::mean_squared_error;
        web::read_rows(*s);
        web::start(*s);
        delete current;
        current = s.release();
        fjson units = fjson::array();
        for (const layer_info& l : current->m.layers) units.push_back(l.units);
        return web::answer({{"rows", current->label.size()},
                            {"data_rows", current->data_row},
                            {"train", current->train_rows},
                            {"validation", current->val_rows},
                            {"labels", current->label},
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
    const std::size_t rows = s.label.size(), out = s.m.outputs(), u = unit_count(s.n);
    s.outputs.resize(rows * out);
    std::vector<float> zs(u), ys(u);
    for (std::size_t r = 0; r < rows; ++r) {
        forward(s.n, &s.x[r * s.n.inputs], zs.data(), ys.data());
        std::copy_n(ys.data() + u - out, out, &s.outputs[r * out]);
    }
    if (raw) *raw = s.raw.data();
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
