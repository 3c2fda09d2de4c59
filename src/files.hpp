// Reading and writing whole files. Writes go to a temporary file that is then renamed over the
// target, so a failed or interrupted write never leaves a half-written output behind.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace anne {

/// @brief The whole content of a file; throws anne::error naming the file if it can't be read.
std::string read_file(const std::string& path);

/// @brief Where text (a CSV or JSON file) starts: after a UTF-8 byte-order mark, if any. Throws
/// anne::error naming the file and the line when the text is not UTF-8: a UTF-16 or UTF-32
/// byte-order mark, a NUL byte, or a byte sequence that is not UTF-8.
std::size_t utf8_text_start(const std::string& text, const std::string& where);
/// @brief The same in two steps, for a file read line by line: where the text starts, given
/// its first bytes (at least its first line); then each line's bytes (line: its number).
std::size_t utf8_bom(const std::string& start, const std::string& where);
void check_utf8(const char* text, std::size_t size, std::size_t line, const std::string& where);

/// @brief Writes content to path atomically: a temporary file in the same folder, flushed to the
/// disk (fsync), then renamed over path, so that a crash or a kill at any moment leaves either
/// the old file or the new one. Throws anne::error.
void write_file_atomic(const std::string& path, const std::string& content);

/// @brief Writes several files (path, content) that belong together: all of them or, when one
/// cannot be written, none. Throws anne::error naming the file that failed.
void write_files_atomic(const std::vector<std::pair<std::string, std::string>>& files);

}  // namespace anne
