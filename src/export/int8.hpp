// Code generation for int8 models (anne quantize): the exporter dispatches here when a model
// has an "int8" section.
#pragma once

#include <string>

#include "export/export.hpp"
#include "model.hpp"

namespace anne {

/// @brief The C++ header of m's int8 network (m.int8 must be set): constant int8 data for the
/// core's integer kernels, predict(raw floats, float outputs) as the float export has, and
/// predict_int8 on int8 values. Throws anne::error if the name is not an identifier.
std::string export_int8_cpp(const model& m, const export_options& o);

}  // namespace anne
