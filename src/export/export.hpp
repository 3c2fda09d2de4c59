// Code generation: a model as source code for a microcontroller or another language.
//
//   cpp          one C++ header built on the AI-ANNE core (needs only -I include)
//   c            a C99 header and source with plain loops, for projects without C++
//   micropython  a MicroPython file in the style of the original AI-ANNE code
//   onnx         a standard ONNX file (opset 13) for onnxruntime, Netron and other tools
//
// All three compute what the host computes: the same preprocessing, the same summation order
// (z_j = sum over the inputs i in order, then + bias) and the same activation formulas as
// include/anne/activation.hpp. The C++ and C code give bit-identical float32 results on the
// same platform; MicroPython computes in its own float type (double on a PC, float32 on a Pico).
#pragma once

#include <string>

#include "model.hpp"

namespace anne {

/// @brief What the generated code is called and what it says about where it came from.
struct export_options {
    std::string name;       // a C/C++/Python identifier: the namespace, C prefix or module name
    std::string generator;  // e.g. "anne 0.1.0"
    std::string command;    // the command that made it, e.g. "anne export iris8 --target cpp"
    std::string file;       // the name of the file written, for the code's comments; empty:
                            // NAME.hpp, NAME.py
};

/// @brief The C++ header. Throws anne::error if the model can't be exported (an activation
/// that is not built in, a name that is not an identifier).
std::string export_cpp(const model& m, const export_options& o);

/// @brief A C header and its source; the source includes the header as `header_file`.
struct c_files {
    std::string header, source;
};
c_files export_c(const model& m, const export_options& o, const std::string& header_file);

/// @brief The MicroPython file.
std::string export_micropython(const model& m, const export_options& o);

/// @brief The ONNX file's bytes (a serialized ModelProto), the preprocessing as its first
/// nodes. Throws anne::error for an activation that is not built in.
std::string export_onnx(const model& m, const export_options& o);

/// @brief A usable default name: the text's letters, digits and underscores, anything else
/// replaced by '_', prefixed with "model_" if it would start with a digit.
std::string identifier_from(const std::string& text);

/// @brief Throws anne::error unless name is an identifier in C, C++ and Python and none of
/// their keywords.
void check_export_name(const std::string& name);

}  // namespace anne
