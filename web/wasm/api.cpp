// The playground's entry points into the host code, as plain C functions over strings (much
// smaller than embind): each takes JSON or text and returns JSON or text that stays valid
// until the next call. Errors come back as {"error": "..."} with anne's own message.
//
//   anne_train(options)            anne train's options as JSON, "data" the CSV text
//   anne_explain(model, values)    anne explain's text for a model file's text
//   anne_export(model, name)       the generated code of anne export, every target
//   anne_import_file, anne_import_tfjs
//                                  anne import of a TensorFlow.js model.json and its shards
#include <emscripten/emscripten.h>

#include <filesystem>
#include <map>
#include <sstream>

#include <anne/activation.hpp>

#include "error.hpp"
#include "explain/explain.hpp"
#include "export/export.hpp"
#include "files.hpp"
#include "import/formats.hpp"
#include "json.hpp"
#include "model.hpp"
#include "train/trainer.hpp"
#include "train/training_log.hpp"
#include "web_api.hpp"

namespace anne::web {

namespace {

std::string result;  // what the last call returned
// The files chosen for an import, by name (a browser gives file names without folders).
std::map<std::string, std::string> chosen_files;

const char* answer(const fjson& j) {
    result = j.dump();
    return result.c_str();
}

}  // namespace

train_options read_train_options(const fjson& j) {
    train_options o;
    // The data is written where anne train would read it, so that the model file's
    // "source" says the same name (by default data.csv, as in `anne train data.csv ...`).
    o.data = j.value("file", std::string("data.csv"));
    const std::filesystem::path folder = std::filesystem::path(o.data).parent_path();
    if (!folder.empty()) std::filesystem::create_directories(folder);  // in the module's memory
    write_file_atomic(o.data, j.at("data").get<std::string>());
    o.target = j.value("target", std::string());
    if (j.contains("classes"))
        for (const auto& c : j["classes"]) o.classes.push_back(c.get<std::string>());
    o.layers = j.value("layers", std::string());
    o.loss = j.value("loss", o.loss);
    o.optimizer = j.value("optimizer", o.optimizer);
    o.learning_rate = j.value("lr", o.learning_rate);
    o.momentum = j.value("momentum", o.momentum);
    o.nesterov = j.value("nesterov", o.nesterov);
    o.adam_epsilon = j.value("adam_epsilon", o.adam_epsilon);
    o.epochs = j.value("epochs", o.epochs);
    o.batch = j.value("batch", o.batch);
    o.seed = j.value("seed", o.seed);
    o.validation = j.value("validation", o.validation);
    o.scale = j.value("scale", o.scale);
    o.name = j.value("name", o.name);
    o.init_from = j.value("init_from", o.init_from);  // a file written before, or iris8 / iris6
    if (j.contains("init_model")) {                   // a model file's text
        o.init_from = "model.json";
        write_file_atomic(o.init_from, j["init_model"].get<std::string>());
    }
    o.trace_every = j.value("trace_every", o.trace_every);
    return o;
}

template <typename F>
const char* guarded(F&& f) {
    try {
        return f();
    } catch (const std::exception& e) {
        return answer({{"error", e.what()}});
    }
}

}  // namespace anne::web

using namespace anne;

extern "C" {

/// {"model": model file text, "log": training log text, "trace": trace text or null,
/// "warnings": [...], "stopped": why training ended early or ""}
EMSCRIPTEN_KEEPALIVE const char* anne_train(const char* options) {
    return web::guarded([&] {
        const train_options o = web::read_train_options(parse_json(options, "options"));
        const training_run r = train(o);
        fjson j = {{"model", model_to_json(r.trained)},
                   {"log", training_log_json(o, r)},
                   {"warnings", r.warnings},
                   {"stopped", r.stop_reason}};
        j["trace"] = o.trace_every.empty() ? fjson(nullptr) : fjson(training_trace_json(o, r));
        return web::answer(j);
    });
}

/// {"text": anne explain's text} for the model file's text and the raw values (text, separated
/// by spaces, read as anne explain reads its arguments); format "text" or "markdown".
EMSCRIPTEN_KEEPALIVE const char* anne_explain(const char* model_text, const char* values,
                                              int precision, int markdown) {
    return web::guarded([&] {
        const model m = parse_model(model_text, "model");
        std::vector<float> x;
        std::istringstream in(values);
        for (std::string v; in >> v;) {
            float f = 0.0f;
            const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), f);
            if (ec != std::errc() || p != v.data() + v.size())
                fail("values", "expected a number, got \"" + v + "\"");
            x.push_back(f);
        }
        explain_view view;
        view.precision = precision;
        view.markdown = markdown != 0;
        return web::answer({{"text", explain_text(m, explain(m, x), view)}});
    });
}

/// {"cpp": ..., "c_header": ..., "c_source": ..., "micropython": ...}: anne export's output
/// for each target, as `anne export MODEL --target T --name NAME -o NAME.ext` writes it.
EMSCRIPTEN_KEEPALIVE const char* anne_export(const char* model_text, const char* name,
                                             const char* model_file) {
    return web::guarded([&] {
        const model m = parse_model(model_text, "model");
        check_export_name(name);
        const std::string n = name, command = std::string("anne export ") + model_file;
        const auto options = [&](const std::string& target, const std::string& file) {
            return export_options{n, std::string("anne ") + ANNE_VERSION,
                                  command + " --target " + target + " --name " + n, file};
        };
        const c_files c = export_c(m, options("c", ""), n + ".h");
        return web::answer(
            {{"cpp", export_cpp(m, options("cpp", n + ".hpp"))},
             {"c_header", c.header},
             {"c_source", c.source},
             {"micropython", export_micropython(m, options("micropython", n + ".py"))}});
    });
}

/// {"outputs": [[...], ...]} of a model file's text for rows of raw values (`rows` of them,
/// one after the other, in the module's memory).
EMSCRIPTEN_KEEPALIVE const char* anne_predict(const char* model_text, const float* values,
                                              int rows) {
    return web::guarded([&] {
        const model m = parse_model(model_text, "model");
        fjson out = fjson::array();
        for (int r = 0; r < rows; ++r)
            out.push_back(
                m.predict(std::vector<float>(values + r * m.inputs, values + (r + 1) * m.inputs)));
        return web::answer({{"outputs", out}});
    });
}

/// [{"name", "formula", "parameter" (or null), "default"}, ...]: every activation the core has.
EMSCRIPTEN_KEEPALIVE const char* anne_activations() {
    fjson list = fjson::array();
    const registry& r = activation_registry();
    for (std::size_t i = 0; i < r.size(); ++i)
        list.push_back({{"name", r[i].name},
                        {"formula", r[i].formula},
                        {"parameter", r[i].parameter ? fjson(r[i].parameter) : fjson(nullptr)},
                        {"required", r[i].parameter_required},
                        {"default", r[i].parameter_default}});
    return web::answer(list);
}

/// The model file's text for a built-in model ("iris8", "iris6").
EMSCRIPTEN_KEEPALIVE const char* anne_builtin_model(const char* name) {
    return web::guarded([&] {
        const char* text = builtin_model_text(name);
        if (!text) fail(name, "no such built-in model");
        return web::answer({{"text", std::string(text)}});
    });
}

/// {"model": text} after reading a model file (checks it and runs its self-test).
EMSCRIPTEN_KEEPALIVE const char* anne_check_model(const char* model_text, const char* where) {
    return web::guarded([&] {
        return web::answer({{"model", model_to_json(parse_model(model_text, where))}});
    });
}

/// Keeps a chosen file's bytes (`size` of them in the module's memory) for anne_import_tfjs.
EMSCRIPTEN_KEEPALIVE void anne_import_file(const char* name, const char* bytes, int size) {
    web::chosen_files[name] = std::string(bytes, static_cast<std::size_t>(size));
}

/// {"model": text}: the chosen model.json (`name`) with its weight shards as `anne import`
/// reads them from its folder; a shard is matched by the file name of its manifest path. The
/// chosen files are dropped after.
EMSCRIPTEN_KEEPALIVE const char* anne_import_tfjs(const char* name) {
    std::map<std::string, std::string> files;
    files.swap(web::chosen_files);
    return web::guarded([&] {
        const auto json = files.find(name);
        if (json == files.end()) fail(name, "not among the chosen files");
        const import_detail::source s{name, json->second};
        const fjson doc = parse_json(s.bytes, s.path);
        if (!doc.is_object() || !doc.contains("modelTopology"))
            fail(s.path, "not a TensorFlow.js model.json (it has no \"modelTopology\")");
        const auto shard = [&files](const std::string& path, const std::string& where) {
            const std::string file = std::filesystem::path(path).filename().string();
            const auto it = files.find(file);
            if (it == files.end())
                fail(where, "weights shard '" + path +
                                "' listed in the manifest is not among the chosen files: choose "
                                "model.json together with its weight files");
            return it->second;
        };
        const model m =
            import_detail::finish_import(import_detail::read_tfjs(s, doc, shard), {s.path}, {});
        return web::answer({{"model", model_to_json(m)}});
    });
}
}
