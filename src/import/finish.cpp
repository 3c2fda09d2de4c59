// The steps every imported network goes through, whatever its format: a name, an output
// meaning, provenance and a self-test. Apart from import.cpp (which tells the formats apart and
// needs every format's library), so that the playground finishes a TensorFlow.js import as
// `anne import` does.
#include <cmath>
#include <filesystem>

#include "error.hpp"
#include "files.hpp"
#include "import/formats.hpp"
#include "self_test.hpp"

#ifndef ANNE_VERSION
#error "ANNE_VERSION must be defined (the build passes the project version)"
#endif

namespace anne::import_detail {

namespace {

// The file name without folders and the last extension; a generic one ("model", "config")
// gives way to its folder's name.
std::string name_from(const std::string& path) {
    std::filesystem::path p = std::filesystem::path(path).lexically_normal();
    if (!p.has_filename()) p = p.parent_path();  // "folder/"
    std::string stem = p.stem().string();
    if ((stem == "model" || stem == "config") && p.has_parent_path() &&
        !p.parent_path().filename().empty())
        stem = p.parent_path().filename().string();
    return stem;
}

// The source framework's own outputs, from a JSON file {"inputs": [[...], ...], "outputs":
// [[...], ...], "framework": "..."}: an independent check, recorded as the self-test.
self_test reference_self_test(const model& m, const std::string& path) {
    const fjson doc = parse_json(read_file(path), path);
    self_test t;
    try {
        t.inputs = doc.at("inputs").get<std::vector<std::vector<float>>>();
        t.outputs = doc.at("outputs").get<std::vector<std::vector<float>>>();
    } catch (const fjson::exception&) {
        fail(path, "expected \"inputs\" and \"outputs\", each a list of rows of numbers");
    }
    if (t.inputs.empty() || t.inputs.size() != t.outputs.size())
        fail(path, "expected as many output rows as input rows, at least one");
    for (std::size_t r = 0; r < t.inputs.size(); ++r)
        if (t.inputs[r].size() != m.inputs || t.outputs[r].size() != m.outputs())
            fail(path, "row " + std::to_string(r + 1) + ": expected " + std::to_string(m.inputs) +
                           " inputs and " + std::to_string(m.outputs()) + " outputs");
    const auto framework = doc.find("framework");
    t.source = (framework != doc.end() && framework->is_string() ? framework->get<std::string>()
                                                                 : std::string("the reference")) +
               " (" + std::filesystem::path(path).filename().string() + ")";
    // float32 frameworks sum in other orders: 1e-5 relative to max(1, |output|).
    t.tolerance = 1e-5f;
    return t;
}

}  // namespace

model finish_import(imported r, const std::vector<std::string>& sources,
                    const import_options& options) {
    if (r.framework != "AI-ANNE MicroPython" &&
        (!options.activations.empty() || options.layout != kernel_layout::detect ||
         options.network != 0))
        fail(sources.front(),
             "activations, the kernel layout and the network can only be given for AI-ANNE "
             "MicroPython text; this file states its own");
    model& m = r.m;
    const std::string& first = sources.front();
    for (float p : m.params)
        if (!std::isfinite(p)) fail(first, "the weights contain a NaN or an infinity");

    m.name = options.name.empty() ? name_from(first) : options.name;
    std::string files;
    for (const std::string& s : sources)
        files += (files.empty() ? "" : " + ") + std::filesystem::path(s).filename().string();
    m.description = "Imported from " + files + " (" + r.format + ").";
    const layer_info& last = m.layers.back();
    if (last.activation == "sigmoid" && last.units == 1)
        m.output.type = output_meaning::kind::binary;
    else if (last.activation == "softmax" && last.units > 1)
        m.output.type = output_meaning::kind::classes;
    std::string source_list;
    for (const std::string& s : sources) source_list += (source_list.empty() ? "" : " + ") + s;
    m.origin.source = source_list;
    m.origin.framework = r.framework;
    m.origin.framework_version = r.version;
    m.origin.converted_by = std::string("anne ") + ANNE_VERSION;
    for (const std::string& n : r.notes) m.origin.notes += (m.origin.notes.empty() ? "" : "; ") + n;

    m.bind();
    if (!options.reference.empty()) {
        m.test = reference_self_test(m, options.reference);
    } else {
        // None of the formats carries test values, so anne computes them, in cases in which
        // every unit reaches an output (src/self_test.hpp): they guard the file against later
        // changes, they do not check the conversion.
        record_self_test(m, self_test_candidates(m), computed_self_test_source);
    }
    // The model as its file will read back: this also runs the self-test.
    return parse_model(model_to_json(m), m.name);
}

}  // namespace anne::import_detail
