// Steps between layers that every importer shares: a dense layer as it is being built, a
// standalone activation kept as an identity layer, and a batch normalization folded into the
// linear dense layer before it or kept as a diagonal layer. The Keras and ONNX importers both
// call these, so that a BatchNormalization becomes the same numbers whichever file holds it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace anne::import_detail {

/// @brief An activation by anne's name, with its parameter (leaky_relu's slope, ...).
struct activation_choice {
    std::string name;
    float alpha = 0.0f;
};

/// @brief One dense layer of the result, as it is being built.
struct dense_stage {
    std::string origin;  // "Dense 'fc1'", "node '/0/Gemm' (Gemm)", for notes
    std::size_t inputs = 0, units = 0;
    std::vector<float> kernel;  // (inputs, units)
    std::vector<float> bias;    // (units), or empty when the layer has none
    activation_choice act{"linear", 0.0f};
};

/// @brief A dense layer with an identity kernel and no bias: z_j = sum_i x_i I_ij = x_j exactly
/// (every other term is x_i * 0), so it computes f(x) for a standalone activation f. n inputs.
dense_stage identity_stage(std::size_t n, const activation_choice& f, const std::string& origin);

/// @brief A batch normalization's weights at inference, each (units); gamma empty means 1
/// (Keras's scale=False), beta empty means 0 (center=False).
struct batch_norm {
    std::vector<float> gamma, beta, mean, variance;
    double epsilon = 1e-3;
};

/// @brief s_j = gamma_j / sqrt(var_j + eps) in double, per unit; `bad` is set to the first unit
/// (1-based) whose var + eps is not positive, else 0.
std::vector<double> batch_norm_scale(const batch_norm& bn, std::size_t& bad);

/// @brief y_j = s_j (z_j - mean_j) + beta_j after a linear dense layer z = x W + b is
/// x (W s) + (b - mean) s + beta: kernel column j times s_j, bias (b_j - mean_j) s_j + beta_j,
/// computed in double and rounded once. The layer gets a bias if it had none.
void fold_batch_norm(dense_stage& d, const batch_norm& bn, const std::vector<double>& s);

/// @brief y_j = s_j x_j + (beta_j - mean_j s_j): a linear layer with a diagonal kernel, exact
/// for the same reason as the identity kernel.
dense_stage diagonal_batch_norm(const batch_norm& bn, const std::vector<double>& s,
                                const std::string& origin);

}  // namespace anne::import_detail
