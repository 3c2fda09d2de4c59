// The int8 form of a model on the host: the quantized layers a model file's "int8" section
// holds (docs/model-format.md), bound to the core's int8 network (include/anne/quantized.hpp),
// and post-training quantization that makes them from a float model and calibration data.
//
// An int8 model file is the float model plus this section, so that every command can show the
// float and the int8 network side by side.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <anne/quantized.hpp>

#include "data.hpp"
#include "json.hpp"
#include "model.hpp"

namespace anne {

/// @brief A tensor's quantization and the calibration range it was made from.
struct int8_tensor {
    float scale = 1.0f;
    std::int32_t zero_point = 0;
    float min = 0.0f, max = 0.0f;  // calibrated (before widening to include 0)
};

/// @brief One int8 dense layer's data. kernel is (inputs, units) as in the float model.
struct int8_layer_data {
    std::vector<std::int8_t> kernel;
    std::vector<float> kernel_scale;       // (units): real weight = kernel_scale[j] * kernel[i][j]
    std::vector<std::int32_t> bias;        // (units), scale input_scale * kernel_scale[j]; or empty
    std::vector<std::int32_t> multiplier;  // (units): input_scale * kernel_scale[j] / sums scale
    std::vector<std::int8_t> shift;        // (units)
    int8_tensor sums;                  // the requantized sums: the output for relu, relu6, linear
    std::int32_t lo = -128, hi = 127;  // the clamp of the sums
    int8::squash_params squash{};      // sigmoid, tanh
    int8::softmax_params soft{};       // softmax
};

/// @brief The int8 network of a model, with the self-test of its exact int8 outputs.
struct int8_model {
    // Move only: the core's view points into the vectors below.
    int8_model() = default;
    int8_model(int8_model&&) = default;
    int8_model& operator=(int8_model&&) = default;
    int8_model(const int8_model&) = delete;

    int8_tensor input;  // of the preprocessed inputs
    std::vector<int8_layer_data> layers;
    std::string calibration;  // the data it was calibrated on
    std::size_t calibration_rows = 0;
    std::vector<std::vector<float>> test_inputs;         // raw
    std::vector<std::vector<std::int8_t>> test_outputs;  // exact

    /// @brief Computes the core's view (the input affine maps from the model's preprocessing
    /// and the input quantization; activation kinds from the float layers) and checks that
    /// shapes, multipliers, shifts and clamps agree with the scales; throws anne::error.
    void bind(const model& m, const std::string& where);
    /// @brief The core's int8 network (valid while this object lives unchanged).
    int8::network net() const;

    /// @brief The int8 outputs of one raw sample, and optionally its quantized inputs.
    std::vector<std::int8_t> predict(const std::vector<float>& raw,
                                     std::vector<std::int8_t>* x8 = nullptr) const;
    /// @brief The dequantized outputs of one raw sample.
    std::vector<float> predict_float(const std::vector<float>& raw) const;
    /// @brief The quantization of the last layer's output.
    int8::quantization output() const;
    /// @brief The quantization of layer k's output (its sums, or the fixed activation scale).
    int8::quantization layer_output(std::size_t k) const;
    /// @brief Throws anne::error naming `where` unless every self-test output is exact.
    void run_self_test(const std::string& where) const;

    /// @brief Bytes the int8 network's parameters take: int8 weights, int32 biases and
    /// multipliers, int8 shifts.
    std::size_t parameter_bytes() const;

private:
    std::vector<int8::input_affine> affine_;
    std::vector<int8::layer> core_;
    int8::network net_{};
};

/// @brief The class the int8 network gives each row of d (raw), as m.decide does.
std::vector<std::size_t> int8_classify_rows(const model& m, const dataset& d);

/// @brief The activations an int8 layer may have, comma-separated, for errors.
const char* int8_activations();
/// @brief The int8 kind of an activation; throws anne::error naming `where` (the layer) and
/// listing the supported ones for an activation without an int8 form.
int8::activation_kind int8_kind(const std::string& activation, const std::string& where);
/// @brief The clamp [lo, hi] of a layer's requantized sums, TensorFlow Lite's
/// CalculateActivationRangeQuantized: relu at the q of 0.0, relu6 also at the q of 6.0
/// (q = zero_point + round(real / scale), in float); [-128, 127] for the others.
void int8_clamp(const std::string& activation, const int8_tensor& sums, std::int32_t& lo,
                std::int32_t& hi);

/// @brief Reads a model file's "int8" section for m (the float part already read).
int8_model read_int8(const json_at& j, const model& m, const std::string& where);
/// @brief The "int8" section of a model file.
fjson int8_to_json(const int8_model& q);

/// @brief Post-training full integer quantization of m (TensorFlow Lite's converter for
/// fully connected layers): calibrates the ranges on data's rows (raw, the model's
/// preprocessing applied), quantizes weights per unit and biases, and records the first
/// `test_cases` calibration rows as the exact self-test. `source` names the data in the file.
/// Throws anne::error naming the layer for an activation without an int8 form.
int8_model quantize_model(const model& m, const dataset& data, const std::string& source,
                          std::size_t test_cases = 3);

}  // namespace anne
