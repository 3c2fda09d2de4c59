// What a classifier decides: the confusion matrix as a heat map, and the decision regions of a
// network with two inputs.
#include <algorithm>
#include <cmath>

#include "report/report.hpp"
#include "report/svg.hpp"

namespace anne {

std::string confusion_heatmap(const confusion& c) {
    const confusion_matrix& cm = c.cm;
    const std::size_t k = cm.classes();
    std::size_t longest = 4;
    for (const std::string& n : c.names) longest = std::max(longest, n.size());
    const double cell_w = std::max(78.0, 8.0 * static_cast<double>(longest)), cell_h = 56;
    const double left = 46 + 7.5 * static_cast<double>(longest), top = 52;
    const double w = left + cell_w * static_cast<double>(k) + 10;
    const double h = top + cell_h * static_cast<double>(k) + 10;
    static const char* tags[2][2] = {{"TN", "FP"}, {"FN", "TP"}};

    std::string s = "<svg class=\"confusion\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " +
                    svg::px(w) + " " + svg::px(h) + "\" width=\"" + svg::px(w) + "\">\n";
    s += "<text x=\"" + svg::px(left + cell_w * static_cast<double>(k) / 2) +
         "\" y=\"16\" text-anchor=\"middle\" class=\"muted\">predicted</text>\n";
    s += "<text x=\"14\" y=\"" + svg::px(top + cell_h * static_cast<double>(k) / 2) +
         "\" text-anchor=\"middle\" class=\"muted\" transform=\"rotate(-90 14 " +
         svg::px(top + cell_h * static_cast<double>(k) / 2) + ")\">true</text>\n";
    for (std::size_t p = 0; p < k; ++p)
        s += "<text x=\"" + svg::px(left + cell_w * (static_cast<double>(p) + 0.5)) + "\" y=\"" +
             svg::px(top - 10) + "\" text-anchor=\"middle\">" + html_escape(c.names[p]) +
             "</text>\n";
    for (std::size_t t = 0; t < k; ++t) {
        const double ty = top + cell_h * static_cast<double>(t);
        s += "<text x=\"" + svg::px(left - 8) + "\" y=\"" + svg::px(ty + cell_h / 2 + 4) +
             "\" text-anchor=\"end\">" + html_escape(c.names[t]) + "</text>\n";
        const std::uint32_t row = cm.actual(t);
        for (std::size_t p = 0; p < k; ++p) {
            const std::uint32_t n = cm.at(t, p);
            // The share of the true class's samples: how often class t is taken for p.
            const double share = row ? static_cast<double>(n) / row : 0.0;
            const double tx = left + cell_w * static_cast<double>(p);
            std::string tip = "true " + c.names[t] + ", predicted " + c.names[p] + ": " +
                              std::to_string(n) + " of " + std::to_string(row) + " (" +
                              svg::value(static_cast<float>(100.0 * share), 1) + " %)";
            if (k == 2) tip += " \xe2\x80\x94 " + std::string(tags[t][p]);
            s += "<rect x=\"" + svg::px(tx + 1) + "\" y=\"" + svg::px(ty + 1) + "\" width=\"" +
                 svg::px(cell_w - 2) + "\" height=\"" + svg::px(cell_h - 2) +
                 "\" rx=\"4\" fill=\"" + (t == p ? "#38a169" : "#e53e3e") + "\" fill-opacity=\"" +
                 svg::px(0.06 + 0.8 * share) + "\">" + svg::title(tip) + "</rect>\n";
            s += "<text x=\"" + svg::px(tx + cell_w / 2) + "\" y=\"" +
                 svg::px(ty + (k == 2 ? 26 : 33)) +
                 "\" text-anchor=\"middle\" font-size=\"17\" font-weight=\"600\" "
                 "pointer-events=\"none\">" +
                 std::to_string(n) + "</text>\n";
            if (k == 2)
                s += "<text x=\"" + svg::px(tx + cell_w / 2) + "\" y=\"" + svg::px(ty + 44) +
                     "\" text-anchor=\"middle\" font-size=\"11\" class=\"muted\" "
                     "pointer-events=\"none\">" +
                     tags[t][p] + "</text>\n";
        }
    }
    return s + "</svg>\n";
}

std::string confusion_section(const confusion& c) {
    const confusion_matrix& cm = c.cm;
    std::string s = "<div class=\"row\">\n<figure>\n" + confusion_heatmap(c) +
                    "<figcaption>Rows: the true class; columns: the predicted one. Green: right, "
                    "red: wrong; the stronger the colour, the larger the share of the row."
                    "</figcaption>\n</figure>\n<div>\n";
    s += "<p><strong>Accuracy " + svg::value(100.0f * cm.accuracy(), 1) + " %</strong> (" +
         std::to_string(cm.correct()) + " of " + std::to_string(cm.total()) + " correct)";
    if (cm.classes() == 2)
        s += "<br>TN " + std::to_string(cm.true_negatives()) + ", FP " +
             std::to_string(cm.false_positives()) + ", FN " + std::to_string(cm.false_negatives()) +
             ", TP " + std::to_string(cm.true_positives()) +
             " (positive class: " + html_escape(c.names[1]) + ")";
    s += "</p>\n<table class=\"metrics\">\n<tr><th>class</th><th>precision</th><th>recall</th>"
         "<th>F1</th></tr>\n";
    for (std::size_t i = 0; i < cm.classes(); ++i)
        s += "<tr><td>" + html_escape(c.names[i]) + "</td><td>" + svg::px(cm.precision(i)) +
             "</td><td>" + svg::px(cm.recall(i)) + "</td><td>" + svg::px(cm.f1(i)) + "</td></tr>\n";
    s += "<tr><td>macro average</td><td></td><td></td><td>" + svg::px(cm.macro_f1()) +
         "</td></tr>\n</table>\n<p class=\"note\">Precision: of the samples predicted as a class, "
         "the share that are. Recall: of the samples of a class, the share found. F1: their "
         "harmonic mean.</p>\n</div>\n</div>\n";
    return s;
}

namespace {

/// The input plane to draw: the data's extent with a margin, else the preprocessing's range.
void plane(const model& m, const labelled_data* data, double lo[2], double hi[2]) {
    for (std::size_t i = 0; i < 2; ++i) {
        if (data) {
            const dataset& d = data->d;
            lo[i] = INFINITY, hi[i] = -INFINITY;
            for (std::size_t r = 0; r < d.rows(); ++r)
                lo[i] = std::min(lo[i], static_cast<double>(d.row(r)[i])),
                hi[i] = std::max(hi[i], static_cast<double>(d.row(r)[i]));
            const double margin = std::max(0.08 * (hi[i] - lo[i]), 0.1);
            lo[i] -= margin, hi[i] += margin;
        } else if (m.pre.type == preprocessing::kind::standardize) {
            lo[i] = m.pre.mean[i] - 3.0 * m.pre.stddev[i],
            hi[i] = m.pre.mean[i] + 3.0 * m.pre.stddev[i];
        } else if (m.pre.type == preprocessing::kind::minmax) {
            lo[i] = m.pre.min[i], hi[i] = m.pre.max[i];
        } else {
            lo[i] = -3.0, hi[i] = 3.0;
        }
    }
}

std::string feature(const model& m, std::size_t i) {
    return i < m.pre.features.size() ? m.pre.features[i] : "x" + std::to_string(i + 1);
}

}  // namespace

// Long on purpose (~110 lines): the chart in document order (ranges, grid of predictions,
// cells, samples, axes), each part reading the ranges and grid computed first.
std::string decision_regions(const model& m, const labelled_data* data) {
    double lo[2], hi[2];
    plane(m, data, lo, hi);
    const svg::axis ax = svg::nice_axis(lo[0], hi[0], 5), ay = svg::nice_axis(lo[1], hi[1], 5);
    constexpr std::size_t grid = 48;
    const double x0 = 54, x1 = 414, y0 = 28, y1 = 388, w = 440, h = 432;
    const double cw = (x1 - x0) / grid, ch = (y1 - y0) / grid;
    const std::size_t classes = m.class_count();

    // Plain-valued outputs are coloured by where they lie between the grid's smallest and
    // largest output; that needs all of them first.
    // The centre of grid cell (gx, gy); row 0 is at the top.
    const auto at_x = [&](std::size_t gx) {
        return ax.lo + (ax.hi - ax.lo) * (static_cast<double>(gx) + 0.5) / grid;
    };
    const auto at_y = [&](std::size_t gy) {
        return ay.hi - (ay.hi - ay.lo) * (static_cast<double>(gy) + 0.5) / grid;
    };
    std::vector<std::vector<float>> outputs;
    float smallest = INFINITY, largest = -INFINITY;
    for (std::size_t gy = 0; gy < grid; ++gy)
        for (std::size_t gx = 0; gx < grid; ++gx) {
            outputs.push_back(
                m.predict({static_cast<float>(at_x(gx)), static_cast<float>(at_y(gy))}));
            smallest = std::min(smallest, outputs.back()[0]);
            largest = std::max(largest, outputs.back()[0]);
        }

    std::string s =
        "<figure>\n<svg class=\"regions\" xmlns=\"http://www.w3.org/2000/svg\" "
        "viewBox=\"0 0 " +
        svg::px(w) + " " + svg::px(h) + "\" width=\"" + svg::px(w) +
        "\">\n<g shape-rendering=\"crispEdges\">\n";
    for (std::size_t gy = 0; gy < grid; ++gy)
        for (std::size_t gx = 0; gx < grid; ++gx) {
            const std::vector<float>& y = outputs[gy * grid + gx];
            const char* color = svg::class_color(0);
            double strength = 0.0;  // 0: undecided, 1: certain
            std::string what;
            if (classes == 2 && y.size() == 1) {
                const double t = m.output.threshold;
                color = svg::class_color(m.decide(y));
                strength = std::min(1.0, std::fabs(y[0] - t) / std::max(t, 1.0 - t));
                what = "output " + svg::value(y[0], 3) + ": " + m.class_name(m.decide(y));
            } else if (classes > 0) {
                const std::size_t c = m.decide(y);
                color = svg::class_color(c);
                const double chance = 1.0 / static_cast<double>(classes);
                strength = std::clamp((y[c] - chance) / (1.0 - chance), 0.0, 1.0);
                what = "largest output " + svg::value(y[c], 3) + ": " + m.class_name(c);
            } else {
                strength = largest > smallest ? (y[0] - smallest) / (largest - smallest) : 0.5;
                what = "output " + svg::value(y[0], 3);
            }
            // Opaque colours, so that neighbouring cells do not darken where they overlap.
            s += "<rect x=\"" + svg::px(x0 + cw * static_cast<double>(gx)) + "\" y=\"" +
                 svg::px(y0 + ch * static_cast<double>(gy)) + "\" width=\"" + svg::px(cw + 0.3) +
                 "\" height=\"" + svg::px(ch + 0.3) + "\" fill=\"" +
                 svg::blend(color, 0.12 + 0.55 * strength) + "\">" +
                 svg::title(feature(m, 0) + " " + svg::value(static_cast<float>(at_x(gx)), 3) +
                            ", " + feature(m, 1) + " " +
                            svg::value(static_cast<float>(at_y(gy)), 3) + "\n" + what) +
                 "</rect>\n";
        }
    s += "</g>\n";

    for (double t : ax.ticks)
        s += "<text x=\"" + svg::px(ax.map(t, x0, x1)) + "\" y=\"" + svg::px(y1 + 16) +
             "\" text-anchor=\"middle\" class=\"muted\" font-size=\"11\">" + ax.label(t) +
             "</text>\n";
    for (double t : ay.ticks)
        s += "<text x=\"" + svg::px(x0 - 6) + "\" y=\"" + svg::px(ay.map(t, y1, y0) + 4) +
             "\" text-anchor=\"end\" class=\"muted\" font-size=\"11\">" + ay.label(t) + "</text>\n";
    s += "<rect x=\"" + svg::px(x0) + "\" y=\"" + svg::px(y0) + "\" width=\"" + svg::px(x1 - x0) +
         "\" height=\"" + svg::px(y1 - y0) + "\" fill=\"none\" stroke=\"#9aa5b1\"/>\n";
    s += "<text x=\"" + svg::px((x0 + x1) / 2) + "\" y=\"" + svg::px(h - 6) +
         "\" text-anchor=\"middle\">" + html_escape(feature(m, 0)) + "</text>\n";
    s += "<text x=\"" + svg::px(x0) + "\" y=\"" + svg::px(y0 - 8) + "\" text-anchor=\"middle\">" +
         html_escape(feature(m, 1)) + "</text>\n";

    if (data) {
        const dataset& d = data->d;
        for (std::size_t r = 0; r < d.rows(); ++r) {
            const float a = d.row(r)[0], b = d.row(r)[1];
            const long truth = classes ? class_of(m, d.labels[r]) : -1;
            const std::string fill =
                truth >= 0 ? svg::class_color(static_cast<std::size_t>(truth)) : "#2d3748";
            s += "<circle cx=\"" + svg::px(ax.map(a, x0, x1)) + "\" cy=\"" +
                 svg::px(ay.map(b, y1, y0)) + "\" r=\"4\" fill=\"" + fill +
                 "\" stroke=\"#fff\" stroke-width=\"1.5\">" +
                 svg::title(data->t.where + ":" + std::to_string(data->t.lines[r]) + ": " +
                            svg::value(a) + ", " + svg::value(b) + ", label " + d.labels[r]) +
                 "</circle>\n";
        }
    }
    s += "</svg>\n<figcaption>What the network decides at each point of the input plane";
    if (classes) {
        s += " (";
        for (std::size_t c = 0; c < classes; ++c)
            s += std::string(c ? ", " : "") + "<span style=\"color:" + svg::class_color(c) +
                 "\">\xe2\x96\xa0</span> " + html_escape(m.class_name(c));
        s += "); the paler, the less sure it is";
    } else {
        s += "; the darker, the larger its output";
    }
    if (data) s += ". Dots: the data, coloured by their true class";
    return s + ".</figcaption>\n</figure>\n";
}

}  // namespace anne
