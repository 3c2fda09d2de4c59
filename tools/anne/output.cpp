#include "output.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "error.hpp"

namespace anne::cli {

std::vector<float> sample_values(const model& m, const std::string& model_path,
                                 const std::vector<std::string>& values) {
    std::vector<float> x;
    for (std::size_t i = 0; i < values.size(); ++i) {
        const std::string& s = values[i];
        float v = 0.0f;
        const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
            fail("input " + std::to_string(i + 1),
                 "expected a finite number (float32), got \"" + s + "\"");
        x.push_back(v);
    }
    if (x.size() != m.inputs) {
        std::string names;
        for (const std::string& f : m.pre.features) names += (names.empty() ? "" : " ") + f;
        fail(model_path, "expected " + std::to_string(m.inputs) + " input values" +
                             (names.empty() ? "" : " (" + names + ")") + ", got " +
                             std::to_string(x.size()));
    }
    return x;
}

std::string fixed(double v, int decimals) {
    std::ostringstream s;
    s << std::fixed << std::setprecision(decimals) << v;
    return s.str();
}

std::string activation_list(const model& m) {
    std::string s;
    for (const layer_info& l : m.layers) s += (s.empty() ? "" : ", ") + l.activation;
    return s;
}

void print_confusion(std::ostream& out, const confusion& c, const std::string& indent) {
    const confusion_matrix& cm = c.cm;
    const std::size_t k = cm.classes();
    std::size_t w = 4;
    for (const std::string& n : c.names) w = std::max(w, n.size());
    const bool binary = k == 2;
    const int cell = static_cast<int>(std::max<std::size_t>(w, 9) + 2);
    out << indent << std::setw(static_cast<int>(w) + 6) << ""
        << "predicted\n";
    out << indent << std::setw(static_cast<int>(w) + 6) << "";
    for (const std::string& n : c.names) out << std::setw(cell) << n;
    out << "\n";
    static const char* tags[2][2] = {{"TN", "FP"}, {"FN", "TP"}};
    for (std::size_t t = 0; t < k; ++t) {
        out << indent << (t == 0 ? "true  " : "      ") << std::left
            << std::setw(static_cast<int>(w)) << c.names[t] << std::right;
        for (std::size_t p = 0; p < k; ++p) {
            std::string v = std::to_string(cm.at(t, p));
            if (binary) v += std::string(" ") + tags[t][p];
            out << std::setw(cell) << v;
        }
        out << "\n";
    }
    out << indent << "accuracy " << fixed(100.0 * cm.accuracy(), 1) << " % (" << cm.correct()
        << " of " << cm.total() << " correct)";
    if (binary) {
        out << ", positive class " << c.names[1] << ": precision " << fixed(cm.precision(1), 3)
            << ", recall " << fixed(cm.recall(1), 3) << ", F1 " << fixed(cm.f1(1), 3) << "\n";
        return;
    }
    out << ", macro F1 " << fixed(cm.macro_f1(), 3) << "\n";
    out << indent << std::setw(static_cast<int>(w)) << "class"
        << "  precision  recall     F1\n";
    for (std::size_t i = 0; i < k; ++i)
        out << indent << std::setw(static_cast<int>(w)) << c.names[i] << std::setw(11)
            << fixed(cm.precision(i), 3) << std::setw(8) << fixed(cm.recall(i), 3) << std::setw(7)
            << fixed(cm.f1(i), 3) << "\n";
}

fjson confusion_json(const confusion& c) {
    const confusion_matrix& cm = c.cm;
    fjson rows = fjson::array();
    for (std::size_t t = 0; t < cm.classes(); ++t) {
        fjson row = fjson::array();
        for (std::size_t p = 0; p < cm.classes(); ++p) row.push_back(cm.at(t, p));
        rows.push_back(row);
    }
    fjson per_class = fjson::array();
    for (std::size_t i = 0; i < cm.classes(); ++i)
        per_class.push_back({{"class", c.names[i]},
                             {"precision", cm.precision(i)},
                             {"recall", cm.recall(i)},
                             {"f1", cm.f1(i)}});
    fjson j = {{"classes", c.names},       {"confusion_matrix", rows},  {"total", cm.total()},
               {"correct", cm.correct()},  {"accuracy", cm.accuracy()}, {"per_class", per_class},
               {"macro_f1", cm.macro_f1()}};
    if (cm.classes() == 2) {
        j["tn"] = cm.true_negatives();
        j["fp"] = cm.false_positives();
        j["fn"] = cm.false_negatives();
        j["tp"] = cm.true_positives();
    }
    return j;
}

}  // namespace anne::cli
