// anne selftest MODEL [--record [--data CSV] [-o OUT]]: runs a model file's self-test and says
// what it can notice; --record chooses new cases and records the outputs the model now
// computes, for a student who changed a weight on purpose.
#include <iostream>

#include "commands.hpp"
#include "data.hpp"
#include "error.hpp"
#include "files.hpp"
#include "model.hpp"
#include "self_test.hpp"

namespace anne::cli {

namespace {

struct selftest_options {
    std::string model, data, output;
    bool record = false;
};

constexpr const char* recorded_source =
    "anne selftest --record (outputs computed by anne; not an independent check)";

// Candidate inputs: the rows of --data (the model's feature columns by name, else every column
// but the last), then generated ones.
std::vector<std::vector<float>> candidates(const model& m, const std::string& data) {
    std::vector<std::vector<float>> rows;
    if (!data.empty()) {
        const table t = read_csv(data);
        const dataset d = m.pre.features.empty() ? to_dataset(t, t.header.back())
                                                 : to_dataset(t, "", m.pre.features);
        if (d.features.size() != m.inputs)
            fail(data, "the model takes " + std::to_string(m.inputs) + " inputs, the file has " +
                           std::to_string(d.features.size()) + " columns besides the last");
        for (std::size_t r = 0; r < d.rows(); ++r) rows.emplace_back(d.row(r), d.row(r) + m.inputs);
    }
    for (std::vector<float>& row : self_test_candidates(m)) rows.push_back(std::move(row));
    return rows;
}

void run(const selftest_options& o) {
    if (!o.record && (!o.data.empty() || !o.output.empty()))
        fail("--data, -o", "only with --record");
    if (builtin_model_text(o.model) && o.record && o.output.empty())
        fail(o.model, "a built-in model: give -o FILE to record its self-test into a copy");
    const std::string text =
        builtin_model_text(o.model) ? builtin_model_text(o.model) : read_file(o.model);
    model m = parse_model(text, o.model, o.record ? self_test_check::skip : self_test_check::run);
    if (o.record) {
        record_self_test(m, candidates(m, o.data), recorded_source);
        const std::string out = o.output.empty() ? o.model : o.output;
        parse_model(model_to_json(m), out);  // what is written passes its new self-test
        save_model(m, out);
        std::cout << "recorded a self-test of " << m.test.inputs.size() << " cases in " << out
                  << "\n";
    } else {
        std::cout << o.model << ": self-test passed, " << m.test.inputs.size()
                  << " cases (recorded by " << m.test.source << ")\n";
    }
    const std::vector<std::string> gaps = self_test_gaps(m);
    if (gaps.empty())
        std::cout << "  in some case every unit is active and every weight has a non-zero input, "
                     "so a changed weight, bias or activation fails it\n";
    for (const std::string& g : gaps) std::cout << "  cannot notice: " << g << "\n";
}

}  // namespace

void add_selftest(CLI::App& app) {
    auto o = std::make_shared<selftest_options>();
    CLI::App* cmd = app.add_subcommand(
        "selftest",
        "Run a model file's self-test (checked on every load) and show what it can notice; "
        "with --record, choose new cases, so that every unit is active in one of them, and "
        "record the outputs the model now computes (after you changed a weight on purpose).\n"
        "Examples: anne selftest my.json\n"
        "          anne selftest my.json --record --data data/iris.csv");
    cmd->add_option("model", o->model, "model file, or iris8 / iris6")->required();
    cmd->add_flag("--record", o->record,
                  "replace the self-test with new cases and the outputs the model computes now");
    cmd->add_option("--data", o->data,
                    "CSV file whose rows are candidate cases (with --record; else generated ones)");
    cmd->add_option("-o,--output", o->output,
                    "with --record: the model file to write (default: MODEL itself)");
    cmd->callback([o] { run(*o); });
}

}  // namespace anne::cli
