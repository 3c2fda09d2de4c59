// What the three code generators share: number literals, comment text, the model's shape.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <anne/activation.hpp>

#include "export/export.hpp"
#include "model.hpp"

namespace anne::export_detail {

/// @brief The shortest decimal text that reads back as exactly v ("0.5", "1e-05", "3").
std::string float_text(float v);
/// @brief v as a C/C++ float literal that reads back exactly: "0.5f", "3.0f", "1e-05f".
std::string c_float(float v);
/// @brief v as a Python float literal that reads back as the same float32: "0.5", "3.0".
std::string py_float(float v);

/// @brief s in capitals (ASCII letters only): a C macro prefix.
std::string upper(const std::string& s);
/// @brief s as a C or Python string literal: in double quotes, '"' and '\\' escaped.
std::string quoted(const std::string& s);

/// @brief The values as a comma-separated list wrapped at `width` columns, each line
/// starting with `indent`; `literal` turns a value into text. No trailing line break.
std::string wrapped_list(const float* v, std::size_t n, const std::string& indent,
                         std::string (*literal)(float), std::size_t width = 100);

/// @brief text as comment lines "prefix words..." wrapped at width columns. The lines after
/// the first start with `continuation`, by default the prefix and two more spaces.
std::string wrapped_comment(const std::string& prefix, const std::string& text,
                            std::size_t width = 100, const std::string& continuation = "");

/// @brief "{a, b, c}" if it fits on the line after `column` characters, else the values on
/// lines of their own (each starting with indent) between "{" and "}" (the "}" indented four
/// spaces less). Python lists use open '[' and close ']'.
std::string brace_list(const float* v, std::size_t n, std::size_t column,
                       std::string (*literal)(float), const std::string& indent, char open = '{',
                       char close = '}');

/// @brief One layer of a model with its place in the parameter buffer.
struct layer_view {
    std::size_t number;  // 1-based, as the comments count layers
    std::size_t inputs, units;
    std::string activation;
    float alpha;
    bool has_alpha;  // the activation takes a parameter (leaky_relu's slope, elu's alpha)
    bool use_bias;
    std::size_t offset;   // of the kernel in the parameter buffer; the bias follows it
    const float* kernel;  // (inputs, units), row-major
    const float* bias;    // (units), or nullptr
};

/// @brief The layers of a model; throws anne::error naming what can't be exported (an
/// activation that isn't built in, a parameter that isn't finite).
std::vector<layer_view> exportable_layers(const model& m);

/// @brief A layer's bias with every -0.0f written as 0.0f: anne::weighted_sums, which the
/// C++ export calls, needs that to equal the core's sums bit for bit (include/anne/dense.hpp),
/// and it changes no sum of the core's (it never adds to -0).
std::vector<float> bias_without_negative_zero(const layer_view& l);

/// @brief The compiler flags that exported code needs for the same bits as `anne predict`,
/// as a paragraph for the exported file's opening comment.
std::string compile_flags_note();

/// @brief "Architecture: 4 inputs -> 2 (relu) -> 3 (sigmoid)": architecture(m) for a comment.
std::string architecture_comment(const model& m);
/// @brief What the output means, for a comment: "binary: > 0.5 means virginica, else ...".
std::string output_text(const model& m);
/// @brief What preprocessing does, for a comment.
std::string preprocessing_text(const model& m);
/// @brief The distinct activations the layers use, in order of first use.
std::vector<std::string> used_activations(const std::vector<layer_view>& layers);
/// @brief The samples that the exported predict_batch computes side by side (a multiple of 4
/// floats and of 2 doubles, the vector registers of SSE2 and NEON).
constexpr std::size_t batch_lanes = 8;

/// @brief One activation in a target language: its definition and the activation it calls.
/// Each exporter has a table of them and checks at compile time (covers_builtins) that it has
/// one for every built-in activation, so that no layer can go out without its function.
struct activation_code {
    const char* name;
    const char* needs;  // another activation this one calls, or nullptr
    const char* code;
};

/// @brief True when table has an entry for every built-in activation.
template <std::size_t N>
constexpr bool covers_builtins(const activation_code (&table)[N]) {
    for (const activation* f : activations::builtin) {
        bool found = false;
        for (const activation_code& a : table) found = found || detail::same_name(a.name, f->name);
        if (!found) return false;
    }
    return true;
}

/// @brief The table's entries for the activations the layers use, callees first. Throws
/// anne::error for one the table lacks (exportable_layers lets only built-ins through).
std::vector<const activation_code*> definitions(const activation_code* table, std::size_t size,
                                                const std::vector<layer_view>& layers);
template <std::size_t N>
std::vector<const activation_code*> definitions(const activation_code (&table)[N],
                                                const std::vector<layer_view>& layers) {
    return definitions(table, N, layers);
}

/// @brief The model's provenance as "Key: value" lines for a header comment.
std::vector<std::string> provenance_lines(const model& m, const export_options& o);

}  // namespace anne::export_detail
