// anne export MODEL --target cpp|c|micropython|onnx: the model as source code for a
// microcontroller, or as an ONNX file.
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "error.hpp"
#include "export/export.hpp"
#include "export/int8.hpp"
#include "files.hpp"
#include "model.hpp"

namespace anne::cli {

namespace {

namespace fs = std::filesystem;

struct export_options_cli {
    std::string model;
    std::string target;
    std::string name;
    std::string output;
    bool float_network = false;
};

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The name of the generated code when --name isn't given: the output file's name if there is
// one ("-o src/motor.hpp" gives motor), else the model's ("models/iris8.json" gives iris8).
std::string default_name(const export_options_cli& o) {
    if (!o.output.empty() && !fs::is_directory(o.output))
        return identifier_from(fs::path(o.output).stem().string());
    return identifier_from(fs::path(o.model).stem().string());
}

// -o DIR puts NAME.ext into DIR; -o FILE is taken as it is.
std::string output_path(const std::string& output, const std::string& name,
                        const std::string& ext) {
    return fs::is_directory(output) ? (fs::path(output) / (name + ext)).string() : output;
}

void run(export_options_cli o) {
    if (!o.output.empty() && o.output.back() == '/' && !fs::is_directory(o.output))
        fail("-o " + o.output, "no such folder");
    if (o.name.empty()) o.name = default_name(o);
    check_export_name(o.name);
    model m = load_model(o.model);
    if (m.int8 && o.float_network) m.int8.reset();
    if (m.int8 && o.target == "onnx")
        fail(o.model,
             "an int8 model exports to --target cpp, c or micropython (--float exports its "
             "float network to onnx)");
    export_options eo{o.name, std::string("anne ") + ANNE_VERSION,
                      "anne export " + o.model + " --target " + o.target + " --name " + o.name, ""};

    if (o.target == "c") {
        if (o.output.empty())
            fail("--target c", "writes two files: give -o DIR, -o DIR/NAME or -o NAME.h");
        std::string stem = output_path(o.output, o.name, "");
        if (ends_with(stem, ".h") || ends_with(stem, ".c")) stem.resize(stem.size() - 2);
        const std::string header = stem + ".h", source = stem + ".c";
        const std::string header_file = fs::path(header).filename().string();
        const c_files files =
            m.int8 ? export_int8_c(m, eo, header_file) : export_c(m, eo, header_file);
        write_files_atomic({{header, files.header}, {source, files.source}});
        std::cerr << "wrote " << header << " and " << source << "\n";
        return;
    }
    if (o.target == "onnx") {
        // Binary: never to the terminal; NAME.onnx by default.
        const std::string path =
            o.output.empty() ? o.name + ".onnx" : output_path(o.output, o.name, ".onnx");
        write_file_atomic(path, export_onnx(m, eo));
        std::cerr << "wrote " << path << "\n";
        return;
    }
    const bool cpp = o.target == "cpp";
    const std::string path =
        o.output.empty() ? "" : output_path(o.output, o.name, cpp ? ".hpp" : ".py");
    if (!path.empty()) eo.file = fs::path(path).filename().string();
    const std::string text =
        cpp ? (m.int8 ? export_int8_cpp(m, eo) : export_cpp(m, eo))
            : (m.int8 ? export_int8_micropython(m, eo) : export_micropython(m, eo));
    if (path.empty()) {
        std::cout << text;
        return;
    }
    write_file_atomic(path, text);
    std::cerr << "wrote " << path << "\n";
}

}  // namespace

void add_export(CLI::App& app) {
    auto o = std::make_shared<export_options_cli>();
    CLI::App* cmd = app.add_subcommand(
        "export",
        "Write a model as source code: a C++ header for the AI-ANNE core, a C99 header and "
        "source, a MicroPython file, or an ONNX file (opset 13, for onnxruntime and Netron). "
        "All run the same network with the model's preprocessing. An int8 model (anne "
        "quantize) exports its int8 network to C++, C or MicroPython, with the same float "
        "interface and one on int8 values.\n"
        "Examples:\n"
        "  anne export iris8 --target cpp -o iris8.hpp\n"
        "  anne export model.json --target c -o src/model     (src/model.h and src/model.c)\n"
        "  anne export iris6 --target micropython -o main/iris6.py\n"
        "  anne export iris8 --target onnx -o iris8.onnx");
    cmd->add_option("model", o->model, "model file, or iris8 / iris6")->required();
    cmd->add_option("-t,--target", o->target,
                    "cpp: one header using the AI-ANNE core (needs -I include); c: NAME.h + "
                    "NAME.c, plain C99; micropython: NAME.py; onnx: NAME.onnx")
        ->required()
        ->check(CLI::IsMember({"cpp", "c", "micropython", "onnx"}));
    cmd->add_option("-n,--name", o->name,
                    "C++ namespace, C prefix or Python module name (default: the output file's "
                    "name, else the model's)");
    cmd->add_flag("--float", o->float_network,
                  "for an int8 model (anne quantize): export its float network instead");
    cmd->add_option(
        "-o,--output", o->output,
        "file or folder to write (default for cpp and micropython: standard output; for "
        "onnx: NAME.onnx)");
    cmd->callback([o] { run(*o); });
}

}  // namespace anne::cli
