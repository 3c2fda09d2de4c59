// std::from_chars and std::to_chars for float, which the libc++ of Debian's emscripten 3.1.6
// lacks (it has the integer ones only). Force-included into the WebAssembly build
// (scripts/playground.sh, -include), so that src/ compiles unchanged. Results as the standard
// says: from_chars rounds correctly (strtof does, in musl), without leading spaces, '+' or
// hexadecimal; to_chars writes the shortest text that reads back exactly, fixed or scientific,
// whichever is shorter (fixed on a tie).
#pragma once

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace std {

inline from_chars_result from_chars(const char* first, const char* last, float& value) {
    const char* p = first;
    if (p < last && *p == '-') ++p;
    const bool digits = p < last && (std::isdigit(static_cast<unsigned char>(*p)) || *p == '.' ||
                                     *p == 'i' || *p == 'I' || *p == 'n' || *p == 'N');
    if (!digits) return {first, errc::invalid_argument};
    // strtof would read "0x1p3" as hexadecimal; from_chars reads its "0".
    std::string text(first, last);
    const size_t x = text.find_first_of("xX");
    if (x != std::string::npos) text.resize(x);
    errno = 0;
    char* end = nullptr;
    const float v = std::strtof(text.c_str(), &end);
    if (end == text.c_str()) return {first, errc::invalid_argument};
    const char* ptr = first + (end - text.c_str());
    if (errno == ERANGE && std::isinf(v)) return {ptr, errc::result_out_of_range};
    value = v;
    return {ptr, errc()};
}

inline to_chars_result to_chars(char* first, char* last, float value) {
    char e[32];
    if (!std::isfinite(value)) {
        std::snprintf(e, sizeof e, "%s", std::isnan(value) ? "nan" : value < 0 ? "-inf" : "inf");
    } else {
        // The fewest significant digits that read back exactly, in %e form: "d.ddde+XX".
        int digits = 1;
        for (; digits < 9; ++digits) {
            std::snprintf(e, sizeof e, "%.*e", digits - 1, static_cast<double>(value));
            if (std::strtof(e, nullptr) == value) break;
        }
        std::snprintf(e, sizeof e, "%.*e", digits - 1, static_cast<double>(value));
        // The same digits in fixed notation: as many decimals as they need.
        char* mark = std::strchr(e, 'e');
        const int exponent = std::atoi(mark + 1);
        const int decimals = digits - 1 - exponent > 0 ? digits - 1 - exponent : 0;
        char f[64];
        std::snprintf(f, sizeof f, "%.*f", decimals, static_cast<double>(value));
        // to_chars writes the exponent with at least two digits, as %e does.
        if (std::strlen(f) <= std::strlen(e)) std::snprintf(e, sizeof e, "%s", f);
    }
    const size_t n = std::strlen(e);
    if (static_cast<size_t>(last - first) < n) return {last, errc::value_too_large};
    std::memcpy(first, e, n);
    return {first + n, errc()};
}

}  // namespace std
