// The self-test notices any change: for the built-in models every weight and bias changed by
// 0.01, and every activation swapped for another, fails on load (checked here by making each
// change, not by the coverage estimate of src/self_test.cpp); a recorded self-test covers
// every unit; the failure message reads as a sentence.
#include <gtest/gtest.h>

#include <anne/activation.hpp>

#include "error.hpp"
#include "model.hpp"
#include "self_test.hpp"

namespace anne {
namespace {

// Loads m's file text with the change made; the error message, or "" if it loaded.
template <class Change>
std::string load_changed(const std::string& name, Change change) {
    model m = parse_model(builtin_model_text(name), name);
    change(m);
    try {
        parse_model(model_to_json(m), "changed.json");
    } catch (const error& e) {
        return e.what();
    }
    return "";
}

class BuiltinSelfTest : public testing::TestWithParam<const char*> {};

TEST_P(BuiltinSelfTest, NoticesEveryWeightAndBiasChangedByOneHundredth) {
    const std::size_t count = parse_model(builtin_model_text(GetParam()), GetParam()).params.size();
    for (std::size_t p = 0; p < count; ++p)
        for (const float delta : {0.01f, -0.01f}) {
            const std::string e = load_changed(GetParam(), [&](model& m) { m.params[p] += delta; });
            EXPECT_NE(e.find("self-test failed"), std::string::npos)
                << GetParam() << ": parameter " << p << " changed by " << delta;
        }
}

TEST_P(BuiltinSelfTest, NoticesEveryActivationSwapped) {
    const model original = parse_model(builtin_model_text(GetParam()), GetParam());
    const registry& r = activation_registry();
    for (std::size_t k = 0; k < original.layers.size(); ++k)
        for (std::size_t a = 0; a < r.size(); ++a) {
            // relu and relu6 differ only where a weighted sum exceeds 6, which no case reaches.
            const std::string was = original.layers[k].activation, now = r[a].name;
            if (was == now || (was == "relu" && now == "relu6")) continue;
            const std::string e = load_changed(GetParam(), [&](model& m) {
                m.layers[k].activation = r[a].name;
                m.layers[k].alpha = r[a].parameter ? 0.1f : 0.0f;
                m.bind();
            });
            EXPECT_NE(e.find("self-test failed"), std::string::npos)
                << GetParam() << ": layer " << k + 1 << " as " << r[a].name;
        }
}

TEST_P(BuiltinSelfTest, CoversEveryUnit) {
    EXPECT_EQ(self_test_gaps(parse_model(builtin_model_text(GetParam()), GetParam())),
              std::vector<std::string>{});
}

INSTANTIATE_TEST_SUITE_P(Models, BuiltinSelfTest, testing::Values("iris8", "iris6"));

TEST(SelfTest, FailureReadsAsASentence) {
    const std::string e = load_changed("iris8", [](model& m) { m.params[0] -= 0.01f; });
    EXPECT_EQ(e.rfind("changed.json: self-test failed: for case ", 0), 0u) << e;
    EXPECT_NE(e.find(" the model computes "), std::string::npos) << e;
    EXPECT_NE(e.find(", where the self-test recorded "), std::string::npos) << e;
    EXPECT_NE(e.find("a weight, a bias or an activation has changed since it was recorded. If "
                     "you changed it on purpose, record a new self-test with: anne selftest "
                     "changed.json --record"),
              std::string::npos)
        << e;
    // The recorder's name (the papers, TensorFlow.js) is not pasted into the sentence.
    EXPECT_EQ(e.find("papers"), std::string::npos) << e;
}

// IRIS-8's two cases from the papers leave units closed (see CoversEveryUnit for the file's own
// cases); cases recorded from generated candidates alone open every one, and pass on load.
TEST(SelfTest, RecordedCasesOpenEveryUnit) {
    model m = parse_model(builtin_model_text("iris8"), "iris8");
    m.test.inputs.resize(2);
    m.test.outputs.resize(2);
    EXPECT_NE(self_test_gaps(m), std::vector<std::string>{});
    record_self_test(m, self_test_candidates(m), "test");
    EXPECT_EQ(self_test_gaps(m), std::vector<std::string>{});
    EXPECT_LE(m.test.inputs.size(), 8u);
    EXPECT_NO_THROW(parse_model(model_to_json(m), "recorded.json"));
}

}  // namespace
}  // namespace anne
