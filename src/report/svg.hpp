// Small helpers the report's drawings share: numbers for SVG attributes and labels, colours,
// axes with round tick values. Internal to src/report/.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace anne::svg {

/// @brief A coordinate or length for an SVG attribute: at most 2 decimals, no trailing zeros.
std::string px(double v);
/// @brief A value for people, as on paper: at most `decimals` digits after the point.
std::string value(float v, int decimals = 4);
/// @brief The same, in parentheses when negative, to stand in a product: "(-0.7532)".
std::string operand(float v, int decimals = 4);
/// @brief "<title>text</title>": the native tooltip, which the page's script turns into its own.
std::string title(const std::string& text);

/// @brief Colours: weights by sign, classes by index (cycling through 8 colours).
constexpr const char* positive = "#2b6cb0";
constexpr const char* negative = "#c53030";
const char* class_color(std::size_t c);
/// @brief A colour ("#rrggbb") mixed with white: strength 1 gives the colour, 0 white.
std::string blend(const char* color, double strength);

/// @brief An axis from lo to hi widened to round values, with its tick values, e.g.
/// 0.13 .. 0.71 -> 0.1 .. 0.8 in steps of 0.1.
struct axis {
    double lo, hi, step;
    std::vector<double> ticks;
    /// Maps a value to a position between from (at lo) and to (at hi).
    double map(double v, double from, double to) const {
        return from + (v - lo) / (hi - lo) * (to - from);
    }
    /// A tick's label, with as many decimals as the step needs.
    std::string label(double v) const;
};
axis nice_axis(double lo, double hi, int ticks);

}  // namespace anne::svg
