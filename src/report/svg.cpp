#include "report/svg.hpp"

#include <cmath>
#include <cstdio>

#include "explain/explain.hpp"
#include "report/report.hpp"

namespace anne::svg {

std::string px(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f", std::fabs(v) < 0.005 ? 0.0 : v);
    std::string s = buf;
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

std::string value(float v, int decimals) { return paper_number(v, decimals); }
std::string operand(float v, int decimals) { return paper_operand(v, decimals); }

std::string title(const std::string& text) { return "<title>" + html_escape(text) + "</title>"; }

const char* class_color(std::size_t c) {
    static const char* colors[] = {"#3182ce", "#dd6b20", "#38a169", "#805ad5",
                                   "#d53f8c", "#319795", "#d69e2e", "#718096"};
    return colors[c % 8];
}

std::string blend(const char* color, double strength) {
    char out[8];
    unsigned rgb[3];
    std::sscanf(color + 1, "%2x%2x%2x", &rgb[0], &rgb[1], &rgb[2]);
    for (unsigned& c : rgb) c = static_cast<unsigned>(std::lround(255.0 - (255.0 - c) * strength));
    std::snprintf(out, sizeof out, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    return out;
}

axis nice_axis(double lo, double hi, int ticks) {
    if (!(hi > lo)) {  // one value (or none): a unit-wide axis around it
        lo = std::isfinite(lo) ? lo - 0.5 : 0.0;
        hi = lo + 1.0;
    }
    const double raw = (hi - lo) / ticks;
    const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
    const double r = raw / magnitude;
    const double step = magnitude * (r <= 1.0 ? 1.0 : r <= 2.0 ? 2.0 : r <= 5.0 ? 5.0 : 10.0);
    axis a{std::floor(lo / step + 1e-9) * step, std::ceil(hi / step - 1e-9) * step, step, {}};
    for (double v = a.lo; v <= a.hi + step * 1e-6; v += step) a.ticks.push_back(v);
    return a;
}

std::string axis::label(double v) const {
    const int decimals = step >= 1.0 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v) < step * 1e-6 ? 0.0 : v);
    return buf;
}

}  // namespace anne::svg
