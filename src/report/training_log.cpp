#include "report/training_log.hpp"

#include <cmath>
#include <limits>

#include "files.hpp"
#include "json.hpp"

namespace anne {

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
    if (j.has("format") && j["format"].string() != "anne-training-log")
        j["format"].fail("expected \"anne-training-log\"");
    if (j.has("version") && j["version"].count(1) != 1)
        j["version"].fail("version " + j["version"].value().dump() +
                          " is not supported (this anne reads 1)");
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
