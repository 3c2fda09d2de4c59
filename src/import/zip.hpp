// Reading the members of a zip archive held in memory (a Keras 3 `.keras` file), with libzip.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace anne::zip {

/// @brief True if the bytes start like a zip archive.
bool is_zip(const std::string& bytes);

/// @brief Those of the named members that the archive holds, uncompressed, by name; throws
/// anne::error naming `where` when the archive is corrupt or truncated.
std::map<std::string, std::string> read_members(const std::string& bytes,
                                                const std::vector<std::string>& names,
                                                const std::string& where);

}  // namespace anne::zip
