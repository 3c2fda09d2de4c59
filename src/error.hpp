// Errors on the host: one exception type whose message names the file, the place and what was
// expected, e.g. "models/x.json: $.layers[1].kernel: expected 2 rows (the previous layer's
// units), got 3". The command-line program prints it and exits non-zero.
#pragma once

#include <stdexcept>
#include <string>

namespace anne {

class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// @brief Throws anne::error with "where: what".
[[noreturn]] inline void fail(const std::string& where, const std::string& what) {
    throw error(where.empty() ? what : where + ": " + what);
}

}  // namespace anne
