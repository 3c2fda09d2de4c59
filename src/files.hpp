// Reading and writing whole files. Writes go to a temporary file that is then renamed over the
// target, so a failed or interrupted write never leaves a half-written output behind.
#pragma once

#include <string>

namespace anne {

/// @brief The whole content of a file; throws anne::error naming the file if it can't be read.
std::string read_file(const std::string& path);

/// @brief Writes content to path atomically (temporary file + rename); throws anne::error.
void write_file_atomic(const std::string& path, const std::string& content);

}  // namespace anne
