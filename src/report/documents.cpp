// The two documents: the report of one model (`anne report`) and the IRIS demo's report
// (`anne demo --report`).
#include <deque>

#include "iris_demo.hpp"
#include "report/report.hpp"
#include "report/svg.hpp"

namespace anne {

namespace {

std::string architecture_line(const model& m) {
    std::string s = std::to_string(m.inputs) + " inputs";
    for (const layer_info& l : m.layers)
        s += " \xe2\x86\x92 " + std::to_string(l.units) + " (" + l.activation + ")";
    return s;
}

std::string facts(const model& m) {
    std::size_t neurons = 0, biases = 0;
    for (const layer_info& l : m.layers) {
        neurons += l.units;
        biases += l.use_bias ? l.units : 0;
    }
    std::string features;
    for (const std::string& f : m.pre.features) features += (features.empty() ? "" : ", ") + f;
    std::string pre = "none: the network takes the raw values";
    if (m.pre.type != preprocessing::kind::none)
        pre = std::string(m.pre.title()) + ", " + m.pre.formula("x");
    std::string output = "plain values";
    if (m.output.type == output_meaning::kind::binary)
        output = "one output: class 1 (" + m.class_name(1) + ") above " +
                 svg::value(m.output.threshold) + ", else class 0 (" + m.class_name(0) + ")";
    if (m.output.type == output_meaning::kind::classes)
        output = "one output per class, the largest wins";

    std::string s = "<table class=\"facts\">\n";
    const auto row = [&s](const std::string& key, const std::string& value) {
        if (!value.empty())
            s += "<tr><th>" + html_escape(key) + "</th><td>" + html_escape(value) + "</td></tr>\n";
    };
    row("layers", architecture_line(m));
    row("inputs", std::to_string(m.inputs) + (features.empty() ? "" : ": " + features));
    row("neurons", std::to_string(neurons) + " in " + std::to_string(m.layers.size()) +
                       (m.layers.size() == 1 ? " layer" : " layers"));
    row("parameters", std::to_string(m.params.size()) + " (" +
                          std::to_string(m.params.size() - biases) + " weights, " +
                          std::to_string(biases) + " biases), " +
                          std::to_string(m.params.size() * sizeof(float)) + " bytes as float32");
    row("preprocessing", pre);
    row("output", output);
    row("source", m.origin.source);
    row("framework", m.origin.framework);
    return s + "</table>\n";
}

std::string diagram(const model& m, const std::vector<float>* sample,
                    const std::string& sample_origin) {
    std::string list;
    if (sample)
        for (float v : *sample) list += (list.empty() ? "" : ", ") + svg::value(v);
    return "<figure class=\"diagram\">\n" + network_svg(m, sample) +
           "<figcaption><span class=\"legend\"><span><i style=\"border-color:" + svg::positive +
           "\"></i>positive weight</span><span><i style=\"border-color:" + svg::negative +
           "\"></i>negative weight</span><span>thicker = larger |w|</span></span><br>"
           "One circle per input and one per neuron; one line per weight; b = the neuron's "
           "bias." +
           (sample ? " The numbers in the circles are for the sample [" + list + "] (" +
                         html_escape(sample_origin) +
                         "): the inputs after preprocessing, and each neuron's output y; a "
                         "dashed circle is a ReLU that outputs 0 for it."
                   : std::string()) +
           " Hover over a neuron to see its connections, over a line to see its weight."
           "</figcaption>\n</figure>\n";
}

std::string network_sections(const model& m, const std::vector<float>* sample,
                             const std::string& sample_origin) {
    std::string intro = m.description.empty() ? "" : "<p>" + html_escape(m.description) + "</p>\n";
    return section(m.name + ": the network", intro + facts(m) + diagram(m, sample, sample_origin)) +
           section(m.name + ": weights and biases per layer",
                   "<p class=\"note\">How large the weights are, layer by layer, on one scale. "
                   "Weights near 0 contribute little; a layer whose weights are all tiny or all "
                   "huge is a sign of trouble in training.</p>\n" +
                       weight_histograms(m));
}

}  // namespace

std::string model_report(const model& m, const report_inputs& in) {
    const std::vector<float>* sample = nullptr;
    std::string origin;
    std::vector<float> first_row;
    if (!m.test.inputs.empty()) {
        sample = &m.test.inputs[0];
        origin = "the model's first self-test case";
    } else if (in.data) {
        first_row.assign(in.data->d.row(0), in.data->d.row(0) + m.inputs);
        sample = &first_row;
        origin = "the first row of " + in.data_name;
    }
    std::string body = network_sections(m, sample, origin);
    if (in.log) body += section("Training: " + in.log_name, training_curves(*in.log));
    if (in.data && m.class_count() > 0) {
        confusion c(class_names(m));
        const std::size_t skipped = evaluate_classifier(m, *in.data, in.skip_other, c);
        std::string note = "<p class=\"note\">" + std::to_string(c.cm.total()) + " rows of " +
                           html_escape(in.data_name);
        if (skipped) note += " (" + std::to_string(skipped) + " rows of other classes left out)";
        body += section("Evaluation on " + in.data_name, note + ".</p>\n" + confusion_section(c));
    }
    if (in.data && m.class_count() == 0)
        body += section("Evaluation on " + in.data_name,
                        "<p class=\"note\">This model outputs plain values, so there is no "
                        "confusion matrix; <code>anne eval</code> gives its errors.</p>\n");
    if (m.inputs == 2)
        body += section(m.name + ": decision regions",
                        "<p class=\"note\">With two inputs the whole input plane can be drawn: "
                        "the network's answer at every point of a grid.</p>\n" +
                            decision_regions(m, in.data));
    return html_page("AI-ANNE report: " + m.name, architecture_line(m), body);
}

std::string iris_demo_report() {
    const dataset iris = iris_data();
    const labelled_samples split = iris_test_split(iris);
    const model iris8 = load_model("iris8"), iris6 = load_model("iris6");

    std::string rows;
    for (std::size_t i = 0; i < 20; ++i)
        rows += (i ? ", " : "") + std::to_string(iris_test_rows[i]);
    std::string body = section(
        "The task",
        "<p>Is an iris flower <em>Versicolor</em> (class 0) or <em>Virginica</em> (class 1)? "
        "Four measurements in cm go in: sepal length, sepal width, petal length, petal width. "
        "The papers test their two networks on 20 rows of the Iris data set (rows " +
            rows +
            "), standardized with the mean and standard deviation of all 100 Versicolor and "
            "Virginica rows.</p>\n");

    for (const model* m : {&iris8, &iris6}) {
        body += network_sections(*m, &split.x[0], "the first test row, 76");
        confusion c(iris_classes());
        score(*m, split, c);
        body += section(m->name + ": on the papers' test split", confusion_section(c));
    }

    // Each network's variants side by side; one that scores better than all the others of its
    // network, if one does, is marked.
    const std::vector<activation_variant>& variants = iris_activation_variants();
    std::deque<confusion> scores;
    for (const activation_variant& a : variants) {
        const model& base = std::string(a.network) == "IRIS-8" ? iris8 : iris6;
        score(with_activations(base, a.activations), split, scores.emplace_back(iris_classes()));
    }
    const auto same_network = [&](std::size_t v, std::size_t w) {
        return std::string(variants[v].network) == variants[w].network;
    };
    std::string cards;
    for (std::size_t v = 0; v < variants.size(); ++v) {
        const activation_variant& a = variants[v];
        const confusion_matrix& cm = scores[v].cm;
        bool best = true;
        for (std::size_t w = 0; w < variants.size(); ++w)
            if (w != v && same_network(v, w) && scores[w].cm.accuracy() >= cm.accuracy())
                best = false;
        std::string names;
        for (const std::string& n : a.activations) names += (names.empty() ? "" : ", ") + n;
        const bool first = v == 0 || !same_network(v, v - 1);
        if (first) cards += "<h3>" + html_escape(a.network) + "</h3>\n<div class=\"row\">\n";
        cards += std::string("<div class=\"card") + (best ? " best" : "") + "\">\n<h3>" +
                 html_escape(names) + "</h3>\n<p class=\"note\">named by " + html_escape(a.source) +
                 "</p>\n<p><strong>" + svg::value(100.0f * cm.accuracy(), 1) +
                 " %</strong> correct</p>\n" + confusion_heatmap(scores[v]) + "</div>\n";
        if (v + 1 == variants.size() || !same_network(v, v + 1)) cards += "</div>\n";
    }
    body += section(
        "The papers disagree about the activations",
        "<p>The same weights, with the activation functions each source names. For IRIS-8 all "
        "three sets (the two papers' and the original repository's iris_example) score 90 %. For "
        "IRIS-6 only relu, relu, relu (the published MicroPython code) "
        "reproduces the reported 95 %; relu, sigmoid, sigmoid (the working paper's text) scores "
        "90 %. Activation functions are part of the network: change them and the same weights "
        "compute something else.</p>\n" +
            cards);
    return html_page("AI-ANNE demo: the papers' two IRIS networks",
                     "IRIS-8 and IRIS-6 on the papers' test split: the networks, their weights, "
                     "their confusion matrices, and what the activation functions change.",
                     body);
}

}  // namespace anne
