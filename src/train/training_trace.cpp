#include "train/training_trace.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include "json.hpp"
#include "train/trainer.hpp"

namespace anne {

trace_recorder::trace_recorder(const network& n)
    : net_(n),
      scratch_(parameter_count(n)),
      before_(parameter_count(n)),
      after_(parameter_count(n)),
      gradient_sum_(parameter_count(n)),
      norm_sum_(n.depth) {
    for (std::size_t k = 0; k < n.depth; ++k) offsets_.push_back(layer_offset(n, k));
}

train_tracer trace_recorder::tracer(const anne::tracer* forward) {
    return {this, nullptr, on_update, scratch_.data(), forward};
}

void trace_recorder::on_update(void* context, std::size_t k, const layer&, std::size_t,
                               std::size_t index, float before, float gradient, float after) {
    trace_recorder& r = *static_cast<trace_recorder*>(context);
    const std::size_t i = r.offsets_[k] + index;
    if (r.steps_ == 0) r.before_[i] = before;  // a record starts with its first step
    r.after_[i] = after;
    r.gradient_sum_[i] += gradient;
}

void trace_recorder::step_done(const std::vector<float>& grad_norms) {
    for (std::size_t k = 0; k < grad_norms.size(); ++k) norm_sum_[k] += grad_norms[k];
    ++steps_;
}

void trace_recorder::close(std::size_t epoch, std::size_t batch, std::size_t step,
                           std::size_t samples, float loss,
                           const std::vector<unit_activity>& activity) {
    trace_record r{epoch, batch, step, steps_, samples, loss, {}};
    const bool every_weight = parameter_count(net_) <= trace_weights_limit;
    const double steps = static_cast<double>(steps_);
    for (std::size_t k = 0; k < net_.depth; ++k) {
        const std::size_t first = offsets_[k], count = layer_parameter_count(net_, k);
        layer_record l{static_cast<float>(norm_sum_[k] / steps), activity[k], 0, 0, 0, {}, {}, {}};
        // Sums in double; a NaN (a diverged step) propagates into each figure.
        double abs_sum = 0, largest = 0, update_squares = 0, before_squares = 0;
        for (std::size_t i = first; i < first + count; ++i) {
            const double d = std::fabs(after_[i] - before_[i]);
            abs_sum += d;
            if (!(largest >= d)) largest = d;
            update_squares += d * d;
            before_squares += static_cast<double>(before_[i]) * before_[i];
        }
        l.mean_abs_update = static_cast<float>(abs_sum / static_cast<double>(count));
        l.max_abs_update = static_cast<float>(largest);
        l.update_ratio = before_squares > 0
                             ? static_cast<float>(std::sqrt(update_squares / before_squares))
                             : NAN;
        if (every_weight) {
            l.before.assign(before_.begin() + first, before_.begin() + first + count);
            l.after.assign(after_.begin() + first, after_.begin() + first + count);
            for (std::size_t i = first; i < first + count; ++i)
                l.gradient.push_back(static_cast<float>(gradient_sum_[i] / steps));
        }
        r.layers.push_back(std::move(l));
    }
    records_.push_back(std::move(r));
    steps_ = 0;
    std::fill(gradient_sum_.begin(), gradient_sum_.end(), 0.0);
    std::fill(norm_sum_.begin(), norm_sum_.end(), 0.0);
}

std::vector<trace_record> trace_recorder::take() { return std::move(records_); }

// ---------------------------------------------------------------------------------------------
// The file.

namespace {

// A share, or null where the layer's activation has no such notion.
fjson share(float v) { return std::isnan(v) ? fjson(nullptr) : fjson(v); }

// The kernel part of a layer's values, (inputs, units), as rows: one per input, as Keras and
// the model files store it.
fjson kernel_rows(const float* v, std::size_t inputs, std::size_t units) {
    fjson rows = fjson::array();
    for (std::size_t i = 0; i < inputs; ++i)
        rows.push_back(std::vector<float>(v + i * units, v + (i + 1) * units));
    return rows;
}

}  // namespace

// Long on purpose (~95 lines): the trace document key by key, in the order docs/training.md
// describes it.
std::string training_trace_json(const train_options& o, const training_run& run) {
    const model& m = run.trained;
    fjson layers = fjson::array();
    std::size_t inputs = m.inputs, parameters = 0;
    std::vector<std::size_t> layer_inputs;
    for (std::size_t k = 0; k < m.layers.size(); ++k) {
        const layer_info& l = m.layers[k];
        const std::size_t count = dense_parameter_count(inputs, l.units, l.use_bias);
        layers.push_back({{"layer", k + 1},
                          {"units", l.units},
                          {"activation", l.activation},
                          {"use_bias", l.use_bias},
                          {"parameters", count}});
        layer_inputs.push_back(inputs);
        parameters += count;
        inputs = l.units;
    }

    fjson records = fjson::array();
    for (const trace_record& r : run.trace) {
        fjson j = {{"epoch", r.epoch}};
        if (r.step) {
            j["batch"] = r.batch;
            j["step"] = r.step;
        }
        j["steps"] = r.steps;
        j["samples"] = r.samples;
        j["loss"] = r.loss;
        fjson per_layer = fjson::array();
        for (std::size_t k = 0; k < r.layers.size(); ++k) {
            const layer_record& l = r.layers[k];
            fjson dead_units = nullptr;
            if (!std::isnan(l.activity.dead)) {
                dead_units = fjson::array();
                for (std::size_t u : l.activity.dead_units) dead_units.push_back(u + 1);
            }
            fjson e = {{"layer", k + 1},
                       {"grad_norm", l.grad_norm},
                       {"dead", share(l.activity.dead)},
                       {"dead_units", dead_units},
                       {"saturated", share(l.activity.saturated)},
                       {"negative", share(l.activity.negative)},
                       {"mean_abs_update", l.mean_abs_update},
                       {"max_abs_update", l.max_abs_update},
                       {"update_ratio", l.update_ratio}};
            if (!l.before.empty()) {
                const std::size_t n = layer_inputs[k], units = m.layers[k].units;
                std::vector<float> update(l.before.size());
                for (std::size_t i = 0; i < update.size(); ++i)
                    update[i] = l.after[i] - l.before[i];
                const auto kernel = [&](const std::vector<float>& v) {
                    return kernel_rows(v.data(), n, units);
                };
                const auto bias = [&](const std::vector<float>& v) {
                    return std::vector<float>(v.begin() + static_cast<long>(n * units), v.end());
                };
                e["kernel"] = {{"before", kernel(l.before)},
                               {"gradient", kernel(l.gradient)},
                               {"update", kernel(update)},
                               {"after", kernel(l.after)}};
                if (m.layers[k].use_bias)
                    e["bias"] = {{"before", bias(l.before)},
                                 {"gradient", bias(l.gradient)},
                                 {"update", bias(update)},
                                 {"after", bias(l.after)}};
            }
            per_layer.push_back(e);
        }
        j["layers"] = per_layer;
        records.push_back(j);
    }

    fjson options = {{"data", o.data},
                     {"target", o.target},
                     {"layers", o.layers},
                     {"loss", o.loss},
                     {"optimizer", o.optimizer},
                     {"learning_rate", parse_optimizer(o).learning_rate},
                     {"epochs", o.epochs},
                     {"batch", o.batch},
                     {"seed", o.seed}};
    fjson j = {{"format", "anne-training-trace"},
               {"version", 1},
               {"every", o.trace_every},
               {"detail", parameters <= trace_weights_limit ? "weights" : "summary"},
               {"thresholds",
                {{"saturation_margin", saturation_margin},
                 {"weights_up_to_parameters", trace_weights_limit}}},
               {"options", options},
               {"network", {{"inputs", m.inputs}, {"parameters", parameters}, {"layers", layers}}},
               {"records", records},
               {"stopped", run.stop_reason}};
    return pretty_json(j);
}

}  // namespace anne
