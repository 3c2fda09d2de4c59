// Files built into the program (the pre-installed models and data/iris.csv), so that
// `anne demo` works from any directory. The build generates their table from the files.
#pragma once

#include <string>

namespace anne {

/// @brief The text of a built-in file by its path in the repository ("models/iris8.json");
/// throws anne::error if there is none.
const char* resource_text(const std::string& path);
/// @brief The same, or nullptr.
const char* find_resource(const std::string& path);

}  // namespace anne
