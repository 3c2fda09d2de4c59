// Checks on a program's printed text and the files it wrote, shared by the test suites.
#pragma once

#include <cstddef>
#include <fstream>
#include <sstream>
#include <string>

namespace anne::test {

/// @brief Whether `part` occurs in `text`.
inline bool has(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// @brief How often `part` occurs in `text`, overlapping occurrences included.
inline std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t p = text.find(part); p != std::string::npos; p = text.find(part, p + 1)) ++n;
    return n;
}

/// @brief A file's whole content, bytes as they are; empty if it cannot be read (the tests check
/// what they find, unlike anne::read_file, which throws).
inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace anne::test
