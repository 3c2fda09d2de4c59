// `anne import` as a user runs it: it writes a model file that `anne info` shows with its
// provenance and self-test status, and a failed import exits non-zero with one message and
// writes nothing.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "support.hpp"

namespace anne {
namespace {

namespace fs = std::filesystem;

struct run_result {
    int code;
    std::string out, err;
};

// Runs `anne ARGS` through the shell, ARGS as written.
run_result anne_program(const test::temp_dir& dir, const std::string& args) {
    const std::string out = dir.file("stdout.txt"), err = dir.file("stderr.txt");
    const int status = std::system(
        (std::string("'") + ANNE_PROGRAM + "' " + args + " >'" + out + "' 2>'" + err + "'")
            .c_str());
    return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, test::read(out), test::read(err)};
}

const char* const tiny_network =
    "w1 = [[0.5, -1.0], [0.25, 2.0], [1.0, 0.0]]\n"
    "b1 = [0.1, -0.1]\n"
    "w2 = [[1.5], [-0.5]]\n"
    "b2 = [0.2]\n"
    "h = dense(2, x, w1, b1, 'relu')\n"
    "y = dense(1, h, w2, b2, 'sigmoid')\n";

TEST(ImportCli, WritesAModelThatInfoShowsWithProvenanceAndSelfTest) {
    test::temp_dir dir;
    test::write(dir.file("tiny.py"), tiny_network);
    const std::string model = dir.file("tiny.json");
    const run_result imported =
        anne_program(dir, "import '" + dir.file("tiny.py") + "' -o '" + model + "'");
    ASSERT_EQ(imported.code, 0) << imported.err;
    EXPECT_NE(imported.out.find("3 -> 2 (relu) -> 1 (sigmoid)"), std::string::npos) << imported.out;
    EXPECT_NE(imported.out.find("not an independent check"), std::string::npos) << imported.out;
    EXPECT_NE(imported.out.find("wrote " + model), std::string::npos) << imported.out;

    const run_result info = anne_program(dir, "info '" + model + "'");
    ASSERT_EQ(info.code, 0) << info.err;
    EXPECT_NE(info.out.find("source: " + dir.file("tiny.py")), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("framework: AI-ANNE MicroPython"), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("converted by: anne "), std::string::npos) << info.out;
    EXPECT_NE(info.out.find("self-test: passed, 3 cases against anne (computed at import; not an "
                            "independent check)"),
              std::string::npos)
        << info.out;
}

TEST(ImportCli, JsonOutput) {
    test::temp_dir dir;
    test::write(dir.file("tiny.py"), tiny_network);
    const run_result r =
        anne_program(dir, "import '" + dir.file("tiny.py") + "' --name tiny8 --json -o '" +
                              dir.file("m.json") + "'");
    ASSERT_EQ(r.code, 0) << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j.at("name"), "tiny8");
    EXPECT_EQ(j.at("output"), "binary");
    EXPECT_EQ(j.at("self_test").at("cases"), 3);
}

TEST(ImportCli, FailureExitsNonZeroAndWritesNothing) {
    test::temp_dir dir;
    // A truncated copy of a valid import source: the text stops inside a list.
    const std::string text = tiny_network;
    test::write(dir.file("cut.py"), text.substr(0, 30));
    const std::string model = dir.file("out.json");
    const run_result r =
        anne_program(dir, "import '" + dir.file("cut.py") + "' -o '" + model + "'");
    EXPECT_NE(r.code, 0);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err.rfind("anne: error: " + dir.file("cut.py") + ": line 1:", 0), 0u) << r.err;
    EXPECT_FALSE(fs::exists(model));

    const std::string h5 = test::keras_models_dir().empty()
                               ? ""
                               : test::keras_models_dir() + "/keras250_h5/model.hdf5";
    if (h5.empty()) GTEST_SKIP() << "../shared/keras-models is absent";
    const std::string bytes = test::read(h5);
    test::write(dir.file("cut.h5"), bytes.substr(0, bytes.size() / 3));
    const run_result h =
        anne_program(dir, "import '" + dir.file("cut.h5") + "' -o '" + model + "'");
    EXPECT_NE(h.code, 0);
    // One line of our own, no HDF5 error stack.
    EXPECT_EQ(h.err,
              "anne: error: " + dir.file("cut.h5") +
                  ": not a readable HDF5 file (truncated or corrupt: HDF5 cannot open it)\n");
    EXPECT_FALSE(fs::exists(model));
}

TEST(ImportCli, RefusesToOverwriteItsSource) {
    test::temp_dir dir;
    test::write(dir.file("tiny.py"), tiny_network);
    const run_result r =
        anne_program(dir, "import '" + dir.file("tiny.py") + "' -o '" + dir.file("tiny.py") + "'");
    EXPECT_NE(r.code, 0);
    EXPECT_EQ(test::read(dir.file("tiny.py")), tiny_network);
}

}  // namespace
}  // namespace anne
