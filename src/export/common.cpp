#include "export/common.hpp"

#include <charconv>
#include <cmath>
#include <sstream>

#include <anne/activation.hpp>

#include "error.hpp"

namespace anne::export_detail {

std::string float_text(float v) {
    char buf[32];
    const std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, v);
    return std::string(buf, r.ptr);
}

namespace {
// "3" is an integer to C and Python; "3.0" is a float. "1e-05" already is one.
std::string with_point(float v) {
    std::string s = float_text(v);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}
}  // namespace

std::string c_float(float v) { return with_point(v) + "f"; }
std::string py_float(float v) { return with_point(v); }

std::string upper(const std::string& s) {
    std::string u;
    for (char c : s) u += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return u;
}

std::string quoted(const std::string& s) {
    std::string q = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') q += '\\';
        q += c;
    }
    return q + "\"";
}

std::string wrapped_list(const float* v, std::size_t n, const std::string& indent,
                         std::string (*literal)(float), std::size_t width) {
    std::string out, line = indent;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string item = literal(v[i]) + (i + 1 < n ? "," : "");
        if (line.size() > indent.size() && line.size() + 1 + item.size() > width) {
            out += line + "\n";
            line = indent;
        }
        if (line.size() > indent.size()) line += " ";
        line += item;
    }
    return out + line;
}

std::string wrapped_comment(const std::string& prefix, const std::string& text, std::size_t width,
                            const std::string& continuation) {
    std::istringstream words(text);
    const std::string hang = continuation.empty() ? prefix + "  " : continuation;
    std::string out, line = prefix, word;
    while (words >> word) {
        if (line.size() > hang.size() && line.size() + 1 + word.size() > width) {
            out += line + "\n";
            line = hang;
        }
        line += " " + word;
    }
    return out + line + "\n";
}

std::string brace_list(const float* v, std::size_t n, std::size_t column,
                       std::string (*literal)(float), const std::string& indent, char open,
                       char close) {
    std::string one(1, open);
    for (std::size_t i = 0; i < n; ++i) one += (i ? ", " : "") + literal(v[i]);
    one += close;
    if (column + one.size() + 1 <= 100) return one;
    const std::string outer = indent.size() >= 4 ? indent.substr(4) : "";
    return std::string(1, open) + "\n" + wrapped_list(v, n, indent, literal) + "\n" + outer + close;
}

std::vector<layer_view> exportable_layers(const model& m) {
    std::vector<layer_view> layers;
    const network n = m.net();
    for (std::size_t k = 0; k < m.layers.size(); ++k) {
        const layer_info& l = m.layers[k];
        const activation* builtin = nullptr;
        for (const activation* f : activations::builtin)
            if (l.activation == f->name) builtin = f;
        const std::string where = m.name + ": layer " + std::to_string(k + 1);
        if (!builtin)
            fail(where, "activation \"" + l.activation +
                            "\" is not built into AI-ANNE, so the exported code can't contain it");
        layers.push_back({k + 1, layer_inputs(n, k), l.units, l.activation, l.alpha,
                          builtin->parameter != nullptr, l.use_bias, layer_offset(n, k),
                          layer_kernel(n, k), layer_bias(n, k)});
    }
    for (float p : m.params)
        if (!std::isfinite(p)) fail(m.name, "a weight or bias is not a finite number");
    return layers;
}

std::vector<float> bias_without_negative_zero(const layer_view& l) {
    std::vector<float> bias(l.bias, l.bias + l.units);
    for (float& b : bias)
        if (b == 0.0f) b = 0.0f;  // -0.0f == 0.0f: both become +0
    return bias;
}

std::string compile_flags_note() {
    return "Compile it with -ffp-contract=off and without -ffast-math: then it computes bit for "
           "bit what `anne predict` computes, on every target. Without -ffp-contract=off GCC "
           "fuses a * b + c into one multiply-add where the processor has one (x86-64 with "
           "-march=native, the Cortex-M33), which rounds once instead of twice, and the last "
           "bits differ. (CMake's anne::core target, the Pico example and the Arduino library "
           "set it for you.)";
}

std::string architecture_comment(const model& m) {
    const std::string a = architecture(m);
    return "Architecture: " + a.substr(0, a.find(' ')) + " inputs" + a.substr(a.find(' '));
}

std::string output_text(const model& m) {
    const output_meaning& o = m.output;
    auto name = [&](std::size_t c) { return m.class_name(c); };
    switch (o.type) {
    case output_meaning::kind::binary:
        return "binary: output > " + float_text(o.threshold) + " means class 1 (" + name(1) +
               "), otherwise class 0 (" + name(0) + ")";
    case output_meaning::kind::classes: {
        std::string s = "one score per class, the largest wins:";
        for (std::size_t c = 0; c < m.outputs(); ++c)
            s += (c ? ", " : " ") + std::to_string(c) + " " + name(c);
        return s;
    }
    case output_meaning::kind::values: {
        std::string s = "values";
        for (std::size_t i = 0; i < o.names.size(); ++i) s += (i ? ", " : ": ") + o.names[i];
        return s;
    }
    }
    return "";
}

std::string preprocessing_text(const model& m) {
    const preprocessing& p = m.pre;
    if (p.type == preprocessing::kind::none)
        return "none: the inputs go into the network as they are";
    const auto parameters = p.parameters();
    return std::string(p.title()) + ", x_i = " +
           p.formula("raw_i", std::string(parameters[0].first) + "_i",
                     std::string(parameters[1].first) + "_i") +
           ", with the " + (p.type == preprocessing::kind::standardize ? "statistics" : "ranges") +
           " of the training data";
}

std::vector<std::string> used_activations(const std::vector<layer_view>& layers) {
    std::vector<std::string> names;
    for (const layer_view& l : layers) {
        bool seen = false;
        for (const std::string& n : names) seen = seen || n == l.activation;
        if (!seen) names.push_back(l.activation);
    }
    return names;
}

std::vector<const activation_code*> definitions(const activation_code* table, std::size_t size,
                                                const std::vector<layer_view>& layers) {
    auto find = [&](const std::string& name) -> const activation_code* {
        for (std::size_t i = 0; i < size; ++i)
            if (name == table[i].name) return &table[i];
        fail("export", "no code for activation \"" + name + "\" in this target");
    };
    std::vector<const activation_code*> out;
    auto add = [&](const activation_code* a, auto& self) -> void {
        for (const activation_code* d : out)
            if (d == a) return;
        if (a->needs) self(find(a->needs), self);
        out.push_back(a);
    };
    for (const std::string& name : used_activations(layers)) add(find(name), add);
    return out;
}

std::vector<std::string> provenance_lines(const model& m, const export_options& o) {
    std::vector<std::string> lines;
    auto add = [&](const std::string& key, const std::string& value) {
        if (!value.empty()) lines.push_back(key + ": " + value);
    };
    add("Model", m.name + (m.description.empty() ? "" : ". " + m.description));
    add("Source", m.origin.source);
    add("Framework",
        m.origin.framework +
            (m.origin.framework_version.empty() ? "" : " " + m.origin.framework_version));
    add("Converted by", m.origin.converted_by);
    add("Notes", m.origin.notes);
    add("Exported by", o.generator + (o.command.empty() ? "" : ": " + o.command));
    return lines;
}

}  // namespace anne::export_detail

namespace anne {

std::string identifier_from(const std::string& text) {
    std::string id;
    for (char c : text) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        id += ok ? c : '_';
    }
    if (id.empty() || (id[0] >= '0' && id[0] <= '9')) id = "model_" + id;
    return id;
}

void check_export_name(const std::string& name) {
    // The keywords of C99, C++17 and Python 3 that are also valid identifiers elsewhere.
    static const char* const keywords[] = {"False",
                                           "None",
                                           "True",
                                           "alignas",
                                           "alignof",
                                           "and",
                                           "and_eq",
                                           "as",
                                           "asm",
                                           "assert",
                                           "async",
                                           "auto",
                                           "await",
                                           "bitand",
                                           "bitor",
                                           "bool",
                                           "break",
                                           "case",
                                           "catch",
                                           "char",
                                           "char16_t",
                                           "char32_t",
                                           "class",
                                           "compl",
                                           "const",
                                           "const_cast",
                                           "constexpr",
                                           "continue",
                                           "decltype",
                                           "def",
                                           "default",
                                           "del",
                                           "delete",
                                           "do",
                                           "double",
                                           "dynamic_cast",
                                           "elif",
                                           "else",
                                           "enum",
                                           "except",
                                           "explicit",
                                           "export",
                                           "extern",
                                           "false",
                                           "finally",
                                           "float",
                                           "for",
                                           "friend",
                                           "from",
                                           "global",
                                           "goto",
                                           "if",
                                           "import",
                                           "in",
                                           "inline",
                                           "int",
                                           "is",
                                           "lambda",
                                           "long",
                                           "mutable",
                                           "namespace",
                                           "new",
                                           "noexcept",
                                           "nonlocal",
                                           "not",
                                           "not_eq",
                                           "nullptr",
                                           "operator",
                                           "or",
                                           "or_eq",
                                           "pass",
                                           "private",
                                           "protected",
                                           "public",
                                           "raise",
                                           "register",
                                           "reinterpret_cast",
                                           "restrict",
                                           "return",
                                           "short",
                                           "signed",
                                           "sizeof",
                                           "static",
                                           "static_assert",
                                           "static_cast",
                                           "struct",
                                           "switch",
                                           "template",
                                           "this",
                                           "thread_local",
                                           "throw",
                                           "true",
                                           "try",
                                           "typedef",
                                           "typeid",
                                           "typename",
                                           "union",
                                           "unsigned",
                                           "using",
                                           "virtual",
                                           "void",
                                           "volatile",
                                           "wchar_t",
                                           "while",
                                           "with",
                                           "xor",
                                           "xor_eq",
                                           "yield",
                                           "anne",
                                           "std",
                                           "math"};
    const std::string hint = " (give one with --name, e.g. --name my_model)";
    if (name.empty() || identifier_from(name) != name)
        fail("--name", "\"" + name + "\" is not an identifier: use letters, digits and _, " +
                           "not starting with a digit" + hint);
    for (const char* k : keywords)
        if (name == k)
            fail("--name",
                 "\"" + name + "\" is a keyword or a name the generated code uses" + hint);
}

}  // namespace anne
