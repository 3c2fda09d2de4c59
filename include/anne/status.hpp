// Status codes: the core runs on microcontrollers without exceptions, so every function
// that can fail returns one of these, and the caller decides what to do.
#pragma once

#include <cstdint>

namespace anne {

enum class status : std::uint8_t {
    ok = 0,
    invalid_argument,    // a null pointer, a zero size, or a parameter out of range
    shape_mismatch,      // sizes that do not chain (layer inputs, buffer lengths)
    unknown_activation,  // an activation name that is neither built in nor registered
    buffer_too_small,    // a caller-provided buffer is shorter than the work needs
    registry_full,       // no room left for another user-defined activation
    duplicate_name,      // an activation with that name is already registered
    not_finite,          // a NaN or an infinity where a number was expected
};

/// @brief A short English description of a status, for messages.
constexpr const char* status_message(status s) {
    switch (s) {
    case status::ok: return "ok";
    case status::invalid_argument: return "invalid argument";
    case status::shape_mismatch: return "shapes do not match";
    case status::unknown_activation: return "unknown activation";
    case status::buffer_too_small: return "buffer too small";
    case status::registry_full: return "activation registry full";
    case status::duplicate_name: return "an activation of that name exists already";
    case status::not_finite: return "not a finite number";
    }
    return "unknown status";
}

}  // namespace anne
