// What every fuzz target shares: a reader may refuse its input only with anne::error (one
// message naming the file and the place); any other exception escapes the target, and libFuzzer
// reports it as a finding, as it does crashes, leaks and sanitizer reports.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "error.hpp"

namespace anne::fuzz {

/// @brief The fuzzer's bytes as a string.
inline std::string text(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

/// @brief Runs read(); an anne::error is the reader refusing the input, which is fine.
template <class F>
int refused_or_read(F&& read) {
    try {
        read();
    } catch (const anne::error&) {
    }
    return 0;
}

/// @brief A fresh folder for files a reader must find on disk (TensorFlow.js shards), removed
/// when the fuzzer exits.
const std::string& scratch_folder();

}  // namespace anne::fuzz
