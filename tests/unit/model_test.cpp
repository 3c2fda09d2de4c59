// The model file: exact float32 round trip, and clear errors naming the JSON path.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <unistd.h>

#include "data.hpp"
#include "error.hpp"
#include "evaluation.hpp"
#include "model.hpp"

namespace {

// Expects parse_model to fail with a message containing every one of `parts`.
void expect_error(const std::string& text, std::initializer_list<const char*> parts) {
    try {
        anne::parse_model(text, "m.json");
        ADD_FAILURE() << "no error for:\n" << text;
    } catch (const anne::error& e) {
        for (const char* p : parts)
            EXPECT_NE(std::string(e.what()).find(p), std::string::npos) << e.what();
    }
}

const std::string header = R"({"format": "anne-model", "version": 1, "inputs": 2, )";

TEST(ModelFile, Float32ValuesRoundTripExactly) {
    anne::model m = anne::load_model("iris8");
    std::mt19937 rng(3);
    for (float& p : m.params) {  // every bit pattern of finite floats, denormals included
        std::uint32_t bits;
        do {
            bits = rng();
            std::memcpy(&p, &bits, 4);
        } while (!std::isfinite(p));
    }
    m.test = {};
    m.bind();
    const anne::model back = anne::parse_model(anne::model_to_json(m), "round trip");
    ASSERT_EQ(back.params.size(), m.params.size());
    EXPECT_EQ(0, std::memcmp(back.params.data(), m.params.data(), m.params.size() * 4));
    EXPECT_EQ(anne::model_to_json(back), anne::model_to_json(m));
}

TEST(ModelFile, BuiltInModelsReadBackUnchanged) {
    for (const std::string& name : anne::builtin_model_names()) {
        const anne::model m = anne::load_model(name);
        const anne::model back = anne::parse_model(anne::model_to_json(m), name);
        EXPECT_EQ(back.params, m.params);
        EXPECT_EQ(back.test.outputs, m.test.outputs);
        EXPECT_EQ(back.output.classes, m.output.classes);
    }
}

TEST(ModelFile, ErrorsNameTheJsonPath) {
    expect_error("{", {"m.json", "not valid JSON"});
    expect_error(R"({"format": "keras"})", {"$.format", "anne-model"});
    expect_error(R"({"format": "anne-model", "version": 7})", {"$.version", "not supported"});
    expect_error(header + R"("layers": []})", {"$.layers", "at least one layer"});
    // Kernel of 3 rows where the layer has 2 inputs.
    expect_error(header + R"("layers": [{"units": 1, "activation": "relu",
                 "kernel": [[1], [2], [3]], "bias": [0]}]})",
                 {"$.layers[0].kernel", "expected 2 rows"});
    // Second layer: a row with the wrong number of units.
    expect_error(
        header + R"("layers": [{"units": 2, "activation": "relu", "kernel": [[1, 2], [3, 4]],
                 "bias": [0, 0]}, {"units": 1, "activation": "sigmoid", "kernel": [[1, 2], [3]],
                 "bias": [0]}]})",
        {"$.layers[1].kernel[0]", "expected 1 numbers"});
    expect_error(header + R"("layers": [{"units": 1, "activation": "swishy", "kernel": [[1], [2]],
                 "bias": [0]}]})",
                 {"$.layers[0].activation", "unknown activation \"swishy\"", "leaky_relu"});
    expect_error(
        header + R"("layers": [{"units": 1, "activation": "leaky_relu", "kernel": [[1], [2]],
                 "bias": [0]}]})",
        {"$.layers[0]", "needs \"alpha\""});
    expect_error(header + R"("layers": [{"units": 1, "activation": "relu", "kernel": [[1], ["x"]],
                 "bias": [0]}]})",
                 {"$.layers[0].kernel[1][0]", "expected a number"});
    expect_error(header + R"("layers": [{"units": 1, "activation": "relu", "kernel": [[1], [1e39]],
                 "bias": [0]}]})",
                 {"m.json", "number overflow parsing '1e39'", "float32"});
    expect_error(header + R"("layers": [{"units": 1, "activation": "relu", "use_bias": false,
                 "kernel": [[1], [2]], "bias": [0]}]})",
                 {"$.layers[0].bias", "no bias"});
    expect_error(
        header + R"("preprocessing": {"type": "standardize", "mean": [0, 0], "std": [1, 0]},
                 "layers": [{"units": 1, "activation": "relu", "kernel": [[1], [2]], "bias": [0]}]})",
        {"$.preprocessing.std[1]", "> 0"});
    expect_error(header + R"("layers": [{"units": 1, "activation": "relu", "kernel": [[1], [2]],
                 "bias": [0]}], "output": {"type": "classes"}})",
                 {"$.output.type", "one output unit per class"});
}

TEST(ModelFile, SelfTestIsCheckedOnLoad) {
    const std::string body = header + R"("layers": [{"units": 1, "activation": "linear",
        "kernel": [[1], [2]], "bias": [0.5]}], "self_test": {"source": "by hand",
        "tolerance": 1e-6, "cases": [{"input": [1, 1], "output": [)";
    EXPECT_NO_THROW(anne::parse_model(body + "3.5]}]}}", "ok.json"));
    expect_error(body + "3.6]}]}}",
                 {"m.json: self-test failed: for case 1 the model computes 3.5 as output 1, where "
                  "the self-test recorded 3.6 (allowed difference 1e-06)"});
}

TEST(ModelFile, MissingFileIsAClearError) {
    try {
        anne::load_model("/nonexistent/model.json");
        ADD_FAILURE();
    } catch (const anne::error& e) {
        EXPECT_NE(std::string(e.what()).find("/nonexistent/model.json: cannot open"),
                  std::string::npos);
    }
}

TEST(Csv, ParsesQuotesAndReportsLines) {
    const anne::table t = anne::parse_csv("a,b,name\n1,2,\"x, y\"\n\n3,4,z\n", "t.csv");
    ASSERT_EQ(t.rows.size(), 2u);
    EXPECT_EQ(t.rows[0][2], "x, y");
    EXPECT_EQ(t.lines[1], 4u);
    const anne::dataset d = anne::to_dataset(t, "name");
    EXPECT_EQ(d.x, (std::vector<float>{1, 2, 3, 4}));
    EXPECT_EQ(d.labels[1], "z");
}

TEST(Csv, Errors) {
    auto message = [](const std::string& text, const std::string& target) {
        try {
            anne::to_dataset(anne::parse_csv(text, "t.csv"), target);
        } catch (const anne::error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    EXPECT_EQ(message("a,b\n1,2\n3,oops\n", ""),
              "t.csv:3: column \"b\": expected a number, got \"oops\"");
    EXPECT_EQ(message("a,b\n1,2,3\n", "b"), "t.csv:2: expected 2 cells (as in the header), got 3");
    EXPECT_EQ(message("a,b\n1,2\n", "c"), "t.csv: no column \"c\" (the columns are: a, b)");
    EXPECT_EQ(message("", "c"), "t.csv: empty file: expected a header row naming the columns");
    EXPECT_EQ(message("a,b\n\"1,2\n", "b").rfind("t.csv", 0), 0u);
}

// A CSV file in TMPDIR, removed when the test ends.
struct csv_file {
    std::string path = (std::filesystem::temp_directory_path() /
                        ("anne_unit_" + std::to_string(::getpid()) + ".csv"))
                           .string();
    explicit csv_file(const std::string& text) { std::ofstream(path, std::ios::binary) << text; }
    ~csv_file() { std::filesystem::remove(path); }
};

const std::string iris_header = "sepal_length,sepal_width,petal_length,petal_width,species\n";

TEST(Csv, StreamedInBlocksCountsEveryRowAsModelPredictDoes) {
    const anne::model m = anne::load_model("iris8");
    const std::vector<std::vector<float>> rows = {{6.8f, 2.8f, 4.8f, 1.4f},
                                                  {6.3f, 3.3f, 6.0f, 2.5f},
                                                  {5.1f, 3.5f, 1.4f, 0.2f},
                                                  {5.9f, 3.0f, 5.1f, 1.8f},
                                                  {6.0f, 2.2f, 4.0f, 1.0f}};
    const std::vector<std::string> labels = {"versicolor", "virginica", "setosa", "versicolor",
                                             "versicolor"};
    std::string text = iris_header;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        for (float v : rows[r]) text += std::to_string(v) + ",";
        text += labels[r] + "\n";
    }
    const csv_file f(text);
    anne::confusion c(anne::class_names(m));
    std::vector<std::size_t> block_sizes;
    const std::size_t n = anne::stream_labelled(
        m, f.path, "",
        [&](const anne::labelled_data& b) {
            block_sizes.push_back(b.d.rows());
            anne::evaluate_classifier(m, b, true, c);
        },
        2);
    EXPECT_EQ(n, 5u);
    EXPECT_EQ(block_sizes, (std::vector<std::size_t>{2, 2, 1}));
    std::vector<std::uint32_t> expected(4);  // [true * 2 + predicted]; setosa left out
    for (std::size_t r = 0; r < rows.size(); ++r)
        if (labels[r] != "setosa")
            ++expected[(labels[r] == "virginica") * 2 + m.decide(m.predict(rows[r]))];
    EXPECT_EQ(c.counts, expected);
}

TEST(Csv, StreamedInBlocksReportsTheErrorReadingTheWholeFileReports) {
    const anne::model m = anne::load_model("iris8");
    const std::string good = "6.8,2.8,4.8,1.4,versicolor\n";
    auto message = [&](const std::string& text) {
        const csv_file f(text);
        try {
            anne::confusion c(anne::class_names(m));
            anne::stream_labelled(
                m, f.path, "",
                [&](const anne::labelled_data& b) { anne::evaluate_classifier(m, b, false, c); },
                2);
        } catch (const anne::error& e) {
            const std::string s = e.what();
            return s.substr(s.find(".csv") + 4);
        }
        return std::string("no error");
    };
    const std::string dog = "1,2,3,4,dog\n";
    // A label that is not a class (line 2, in the first block) loses to any error of the file
    // further on, as it does when the whole file is read before any row is classified.
    EXPECT_EQ(
        message(iris_header + dog + good + good + good),
        ":2: label \"dog\" is not one of "
        "the model's classes (versicolor, virginica); --skip-other-classes leaves such rows out");
    EXPECT_EQ(message(iris_header + dog + good + good + "1,2,x,4,virginica\n"),
              ":5: column \"petal_length\": expected a number, got \"x\"");
    EXPECT_EQ(message(iris_header + dog + good + good + "1,2,x,4,virginica\n1,2\n"),
              ":6: expected 5 cells (as in the header), got 2");
    EXPECT_EQ(message(iris_header + dog + good + good + "1,2,3,4,\xe9\n"),
              ":5: a byte that is not UTF-8 text (the file may be Latin-1 or Windows-1252; save it "
              "as UTF-8)");
    EXPECT_EQ(message(iris_header), ": no data rows after the header");
}

}  // namespace
