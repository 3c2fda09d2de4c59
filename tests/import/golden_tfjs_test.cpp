// The TensorFlow.js golden suite (tests/golden/tfjs, made by tools/golden with tfjs 4.22.0):
// each case's model.json + weights.bin through the importer, its rows through the imported
// model, compared with tfjs's model.predict. Bounded outputs to 1e-6 absolute, others to 1e-5
// relative, class decisions identical. Cases using what anne cannot represent (log_softmax,
// ReLU with a max_value other than 6) must be refused with a message naming it.
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

// Why anne must refuse a case, or "" when it must import it.
std::string refusal(const nlohmann::json& expected) {
    for (const auto& a : expected.at("activations")) {
        const std::string s = a.get<std::string>();
        if (s == "log_softmax") return "activation 'log_softmax' is not supported";
        if (s.rfind("relu(max_value=", 0) == 0 && s != "relu(max_value=6)")
            return "(ReLU): max_value";
    }
    return "";
}

// "leaky_relu(alpha=0.3)" is reported as leaky_relu; the ReLU layer's forms keep their
// parameter, relu(max_value=6) being relu6.
std::string activation_key(const std::string& s) {
    return s.rfind("relu(", 0) == 0 ? s : s.substr(0, s.find('('));
}

TEST(ImportGoldenTfjs, EveryCase) {
    const fs::path dir = fs::path(test::source_dir()) / "tests" / "golden" / "tfjs";
    if (!fs::exists(dir / "index.json"))
        GTEST_SKIP() << "tests/golden/tfjs is absent (tools/golden generates it)";
    const nlohmann::json index = nlohmann::json::parse(test::read((dir / "index.json").string()));
    std::map<std::string, test::tally> by_activation;
    std::size_t imported = 0, refused = 0;
    for (const auto& entry : index.at("cases")) {
        const std::string name = entry.at("name").get<std::string>();
        SCOPED_TRACE(name);
        const fs::path folder = dir / name;
        const nlohmann::json expected =
            nlohmann::json::parse(test::read((folder / "expected.json").string()));
        const std::string must_refuse = refusal(expected);
        const std::string source = (folder / "model.json").string();
        model m;
        try {
            m = import_model({source});
        } catch (const error& e) {
            const std::string what = e.what();
            if (must_refuse.empty()) {
                ADD_FAILURE() << what;
            } else {
                EXPECT_NE(what.find(must_refuse), std::string::npos) << what;
                EXPECT_EQ(what.rfind(source, 0), 0u) << what;
                ++refused;
            }
            continue;
        }
        if (!must_refuse.empty()) {
            ADD_FAILURE() << "imported, but should be refused: " << must_refuse;
            continue;
        }
        ++imported;
        const bool bounded = expected.at("bounded").get<bool>();
        const test::comparison r = test::compare(m, expected, bounded);
        EXPECT_TRUE(r.within_tolerance) << expected.at("layers") << ": " << r.first_problem;
        EXPECT_EQ(r.decisions_differing, 0u) << expected.at("layers");
        std::map<std::string, bool> seen;
        for (const auto& a : expected.at("activations")) {
            const std::string key = activation_key(a.get<std::string>());
            if (seen[key]) continue;
            seen[key] = true;
            by_activation[key].add(bounded, r.worst);
        }
    }
    std::cout << imported << " cases imported and compared, " << refused << " refused as expected\n"
              << "worst difference of the cases using each activation or layer (bounded "
                 "outputs: absolute; others: relative to max(1, |tfjs|)):\n";
    test::print_tallies(by_activation, "activation");
}

}  // namespace
}  // namespace anne
