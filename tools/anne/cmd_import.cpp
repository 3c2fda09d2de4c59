// anne import SOURCE [SOURCE2 [SOURCE3]]: a Keras, TensorFlow.js, ONNX or AI-ANNE MicroPython
// network as an anne model file.
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "error.hpp"
#include "import/import.hpp"
#include "json.hpp"
#include "model.hpp"
#include "output.hpp"

namespace anne::cli {

namespace {

namespace fs = std::filesystem;

struct import_options_cli {
    std::vector<std::string> sources;
    std::string output;
    std::string activations;
    std::string name;
    std::string reference;
    std::size_t network = 0;
    bool transposed = false;
    bool not_transposed = false;
    bool json = false;
    unsigned timeout = 0;  // 0: CPU time scaled to the file's size
};

std::vector<std::string> activation_names(const std::string& s) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find(',', start);
        if (end == std::string::npos) end = s.size();
        const std::string item = s.substr(start, end - start);
        const std::size_t a = item.find_first_not_of(' '), b = item.find_last_not_of(' ');
        if (a == std::string::npos) fail("--activations", "an empty name in \"" + s + "\"");
        items.push_back(item.substr(a, b - a + 1));
        start = end + 1;
    }
    return items;
}

// Notes are stored joined by "; " in the provenance.
std::vector<std::string> notes_of(const model& m) {
    std::vector<std::string> notes;
    std::size_t start = 0;
    while (start < m.origin.notes.size()) {
        std::size_t end = m.origin.notes.find("; ", start);
        if (end == std::string::npos) end = m.origin.notes.size();
        notes.push_back(m.origin.notes.substr(start, end - start));
        start = end + 2;
    }
    return notes;
}

const char* output_description(output_meaning::kind k) {
    switch (k) {
    case output_meaning::kind::binary: return "binary (one sigmoid unit, class 1 when > 0.5)";
    case output_meaning::kind::classes: return "classes (softmax, the largest output wins)";
    case output_meaning::kind::values: return "values";
    }
    return "?";
}

void run(const import_options_cli& o) {
    if (o.transposed && o.not_transposed)
        fail("--transposed", "cannot be given together with --no-transposed");
    import_options io;
    io.name = o.name;
    io.timeout_seconds = o.timeout;
    io.reference = o.reference;
    io.network = o.network;
    if (!o.activations.empty()) io.activations = activation_names(o.activations);
    io.layout = o.transposed       ? kernel_layout::transposed
                : o.not_transposed ? kernel_layout::keras
                                   : kernel_layout::detect;
    const model m = import_model_isolated(o.sources, io);

    const std::string path = o.output.empty() ? m.name + ".json" : o.output;
    for (const std::string& s : o.sources)
        if (fs::exists(path) && fs::equivalent(path, s))
            fail(path, "would overwrite the source; choose another output with -o");
    save_model(m, path);

    const std::vector<std::string> notes = notes_of(m);
    if (o.json) {
        fjson j = {{"output_file", path},
                   {"name", m.name},
                   {"description", m.description},
                   {"inputs", m.inputs},
                   {"outputs", m.outputs()},
                   {"architecture", architecture(m)},
                   {"output", m.output.type == output_meaning::kind::binary    ? "binary"
                              : m.output.type == output_meaning::kind::classes ? "classes"
                                                                               : "values"},
                   {"framework", m.origin.framework},
                   {"framework_version", m.origin.framework_version},
                   {"notes", notes},
                   {"self_test", {{"cases", m.test.inputs.size()}, {"source", m.test.source}}}};
        std::cout << j.dump(2) << "\n";
        return;
    }
    std::cout << m.description << "\n";
    std::cout << "  framework: " << m.origin.framework
              << (m.origin.framework_version.empty() ? "" : " " + m.origin.framework_version)
              << "\n";
    std::cout << "  network: " << architecture(m) << ", " << m.params.size() << " parameters\n";
    if (m.pre.type == preprocessing::kind::standardize)
        std::cout << "  preprocessing: standardize (from the model's input normalization)\n";
    std::cout << "  output: " << output_description(m.output.type) << "\n";
    for (const std::string& n : notes) std::cout << "  note: " << n << "\n";
    if (o.reference.empty())
        std::cout << "  self-test: " << m.test.inputs.size() << " cases whose outputs anne "
                  << "computed at import; not an independent check of the conversion, it guards "
                  << "the file against later changes\n";
    else
        std::cout << "  self-test: " << m.test.inputs.size() << " cases with the outputs of "
                  << m.test.source << ", reproduced within " << m.test.tolerance << " (worst "
                  << m.run_self_test(path) << ")\n";
    std::cout << "wrote " << path << "\n";
}

}  // namespace

void add_import(CLI::App& app) {
    auto o = std::make_shared<import_options_cli>();
    CLI::App* cmd = app.add_subcommand(
        "import",
        "Turn a network trained elsewhere into an anne model file. The format is told from "
        "the content: a Keras .keras archive (or its unpacked folder), a Keras .h5 model file "
        "(Keras 1, 2, tf.keras, Keras 3 legacy), a Keras weights .h5 with its architecture "
        "JSON (two sources, any order), a TensorFlow.js model.json (its .bin shards next to "
        "it), an ONNX file (torch.onnx.export, opsets 9 to 20), or AI-ANNE MicroPython "
        "parameter text (w1 = [[...]], b1 = [...], ...).\n"
        "Examples:\n"
        "  anne import iris_model.keras -o iris.json\n"
        "  anne import model_config.json model.weights.h5\n"
        "  anne import web/model.json --name celsius\n"
        "  anne import model.onnx --reference expected.json\n"
        "  anne import iris8.py --activations relu,sigmoid,relu,sigmoid\n"
        "  anne import iris_example/main.py --network 2");
    cmd->add_option("sources", o->sources, "the model file(s)")->required()->expected(1, 3);
    cmd->add_option("-o,--output", o->output,
                    "model file to write (default: NAME.json in the current folder)");
    cmd->add_option("--activations", o->activations,
                    "MicroPython text: the activations of its layers, comma-separated, a "
                    "parameter after '=' (relu,leaky_relu=0.01,sigmoid); replaces the ones the "
                    "text names");
    cmd->add_option("--name", o->name, "the model's name (default: from the source's file name)");
    cmd->add_option("--reference", o->reference,
                    "JSON file with \"inputs\" and the \"outputs\" the source framework "
                    "computed for them: they become the model's self-test, checked now and on "
                    "every load (instead of outputs anne computes itself)")
        ->check(CLI::ExistingFile);
    cmd->add_flag("--transposed", o->transposed,
                  "MicroPython text: the kernels are written [unit][input], as the original "
                  "AI-ANNE code computes with them (needed only when every kernel is square)");
    cmd->add_flag("--no-transposed", o->not_transposed,
                  "MicroPython text: the kernels are written [input][unit], as Keras stores them");
    cmd->add_option("--network", o->network,
                    "MicroPython text with several networks (the original project's "
                    "iris_example and diabetes_example hold two): import network N, 1 being the "
                    "first chain of dense() calls; without it such a text lists its networks")
        ->check(CLI::Range(std::size_t{1}, std::size_t{1000}));
    cmd->add_flag("--json", o->json, "print the result as JSON");
    cmd->add_option("--timeout", o->timeout,
                    "seconds (wall time) a source may take to read before it counts as damaged; "
                    "default: 3 s of CPU time, and 1 s more per 512 KB of the sources")
        ->check(CLI::Range(1u, 86400u));
    cmd->callback([o] { run(*o); });
}

}  // namespace anne::cli
