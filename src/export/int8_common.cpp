// What the int8 code generators share: integer lists and the sigmoid/tanh tables.
#include "export/int8.hpp"

namespace anne::export_detail {

std::string int_list(const long long* v, std::size_t n, const std::string& indent) {
    std::string out = indent, line;
    for (std::size_t i = 0; i < n; ++i) {
        const std::string item = std::to_string(v[i]) + ",";
        if (!line.empty() && indent.size() + line.size() + 1 + item.size() > 100) {
            out += line + "\n" + indent;
            line.clear();
        }
        line += (line.empty() ? "" : " ") + item;
    }
    return out + line;
}

int8_lookup make_trimmed_table(const int8::layer& l) {
    int8_lookup t;
    int8::make_table(l, t.full);
    while (t.first < 127 && t.full[t.first + 1 + 128] == t.full[0]) ++t.first;
    while (t.last > t.first && t.full[t.last - 1 + 128] == t.full[255]) --t.last;
    return t;
}

bool tabled(const int8::layer& l) {
    return l.kind == int8::activation_kind::sigmoid || l.kind == int8::activation_kind::tanh;
}

}  // namespace anne::export_detail
