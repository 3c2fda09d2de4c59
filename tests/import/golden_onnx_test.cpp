// The ONNX golden suite (tests/golden/onnx, graphs made by generate.py with python3-onnx 1.12,
// outputs computed by onnxruntime-node 1.30 with run.js): every case through the importer,
// its rows through the imported model, compared with onnxruntime. Bounded outputs to 1e-6
// absolute, others to 1e-5 relative, class decisions identical. The graphs under refused/ must
// fail with the words their error.json names. No node needed: the outputs are committed.
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>

#include <gtest/gtest.h>

#include "error.hpp"
#include "import/import.hpp"
#include "support.hpp"

namespace anne {
namespace {

namespace fs = std::filesystem;

fs::path golden_dir() { return fs::path(test::source_dir()) / "tests" / "golden" / "onnx"; }

std::vector<fs::path> folders(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_directory()) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

TEST(ImportGoldenOnnx, EveryCaseReproducesOnnxruntime) {
    const fs::path dir = golden_dir() / "cases";
    if (!fs::exists(dir))
        GTEST_SKIP() << "tests/golden/onnx/cases is absent (generate.py makes it)";
    std::map<std::string, test::tally> by_pattern;
    std::size_t count = 0;
    for (const fs::path& folder : folders(dir)) {
        SCOPED_TRACE(folder.filename().string());
        const nlohmann::json expected =
            nlohmann::json::parse(test::read((folder / "expected.json").string()));
        model m;
        try {
            m = import_model({(folder / "model.onnx").string()});
        } catch (const error& e) {
            ADD_FAILURE() << e.what();
            continue;
        }
        ++count;
        const bool bounded = test::bounded_output(m);
        const test::comparison r = test::compare(m, expected, bounded);
        EXPECT_TRUE(r.within_tolerance) << r.first_problem;
        EXPECT_EQ(r.decisions_differing, 0u);
        for (const auto& p : expected.at("patterns")) {
            by_pattern[p.get<std::string>()].add(bounded, r.worst);
        }
    }
    EXPECT_GE(count, 200u);
    std::cout << count << " ONNX cases imported and compared with onnxruntime\n"
              << "worst difference of the cases using each operator or pattern (bounded "
                 "outputs: absolute; others: relative to max(1, |onnxruntime|)):\n";
    test::print_tallies(by_pattern, "pattern");
}

TEST(ImportGoldenOnnx, UnsupportedGraphsAreRefusedClearly) {
    const fs::path dir = golden_dir() / "refused";
    if (!fs::exists(dir)) GTEST_SKIP() << "tests/golden/onnx/refused is absent";
    std::size_t count = 0;
    for (const fs::path& folder : folders(dir)) {
        SCOPED_TRACE(folder.filename().string());
        const nlohmann::json words =
            nlohmann::json::parse(test::read((folder / "error.json").string()));
        const std::string source = (folder / "model.onnx").string();
        try {
            import_model({source});
            ADD_FAILURE() << "imported, but must be refused";
        } catch (const error& e) {
            const std::string what = e.what();
            EXPECT_EQ(what.rfind(source + ": ", 0), 0u) << what;
            for (const auto& w : words.at("error_contains"))
                EXPECT_NE(what.find(w.get<std::string>()), std::string::npos) << what;
            std::cout << "  refused: " << what.substr(source.size() + 2) << "\n";
            ++count;
        }
    }
    EXPECT_GE(count, 8u);
}

}  // namespace
}  // namespace anne
