// The training trace behind `anne train --trace FILE` (docs/training.md, format
// "anne-training-trace" version 1): for each step or each epoch, every layer's gradient norm,
// what its units did (dead, saturated, negative: activity.hpp) and how its parameters moved.
//
// The recorder listens to the core's own training step through a `train_tracer` (trace.hpp):
// finish_batch reports every parameter's value before and after the optimizer and the gradient
// it used. A record spans one step or one epoch; over an epoch, `before` is the value at its
// start, `after` the value at its end and `gradient` the mean of its steps' gradients.
#pragma once

#include <cstddef>
#include <vector>

#include <anne/network.hpp>
#include <anne/trace.hpp>

#include "train/activity.hpp"

namespace anne {

/// Up to this many parameters a record holds every weight; above, per-layer summaries only.
constexpr std::size_t trace_weights_limit = 1000;

/// @brief One layer over one record.
struct layer_record {
    float grad_norm;  // the L2 norm of its gradient, mean over the record's steps
    unit_activity activity;
    // update = after - before, over the layer's weights and biases: mean and largest |update|,
    // and ||update|| / ||before|| (L2; NaN when before is all 0).
    float mean_abs_update, max_abs_update, update_ratio;
    // (layer_parameter_count), laid out as in the parameter buffer; empty above the limit.
    std::vector<float> before, gradient, after;
};

/// @brief One step or one epoch.
struct trace_record {
    std::size_t epoch;
    std::size_t batch, step;  // a step record's batch in its epoch and step overall, from 1; else 0
    std::size_t steps, samples;
    float loss;  // mean over the samples, each before its step's update
    std::vector<layer_record> layers;
};

/// @brief Collects trace records while a network trains.
class trace_recorder {
public:
    explicit trace_recorder(const network& n);

    /// @brief The tracer for accumulate_gradients and finish_batch: it records every update,
    /// and traces each sample's forward pass with `forward` (may be nullptr). The recorder must
    /// stay where it is while the tracer is in use.
    train_tracer tracer(const anne::tracer* forward);
    /// @brief After each finish_batch: the step's gradient norm per layer.
    void step_done(const std::vector<float>& grad_norms);
    /// @brief Ends the record of the steps since the last one; activity is per layer.
    void close(std::size_t epoch, std::size_t batch, std::size_t step, std::size_t samples,
               float loss, const std::vector<unit_activity>& activity);
    /// @brief The records so far; the recorder is empty afterwards.
    std::vector<trace_record> take();

private:
    static void on_update(void* context, std::size_t k, const layer& l, std::size_t n,
                          std::size_t index, float before, float gradient, float after);

    network net_;
    std::vector<std::size_t> offsets_;  // (depth): where each layer's parameters start
    std::vector<float> scratch_;        // (parameter_count): finish_batch's `before`
    std::vector<float> before_, after_;
    std::vector<double> gradient_sum_, norm_sum_;  // (parameter_count), (depth)
    std::size_t steps_ = 0;                        // in the current record
    std::vector<trace_record> records_;
};

}  // namespace anne
