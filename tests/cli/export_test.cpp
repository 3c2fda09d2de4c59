// `anne export`, run as a user runs it: every target writes its files, mistakes get one clear
// message, a failed export leaves no temporary files and no changed output behind, and the
// headers the examples carry are what `anne export` makes today. (What the exported code
// computes is checked in tests/mcu.)
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "run.hpp"
#include "support/text.hpp"

namespace {

using anne::test::has;
using anne::test::slurp;

namespace fs = std::filesystem;
using anne::test::anne;
using anne::test::scratch_dir;

// The names in a folder, sorted.
std::vector<std::string> listing(const fs::path& dir) {
    std::vector<std::string> names;
    for (const fs::directory_entry& e : fs::directory_iterator(dir))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

// Lines of stderr that carry a message (the program writes one per error).
int error_lines(const std::string& err) {
    int n = 0;
    for (std::size_t at = err.find("anne: error:"); at != std::string::npos;
         at = err.find("anne: error:", at + 1))
        ++n;
    return n;
}

TEST(Export, CppWritesOneHeader) {
    const std::string dir = scratch_dir("export_cpp");
    const auto r = anne("export iris8 --target cpp -o " + dir + "/iris8.hpp");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "wrote " + dir + "/iris8.hpp\n");
    EXPECT_TRUE(r.out.empty());
    const std::string text = slurp(dir + "/iris8.hpp");
    EXPECT_TRUE(has(text, "#pragma once"));
    EXPECT_TRUE(has(text, "namespace iris8 {"));
    EXPECT_TRUE(has(text, "inline void predict(const float* in, float* out)"));
    EXPECT_TRUE(has(text, "-ffp-contract=off"));
    EXPECT_TRUE(has(text, "Exported by: anne 0.1.0: anne export iris8 --target cpp --name iris8"));
    EXPECT_EQ(listing(dir), std::vector<std::string>{"iris8.hpp"});
}

TEST(Export, CWritesHeaderAndSourceIntoAFolder) {
    const std::string dir = scratch_dir("export_c");
    const auto r = anne("export iris6 --target c -o " + dir);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.err, "wrote " + dir + "/iris6.h and " + dir + "/iris6.c\n");
    EXPECT_EQ(listing(dir), (std::vector<std::string>{"iris6.c", "iris6.h"}));
    EXPECT_TRUE(has(slurp(dir + "/iris6.h"), "iris6_predict("));
    EXPECT_TRUE(has(slurp(dir + "/iris6.c"), "#include \"iris6.h\""));
}

TEST(Export, MicroPythonWritesOneFile) {
    const std::string dir = scratch_dir("export_py");
    const auto r = anne("export iris8 --target micropython -o " + dir);
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(listing(dir), std::vector<std::string>{"iris8.py"});
    EXPECT_TRUE(has(slurp(dir + "/iris8.py"), "def predict("));
}

TEST(Export, NamesComeFromTheOutputFileOrTheOption) {
    const std::string dir = scratch_dir("export_names");
    auto r = anne("export iris8 --target cpp -o " + dir + "/motor.hpp");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(slurp(dir + "/motor.hpp"), "namespace motor {"));
    r = anne("export iris8 --target c --name pump -o " + dir + "/pump.h");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(slurp(dir + "/pump.c"), "pump_predict("));
}

TEST(Export, WithoutOutputCppGoesToStandardOutput) {
    const auto r = anne("export iris8 --target cpp");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(r.err.empty()) << r.err;
    EXPECT_TRUE(has(r.out, "namespace iris8 {"));
}

TEST(Export, UnknownTargetIsNamed) {
    const auto r = anne("export iris8 --target rust -o /dev/null");
    EXPECT_NE(r.code, 0);
    EXPECT_TRUE(r.out.empty());
    EXPECT_TRUE(has(r.err, "--target: rust not in {cpp,c,micropython,onnx}")) << r.err;
}

// ONNX is binary: NAME.onnx by default, never the terminal; anne reads it back as it wrote it.
TEST(Export, OnnxFileReadsBack) {
    const fs::path dir = scratch_dir("export-onnx");
    auto r = anne("export iris8 --target onnx -o " + dir.string() + "/");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(listing(dir), (std::vector<std::string>{"iris8.onnx"}));
    const std::string bytes = slurp(dir / "iris8.onnx");
    ASSERT_FALSE(bytes.empty());
    EXPECT_EQ(bytes[0], 0x08);  // a ModelProto's first field, ir_version
    r = anne("import " + (dir / "iris8.onnx").string() + " -o " + (dir / "back.json").string() +
             " --json");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out,
                    "\"architecture\": \"4 -> 2 (relu) -> 3 (sigmoid) -> 2 (relu) -> 1 "
                    "(sigmoid)\""))
        << r.out;
    r = anne("predict " + (dir / "back.json").string() + " 6.8 2.8 4.8 1.4");
    EXPECT_TRUE(has(r.out, "output [0.219777]")) << r.out;
    r = anne("export iris8 --target onnx -o " + (dir / "missing" / "x.onnx").string());
    EXPECT_NE(r.code, 0);
    EXPECT_EQ(listing(dir), (std::vector<std::string>{"back.json", "iris8.onnx"}));
}

TEST(Export, BadNamesAreExplained) {
    auto r = anne("export iris8 --target cpp --name 1abc");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(error_lines(r.err), 1) << r.err;
    EXPECT_TRUE(has(r.err, "anne: error: --name: \"1abc\" is not an identifier")) << r.err;

    r = anne("export iris8 --target c --name class -o /tmp");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "--name: \"class\" is a keyword")) << r.err;

    r = anne("export iris8 --target micropython --name a-b");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "--name: \"a-b\" is not an identifier")) << r.err;
}

TEST(Export, CNeedsAnOutput) {
    const auto r = anne("export iris8 --target c");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(r.out.empty());
    EXPECT_EQ(error_lines(r.err), 1) << r.err;
    EXPECT_TRUE(has(r.err, "anne: error: --target c: writes two files: give -o DIR")) << r.err;
}

TEST(Export, AFailedExportLeavesTheOldFileAndNothingElse) {
    const std::string dir = scratch_dir("export_keep");
    std::ofstream(dir + "/model.hpp") << "the previous export\n";
    const auto r = anne("export " + dir + "/missing.json --target cpp -o " + dir + "/model.hpp");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "missing.json: cannot open")) << r.err;
    EXPECT_EQ(slurp(dir + "/model.hpp"), "the previous export\n");
    EXPECT_EQ(listing(dir), std::vector<std::string>{"model.hpp"});
}

TEST(Export, AFailedWriteLeavesNothingBehind) {
    // iris8.c is taken by a folder: writing the source fails when it is moved into place.
    const std::string dir = scratch_dir("export_blocked");
    fs::create_directory(dir + "/iris8.c");
    auto r = anne("export iris8 --target c -o " + dir);
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(error_lines(r.err), 1) << r.err;
    EXPECT_TRUE(has(r.err, dir + "/iris8.c: cannot replace")) << r.err;
    // Neither file of the pair is written, nor a temporary one.
    EXPECT_EQ(listing(dir), std::vector<std::string>{"iris8.c"});

    // -o with a folder that does not exist says so.
    r = anne("export iris8 --target c -o " + dir + "/missing/");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "anne: error: -o " + dir + "/missing/: no such folder")) << r.err;

    // A folder that does not exist: nothing is created.
    r = anne("export iris8 --target cpp -o " + dir + "/no/such/folder/iris8.hpp");
    EXPECT_EQ(r.code, 1);
    EXPECT_TRUE(has(r.err, "iris8.hpp: cannot write")) << r.err;
    EXPECT_FALSE(fs::exists(dir + "/no"));
}

// The examples carry the IRIS-8 header so that they build without the anne program; it must
// be exactly what `anne export` makes from models/iris8.json today.
TEST(Export, TheExamplesHeadersAreCurrent) {
    const std::string dir = scratch_dir("export_examples");
    const auto r = anne("export iris8 --target cpp -o " + dir + "/iris8.hpp");
    ASSERT_EQ(r.code, 0) << r.err;
    const std::string current = slurp(dir + "/iris8.hpp");
    for (const char* copy :
         {"examples/pico/iris8.hpp", "arduino/examples/IrisClassifier/iris8.hpp"})
        EXPECT_EQ(slurp(fs::path(ANNE_SOURCE_DIR) / copy), current)
            << copy << " is out of date; make it again with\n  anne export iris8 --target cpp -o "
            << copy;
}

}  // namespace
