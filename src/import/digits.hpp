// Whole numbers a reader takes from a source's text by a regular expression's \d+: a layer's
// index in "w12", the units in "dense(3, ...)". std::stoul throws std::out_of_range on a number
// too large for std::size_t, which is no anne::error and names no file (found by the
// micropython fuzz target); this refuses it like any other bad input.
#pragma once

#include <charconv>
#include <cstddef>
#include <string>

#include "error.hpp"

namespace anne::import_detail {

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
