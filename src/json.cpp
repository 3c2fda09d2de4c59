#include "json.hpp"

#include <cmath>

#include "error.hpp"
#include "files.hpp"

namespace anne {

fjson parse_json(const std::string& text, const std::string& where) {
    const std::size_t start = utf8_text_start(text, where);
    if (text.find_first_not_of(" \t\r\n", start) == std::string::npos)
        fail(where, "empty file: expected JSON text");
    try {
        return fjson::parse(text.begin() + static_cast<std::ptrdiff_t>(start), text.end());
    } catch (const fjson::parse_error& e) {
        // e.what() reads "[json.exception.parse_error.101] parse error at line 3, column 5: ..."
        std::string what = e.what();
        const auto p = what.find("parse error");
        fail(where, "not valid JSON: " + (p == std::string::npos ? what : what.substr(p)));
    } catch (const fjson::out_of_range& e) {
        // "[json.exception.out_of_range.406] number overflow parsing '1e39'"
        const std::string what = e.what();
        const auto p = what.find("number overflow");
        fail(where,
             (p == std::string::npos ? what : what.substr(p)) + ": larger than a float32 can hold");
    }
}

namespace {

bool is_flat(const fjson& j) {
    for (const auto& e : j)
        if (e.is_structured()) return false;
    return true;
}

void pretty(const fjson& j, std::string& out, int indent) {
    const std::string pad(static_cast<std::size_t>(indent) + 2, ' ');
    if (j.is_object() && !j.empty()) {
        out += "{\n";
        std::size_t i = 0;
        for (const auto& [key, value] : j.items()) {
            out += pad + fjson(key).dump() + ": ";
            pretty(value, out, indent + 2);
            out += ++i < j.size() ? ",\n" : "\n";
        }
        out += std::string(static_cast<std::size_t>(indent), ' ') + "}";
    } else if (j.is_array() && !j.empty() && !is_flat(j)) {
        out += "[\n";
        for (std::size_t i = 0; i < j.size(); ++i) {
            out += pad;
            pretty(j[i], out, indent + 2);
            out += i + 1 < j.size() ? ",\n" : "\n";
        }
        out += std::string(static_cast<std::size_t>(indent), ' ') + "]";
    } else if (j.is_array()) {
        out += "[";
        for (std::size_t i = 0; i < j.size(); ++i) out += (i ? ", " : "") + j[i].dump();
        out += "]";
    } else {
        out += j.dump();
    }
}

}  // namespace

std::string pretty_json(const fjson& j) {
    std::string out;
    pretty(j, out, 0);
    return out + "\n";
}

void json_at::fail(const std::string& what) const { anne::fail(where_, path_ + ": " + what); }

json_at json_at::operator[](const char* key) const {
    if (!j_.is_object()) fail("expected an object");
    const auto it = j_.find(key);
    if (it == j_.end()) fail(std::string("missing \"") + key + "\"");
    return json_at(*it, path_ + "." + key, where_);
}

json_at json_at::operator[](std::size_t i) const {
    if (!j_.is_array()) fail("expected an array");
    if (i >= j_.size()) fail("expected at least " + std::to_string(i + 1) + " elements");
    return json_at(j_[i], path_ + "[" + std::to_string(i) + "]", where_);
}

std::size_t json_at::size() const {
    if (!j_.is_array()) fail("expected an array");
    return j_.size();
}

float json_at::number() const {
    if (!j_.is_number()) fail("expected a number, got " + std::string(j_.type_name()));
    const float v = j_.get<float>();
    if (!std::isfinite(v)) fail("expected a finite float32 number, got " + j_.dump());
    return v;
}

std::size_t json_at::count(std::size_t min) const {
    if (!j_.is_number_integer() || j_.get<std::int64_t>() < static_cast<std::int64_t>(min))
        fail("expected a whole number >= " + std::to_string(min) + ", got " + j_.dump());
    return static_cast<std::size_t>(j_.get<std::int64_t>());
}

bool json_at::boolean() const {
    if (!j_.is_boolean()) fail("expected true or false, got " + j_.dump());
    return j_.get<bool>();
}

std::string json_at::string() const {
    if (!j_.is_string()) fail("expected a string, got " + j_.dump());
    return j_.get<std::string>();
}

std::vector<float> json_at::floats() const {
    std::vector<float> v(size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = (*this)[i].number();
    return v;
}

std::vector<float> json_at::floats(std::size_t expected) const {
    if (size() != expected)
        fail("expected " + std::to_string(expected) + " numbers, got " + std::to_string(size()));
    return floats();
}

std::vector<std::string> json_at::strings() const {
    std::vector<std::string> v(size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = (*this)[i].string();
    return v;
}

}  // namespace anne
