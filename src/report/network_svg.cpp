// The network diagram and the weight histograms.
#include <algorithm>
#include <cmath>

#include "explain/explain.hpp"
#include "report/report.hpp"
#include "report/svg.hpp"

namespace anne {

namespace {

std::string input_name(const model& m, std::size_t i) {
    return i < m.pre.features.size() ? m.pre.features[i] : "x" + std::to_string(i + 1);
}

/// What output neuron j stands for, in lines to write beside it.
std::vector<std::string> output_label(const model& m, std::size_t j) {
    const output_meaning& o = m.output;
    switch (o.type) {
    case output_meaning::kind::binary:
        return {m.class_name(1) + " if > " + svg::value(o.threshold),
                m.class_name(0) + " if \xe2\x89\xa4 " + svg::value(o.threshold)};
    case output_meaning::kind::classes: return {m.class_name(j)};
    case output_meaning::kind::values:
        return {j < o.names.size() ? o.names[j] : "y" + std::to_string(j + 1)};
    }
    return {};
}

std::string node_name(const model& m, std::size_t column, std::size_t i) {
    return column == 0 ? input_name(m, i)
                       : "layer " + std::to_string(column) + ", neuron " + std::to_string(i + 1);
}

}  // namespace

// Long on purpose (~140 lines): the diagram in document order (layout, edges, nodes, labels),
// each part reading the layout the part before computed.
std::string network_svg(const model& m, const std::vector<float>* sample) {
    const network net = m.net();
    std::vector<std::size_t> widths = {m.inputs};
    for (const layer_info& l : m.layers) widths.push_back(l.units);
    const std::size_t tallest = *std::max_element(widths.begin(), widths.end());
    const std::size_t depth = m.layers.size();

    // Columns of circles, centred on each other; wide layers get closer rows and smaller circles.
    const double row = tallest <= 10 ? 58.0 : std::max(10.0, 580.0 / static_cast<double>(tallest));
    const double r = std::min(17.0, row * 0.36);
    std::size_t longest = 0;  // the longest output label, for the room on the right
    for (std::size_t j = 0; j < widths.back(); ++j)
        for (const std::string& line : output_label(m, j)) longest = std::max(longest, line.size());
    const double left = 150, column = 175, top = 62, bottom = 14;
    const double right = 40 + 7.5 * static_cast<double>(longest);
    const double width = left + column * static_cast<double>(depth) + right;
    const double height = top + row * static_cast<double>(tallest) + bottom;
    const auto x = [&](std::size_t c) { return left + column * static_cast<double>(c); };
    const auto y = [&](std::size_t c, std::size_t j) {
        return top + row * (static_cast<double>(j) + 0.5 +
                            static_cast<double>(tallest - widths[c]) / 2.0);
    };
    const bool labels = row >= 30;  // room for names, biases and values beside the circles

    float largest = 0.0f;
    for (std::size_t k = 0; k < depth; ++k) {
        const float* w = layer_kernel(net, k);
        for (std::size_t i = 0; i < widths[k] * widths[k + 1]; ++i)
            largest = std::max(largest, std::fabs(w[i]));
    }
    if (largest == 0.0f) largest = 1.0f;

    explanation e;
    if (sample) e = explain(m, *sample);

    std::string s = "<svg class=\"network\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    svg::px(width) + " " + svg::px(height) + "\" width=\"" + svg::px(width) +
                    "\" role=\"img\" aria-label=\"" + html_escape(m.name) + " network diagram\">\n";

    // Edges first, so that the circles are drawn over their ends.
    s += "<g class=\"edges\">\n";
    for (std::size_t k = 0; k < depth; ++k) {
        const float* w = layer_kernel(net, k);
        const std::size_t units = widths[k + 1];
        const double x1 = x(k) + r, x2 = x(k + 1) - r, middle = (x1 + x2) / 2.0;
        for (std::size_t i = 0; i < widths[k]; ++i)
            for (std::size_t j = 0; j < units; ++j) {
                const float v = w[i * units + j];
                const double y1 = y(k, i), y2 = y(k + 1, j);
                std::string tip = "weight " + svg::value(v) + "\nfrom " + node_name(m, k, i) +
                                  "\nto " + node_name(m, k + 1, j);
                if (sample)
                    tip += "\nhere: " + svg::value(e.layers[k].neurons[j].inputs[i]) + " * " +
                           svg::operand(v) + " = " + svg::value(e.layers[k].neurons[j].products[i]);
                s += "<path class=\"edge " + std::string(v < 0 ? "neg" : "pos") + "\" d=\"M" +
                     svg::px(x1) + " " + svg::px(y1) + " C" + svg::px(middle) + " " + svg::px(y1) +
                     " " + svg::px(middle) + " " + svg::px(y2) + " " + svg::px(x2) + " " +
                     svg::px(y2) + "\" stroke-width=\"" +
                     svg::px(0.6 + 4.4 * std::fabs(v) / largest) + "\" data-from=\"" +
                     std::to_string(k) + ":" + std::to_string(i) + "\" data-to=\"" +
                     std::to_string(k + 1) + ":" + std::to_string(j) + "\">" + svg::title(tip) +
                     "</path>\n";
            }
    }
    s += "</g>\n";

    // Column headings.
    for (std::size_t c = 0; c <= depth; ++c) {
        const std::string first = c == 0 ? "inputs" : "layer " + std::to_string(c);
        const std::string second =
            c == 0 ? std::to_string(m.inputs) + (m.inputs == 1 ? " value" : " values")
                   : m.layers[c - 1].activation + " \xc2\xb7 " + std::to_string(widths[c]) +
                         (widths[c] == 1 ? " neuron" : " neurons");
        s += "<text x=\"" + svg::px(x(c)) +
             "\" y=\"20\" text-anchor=\"middle\" "
             "font-weight=\"600\">" +
             html_escape(first) + "</text>\n<text x=\"" + svg::px(x(c)) +
             "\" y=\"36\" text-anchor=\"middle\" class=\"muted\">" + html_escape(second) +
             "</text>\n";
    }

    // The inputs.
    s += "<g class=\"nodes\">\n";
    for (std::size_t i = 0; i < m.inputs; ++i) {
        std::string tip = "input " + std::to_string(i + 1) + ": " + input_name(m, i);
        if (sample)
            tip +=
                "\nraw " + svg::value(e.raw[i]) + ", after preprocessing " + svg::value(e.input[i]);
        s += "<circle class=\"node input\" cx=\"" + svg::px(x(0)) + "\" cy=\"" + svg::px(y(0, i)) +
             "\" r=\"" + svg::px(r) + "\" data-node=\"0:" + std::to_string(i) + "\">" +
             svg::title(tip) + "</circle>\n";
        if (labels)
            s += "<text x=\"" + svg::px(x(0) - r - 8) + "\" y=\"" + svg::px(y(0, i) + 4) +
                 "\" text-anchor=\"end\">" + html_escape(input_name(m, i)) + "</text>\n";
        if (labels && sample)
            s += "<text class=\"value\" x=\"" + svg::px(x(0)) + "\" y=\"" + svg::px(y(0, i)) +
                 "\">" + svg::value(e.input[i], 2) + "</text>\n";
    }

    // The neurons, with their biases above them.
    for (std::size_t k = 0; k < depth; ++k) {
        const layer_info& l = m.layers[k];
        const float* bias = layer_bias(net, k);
        for (std::size_t j = 0; j < l.units; ++j) {
            const double cx = x(k + 1), cy = y(k + 1, j);
            std::string tip = "layer " + std::to_string(k + 1) + ", neuron " +
                              std::to_string(j + 1) + "\nactivation " + l.activation + "\nbias " +
                              (bias ? svg::value(bias[j]) : "none");
            bool dead = false;
            if (sample) {
                const neuron_step& n = e.layers[k].neurons[j];
                tip += "\nhere: z = " + svg::value(n.z) + ", y = " + svg::value(n.y);
                dead = l.activation == "relu" && n.y == 0.0f;
                if (dead) tip += " (ReLU is 0 here: this neuron passes nothing on)";
            }
            s += "<circle class=\"node neuron" + std::string(dead ? " dead" : "") + "\" cx=\"" +
                 svg::px(cx) + "\" cy=\"" + svg::px(cy) + "\" r=\"" + svg::px(r) +
                 "\" data-node=\"" + std::to_string(k + 1) + ":" + std::to_string(j) + "\">" +
                 svg::title(tip) + "</circle>\n";
            if (!labels) continue;
            if (bias)
                s += "<text x=\"" + svg::px(cx) + "\" y=\"" + svg::px(cy - r - 5) +
                     "\" text-anchor=\"middle\" class=\"muted\" font-size=\"10\">b " +
                     svg::value(bias[j], 2) + "</text>\n";
            if (sample)
                s += "<text class=\"value\" x=\"" + svg::px(cx) + "\" y=\"" + svg::px(cy) + "\">" +
                     svg::value(e.layers[k].neurons[j].y, 2) + "</text>\n";
            if (k + 1 < depth) continue;
            const std::vector<std::string> lines = output_label(m, j);
            for (std::size_t i = 0; i < lines.size(); ++i) {
                const double ly =
                    cy + 4 +
                    15.0 * (static_cast<double>(i) - static_cast<double>(lines.size() - 1) / 2.0);
                s += "<text x=\"" + svg::px(cx + r + 8) + "\" y=\"" + svg::px(ly) + "\">" +
                     html_escape(lines[i]) + "</text>\n";
            }
        }
    }
    s += "</g>\n</svg>\n";
    return s;
}

std::string weight_histograms(const model& m) {
    const network net = m.net();
    float largest = 0.0f;
    for (float v : m.params) largest = std::max(largest, std::fabs(v));
    const svg::axis a = svg::nice_axis(-largest, largest, 4);
    constexpr std::size_t bins = 16;
    const double bin = (a.hi - a.lo) / bins;
    const double w = 240, h = 150, x0 = 34, x1 = 228, y0 = 12, y1 = 104;

    std::string s = "<div class=\"row\">\n";
    for (std::size_t k = 0; k < m.layers.size(); ++k) {
        const layer_info& l = m.layers[k];
        const std::size_t count = layer_inputs(net, k) * l.units;
        const float* kernel = layer_kernel(net, k);
        const float* bias = layer_bias(net, k);
        std::vector<std::size_t> counts(bins, 0);
        double magnitude = 0.0;
        for (std::size_t i = 0; i < count; ++i) {
            const double at = (kernel[i] - a.lo) / bin;
            ++counts[std::min(bins - 1, static_cast<std::size_t>(std::max(0.0, at)))];
            magnitude += std::fabs(kernel[i]);
        }
        const std::size_t most = *std::max_element(counts.begin(), counts.end());
        const svg::axis ya = svg::nice_axis(0, static_cast<double>(most), 3);

        s += "<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + svg::px(w) +
             " " + svg::px(h) + "\" width=\"" + svg::px(w) + "\">\n";
        for (double t : ya.ticks) {
            const double ty = ya.map(t, y1, y0);
            s += "<line class=\"grid\" x1=\"" + svg::px(x0) + "\" x2=\"" + svg::px(x1) +
                 "\" y1=\"" + svg::px(ty) + "\" y2=\"" + svg::px(ty) + "\"/>\n<text x=\"" +
                 svg::px(x0 - 5) + "\" y=\"" + svg::px(ty + 4) +
                 "\" text-anchor=\"end\" class=\"muted\" font-size=\"10\">" + ya.label(t) +
                 "</text>\n";
        }
        for (std::size_t b = 0; b < bins; ++b) {
            if (!counts[b]) continue;
            const double from = a.lo + bin * static_cast<double>(b), to = from + bin;
            const double bx = a.map(from, x0, x1), bw = a.map(to, x0, x1) - bx;
            const double top = ya.map(static_cast<double>(counts[b]), y1, y0);
            s += "<rect x=\"" + svg::px(bx + 0.5) + "\" y=\"" + svg::px(top) + "\" width=\"" +
                 svg::px(bw - 1) + "\" height=\"" + svg::px(y1 - top) + "\" fill=\"" +
                 (from + to < 0 ? svg::negative : svg::positive) + "\" opacity=\"0.75\">" +
                 svg::title(std::to_string(counts[b]) + " of " + std::to_string(count) +
                            " weights between " + svg::value(static_cast<float>(from), 3) +
                            " and " + svg::value(static_cast<float>(to), 3)) +
                 "</rect>\n";
        }
        s += "<g class=\"axis\"><line x1=\"" + svg::px(x0) + "\" x2=\"" + svg::px(x1) + "\" y1=\"" +
             svg::px(y1) + "\" y2=\"" + svg::px(y1) + "\"/></g>\n";
        for (double t : a.ticks)
            s += "<text x=\"" + svg::px(a.map(t, x0, x1)) + "\" y=\"" + svg::px(h - 10) +
                 "\" text-anchor=\"middle\" class=\"muted\" font-size=\"10\">" + a.label(t) +
                 "</text>\n";
        // Each bias as a small triangle under the axis, where its value lies.
        for (std::size_t j = 0; bias && j < l.units; ++j) {
            const double bx = a.map(bias[j], x0, x1);
            s +=
                "<path d=\"M" + svg::px(bx) + " " + svg::px(y1 + 3) +
                " l-4 8 h8 z\" "
                "fill=\"#2d3748\">" +
                svg::title("bias of neuron " + std::to_string(j + 1) + ": " + svg::value(bias[j])) +
                "</path>\n";
        }
        s += "</svg>\n<figcaption>Layer " + std::to_string(k + 1) + " (" +
             html_escape(l.activation) + "): " + std::to_string(count) + " weights, mean |w| " +
             svg::value(static_cast<float>(magnitude / static_cast<double>(count)), 3) +
             (bias ? "; \xe2\x96\xb2 = a bias" : "; no biases") + "</figcaption>\n</figure>\n";
    }
    return s + "</div>\n";
}

}  // namespace anne
