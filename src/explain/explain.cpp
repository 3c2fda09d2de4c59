#include "explain/explain.hpp"

#include <anne/activation.hpp>
#include <anne/trace.hpp>
#include <cctype>
#include <cmath>

#include "error.hpp"

namespace anne {

// ---------------------------------------------------------------------------------------------
// Collecting the core's trace.

namespace {

void collect_layer(void* context, std::size_t, const layer& l, const float*, std::size_t n) {
    layer_step s;
    s.inputs = n;
    s.activation = l.f->name;
    s.formula = l.f->formula;
    s.parameter = l.f->parameter;
    s.alpha = l.alpha;
    s.use_bias = l.use_bias;
    s.softmax = l.f == &activations::softmax;
    static_cast<explanation*>(context)->layers.push_back(std::move(s));
}

void collect_neuron(void* context, std::size_t, const layer&, std::size_t, const float* x,
                    std::size_t n, const float* w, std::size_t stride, float bias, float z,
                    float y) {
    neuron_step s;
    for (std::size_t i = 0; i < n; ++i) {
        s.inputs.push_back(x[i]);
        s.weights.push_back(w[i * stride]);
        s.products.push_back(x[i] * w[i * stride]);
    }
    s.bias = bias;
    s.z = z;
    s.y = y;
    static_cast<explanation*>(context)->layers.back().neurons.push_back(std::move(s));
}

// The exponentials and their sum are not kept by anne::softmax, so they are recomputed here for
// display, in float and in the same order; the tests check that exps[i] / sum is the traced y.
void collect_layer_end(void* context, std::size_t, const layer& l, const float* zs, const float*) {
    layer_step& s = static_cast<explanation*>(context)->layers.back();
    if (!s.softmax) return;
    softmax_step& n = s.normalisation;
    n.max = zs[0];
    for (std::size_t i = 1; i < l.units; ++i) n.max = zs[i] > n.max ? zs[i] : n.max;
    for (std::size_t i = 0; i < l.units; ++i) {
        n.exps.push_back(elementary::exp(zs[i] - n.max));
        n.sum += n.exps.back();
    }
}

}  // namespace

explanation explain(const model& m, const std::vector<float>& raw) {
    if (raw.size() != m.inputs)
        fail(m.name, "expected " + std::to_string(m.inputs) + " input values, got " +
                         std::to_string(raw.size()));
    explanation e;
    e.raw = raw;
    e.input.resize(m.inputs);
    m.pre.apply(raw.data(), e.input.data(), m.inputs);
    const network n = m.net();
    e.zs.resize(unit_count(n));
    e.ys.resize(unit_count(n));
    const tracer t{&e, collect_layer, collect_neuron, collect_layer_end};
    forward_traced(n, e.input.data(), e.zs.data(), e.ys.data(), t);
    e.output.assign(e.ys.end() - static_cast<std::ptrdiff_t>(m.outputs()), e.ys.end());
    if (m.class_count() > 0) e.decided = m.decide(e.output);
    return e;
}

// ---------------------------------------------------------------------------------------------
// Numbers as on paper.

std::string paper_number(float v, int decimals) {
    char buf[32];
    return std::string(buf, format_short(v, decimals, buf));
}

std::string paper_operand(float v, int decimals) {
    const std::string s = paper_number(v, decimals);
    return s[0] == '-' ? "(" + s + ")" : s;
}

namespace {

std::string num(float v, int precision) { return paper_number(v, precision); }
std::string operand(float v, int precision) { return paper_operand(v, precision); }

sink string_sink(std::string& s) {
    return {[](void* c, const char* text, std::size_t n) {
                static_cast<std::string*>(c)->append(text, n);
            },
            &s};
}

std::string feature_name(const model& m, std::size_t i) {
    return i < m.pre.features.size() ? m.pre.features[i] : "x" + std::to_string(i + 1);
}

std::string list(const std::vector<float>& v, int precision) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? ", " : "") + num(v[i], precision);
    return s + "]";
}

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

}  // namespace

void check_view(const model& m, const explain_view& v) {
    if (v.layer > m.layers.size())
        fail("--layer " + std::to_string(v.layer),
             m.name + " has " + std::to_string(m.layers.size()) + " layers (1 to " +
                 std::to_string(m.layers.size()) + ")");
    if (v.precision < 0 || v.precision > 9)
        fail("--precision " + std::to_string(v.precision), "expected 0 to 9 digits");
}

std::string substitute(const std::string& formula, const std::string& z, const std::string& alpha) {
    std::string out;
    for (std::size_t i = 0; i < formula.size();) {
        const bool starts_word = i == 0 || !word_char(formula[i - 1]);
        std::string value;
        std::size_t length = 0;
        if (starts_word && formula.compare(i, 5, "alpha") == 0 &&
            (i + 5 == formula.size() || !word_char(formula[i + 5])))
            value = alpha, length = 5;
        else if (starts_word && formula[i] == 'z' &&
                 (i + 1 == formula.size() || !word_char(formula[i + 1])))
            value = z, length = 1;
        if (!length) {
            out += formula[i++];
            continue;
        }
        // A negative number needs parentheses where it follows an operator or a factor
        // ("e^-z", "0.5 z") or is raised to a power ("z^3"); not where it stands alone, after
        // "(", ",", "|" or "=" ("max(0, z)", "|z|").
        std::size_t p = out.size();
        while (p > 0 && out[p - 1] == ' ') --p;
        const char before = p ? out[p - 1] : '(';
        const bool power = i + length < formula.size() && formula[i + length] == '^';
        const bool wrap =
            value[0] == '-' &&
            (power || (before != '(' && before != ',' && before != '|' && before != '='));
        out += wrap ? "(" + value + ")" : value;
        i += length;
    }
    return out;
}

// ---------------------------------------------------------------------------------------------
// Text and Markdown.

namespace {

/// One step of the explanation: a heading and its lines.
struct step {
    std::string heading;
    std::vector<std::string> lines;
};

step input_step(const model& m, const explanation& e, int p) {
    step s{"The raw input", {}};
    for (std::size_t i = 0; i < m.inputs; ++i)
        s.lines.push_back(feature_name(m, i) + " = " + num(e.raw[i], p));
    return s;
}

step preprocessing_step(const model& m, const explanation& e, int p) {
    const preprocessing& pre = m.pre;
    step s;
    if (pre.type == preprocessing::kind::none) {
        s.heading = "Preprocessing: none, the network takes the raw values";
        return s;
    }
    s.heading = std::string("Preprocessing: ") + pre.title() + ", x' = " + pre.formula("x");
    const auto parameters = pre.parameters();
    for (std::size_t i = 0; i < m.inputs; ++i) {
        const float a = (*parameters[0].second)[i], b = (*parameters[1].second)[i];
        // a is subtracted, so in brackets when negative (x - (-1.5)); b is a std (> 0) or a max
        // that opens a bracket.
        const std::string line =
            feature_name(m, i) + "' = " + pre.formula(num(e.raw[i], p), operand(a, p), num(b, p));
        s.lines.push_back(line + " = " + num(e.input[i], p));
    }
    return s;
}

void neuron_lines(const layer_step& l, std::size_t j, int p, std::vector<std::string>& out) {
    const neuron_step& n = l.neurons[j];
    std::string sum;
    print_weighted_sum(string_sink(sum), n.inputs.data(), n.inputs.size(), n.weights.data(), 1,
                       n.bias, l.use_bias, p);
    out.push_back("Neuron " + std::to_string(j + 1));
    out.push_back("  z = " + sum);
    if (n.inputs.size() > 1 || l.use_bias) {
        std::string terms;
        for (float v : n.products) terms += (terms.empty() ? "" : " + ") + operand(v, p);
        if (l.use_bias) terms += (terms.empty() ? "" : " + ") + operand(n.bias, p);
        out.push_back("    = " + terms);
    }
    out.push_back("    = " + num(n.z, p));
    if (l.softmax) return;
    const std::string alpha = l.parameter ? num(l.alpha, p) : "";
    std::string y = "  y = " + l.activation + "(z) = " + l.formula;
    const std::string with_numbers = substitute(l.formula, num(n.z, p), alpha);
    if (with_numbers != l.formula && with_numbers != num(n.z, p)) y += " = " + with_numbers;
    y += " = " + num(n.y, p);
    // A ReLU that outputs 0 passes nothing on, and (its derivative being 0) learns nothing
    // from this sample: worth pointing out.
    if ((l.activation == "relu" || l.activation == "relu6") && n.y == 0.0f)
        y += "   (z <= 0: this neuron passes nothing on)";
    out.push_back(y);
}

void softmax_lines(const layer_step& l, int p, std::vector<std::string>& out) {
    const softmax_step& s = l.normalisation;
    const std::size_t units = l.neurons.size();
    out.push_back("Softmax over the " + std::to_string(units) +
                  " neurons: y_i = e^z_i / sum_j e^z_j");
    std::string zs;
    for (std::size_t i = 0; i < units; ++i) zs += (i ? ", " : "") + ("z" + std::to_string(i + 1));
    out.push_back("  m = max(" + zs + ") = " + num(s.max, p) +
                  ", taken off every z first so that no e^x overflows (the shares stay the same)");
    std::string sum;
    for (std::size_t i = 0; i < units; ++i) {
        const std::string k = std::to_string(i + 1);
        out.push_back("  e^(z" + k + " - m) = e^(" + num(l.neurons[i].z, p) + " - " +
                      operand(s.max, p) + ") = " + num(s.exps[i], p));
        sum += (i ? " + " : "") + num(s.exps[i], p);
    }
    out.push_back("  sum = " + sum + " = " + num(s.sum, p));
    for (std::size_t i = 0; i < units; ++i)
        out.push_back("  y" + std::to_string(i + 1) + " = " + num(s.exps[i], p) + " / " +
                      num(s.sum, p) + " = " + num(l.neurons[i].y, p));
}

step layer_step_text(const model& m, const explanation& e, std::size_t k, int p) {
    const layer_step& l = e.layers[k];
    const std::size_t units = l.neurons.size();
    step s;
    s.heading = "Layer " + std::to_string(k + 1) + " of " + std::to_string(m.layers.size()) + ": " +
                std::to_string(l.inputs) + (l.inputs == 1 ? " input -> " : " inputs -> ") +
                std::to_string(units) + (units == 1 ? " neuron" : " neurons") + ", activation " +
                l.activation + "(z) = " + l.formula;
    if (l.parameter) s.heading += " with " + std::string(l.parameter) + " = " + num(l.alpha, p);
    if (k > 0 || m.pre.type != preprocessing::kind::none)
        s.lines.push_back("input: " + list(l.neurons[0].inputs, p) +
                          (k == 0 ? " (the preprocessed sample)"
                                  : " (layer " + std::to_string(k) + "'s output)"));
    for (std::size_t j = 0; j < units; ++j) neuron_lines(l, j, p, s.lines);
    if (l.softmax) softmax_lines(l, p, s.lines);
    std::vector<float> y;
    for (const neuron_step& n : l.neurons) y.push_back(n.y);
    s.lines.push_back("output: " + list(y, p));
    return s;
}

step decision_step(const model& m, const explanation& e, int p) {
    const output_meaning& o = m.output;
    step s;
    const std::string label = "class " + std::to_string(e.decided) + ": " + m.class_name(e.decided);
    switch (o.type) {
    case output_meaning::kind::binary:
        s.heading = "The decision: class 1 if the output is above the threshold " +
                    num(o.threshold, p) + ", else class 0";
        s.lines.push_back(num(e.output[0], p) + (e.decided ? " > " : " <= ") + num(o.threshold, p) +
                          ", so " + label);
        break;
    case output_meaning::kind::classes: {
        s.heading = "The decision: the class of the largest output (argmax)";
        std::string ys;
        for (std::size_t i = 0; i < e.output.size(); ++i)
            ys += (i ? ", " : "") + ("y" + std::to_string(i + 1) + " = " + num(e.output[i], p));
        s.lines.push_back(ys);
        s.lines.push_back("the largest is y" + std::to_string(e.decided + 1) + ", so " + label);
        break;
    }
    case output_meaning::kind::values:
        s.heading = "The output: plain values, no class to decide";
        for (std::size_t i = 0; i < e.output.size(); ++i)
            s.lines.push_back((i < o.names.size() ? o.names[i] : "y" + std::to_string(i + 1)) +
                              " = " + num(e.output[i], p));
        break;
    }
    return s;
}

}  // namespace

std::string explain_text(const model& m, const explanation& e, const explain_view& v) {
    check_view(m, v);
    const int p = v.precision;
    std::vector<step> steps;
    if (v.layer == 0) {
        steps.push_back(input_step(m, e, p));
        steps.push_back(preprocessing_step(m, e, p));
    }
    for (std::size_t k = 0; k < e.layers.size(); ++k)
        if (v.layer == 0 || v.layer == k + 1) steps.push_back(layer_step_text(m, e, k, p));
    if (v.layer == 0) steps.push_back(decision_step(m, e, p));

    std::string title = m.name + ": one sample, step by step";
    std::string out = v.markdown ? "# " + title + "\n\n" : title + "\n\n";
    for (std::size_t i = 0; i < steps.size(); ++i) {
        // Steps keep their numbers when only one layer is shown: layer k is step k + 2.
        const std::size_t number = v.layer ? v.layer + 2 : i + 1;
        const std::string heading = "Step " + std::to_string(number) + ". " + steps[i].heading;
        if (!v.markdown) {
            out += heading + "\n";
            for (const std::string& l : steps[i].lines) out += "  " + l + "\n";
            out += i + 1 < steps.size() ? "\n" : "";
            continue;
        }
        out += "## " + heading + "\n\n";
        if (steps[i].lines.empty()) continue;
        out += "```text\n";
        for (const std::string& l : steps[i].lines) out += l + "\n";
        out += "```\n\n";
    }
    return out;
}

fjson explain_json(const model& m, const explanation& e, const explain_view& v) {
    check_view(m, v);
    std::vector<std::string> features;
    for (std::size_t i = 0; i < m.inputs; ++i) features.push_back(feature_name(m, i));
    fjson pre = {{"type", m.pre.name()}, {"formula", m.pre.formula("x")}};
    for (const auto& [key, values] : m.pre.parameters()) pre[key] = *values;
    pre["result"] = e.input;

    fjson layers = fjson::array();
    for (std::size_t k = 0; k < e.layers.size(); ++k) {
        if (v.layer && v.layer != k + 1) continue;
        const layer_step& l = e.layers[k];
        fjson neurons = fjson::array(), ys = fjson::array();
        for (std::size_t j = 0; j < l.neurons.size(); ++j) {
            const neuron_step& n = l.neurons[j];
            neurons.push_back({{"neuron", j + 1},
                               {"inputs", n.inputs},
                               {"weights", n.weights},
                               {"products", n.products},
                               {"bias", l.use_bias ? fjson(n.bias) : fjson(nullptr)},
                               {"z", n.z},
                               {"activation", l.activation},
                               {"y", n.y}});
            ys.push_back(n.y);
        }
        fjson lj = {{"layer", k + 1},
                    {"inputs", l.inputs},
                    {"units", l.neurons.size()},
                    {"activation", l.activation},
                    {"formula", l.formula},
                    {"use_bias", l.use_bias},
                    {"neurons", neurons},
                    {"output", ys}};
        if (l.parameter) lj[l.parameter] = l.alpha;
        if (l.softmax)
            lj["softmax"] = {{"max", l.normalisation.max},
                             {"exps", l.normalisation.exps},
                             {"sum", l.normalisation.sum}};
        layers.push_back(lj);
    }

    fjson decision = {{"rule", "none"}};
    if (m.class_count() > 0) {
        const bool binary = m.output.type == output_meaning::kind::binary;
        decision = {{"rule", binary ? "threshold" : "argmax"}};
        if (binary) decision["threshold"] = m.output.threshold;
        decision["class"] = e.decided;
        decision["label"] = m.class_name(e.decided);
    }
    return {{"model", m.name},      {"input", {{"features", features}, {"raw", e.raw}}},
            {"preprocessing", pre}, {"layers", layers},
            {"output", e.output},   {"decision", decision}};
}

}  // namespace anne
