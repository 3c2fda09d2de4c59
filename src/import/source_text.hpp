// What the readers of a source's text (MicroPython) share: the line of a position, and whole
// numbers taken by a regular expression's \d+ (a layer's index in "w12", the units in
// "dense(3, ...)"). std::stoul throws std::out_of_range on a number too large for std::size_t,
// which is no anne::error and names no file (found by the micropython fuzz target);
// whole_number refuses it like any other bad input.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <string>

#include "error.hpp"

namespace anne::import_detail {

/// @brief The line (from 1) of the character at `pos` of `text`.
inline std::size_t line_of(const std::string& text, std::size_t pos) {
    return 1 + static_cast<std::size_t>(
                   std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

/// @brief The decimal number `digits` (digits only); anne::error "where: what DIGITS is too
/// large" when it does not fit a std::size_t.
inline std::size_t whole_number(const std::string& digits, const std::string& where,
                                const std::string& what) {
    std::size_t v = 0;
    const auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec != std::errc() || p != digits.data() + digits.size() || digits.empty())
        fail(where, what + " " + digits + " is too large (expected a whole number up to " +
                        std::to_string(static_cast<std::size_t>(-1)) + ")");
    return v;
}

}  // namespace anne::import_detail
