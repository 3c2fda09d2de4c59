#include "train/training_log.hpp"

#include <cmath>
#include <limits>
#include <utility>

#include "files.hpp"
#include "json.hpp"

namespace anne {

namespace {

constexpr const char* log_format = "anne-training-log";
constexpr int log_version = 1;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Writing.

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
    fjson j = {{"format", log_format},
               {"version", log_version},
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

// ---------------------------------------------------------------------------------------------
// Reading.

namespace {

constexpr float missing = std::numeric_limits<float>::quiet_NaN();

float number_or_null(const json_at& j) { return j.value().is_null() ? missing : j.number(); }

float optional(const json_at& j, const char* key) {
    return j.has(key) ? number_or_null(j[key]) : missing;
}

// An optional array of one number (or null) per layer, of the same length in every epoch
// that has it: `length` is that length once seen, else 0.
std::vector<float> per_layer(const json_at& e, const char* key, std::size_t& length) {
    std::vector<float> v;
    if (!e.has(key)) return v;
    const json_at g = e[key];
    if (g.size() == 0) g.fail("expected one number per layer");
    if (length == 0) length = g.size();
    if (g.size() != length)
        g.fail("expected " + std::to_string(length) +
               " numbers (one per layer), as in the epochs before");
    for (std::size_t k = 0; k < g.size(); ++k) v.push_back(number_or_null(g[k]));
    return v;
}

}  // namespace

training_log parse_training_log(const std::string& text, const std::string& where) {
    const fjson doc = parse_json(text, where);
    const json_at j(doc, "$", where);
    if (!doc.is_object()) j.fail("expected an object with \"epochs\"");
    if (j.has("format") && j["format"].string() != log_format)
        j["format"].fail(std::string("expected \"") + log_format + "\"");
    if (j.has("version") && j["version"].count(1) != log_version)
        j["version"].fail("version " + j["version"].value().dump() +
                          " is not supported (this anne reads " + std::to_string(log_version) +
                          ")");
    training_log log;
    log.learning_rate = missing;
    if (j.has("options")) {
        const json_at o = j["options"];
        if (o.has("loss")) log.loss_function = o["loss"].string();
        if (o.has("optimizer")) log.optimizer = o["optimizer"].string();
        if (o.has("learning_rate")) log.learning_rate = o["learning_rate"].number();
    }
    if (j.has("warnings")) log.warnings = j["warnings"].strings();
    if (j.has("stopped")) log.stopped = j["stopped"].string();

    std::size_t dead_length = 0, saturated_length = 0;
    const json_at epochs = j["epochs"];
    if (epochs.size() == 0) epochs.fail("expected at least one epoch");
    for (std::size_t i = 0; i < epochs.size(); ++i) {
        const json_at e = epochs[i];
        logged_epoch r;
        r.epoch = e["epoch"].count(1);
        if (i > 0 && r.epoch <= log.epochs.back().epoch)
            e["epoch"].fail("expected epochs in increasing order, after epoch " +
                            std::to_string(log.epochs.back().epoch));
        r.loss = number_or_null(e["loss"]);
        r.accuracy = optional(e, "accuracy");
        r.val_loss = optional(e, "val_loss");
        r.val_accuracy = optional(e, "val_accuracy");
        r.grad_norms = per_layer(e, "grad_norms", log.layers);
        r.dead_relu = per_layer(e, "dead_relu", dead_length);
        r.saturated = per_layer(e, "saturated", saturated_length);
        log.epochs.push_back(std::move(r));
    }
    return log;
}

training_log read_training_log(const std::string& path) {
    return parse_training_log(read_file(path), path);
}

}  // namespace anne
