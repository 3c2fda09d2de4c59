// Reading and writing whole files. Writes go to a temporary file that is then renamed over the
// target, so a failed or interrupted write never leaves a half-written output behind.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace anne {

/// @brief The whole content of a file; throws anne::error naming the file if it can't be read.
std::string read_file(const std::string& path);

/// @brief Writes content to path atomically (temporary file + rename); throws anne::error.
void write_file_atomic(const std::string& path, const std::string& content);

/// @brief Writes several files (path, content) that belong together: all of them or, when one
/// cannot be written, none. Throws anne::error naming the file that failed.
void write_files_atomic(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace anne
