// JSON on the host, with numbers held as float so that float32 values read and write exactly
// (nlohmann's float serializer prints the shortest text that reads back to the same float).
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace anne {

using fjson = nlohmann::basic_json<nlohmann::ordered_map, std::vector, std::string, bool,
                                   std::int64_t, std::uint64_t, float>;

/// @brief Parses JSON text; a syntax error becomes anne::error naming `where` and the line.
fjson parse_json(const std::string& text, const std::string& where);

/// @brief Pretty JSON for people: objects one key a line, arrays of numbers or strings on one
/// line (a kernel reads as one row a line).
std::string pretty_json(const fjson& j);

/// @brief A JSON value with its path ("$.layers[2].kernel"), for checked reading: every
/// accessor throws anne::error naming the file, the path and what was expected.
class json_at {
public:
    json_at(const fjson& j, std::string path, const std::string& where)
        : j_(j), path_(std::move(path)), where_(where) {}

    const fjson& value() const { return j_; }
    const std::string& path() const { return path_; }
    bool has(const char* key) const { return j_.is_object() && j_.contains(key); }

    json_at operator[](const char* key) const;     // the member, which must exist
    json_at operator[](std::size_t i) const;       // the element, which must exist
    std::size_t size() const;                      // of an array
    float number() const;                          // finite
    std::size_t count(std::size_t min = 0) const;  // a whole number >= min
    bool boolean() const;
    std::string string() const;
    std::vector<float> floats(std::size_t expected) const;  // array of finite numbers
    std::vector<float> floats() const;
    std::vector<std::string> strings() const;

    [[noreturn]] void fail(const std::string& what) const;

private:
    const fjson& j_;
    std::string path_;
    const std::string& where_;
};

}  // namespace anne
