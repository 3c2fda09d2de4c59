// anne: the AI-ANNE command-line program. Each subcommand lives in its own cmd_*.cpp file.
#include <csignal>
#include <iostream>
#include <string>

#include "commands.hpp"
#include "error.hpp"

namespace {

// A message fit for a terminal: names read from a damaged file may hold any bytes, so control
// characters and bytes that are not UTF-8 are shown as \xNN.
std::string printable(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        // Length of a well-formed UTF-8 sequence starting here, or 0.
        std::size_t n = c < 0x80         ? 1
                        : (c >> 5) == 6  ? 2
                        : (c >> 4) == 14 ? 3
                        : (c >> 3) == 30 ? 4
                                         : 0;
        for (std::size_t k = 1; k < n; ++k)
            if (i + k >= s.size() || (static_cast<unsigned char>(s[i + k]) >> 6) != 2) n = 0;
        if (n == 0 || (n == 1 && ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f))) {
            static const char hex[] = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
            ++i;
            continue;
        }
        out.append(s, i, n);
        i += n;
    }
    return out;
}

}  // namespace

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
    anne::cli::add_quantize(app);
    anne::cli::add_selftest(app);
    // Past a file-size limit (ulimit -f) a write fails with EFBIG, which anne reports and cleans
    // up after, instead of the signal ending the program with a half-written temporary file.
    std::signal(SIGXFSZ, SIG_IGN);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    } catch (const std::exception& e) {
        std::cerr << "anne: error: " << printable(e.what()) << "\n";
        return 1;
    }
    return 0;
}
