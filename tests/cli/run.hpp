// Runs the anne program as a user would, capturing its exit code and output.
#pragma once

#include <string>

namespace anne::test {

struct result {
    int code;
    std::string out, err;
};

/// @brief Runs `anne ARGS` (ARGS passed to the shell as written) in a scratch directory.
result anne(const std::string& args);
/// @brief A fresh, empty scratch directory for one test.
std::string scratch_dir(const std::string& name);

}  // namespace anne::test
