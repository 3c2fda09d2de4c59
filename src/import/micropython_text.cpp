// The AI-ANNE MicroPython parameter text, as the papers and the original code write a network:
//
//     w1 = [[-0.75323504, -0.25906014],
//           [-0.46379513, -0.5019245 ], ...]      # kernel of layer 1
//     b1 = [0.53405946, 0.32578036]                 # bias of layer 1
//     ...
//     w1 = transpose(w1)                            # the code computes with [unit][input]
//     yout1 = dense(2, transpose(Xtest), w1, b1, 'relu')
//
// or the printout of Keras's model.get_weights() the papers' notebooks save:
//
//     [array([[...]], dtype=float32), array([...], dtype=float32), ...]
//
// The bracketed lists are Python literals (they may have `1.`, `.5`, trailing commas and
// comments), so a small parser reads them rather than a JSON library. Kernels come in Keras's
// [input][unit] or transposed [unit][input] form; the shapes tell which unless every kernel is
// square, and `w1 = transpose(w1)` in the text says the literals are [input][unit].
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <map>
#include <optional>
#include <regex>

#include <anne/activation.hpp>

#include "error.hpp"
#include "import/formats.hpp"
#include "import/micropython_networks.hpp"
#include "import/source_text.hpp"

namespace anne::import_detail {

namespace {

// A Python literal: a number or a list of literals.
struct literal {
    bool is_list = false;
    float number = 0.0f;
    std::vector<literal> items;
};

// Reads one literal at a time from the text, reporting errors by line.
class literal_reader {
public:
    literal_reader(const std::string& text, const std::string& where) : s_(text), where_(where) {}

    literal read(std::size_t& pos) {
        pos_ = pos;
        literal v = value();
        pos = pos_;
        return v;
    }

    std::size_t line_of(std::size_t pos) const { return import_detail::line_of(s_, pos); }

private:
    [[noreturn]] void fail_here(const std::string& what) const {
        fail(where_, "line " + std::to_string(line_of(pos_)) + ": " + what);
    }

    void skip_space() {
        while (pos_ < s_.size() &&
               (std::isspace(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '\\'))
            ++pos_;
    }

    bool take(const char* word) {
        const std::size_t n = std::char_traits<char>::length(word);
        if (s_.compare(pos_, n, word) != 0) return false;
        pos_ += n;
        return true;
    }

    literal value() {
        skip_space();
        if (pos_ >= s_.size()) fail_here("the text ends inside a list");
        if (s_[pos_] == '[') return list();
        // numpy's printout: array([...], dtype=float32)
        if (take("array(")) {
            literal v = value();
            skip_space();
            if (take(",")) {
                skip_space();
                if (!take("dtype")) fail_here("expected dtype=... in array(...)");
                skip_space();
                if (!take("=")) fail_here("expected dtype=... in array(...)");
                while (pos_ < s_.size() &&
                       (std::isalnum(static_cast<unsigned char>(s_[pos_])) || s_[pos_] == '_' ||
                        s_[pos_] == '.' || s_[pos_] == '\'' || s_[pos_] == '"'))
                    ++pos_;
                skip_space();
            }
            if (!take(")")) fail_here("expected ')' closing array(");
            return v;
        }
        return number();
    }

    literal list() {
        ++pos_;  // '['
        literal v;
        v.is_list = true;
        while (true) {
            skip_space();
            if (take("]")) return v;
            v.items.push_back(value());
            skip_space();
            if (take(",")) continue;  // Python allows a comma before ']'
            if (take("]")) return v;
            fail_here("expected ',' or ']' in a list");
        }
    }

    literal number() {
        std::size_t end = pos_;
        if (end < s_.size() && (s_[end] == '+' || s_[end] == '-')) ++end;
        const std::size_t digits = end;
        while (end < s_.size() &&
               (std::isdigit(static_cast<unsigned char>(s_[end])) || s_[end] == '.' ||
                s_[end] == 'e' || s_[end] == 'E' ||
                ((s_[end] == '+' || s_[end] == '-') && (s_[end - 1] == 'e' || s_[end - 1] == 'E'))))
            ++end;
        if (end == digits) fail_here("expected a number or '['");
        // from_chars reads neither a leading '+' nor Python's "1." / ".5" in every form, so
        // give it "0.5" and "1.0" spellings; it rounds the decimal straight to float32.
        std::string token =
            s_.substr(s_[pos_] == '+' ? pos_ + 1 : pos_, end - (s_[pos_] == '+' ? pos_ + 1 : pos_));
        const std::size_t sign = token[0] == '-' ? 1 : 0;
        if (token.size() > sign && token[sign] == '.') token.insert(sign, "0");
        const std::size_t e = token.find_first_of("eE");
        const std::size_t mantissa_end = e == std::string::npos ? token.size() : e;
        if (mantissa_end > 0 && token[mantissa_end - 1] == '.') token.insert(mantissa_end, "0");
        literal v;
        const auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), v.number);
        if (ec != std::errc() || ptr != token.data() + token.size() || !std::isfinite(v.number))
            fail_here("'" + s_.substr(pos_, end - pos_) + "' is not a finite float32 number");
        pos_ = end;
        return v;
    }

    const std::string& s_;
    const std::string& where_;
    std::size_t pos_ = 0;
};

// A kernel or bias as rows of numbers; a bias is one row.
struct matrix {
    std::size_t rows = 0, cols = 0;
    std::vector<float> values;  // row-major
    std::size_t line = 0;
};

matrix to_matrix(const literal& v, bool two_d, const std::string& name, std::size_t line,
                 const std::string& where) {
    const std::string at = "line " + std::to_string(line) + ": " + name;
    matrix m;
    m.line = line;
    if (!v.is_list || v.items.empty()) fail(where, at + " is not a non-empty list");
    if (!two_d) {
        m.rows = 1;
        for (const literal& x : v.items) {
            if (x.is_list) fail(where, at + ": expected a list of numbers (a bias)");
            m.values.push_back(x.number);
        }
        m.cols = m.values.size();
        return m;
    }
    m.rows = v.items.size();
    for (const literal& row : v.items) {
        if (!row.is_list) fail(where, at + ": expected a list of rows (a kernel)");
        if (m.cols == 0) m.cols = row.items.size();
        if (row.items.size() != m.cols || m.cols == 0)
            fail(where, at + ": the rows have different lengths");
        for (const literal& x : row.items) {
            if (x.is_list) fail(where, at + ": expected numbers in each row");
            m.values.push_back(x.number);
        }
    }
    return m;
}

matrix transposed(const matrix& m) {
    matrix t = m;
    std::swap(t.rows, t.cols);
    for (std::size_t i = 0; i < m.rows; ++i)
        for (std::size_t j = 0; j < m.cols; ++j)
            t.values[j * m.rows + i] = m.values[i * m.cols + j];
    return t;
}

// Comments become spaces, so that positions (and line numbers) stay where they were.
std::string without_comments(std::string s) {
    char quote = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (quote) {
            if (s[i] == quote) quote = 0;
        } else if (s[i] == '\'' || s[i] == '"') {
            quote = s[i];
        } else if (s[i] == '#') {
            while (i < s.size() && s[i] != '\n') s[i++] = ' ';
        }
        if (s[i] == '\n') quote = 0;
    }
    return s;
}

struct layer_text {
    matrix kernel, bias;
    bool has_bias = false;
    std::string activation;  // from a dense(...) line, or empty
};

// An activation name with an optional parameter, "relu" or "leaky_relu=0.01".
layer_info parse_activation(const std::string& spec, std::size_t k, bool from_text,
                            const std::string& where) {
    const std::string at = "layer " + std::to_string(k);
    const std::size_t eq = spec.find('=');
    const std::string name = spec.substr(0, eq);
    float alpha = 0.0f;
    if (eq != std::string::npos) {
        const std::string value = spec.substr(eq + 1);
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), alpha);
        if (ec != std::errc() || ptr != value.data() + value.size() || !std::isfinite(alpha))
            fail(where, at + ": '" + value + "' is not a number");
    } else if (from_text && name == "leaky_relu") {
        fail(where, at + ": 'leaky_relu' is ambiguous in AI-ANNE code: its neuron() computes plain "
                         "relu for it (a known defect) while its leaky_relu() has slope 0.01; say "
                         "which with --activations (e.g. relu or leaky_relu=0.01)");
    }
    layer_info l;
    std::string why;
    const activation_fault fault =
        resolve_activation(name, eq != std::string::npos ? &alpha : nullptr, nullptr, l, why);
    if (fault == activation_fault::needs_parameter) why += ", e.g. " + name + "=0.01";
    if (fault != activation_fault::none) fail(where, at + ": " + why);
    return l;
}

// The layers of the numpy get_weights() printout: kernel, bias, kernel, bias, ... (a kernel
// followed by another kernel has no bias).
std::vector<layer_text> weights_list(const literal& v, std::size_t line, const std::string& where) {
    std::vector<layer_text> layers;
    for (std::size_t i = 0; i < v.items.size(); ++i) {
        const literal& k = v.items[i];
        const bool kernel = k.is_list && !k.items.empty() && k.items[0].is_list;
        if (!kernel)
            fail(where, "line " + std::to_string(line) + ": item " + std::to_string(i + 1) +
                            " should be a kernel (a list of rows)");
        layer_text l;
        l.kernel = to_matrix(k, true, "kernel " + std::to_string(layers.size() + 1), line, where);
        if (i + 1 < v.items.size() && !(v.items[i + 1].is_list && !v.items[i + 1].items.empty() &&
                                        v.items[i + 1].items[0].is_list)) {
            l.bias = to_matrix(v.items[++i], false, "bias " + std::to_string(layers.size() + 1),
                               line, where);
            l.has_bias = true;
        }
        layers.push_back(std::move(l));
    }
    return layers;
}

}  // namespace

// Long on purpose (~170 lines): one pass over the text in the order the original code writes
// it (assignments, transposes, dense calls, activations), each step checked in place with the
// line it came from; split up, every piece would need the reader's whole state.
imported read_micropython(const source& s, const import_options& options) {
    const std::string& where = s.path;
    const chosen_network chosen = choose_network(without_comments(s.bytes), options.network, where);
    const std::string& text = chosen.text;
    literal_reader reader(text, where);
    std::vector<layer_text> layers;
    bool printout = false;
    // Why the kernels are known to be Keras's [input][unit] whatever their shapes, if they are.
    std::string keras_form_because;

    // The get_weights() printout is the whole text: one list.
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string::npos && text[first] == '[') {
        const literal v = reader.read(first);
        layers = weights_list(v, reader.line_of(first), where);
        printout = true;
        keras_form_because = "kernels are Keras's get_weights(): [input][unit]";
    } else {
        // Assignments "w1 = [", "b1 = [" at the start of a line.
        std::map<std::size_t, std::pair<std::optional<matrix>, std::optional<matrix>>> found;
        const std::regex assignment(R"((^|\n)[ \t]*([wb])(\d+)[ \t]*=[ \t]*\[)");
        for (auto it = std::sregex_iterator(text.begin(), text.end(), assignment);
             it != std::sregex_iterator(); ++it) {
            const std::smatch& m = *it;
            const bool kernel = m[2].str() == "w";
            std::size_t pos = static_cast<std::size_t>(m.position(0) + m.length(0)) - 1;
            const std::size_t line = reader.line_of(pos);
            const std::size_t k = whole_number(
                m[3].str(), where, "line " + std::to_string(line) + ": the parameter's number");
            const std::string name = m[2].str() + m[3].str();
            const matrix value = to_matrix(reader.read(pos), kernel, name, line, where);
            std::optional<matrix>& slot = kernel ? found[k].first : found[k].second;
            if (slot)
                fail(where, "line " + std::to_string(line) + ": " + name +
                                " is assigned again (first on line " + std::to_string(slot->line) +
                                "); give one network per file");
            slot = value;
        }
        if (found.empty())
            fail(where,
                 "no parameters found: expected lines w1 = [[...]], b1 = [...], ... (AI-ANNE "
                 "MicroPython) or a printout [array(...), ...] of Keras's get_weights()");
        std::size_t k = 1;
        for (const auto& [index, pair] : found) {
            const std::string n = std::to_string(index);
            if (index != k)
                fail(where,
                     "w" + std::to_string(k) + " is missing (the layers are numbered 1, 2, ...)");
            if (!pair.first) fail(where, "b" + n + " has no kernel w" + n);
            if (!pair.second) fail(where, "w" + n + " has no bias b" + n);
            layer_text l;
            l.kernel = *pair.first;
            l.bias = *pair.second;
            l.has_bias = true;
            layers.push_back(std::move(l));
            ++k;
        }
        // wN = transpose(wN): the literal is [input][unit] and the code turns it around.
        const std::regex transpose_call(R"(\bw(\d+)[ \t]*=[ \t]*transpose\([ \t]*w(\d+)[ \t]*\))");
        for (auto it = std::sregex_iterator(text.begin(), text.end(), transpose_call);
             it != std::sregex_iterator(); ++it) {
            if ((*it)[2].str() == (*it)[1].str())
                keras_form_because =
                    "the text transposes its kernels itself (w1 = transpose(w1)), so they are "
                    "written [input][unit] (Keras)";
        }
        // dense(units, inputs, wN, bN, 'activation')
        const std::regex dense_call(
            R"(\bdense\([ \t]*(\d+)[ \t]*,[^,\n]*,[ \t]*w(\d+)[ \t]*,[ \t]*b(\d+)[ \t]*,[ \t]*['"](\w+)['"][ \t]*\))");
        for (auto it = std::sregex_iterator(text.begin(), text.end(), dense_call);
             it != std::sregex_iterator(); ++it) {
            const std::smatch& m = *it;
            const std::size_t line = reader.line_of(static_cast<std::size_t>(m.position(0)));
            const std::string at = "line " + std::to_string(line) + ": dense(...): ";
            const std::size_t n = whole_number(m[2].str(), where, at + "the kernel's number");
            if (n < 1 || n > layers.size() || m[2].str() != m[3].str())
                fail(where, "line " + std::to_string(line) + ": dense(...) uses w" + m[2].str() +
                                " and b" + m[3].str() + ", which are not a layer's parameters");
            layer_text& l = layers[n - 1];
            if (whole_number(m[1].str(), where, at + "the units") != l.bias.cols)
                fail(where, "line " + std::to_string(line) + ": dense(" + m[1].str() +
                                ", ...) but b" + m[2].str() + " has " +
                                std::to_string(l.bias.cols) + " values");
            l.activation = m[4].str();
        }
    }

    // Which way round are the kernels? Keras's [input][unit] has units (the bias length)
    // columns and the previous layer's units rows; the transposed form the other way round.
    const auto fits = [&layers](bool transposed_form) {
        for (std::size_t k = 0; k < layers.size(); ++k) {
            const matrix& w = layers[k].kernel;
            const std::size_t units = transposed_form ? w.rows : w.cols;
            const std::size_t inputs = transposed_form ? w.cols : w.rows;
            if (layers[k].has_bias && units != layers[k].bias.cols) return false;
            if (k > 0 &&
                inputs != (transposed_form ? layers[k - 1].kernel.rows : layers[k - 1].kernel.cols))
                return false;
        }
        return true;
    };
    std::vector<std::string> notes;
    bool transposed_form = false;
    if (options.layout != kernel_layout::detect) {
        transposed_form = options.layout == kernel_layout::transposed;
        notes.push_back(std::string("kernels read as ") +
                        (transposed_form ? "[unit][input] (transposed)" : "[input][unit] (Keras)") +
                        ", as the options say");
    } else if (!keras_form_because.empty()) {
        notes.push_back(keras_form_because);
    } else {
        const bool keras = fits(false), transposed_ok = fits(true);
        if (keras && transposed_ok)
            fail(where,
                 "every kernel is square, so their orientation cannot be told from their "
                 "shapes; pass --transposed if they are written [unit][input] as the original "
                 "AI-ANNE code computes with them, or --no-transposed for Keras's [input][unit]");
        if (!keras && !transposed_ok) {
            std::string shapes;
            for (std::size_t k = 0; k < layers.size(); ++k)
                shapes +=
                    (k ? ", " : "") + std::string("w") + std::to_string(k + 1) + " " +
                    std::to_string(layers[k].kernel.rows) + " x " +
                    std::to_string(layers[k].kernel.cols) +
                    (layers[k].has_bias ? " with " + std::to_string(layers[k].bias.cols) + " biases"
                                        : "");
            fail(where, "the kernel shapes do not chain in either orientation: " + shapes);
        }
        transposed_form = transposed_ok;
        notes.push_back(std::string("kernels are written ") +
                        (transposed_form
                             ? "[unit][input] (transposed, as the original code computes)"
                             : "[input][unit] (Keras)") +
                        ", as their shapes show");
    }
    if (!fits(transposed_form))
        fail(where, std::string("the kernels do not fit the biases and each other when read as ") +
                        (transposed_form ? "[unit][input]" : "[input][unit]"));

    if (!options.activations.empty() && options.activations.size() != layers.size())
        fail(where, "--activations names " + std::to_string(options.activations.size()) +
                        " activations; the text has " + std::to_string(layers.size()) + " layers");
    imported r;
    r.framework = "AI-ANNE MicroPython";
    r.format =
        printout ? "printout of Keras's get_weights()" : "AI-ANNE MicroPython parameter text";
    model& m = r.m;
    for (std::size_t k = 0; k < layers.size(); ++k) {
        const matrix w = transposed_form ? transposed(layers[k].kernel) : layers[k].kernel;
        layer_info l;
        if (!options.activations.empty()) {
            l = parse_activation(options.activations[k], k + 1, false, where);
        } else if (!layers[k].activation.empty()) {
            l = parse_activation(layers[k].activation, k + 1, true, where);
            if (l.activation == "softmax")
                notes.push_back("layer " + std::to_string(k + 1) +
                                ": 'softmax' imported as Keras's softmax over the layer's units "
                                "(the original code computes tanh for it, a known defect)");
        } else {
            fail(where, "layer " + std::to_string(k + 1) + " has no activation: the text has no " +
                            "dense(..., w" + std::to_string(k + 1) + ", b" + std::to_string(k + 1) +
                            ", '<activation>') line; give them with --activations");
        }
        l.units = w.cols;
        l.use_bias = layers[k].has_bias;
        if (k == 0) m.inputs = w.rows;
        m.params.insert(m.params.end(), w.values.begin(), w.values.end());
        if (l.use_bias)
            m.params.insert(m.params.end(), layers[k].bias.values.begin(),
                            layers[k].bias.values.end());
        m.layers.push_back(l);
    }
    if (!chosen.note.empty()) notes.insert(notes.begin(), chosen.note);
    r.notes = std::move(notes);
    return r;
}

}  // namespace anne::import_detail
