// The HTML report's parts, without a browser: the diagram's elements counted from the model,
// the training log's format and its errors, and the offline promise (nothing to fetch).
// tests/explain/browser/ opens the same reports in Chromium.
#include <gtest/gtest.h>

#include <anne/network.hpp>
#include <cmath>
#include <regex>
#include <string>

#include "error.hpp"
#include "evaluation.hpp"
#include "files.hpp"
#include "model.hpp"
#include "report/report.hpp"
#include "support/text.hpp"
#include "train/training_log.hpp"

namespace {

using anne::test::count;
using anne::test::has;

const std::string fixtures = ANNE_SOURCE_DIR "/tests/explain/fixtures/";

// The documented rule (docs/explain.md): one circle per input and one per neuron, one path
// per weight; biases are written beside the neurons, not drawn as circles.
TEST(Report, DiagramHasOneCirclePerNodeAndOnePathPerWeight) {
    for (const std::string& name : {std::string("iris8"), std::string("iris6"),
                                    fixtures + "blobs.json", fixtures + "xor.json"}) {
        const anne::model m = anne::load_model(name);
        const anne::network n = m.net();
        std::size_t weights = 0;
        for (std::size_t k = 0; k < n.depth; ++k)
            weights += anne::layer_inputs(n, k) * n.layers[k].units;
        for (const std::vector<float>* sample :
             {static_cast<const std::vector<float>*>(nullptr),
              m.test.inputs.empty() ? nullptr : &m.test.inputs[0]}) {
            const std::string svg = anne::network_svg(m, sample);
            EXPECT_EQ(count(svg, "<circle"), m.inputs + anne::unit_count(n)) << name;
            EXPECT_EQ(count(svg, "<circle class=\"node input\""), m.inputs) << name;
            EXPECT_EQ(count(svg, "<path"), weights) << name;
            EXPECT_EQ(count(svg, "<path class=\"edge"), weights) << name;
            EXPECT_EQ(count(svg, "<title>"), m.inputs + anne::unit_count(n) + weights) << name;
        }
    }
    // blobs' second layer has no bias: 4 biases written, not 7.
    const anne::model blobs = anne::load_model(fixtures + "blobs.json");
    EXPECT_EQ(count(anne::network_svg(blobs, nullptr), ">b "), 4u);
}

TEST(Report, EdgesShowSignAndMagnitude) {
    const anne::model m = anne::load_model("iris8");
    const std::string svg = anne::network_svg(m, nullptr);
    // The largest |w| of IRIS-8 is 2.1273055 (petal_length -> layer 1, neuron 1): width 5.
    EXPECT_TRUE(has(svg, "class=\"edge pos\"")) << svg;
    EXPECT_TRUE(has(svg, "class=\"edge neg\"")) << svg;
    EXPECT_TRUE(has(svg, "stroke-width=\"5\" data-from=\"0:2\" data-to=\"1:0\"")) << svg;
    EXPECT_TRUE(has(svg, "<title>weight -0.7532\nfrom sepal_length\nto layer 1, neuron 1</title>"));
    EXPECT_TRUE(has(svg, "<title>layer 2, neuron 1\nactivation sigmoid\nbias 1.1836</title>"));
}

TEST(Report, TrainingLogInTheDocumentedFormat) {
    const anne::training_log log = anne::read_training_log(fixtures + "training_log.json");
    ASSERT_EQ(log.epochs.size(), 30u);
    EXPECT_EQ(log.layers, 4u);
    EXPECT_EQ(log.epochs[0].epoch, 1u);
    EXPECT_FLOAT_EQ(log.epochs[0].loss, 0.66588f);
    EXPECT_FLOAT_EQ(log.epochs[29].val_accuracy, 0.8702f);
    EXPECT_EQ(log.loss_function, "binary_crossentropy");
    EXPECT_EQ(log.warnings.size(), 1u);
    const std::string html = anne::training_curves(log);
    EXPECT_TRUE(has(html, "training loss") && has(html, "validation loss"));
    EXPECT_TRUE(has(html, "validation accuracy") && has(html, "layer 4"));
    EXPECT_TRUE(has(html,
                    "30 epochs, loss binary_crossentropy, optimizer adam, learning rate "
                    "0.01."));
    EXPECT_TRUE(has(html, "<strong>Warning:</strong> layer 1&#39;s gradient norm"));

    // Only epoch and loss are required; null is a gap (a diverged loss).
    const anne::training_log small = anne::parse_training_log(
        R"({"epochs": [{"epoch": 1, "loss": 0.5}, {"epoch": 2, "loss": null}]})", "small.json");
    EXPECT_TRUE(std::isnan(small.epochs[1].loss));
    EXPECT_TRUE(std::isnan(small.epochs[0].accuracy));
    EXPECT_EQ(small.layers, 0u);
    const std::string curves = anne::training_curves(small);
    EXPECT_FALSE(has(curves, "accuracy</text>"));
    EXPECT_FALSE(has(curves, "gradient"));
}

// anne train logs what the units did per epoch; the report draws it as shares of 0 to 1, one
// line per layer that has such units (dead solid, saturated dashed).
TEST(Report, TrainingLogWithDeadAndSaturatedUnits) {
    const anne::training_log log = anne::parse_training_log(
        R"({"epochs": [
              {"epoch": 1, "loss": 0.7, "grad_norms": [0.1, 0.2, 0.3],
               "dead_relu": [0.0, null, null], "saturated": [null, 0.5, 0.9]},
              {"epoch": 2, "loss": 0.6, "grad_norms": [0.1, 0.2, 0.3],
               "dead_relu": [0.25, null, null], "saturated": [null, 0.75, 0.95]}]})",
        "log.json");
    EXPECT_EQ(log.epochs[1].dead_relu[0], 0.25f);
    EXPECT_TRUE(std::isnan(log.epochs[1].dead_relu[1]));
    EXPECT_EQ(log.epochs[0].saturated[2], 0.9f);
    const std::string html = anne::training_curves(log);
    EXPECT_TRUE(has(html, "What the units did per layer")) << html;
    EXPECT_TRUE(has(html, "<title>layer 1 dead ReLUs, epoch 2: 0.25</title>"));
    EXPECT_TRUE(has(html, "<title>layer 2 saturated, epoch 1: 0.5</title>"));
    EXPECT_FALSE(has(html, "layer 2 dead ReLUs"));  // not a ReLU layer
    EXPECT_TRUE(has(html, ">1</text>"));            // the axis runs to 1, all units

    // A log without them (an older one, or a network without such units) draws no such chart.
    EXPECT_FALSE(has(anne::training_curves(anne::read_training_log(fixtures + "training_log.json")),
                     "What the units did"));
}

void expect_log_error(const std::string& text, const std::string& message) {
    try {
        anne::parse_training_log(text, "log.json");
        ADD_FAILURE() << "no error for " << text;
    } catch (const anne::error& e) {
        EXPECT_EQ(std::string(e.what()), message);
    }
}

TEST(Report, TrainingLogErrorsNameTheFileAndPlace) {
    expect_log_error(R"({"epochs": []})", "log.json: $.epochs: expected at least one epoch");
    expect_log_error(R"({"epochs": [{"epoch": 1}]})", "log.json: $.epochs[0]: missing \"loss\"");
    expect_log_error(R"({"epochs": [{"epoch": 1, "loss": "low"}]})",
                     "log.json: $.epochs[0].loss: expected a number, got string");
    expect_log_error(R"({"epochs": [{"epoch": 2, "loss": 1}, {"epoch": 2, "loss": 1}]})",
                     "log.json: $.epochs[1].epoch: expected epochs in increasing order, after "
                     "epoch 2");
    expect_log_error(R"({"epochs": [{"epoch": 1, "loss": 1, "grad_norms": [1, 2]},
                                    {"epoch": 2, "loss": 1, "grad_norms": [1]}]})",
                     "log.json: $.epochs[1].grad_norms: expected 2 numbers (one per layer), as "
                     "in the epochs before");
    expect_log_error(R"({"epochs": [{"epoch": 1, "loss": 1, "dead_relu": [0.5, null]},
                                    {"epoch": 2, "loss": 1, "dead_relu": [0.5]}]})",
                     "log.json: $.epochs[1].dead_relu: expected 2 numbers (one per layer), as "
                     "in the epochs before");
    expect_log_error(R"([1, 2])", "log.json: $: expected an object with \"epochs\"");
    expect_log_error(R"({"format": "keras-history", "epochs": [{"epoch": 1, "loss": 1}]})",
                     "log.json: $.format: expected \"anne-training-log\"");
    expect_log_error(R"({"format": "anne-training-log", "version": 2, "epochs": []})",
                     "log.json: $.version: version 2 is not supported (this anne reads 1)");
}

TEST(Report, ConfusionHeatMapAndMetrics) {
    anne::confusion c({"versicolor", "virginica"});
    for (int i = 0; i < 8; ++i) c.cm.add(0, 0);
    for (int i = 0; i < 2; ++i) c.cm.add(0, 1);
    for (int i = 0; i < 10; ++i) c.cm.add(1, 1);
    const std::string html = anne::confusion_section(c);
    EXPECT_EQ(count(html, "<rect"), 4u);
    EXPECT_TRUE(has(html, "<title>true versicolor, predicted virginica: 2 of 10 (20 %)"));
    EXPECT_TRUE(has(html, "Accuracy 90 %</strong> (18 of 20 correct)"));
    EXPECT_TRUE(has(html, "TN 8, FP 2, FN 0, TP 10"));
}

TEST(Report, DecisionRegionsForTwoInputs) {
    const anne::model m = anne::load_model(fixtures + "xor.json");
    const anne::labelled_data data = anne::read_labelled(m, fixtures + "xor.csv", "");
    const std::string svg = anne::decision_regions(m, &data);
    EXPECT_EQ(count(svg, "<rect"), 48u * 48u + 1u);  // the grid and its frame
    EXPECT_EQ(count(svg, "<circle"), data.d.rows());
    // The XOR network: near (1, 0) it says "different", near (0, 0) "same".
    EXPECT_TRUE(std::regex_search(
        svg, std::regex("a 1\\.0\\d*, b -?0\\.0\\d*\noutput 0\\.9\\d*: different")))
        << "no confident 'different' cell near (1, 0)";
}

TEST(Report, PagesAreSelfContained) {
    const anne::model m = anne::load_model("iris8");
    const anne::training_log log = anne::read_training_log(fixtures + "training_log.json");
    anne::report_inputs in;
    in.log = &log;
    in.log_name = "training_log.json";
    for (const std::string& html : {anne::model_report(m, in), anne::iris_demo_report()}) {
        EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
        EXPECT_TRUE(has(html, "Content-Security-Policy\" content=\"default-src 'none'"));
        // The only URLs are the SVG namespace name, which is never fetched.
        std::string rest =
            std::regex_replace(html, std::regex("xmlns=\"http://www.w3.org/2000/svg\""), "");
        EXPECT_FALSE(has(rest, "http:")) << "an address in the page";
        EXPECT_FALSE(has(rest, "https:")) << "an address in the page";
        EXPECT_FALSE(has(rest, " src=")) << "an external script or image";
        EXPECT_FALSE(has(rest, "@import")) << "an external style sheet or font";
        EXPECT_FALSE(has(rest, "url(")) << "an external resource in the CSS";
        EXPECT_EQ(count(html, "<script>"), 1u);
    }
}

TEST(Report, DemoShowsBothNetworksAndTheDiscrepancy) {
    const std::string html = anne::iris_demo_report();
    EXPECT_EQ(count(html, "<svg class=\"network\""), 2u);
    EXPECT_TRUE(has(html, "The papers disagree about the activations"));
    // The five variants with their accuracies on the papers' test split (FACTS.md §1; the
    // third IRIS-8 one from the original repository's iris_example: 90 %, TN 8 FP 2 FN 0 TP 10).
    for (const char* card :
         {"relu, sigmoid, relu, sigmoid</h3>", "relu, tanh, softmax, sigmoid</h3>",
          "tanh, sigmoid, relu, sigmoid</h3>", "relu, relu, relu</h3>",
          "relu, sigmoid, sigmoid</h3>"})
        EXPECT_TRUE(has(html, card)) << card;
    EXPECT_EQ(count(html, "<strong>90 %</strong> correct"), 4u);
    EXPECT_EQ(count(html, "<strong>95 %</strong> correct"), 1u);
    EXPECT_EQ(count(html, "class=\"card best\""), 1u);
    EXPECT_TRUE(has(html, "<title>true versicolor, predicted virginica: 1 of 10 (10 %)"));
}

TEST(Report, HtmlEscape) {
    EXPECT_EQ(anne::html_escape("a < b & \"c\" > 'd'"),
              "a &lt; b &amp; &quot;c&quot; &gt; &#39;d&#39;");
}

}  // namespace
