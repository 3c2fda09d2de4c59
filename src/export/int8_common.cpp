// What the int8 code generators share: integer lists and the sigmoid/tanh tables.
#include "export/int8.hpp"

#include <algorithm>
#include <cstring>

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

namespace {

// The int8 values layer k's inputs can take: the previous layer's clamp, its table's values,
// or any int8.
void input_range(const int8::network& n, std::size_t k, const std::vector<int8_lookup>& tables,
                 std::int32_t& lo, std::int32_t& hi) {
    lo = -128;
    hi = 127;
    if (k == 0) return;
    const int8::layer& p = n.layers[k - 1];
    if (p.kind == int8::activation_kind::clamp) {
        lo = p.lo;
        hi = p.hi;
    } else if (tabled(p)) {  // monotone: its extremes are at the ends
        lo = std::min(tables[k - 1].below(), tables[k - 1].above());
        hi = std::max(tables[k - 1].below(), tables[k - 1].above());
    }
}

}  // namespace

std::vector<std::int32_t> small_sums_bias(const int8::network& n, std::size_t k,
                                          const std::vector<int8_lookup>& tables) {
    const int8::layer& l = n.layers[k];
    const std::size_t inputs = int8::layer_inputs(n, k);
    std::int32_t lo = 0, hi = 0;
    input_range(n, k, tables, lo, hi);
    std::vector<std::int32_t> folded(l.units);
    for (std::size_t j = 0; j < l.units; ++j) {
        if (l.shift[j] > 0 || l.multiplier[j] <= 0 || (l.multiplier[j] & 0xffff) == 0) return {};
        std::int64_t bias = l.bias ? l.bias[j] : 0, low = 0, high = 0;
        for (std::size_t i = 0; i < inputs; ++i) {
            const std::int64_t w = l.kernel[i * l.units + j];
            bias -= w * l.input_zero_point;
            low += std::min(w * lo, w * hi);
            high += std::max(w * lo, w * hi);
        }
        if (std::max(-(bias + low), bias + high) >= (1 << 16)) return {};
        folded[j] = static_cast<std::int32_t>(bias);
    }
    return folded;
}

bool table_steps(const int8_lookup& t, int8_steps& steps) {
    const std::int8_t* v = t.begin();
    int largest = 0;
    for (std::size_t i = 1; i < t.size(); ++i) {
        if (v[i] < v[i - 1]) return false;
        largest = std::max(largest, v[i] - v[i - 1]);
    }
    if (largest > 15) return false;
    steps.group_log2 = largest > 3 ? 3 : 4;
    const std::size_t per = std::size_t{1} << steps.group_log2, width = 32 / per;
    steps.words.clear();
    steps.base.clear();
    for (std::size_t g = 0; g < t.size(); g += per) {
        std::uint32_t word = 0;
        for (std::size_t r = 1; r < per && g + r < t.size(); ++r)
            word |= static_cast<std::uint32_t>(v[g + r] - v[g + r - 1]) << (width * (r - 1));
        steps.words.push_back(word);
        steps.base.push_back(v[g]);
    }
    return true;
}

namespace {

// The float whose key (input_window) is key.
float float_of_key(std::int32_t key) {
    std::uint32_t bits = static_cast<std::uint32_t>(key);
    if (key < 0) bits ^= 0x7fffffffu;
    float f = 0.0f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

}  // namespace

bool input_window_of(const int8::input_affine& a, int8::input_window& w) {
    if (157 - a.shift < 56) return false;
    // Keys from -infinity to +infinity; quantize_input is -128 at the one end, 127 at the other.
    const std::int32_t minus_infinity = static_cast<std::int32_t>(0xff800000u ^ 0x7fffffffu);
    const std::int32_t plus_infinity = 0x7f800000;
    std::int64_t lo = minus_infinity, hi = plus_infinity;  // the last key giving -128
    while (lo < hi) {
        const std::int64_t mid = (lo + hi + 1) / 2;
        if (int8::quantize_input(float_of_key(static_cast<std::int32_t>(mid)), a) == -128)
            lo = mid;
        else
            hi = mid - 1;
    }
    w.below = static_cast<std::int32_t>(lo);
    lo = minus_infinity;
    hi = plus_infinity;  // the first key giving 127
    while (lo < hi) {
        const std::int64_t mid = lo + (hi - lo) / 2;
        if (int8::quantize_input(float_of_key(static_cast<std::int32_t>(mid)), a) == 127)
            hi = mid;
        else
            lo = mid + 1;
    }
    w.above = static_cast<std::int32_t>(lo);
    w.multiplier = static_cast<std::uint32_t>(a.multiplier);
    w.offset = static_cast<std::int32_t>(static_cast<std::uint32_t>(a.offset));
    w.right = 157 - a.shift;
    return true;
}

bool scale_on_bits(float scale, int8::float_scale& bits) {
    std::uint32_t u = 0;
    std::memcpy(&u, &scale, sizeof u);
    const std::uint32_t exponent = (u >> 23) & 0xffu;
    if ((u >> 31) || exponent == 0 || exponent > 245) return false;
    bits = {(u & 0x7fffffu) | 0x800000u, exponent};
    return true;
}

}  // namespace anne::export_detail
