// anne_predict_cli: `anne predict --json`, the program as a user runs it, gives the bits that
// every exported-code test expects (and every target gives).
//
//   anne_predict_cli ANNE GEN NAME...
//
// For each model NAME of the suites (GEN is tests/mcu/gen of the host build), one of its test
// samples (the k-th model's sample k mod samples, so the samples vary) goes to
// `ANNE predict MODEL x1 x2 ... --json` as decimal text that reads back to the same float32;
// MODEL is GEN/models/NAME.json or, for iris8 and iris6, the built-in name. Every printed
// output (the shortest text that reads back to the float, json.hpp) must have the bits of
// GEN/data/NAME.json's output (what generate.cpp's anne::model::predict computed, the
// expectation of check.cpp on every target), and the printed class the same class.
// One process per model: about 25 ms each, so one sample, not all.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "error.hpp"
#include "files.hpp"
#include "float_bits.hpp"
#include "json.hpp"

namespace {

namespace fs = std::filesystem;

// What the command prints on stdout; a non-zero exit is an error naming the command.
std::string run(const std::string& command) {
    FILE* p = popen(command.c_str(), "r");
    if (!p) anne::fail(command, "cannot start it");
    std::string out;
    char buf[4096];
    for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
    if (pclose(p) != 0) anne::fail(command, "failed (its message is above)");
    return out;
}

std::string quoted(const std::string& s) {
    if (s.find('\'') != std::string::npos) anne::fail(s, "expected a path without a quote");
    return "'" + s + "'";
}

struct tally {
    unsigned long models = 0, outputs = 0, differ = 0, classes_differ = 0;
};

void check_model(const std::string& anne, const std::string& gen, const std::string& name,
                 std::size_t k, tally& t) {
    const std::string data_path = gen + "/data/" + name + ".json";
    const anne::fjson doc = anne::parse_json(anne::read_file(data_path), data_path);
    const anne::json_at data(doc, "$", data_path);
    const std::size_t s = k % data["inputs"].size();
    const std::string file = gen + "/models/" + name + ".json";
    std::string command = quoted(anne) + " predict " + quoted(fs::exists(file) ? file : name);
    for (float x : data["inputs"][s].floats()) {
        char buf[32];
        std::snprintf(buf, sizeof buf, " %.9g", static_cast<double>(x));  // reads back exactly
        command += buf;
    }
    command += " --json";
    const std::string printed = run(command);
    const anne::fjson answer_doc = anne::parse_json(printed, command);
    const anne::json_at answer(answer_doc, "$", command);
    const std::vector<float> want = data["outputs"][s].floats();
    const std::vector<float> got = answer["output"].floats(want.size());
    unsigned long differ = 0;
    for (std::size_t i = 0; i < want.size(); ++i) {
        if (float_bits::bits(got[i]) == float_bits::bits(want[i])) continue;
        ++differ;
        std::printf("  %s sample %zu output %zu: anne predict 0x%08lx, expected 0x%08lx  <- FAIL\n",
                    name.c_str(), s, i, static_cast<unsigned long>(float_bits::bits(got[i])),
                    static_cast<unsigned long>(float_bits::bits(want[i])));
    }
    const long want_class = doc["classes"][s].get<long>();
    const long got_class = answer_doc["class"].is_null() ? -1 : answer_doc["class"].get<long>();
    if (got_class != want_class) {
        ++t.classes_differ;
        std::printf("  %s sample %zu: anne predict class %ld, expected %ld  <- FAIL\n",
                    name.c_str(), s, got_class, want_class);
    }
    ++t.models;
    t.outputs += want.size();
    t.differ += differ;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::cerr << "usage: anne_predict_cli ANNE GEN NAME...\n"
                     "  runs `ANNE predict --json` on one test sample of each model of the\n"
                     "  exported-code tests (GEN: tests/mcu/gen) and compares its output bits\n"
                     "  with GEN/data/NAME.json's\n";
        return 2;
    }
    tally t;
    try {
        for (int k = 3; k < argc; ++k) check_model(argv[1], argv[2], argv[k], k - 3, t);
    } catch (const std::exception& e) {
        std::cerr << "anne_predict_cli: " << e.what() << "\n";
        return 1;
    }
    const bool pass = t.differ == 0 && t.classes_differ == 0;
    std::printf(
        "anne predict --json: %lu models, one sample each: %lu of %lu outputs "
        "bit-identical with the exported-code tests' expectations, %lu classes differ: "
        "%s\n",
        t.models, t.outputs - t.differ, t.outputs, t.classes_differ, pass ? "PASS" : "FAIL");
    return pass ? 0 : 1;
}
