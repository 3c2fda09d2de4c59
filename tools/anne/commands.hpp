// The subcommands of the `anne` program; each file adds one to the application.
#pragma once

#include <CLI/CLI.hpp>

namespace anne::cli {

void add_demo(CLI::App& app);
void add_predict(CLI::App& app);
void add_eval(CLI::App& app);
void add_info(CLI::App& app);
void add_train(CLI::App& app);
void add_import(CLI::App& app);
void add_export(CLI::App& app);
void add_explain(CLI::App& app);
void add_report(CLI::App& app);
void add_quantize(CLI::App& app);
void add_selftest(CLI::App& app);

}  // namespace anne::cli
