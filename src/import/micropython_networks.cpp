#include "import/micropython_networks.hpp"

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <vector>

#include "error.hpp"
#include "import/source_text.hpp"

namespace anne::import_detail {

namespace {

// One dense(units, input, wN, bN, 'activation') line: where it is and what it uses.
struct dense_line {
    std::size_t begin, end;  // the call's span in the text
    std::string result, input;
    std::size_t units, index;  // index: the N of wN
    std::string activation;
};

std::string trimmed(const std::string& s) {
    const std::size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

// "line N: " for the character at `pos` of `text`.
std::string line_at(const std::string& text, std::size_t pos) {
    return "line " + std::to_string(line_of(text, pos)) + ": ";
}

// The dense() lines in text order, grouped into chains: a line whose input is the previous
// line's result goes on with its chain, any other starts a new one; `where` names the file.
std::vector<std::vector<dense_line>> chains_of(const std::string& text, const std::string& where) {
    static const std::regex call(
        R"((\w+)[ \t]*=[ \t]*dense\([ \t]*(\d+)[ \t]*,([^,\n]*),[ \t]*w(\d+)[ \t]*,[ \t]*b\d+[ \t]*,[ \t]*['"](\w+)['"][ \t]*\))");
    std::vector<std::vector<dense_line>> chains;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), call);
         it != std::sregex_iterator(); ++it) {
        const std::smatch& m = *it;
        const std::size_t begin = static_cast<std::size_t>(m.position(0));
        const std::string at = line_at(text, begin) + "dense(...): ";
        dense_line d{begin,
                     begin + static_cast<std::size_t>(m.length(0)),
                     m[1].str(),
                     trimmed(m[3].str()),
                     whole_number(m[2].str(), where, at + "the units"),
                     whole_number(m[4].str(), where, at + "the kernel's number"),
                     m[5].str()};
        if (chains.empty() || chains.back().back().result != d.input) chains.emplace_back();
        chains.back().push_back(std::move(d));
    }
    return chains;
}

// "1: w1 to w4, 2 tanh -> 3 sigmoid -> 2 relu -> 1 sigmoid".
std::string describe(const std::vector<std::vector<dense_line>>& chains) {
    std::string s;
    for (std::size_t c = 0; c < chains.size(); ++c) {
        const std::vector<dense_line>& chain = chains[c];
        s += "\n  network " + std::to_string(c + 1) + ": " + std::to_string(chain.size()) +
             " layers (w" + std::to_string(chain.front().index) + " to w" +
             std::to_string(chain.back().index) + "), units and activations ";
        for (std::size_t k = 0; k < chain.size(); ++k)
            s += (k ? " -> " : "") + std::to_string(chain[k].units) + " " + chain[k].activation;
    }
    return s;
}

// A text edit: replace [begin, end) by `text`.
struct edit {
    std::size_t begin, end;
    std::string text;
};

// The span of the bracketed literal that starts at `open` ('['), through its ']'.
std::size_t literal_end(const std::string& text, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < text.size(); ++i) {
        if (text[i] == '[') ++depth;
        if (text[i] == ']' && --depth == 0) return i + 1;
    }
    return text.size();
}

// Spaces for every character but the newlines, so that lines keep their numbers.
std::string blank(const std::string& s) {
    std::string out = s;
    for (char& c : out)
        if (c != '\n') c = ' ';
    return out;
}

// The parameter assignments (wN = [...], bN = [...]), transposes (wN = transpose(wN)) and
// dense() lines of the text: those of the chosen network renumbered by `renumber` (old N ->
// new N), all others blanked; `where` names the file.
std::vector<edit> edits_for(const std::string& text,
                            const std::map<std::size_t, std::size_t>& renumber,
                            const std::string& where) {
    std::vector<edit> edits;
    const auto rewrite = [&](std::size_t begin, std::size_t end, std::size_t n) {
        const std::string span = text.substr(begin, end - begin);
        const auto it = renumber.find(n);
        if (it == renumber.end()) {
            edits.push_back({begin, end, blank(span)});
            return;
        }
        const std::regex name("\\b([wb])" + std::to_string(n) + "\\b");
        edits.push_back(
            {begin, end, std::regex_replace(span, name, "$01" + std::to_string(it->second))});
    };
    static const std::regex assignment(R"((^|\n)([ \t]*)[wb](\d+)[ \t]*=[ \t]*\[)");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), assignment);
         it != std::sregex_iterator(); ++it) {
        const std::size_t begin = static_cast<std::size_t>(it->position(0) + it->length(1));
        const std::size_t open = static_cast<std::size_t>(it->position(0) + it->length(0)) - 1;
        rewrite(
            begin, literal_end(text, open),
            whole_number((*it)[3].str(), where, line_at(text, begin) + "the parameter's number"));
    }
    static const std::regex transpose(R"(\bw(\d+)[ \t]*=[ \t]*transpose\([ \t]*w\d+[ \t]*\))");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), transpose);
         it != std::sregex_iterator(); ++it) {
        const std::size_t begin = static_cast<std::size_t>(it->position(0));
        rewrite(begin, begin + static_cast<std::size_t>(it->length(0)),
                whole_number((*it)[1].str(), where,
                             line_at(text, begin) + "transpose(...): the kernel's number"));
    }
    for (const std::vector<dense_line>& chain : chains_of(text, where))
        for (const dense_line& d : chain) rewrite(d.begin, d.end, d.index);
    return edits;
}

}  // namespace

chosen_network choose_network(const std::string& text, std::size_t network,
                              const std::string& where) {
    const std::vector<std::vector<dense_line>> chains = chains_of(text, where);
    if (network == 0 && chains.size() <= 1) return {text, ""};
    if (network == 0)
        fail(where, "the text holds " + std::to_string(chains.size()) +
                        " networks; choose one with --network N:" + describe(chains));
    if (network > std::max<std::size_t>(chains.size(), 1))
        fail(where, "--network " + std::to_string(network) + ": the text holds " +
                        std::to_string(chains.size()) +
                        (chains.size() == 1 ? " network" : " networks") + describe(chains));
    if (chains.size() <= 1) return {text, ""};
    std::map<std::size_t, std::size_t> renumber;
    for (const dense_line& d : chains[network - 1]) {
        if (!renumber.emplace(d.index, renumber.size() + 1).second)
            fail(where, "network " + std::to_string(network) + " uses w" + std::to_string(d.index) +
                            " twice");
    }
    std::vector<edit> edits = edits_for(text, renumber, where);
    std::sort(edits.begin(), edits.end(),
              [](const edit& a, const edit& b) { return a.begin > b.begin; });
    std::string out = text;
    for (const edit& e : edits) out.replace(e.begin, e.end - e.begin, e.text);
    const std::vector<dense_line>& chosen = chains[network - 1];
    return {out, "network " + std::to_string(network) + " of " + std::to_string(chains.size()) +
                     " in the text: w" + std::to_string(chosen.front().index) + " to w" +
                     std::to_string(chosen.back().index) + " (the other networks are left out)"};
}

}  // namespace anne::import_detail
