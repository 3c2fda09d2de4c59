// anne train --trace, run as a user runs it: the trace file in its documented format, records
// per epoch and per step, the same model with and without it, summaries for large networks,
// and the warnings about dead ReLUs and saturated units on networks built to have them.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "../cli/run.hpp"
#include "files.hpp"
#include "json.hpp"
#include "model.hpp"
#include "support/text.hpp"

namespace {

using anne::test::anne;
using anne::test::has;

anne::fjson read_json(const std::string& path) { return anne::fjson::parse(anne::read_file(path)); }

// Versicolor and virginica: 100 rows, 80 to train on with the default validation share.
const std::string iris_binary =
    "train data/iris.csv --target species --classes versicolor,virginica --layers "
    "3:relu,1:sigmoid --loss bce --optimizer sgd --lr 0.05 --batch 16 --seed 3 ";

// The documented per-layer fields of a record (docs/training.md).
void expect_layer_fields(const anne::fjson& l) {
    for (const char* key : {"layer", "grad_norm", "dead", "dead_units", "saturated", "negative",
                            "mean_abs_update", "max_abs_update", "update_ratio"})
        EXPECT_TRUE(l.contains(key)) << key << " in " << l.dump();
}

// Every value of a kernel or bias part: update is after - before exactly, in float.
void expect_updates_are_differences(const anne::fjson& part) {
    const auto check = [](const anne::fjson& before, const anne::fjson& update,
                          const anne::fjson& after) {
        ASSERT_EQ(before.size(), after.size());
        for (std::size_t i = 0; i < before.size(); ++i)
            EXPECT_EQ(update[i].get<float>(), after[i].get<float>() - before[i].get<float>());
    };
    if (part["before"][0].is_array())
        for (std::size_t r = 0; r < part["before"].size(); ++r)
            check(part["before"][r], part["update"][r], part["after"][r]);
    else
        check(part["before"], part["update"], part["after"]);
}

TEST(TrainTrace, TraceFileHasTheDocumentedFields) {
    const std::string dir = anne::test::scratch_dir("trace_epoch");
    const auto r =
        anne(iris_binary + "--epochs 4 -o " + dir + "/m.json --trace " + dir + "/t.json");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.out, "and " + dir + "/t.json")) << r.out;
    const anne::fjson t = read_json(dir + "/t.json");
    EXPECT_EQ(t["format"], "anne-training-trace");
    EXPECT_EQ(t["version"], 1);
    EXPECT_EQ(t["every"], "epoch");
    EXPECT_EQ(t["detail"], "weights");
    EXPECT_EQ(t["thresholds"]["saturation_margin"].get<float>(), 0.01f);
    EXPECT_EQ(t["options"]["learning_rate"].get<float>(), 0.05f);
    EXPECT_EQ(t["network"]["inputs"], 4);
    EXPECT_EQ(t["network"]["parameters"], 19);
    EXPECT_EQ(t["network"]["layers"][0]["activation"], "relu");
    EXPECT_EQ(t["stopped"], "");

    const anne::fjson& records = t["records"];
    ASSERT_EQ(records.size(), 4u);
    for (std::size_t e = 0; e < 4; ++e) {
        const anne::fjson& rec = records[e];
        EXPECT_EQ(rec["epoch"], e + 1);
        EXPECT_FALSE(rec.contains("step"));
        EXPECT_EQ(rec["steps"], 5);  // 80 rows in batches of 16
        EXPECT_EQ(rec["samples"], 80);
        ASSERT_EQ(rec["layers"].size(), 2u);
        for (const anne::fjson& l : rec["layers"]) {
            expect_layer_fields(l);
            expect_updates_are_differences(l["kernel"]);
            expect_updates_are_differences(l["bias"]);
        }
        // Layer 1 (relu): the dead share and which units; no saturation to count. Layer 2
        // (sigmoid): the share of saturated outputs.
        const anne::fjson& l1 = rec["layers"][0];
        EXPECT_TRUE(l1["dead"].is_number() && l1["dead_units"].is_array());
        EXPECT_TRUE(l1["saturated"].is_null() && l1["negative"].is_null());
        EXPECT_TRUE(rec["layers"][1]["saturated"].is_number());
        EXPECT_EQ(l1["kernel"]["before"].size(), 4u);  // (inputs, units), as Keras stores it
        EXPECT_EQ(l1["kernel"]["before"][0].size(), 3u);
        EXPECT_EQ(l1["bias"]["gradient"].size(), 3u);
        // An epoch starts where the one before ended.
        if (e > 0) {
            EXPECT_EQ(l1["kernel"]["before"], records[e - 1]["layers"][0]["kernel"]["after"]);
        }
    }
    // The log's figures are the epoch records' figures.
    const anne::fjson log = read_json(dir + "/m.log.json");
    EXPECT_EQ(log["epochs"][3]["grad_norms"][1], records[3]["layers"][1]["grad_norm"]);
    EXPECT_EQ(log["epochs"][3]["dead_relu"][0], records[3]["layers"][0]["dead"]);
    EXPECT_TRUE(log["epochs"][3]["dead_relu"][1].is_null());
    EXPECT_EQ(log["epochs"][3]["saturated"][1], records[3]["layers"][1]["saturated"]);
    // The last record ends with the model's weights.
    const anne::model m = anne::load_model(dir + "/m.json");
    const anne::fjson& last = records[3]["layers"][1];
    EXPECT_EQ(last["kernel"]["after"][2][0].get<float>(), m.params[15 + 2]);
    EXPECT_EQ(last["bias"]["after"][0].get<float>(), m.params[18]);
}

TEST(TrainTrace, TracingChangesNoNumber) {
    // Without a trace, mini-batches run on the host's batch kernels (src/fast/, exact mode);
    // with one, on the core's traced step: the model and the log must be the same bytes.
    const std::string dir = anne::test::scratch_dir("trace_same");
    const std::string cmd =
        "train data/wine.csv --target cultivar --layers 6:tanh,4:leaky_relu:0.1,3:softmax "
        "--loss cce --optimizer adam --lr 0.01 --epochs 5 --batch 10 -o " +
        dir;
    ASSERT_EQ(anne(cmd + "/plain.json").code, 0);
    ASSERT_EQ(anne(cmd + "/epoch.json --trace " + dir + "/epoch.trace.json").code, 0);
    ASSERT_EQ(anne(cmd + "/step.json --trace " + dir + "/step.trace.json --trace-every step").code,
              0);
    const std::string plain = anne::read_file(dir + "/plain.json");
    EXPECT_EQ(plain, anne::read_file(dir + "/epoch.json"));
    EXPECT_EQ(plain, anne::read_file(dir + "/step.json"));
    EXPECT_EQ(anne::read_file(dir + "/plain.log.json"), anne::read_file(dir + "/step.log.json"));
    // The leaky layer's negative side is counted.
    const anne::fjson t = read_json(dir + "/epoch.trace.json");
    EXPECT_TRUE(t["records"][0]["layers"][1]["negative"].is_number());
    EXPECT_TRUE(t["records"][0]["layers"][0]["saturated"].is_number());
}

TEST(TrainTrace, OneRecordPerStep) {
    const std::string dir = anne::test::scratch_dir("trace_step");
    const auto r = anne(iris_binary + "--epochs 3 -o " + dir + "/m.json --trace " + dir +
                        "/t.json --trace-every step");
    ASSERT_EQ(r.code, 0) << r.err;
    const anne::fjson t = read_json(dir + "/t.json");
    EXPECT_EQ(t["every"], "step");
    const anne::fjson& records = t["records"];
    ASSERT_EQ(records.size(), 15u);  // 3 epochs x 5 batches
    for (std::size_t i = 0; i < records.size(); ++i) {
        const anne::fjson& rec = records[i];
        EXPECT_EQ(rec["epoch"], i / 5 + 1);
        EXPECT_EQ(rec["batch"], i % 5 + 1);
        EXPECT_EQ(rec["step"], i + 1);
        EXPECT_EQ(rec["steps"], 1);
        EXPECT_EQ(rec["samples"], 16);
        // Plain SGD: each update is -lr * gradient, up to the rounding of the new weight.
        const anne::fjson& k = rec["layers"][1]["kernel"];
        for (std::size_t row = 0; row < 3; ++row) {
            const float before = k["before"][row][0], gradient = k["gradient"][row][0],
                        update = k["update"][row][0];
            EXPECT_NEAR(update, -0.05f * gradient,
                        std::numeric_limits<float>::epsilon() * std::max(1.0f, std::fabs(before)));
        }
        if (i > 0) {
            EXPECT_EQ(rec["layers"][0]["bias"]["before"],
                      records[i - 1]["layers"][0]["bias"]["after"]);
        }
    }
}

// Above 1000 parameters a record keeps per-layer summaries, not every weight.
TEST(TrainTrace, SummariesForLargeNetworks) {
    const std::string dir = anne::test::scratch_dir("trace_large");
    const auto r = anne(
        "train data/digits.csv --target digit --layers 32:relu,10:softmax --loss cce --epochs 2 "
        "-o " +
        dir + "/m.json --trace " + dir + "/t.json");
    ASSERT_EQ(r.code, 0) << r.err;
    const anne::fjson t = read_json(dir + "/t.json");
    EXPECT_EQ(t["detail"], "summary");
    EXPECT_EQ(t["network"]["parameters"], 64 * 32 + 32 + 32 * 10 + 10);
    for (const anne::fjson& l : t["records"][1]["layers"]) {
        expect_layer_fields(l);
        EXPECT_FALSE(l.contains("kernel") || l.contains("bias"));
        EXPECT_GT(l["mean_abs_update"].get<float>(), 0.0f);
        EXPECT_GE(l["max_abs_update"].get<float>(), l["mean_abs_update"].get<float>());
        EXPECT_GT(l["update_ratio"].get<float>(), 0.0f);
    }
}

// A model file and data built so that a unit is, or all units are, in a known state.
struct built {
    std::string dir, model, data;
};
built build(const std::string& name, const std::string& layers) {
    built b{anne::test::scratch_dir(name), "", ""};
    b.model = b.dir + "/start.json";
    b.data = b.dir + "/data.csv";
    std::ofstream(b.model)
        << R"({"format": "anne-model", "version": 1, "name": ")" << name
        << R"(", "inputs": 2, "preprocessing": {"type": "none", "features": ["a", "b"]},
              "layers": [)"
        << layers << R"(],
              "output": {"type": "binary", "threshold": 0.5, "classes": ["no", "yes"]}})";
    // Positive inputs, 1 to 3; "yes" when a + b > 4.
    std::ofstream data(b.data);
    data << "a,b,label\n";
    for (int i = 0; i < 24; ++i) {
        const float a = 1.0f + static_cast<float>(i % 5) * 0.5f,
                    c = 1.0f + static_cast<float>(i % 3) * 0.75f;
        data << a << "," << c << "," << (a + c > 4.0f ? "yes" : "no") << "\n";
    }
    return b;
}

// Neuron 2 of layer 1 has weights 0 and bias -1: z = -1 for every sample, so relu gives 0 and
// relu's slope 0; no gradient reaches its weights, and it stays dead for good.
TEST(TrainTrace, DeadReluIsFoundAndNamed) {
    const built b = build("dead",
                          R"({"type": "dense", "units": 2, "activation": "relu", "use_bias": true,
                              "kernel": [[0.5, 0.0], [0.5, 0.0]], "bias": [0.0, -1.0]},
                             {"type": "dense", "units": 1, "activation": "sigmoid",
                              "use_bias": true, "kernel": [[1.0], [1.0]], "bias": [-1.0]})");
    const auto r = anne("train " + b.data + " --target label --init-from " + b.model +
                        " --loss bce --optimizer sgd --lr 0.1 --epochs 3 --batch 4 "
                        "--validation 0 -o " +
                        b.dir + "/m.json --trace " + b.dir + "/t.json");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.err,
                    "anne: warning: layer 1 (relu) in epoch 1: 1 of its 2 ReLUs (50 %) is dead "
                    "(output 0 for every sample) - a dead unit no longer learns, as no gradient "
                    "reaches its weights; try a smaller learning rate or leaky_relu"))
        << r.err;
    const anne::fjson log = read_json(b.dir + "/m.log.json");
    for (const anne::fjson& e : log["epochs"]) {
        EXPECT_EQ(e["dead_relu"][0].get<float>(), 0.5f);
        EXPECT_TRUE(e["dead_relu"][1].is_null());
    }
    const anne::fjson t = read_json(b.dir + "/t.json");
    for (const anne::fjson& rec : t["records"]) {
        const anne::fjson& l = rec["layers"][0];
        EXPECT_EQ(l["dead_units"], anne::fjson::array({2}));
        // The dead neuron's column and bias do not move; the live one's do.
        for (const anne::fjson& row : l["kernel"]["update"]) {
            EXPECT_EQ(row[1].get<float>(), 0.0f);
            EXPECT_NE(row[0].get<float>(), 0.0f);
        }
        EXPECT_EQ(l["bias"]["gradient"][1].get<float>(), 0.0f);
    }
}

// Weights of 40 on inputs of 1 to 3: z >= 80, where sigmoid(z) is 1 in float and its slope
// y (1 - y) is 0. The layer's gradients vanish, and the warning says why.
TEST(TrainTrace, SaturatedSigmoidsExplainVanishingGradients) {
    const built b = build("saturated",
                          R"({"type": "dense", "units": 3, "activation": "sigmoid",
                              "use_bias": true, "kernel": [[40, 40, 40], [40, 40, 40]],
                              "bias": [0, 0, 0]},
                             {"type": "dense", "units": 1, "activation": "sigmoid",
                              "use_bias": true, "kernel": [[0.1], [0.1], [0.1]], "bias": [0]})");
    const auto r = anne("train " + b.data + " --target label --init-from " + b.model +
                        " --loss bce --optimizer sgd --epochs 2 --batch 8 --validation 0 -o " +
                        b.dir + "/m.json --trace " + b.dir + "/t.json");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_TRUE(has(r.err,
                    "anne: warning: layer 1 (sigmoid): gradients 0.0e+00 (0.0e+00 x the output "
                    "layer's) in epoch 1 - vanishing: its weights hardly change; its sigmoid "
                    "units are saturated (100 % of outputs within 0.01 of 0 or 1)"))
        << r.err;
    EXPECT_FALSE(has(r.err, "layer 2 (sigmoid)")) << r.err;  // a confident output is no problem
    const anne::fjson log = read_json(b.dir + "/m.log.json");
    EXPECT_EQ(log["epochs"][0]["saturated"][0].get<float>(), 1.0f);
    const anne::fjson t = read_json(b.dir + "/t.json");
    EXPECT_EQ(t["records"][0]["layers"][0]["saturated"].get<float>(), 1.0f);
    EXPECT_EQ(t["records"][0]["layers"][0]["grad_norm"].get<float>(), 0.0f);
}

// When training diverges the trace is written too, up to and with the step that broke it.
TEST(TrainTrace, WrittenWhenTrainingDiverges) {
    const std::string dir = anne::test::scratch_dir("trace_nan");
    const auto r = anne(
        "train data/digits.csv --target digit --layers 8:relu,1:linear --loss mse "
        "--optimizer sgd --lr 1e12 --epochs 50 -o " +
        dir + "/m.json --trace " + dir + "/t.json --trace-every step");
    EXPECT_EQ(r.code, 1);
    const anne::fjson t = read_json(dir + "/t.json");
    EXPECT_TRUE(has(t["stopped"].get<std::string>(), "the loss became")) << t["stopped"];
    EXPECT_TRUE(t["records"].back()["loss"].is_null());  // NaN or infinite: null in JSON
}

TEST(TrainTrace, ClearErrors) {
    const std::string out = " -o " + anne::test::scratch_dir("trace_errors") + "/m.json";
    auto r = anne(iris_binary + "--trace-every step" + out);
    EXPECT_NE(r.code, 0);
    EXPECT_TRUE(has(r.err, "--trace-every requires --trace")) << r.err;
    r = anne(iris_binary + "--trace t.json --trace-every month" + out);
    EXPECT_NE(r.code, 0);
    EXPECT_TRUE(has(r.err, "--trace-every: month not in {step,epoch}")) << r.err;
}

}  // namespace
