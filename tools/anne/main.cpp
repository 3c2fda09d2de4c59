// anne: the AI-ANNE command-line program. Each subcommand lives in its own cmd_*.cpp file.
#include <iostream>

#include "commands.hpp"
#include "error.hpp"

int main(int argc, char** argv) {
    CLI::App app{
        "AI-ANNE: A Neural Net for Exploration. Small neural networks you can read, "
        "run, explain and put on a microcontroller.\n"
        "Models are model files or the built-in names iris8 and iris6."};
    app.set_version_flag("--version", std::string("anne ") + ANNE_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);
    anne::cli::add_demo(app);
    anne::cli::add_predict(app);
    anne::cli::add_eval(app);
    anne::cli::add_info(app);
    anne::cli::add_train(app);
    anne::cli::add_import(app);
    anne::cli::add_export(app);
    anne::cli::add_explain(app);
    anne::cli::add_report(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const anne::error& e) {
        std::cerr << "anne: error: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "anne: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
