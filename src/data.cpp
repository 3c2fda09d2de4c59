#include "data.hpp"

#include <charconv>
#include <cmath>
#include <map>

#include <csv.h>

#include "error.hpp"
#include "files.hpp"

namespace anne {

std::size_t table::column(const std::string& name) const {
    for (std::size_t c = 0; c < header.size(); ++c)
        if (header[c] == name) return c;
    std::string known;
    for (const std::string& h : header) known += (known.empty() ? "" : ", ") + h;
    fail(where, "no column \"" + name + "\" (the columns are: " + known + ")");
}

namespace {

// libcsv calls back once per cell and once per row end.
struct csv_builder {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> current;
    std::vector<std::size_t> lines;
    std::size_t line = 1, row_start = 1;
};

void on_cell(void* cell, std::size_t n, void* data) {
    auto* b = static_cast<csv_builder*>(data);
    b->current.emplace_back(static_cast<const char*>(cell), n);
}

void on_row(int, void* data) {
    auto* b = static_cast<csv_builder*>(data);
    // A line with nothing on it gives a single empty cell: not a row.
    if (!(b->current.size() == 1 && b->current[0].empty())) {
        b->rows.push_back(std::move(b->current));
        b->lines.push_back(b->row_start);
    }
    b->current.clear();
}

}  // namespace

table parse_csv(const std::string& text, const std::string& where) {
    csv_parser p;
    if (csv_init(&p, CSV_APPEND_NULL) != 0) fail(where, "cannot start the CSV parser");
    csv_builder b;
    // Feed line by line so that each row knows the line it started on.
    std::size_t pos = utf8_text_start(text, where);
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        end = end == std::string::npos ? text.size() : end + 1;
        if (b.current.empty()) b.row_start = b.line;
        if (csv_parse(&p, text.data() + pos, end - pos, on_cell, on_row, &b) != end - pos) {
            const std::string why = csv_strerror(csv_error(&p));
            csv_free(&p);
            fail(where + ":" + std::to_string(b.line), "not valid CSV: " + why);
        }
        ++b.line;
        pos = end;
    }
    if (csv_fini(&p, on_cell, on_row, &b) != 0) {
        csv_free(&p);
        fail(where, "not valid CSV: an unterminated quoted field");
    }
    csv_free(&p);
    if (b.rows.empty()) fail(where, "empty file: expected a header row naming the columns");
    table t;
    t.where = where;
    t.header = std::move(b.rows[0]);
    std::map<std::string, std::size_t> seen;  // column name -> its first column
    for (std::size_t c = 0; c < t.header.size(); ++c) {
        const auto [first, fresh] = seen.emplace(t.header[c], c);
        if (!fresh)
            fail(where + ":" + std::to_string(b.lines[0]),
                 "column \"" + t.header[c] + "\" appears twice (columns " +
                     std::to_string(first->second + 1) + " and " + std::to_string(c + 1) +
                     "); expected one name a column");
    }
    for (std::size_t r = 1; r < b.rows.size(); ++r) {
        if (b.rows[r].size() != t.header.size())
            fail(where + ":" + std::to_string(b.lines[r]),
                 "expected " + std::to_string(t.header.size()) + " cells (as in the header), got " +
                     std::to_string(b.rows[r].size()));
        t.rows.push_back(std::move(b.rows[r]));
        t.lines.push_back(b.lines[r]);
    }
    return t;
}

table read_csv(const std::string& path) { return parse_csv(read_file(path), path); }

dataset to_dataset(const table& t, const std::string& target,
                   const std::vector<std::string>& features) {
    dataset d;
    d.target = target;
    std::vector<std::size_t> columns;
    const std::size_t target_column = target.empty() ? t.header.size() : t.column(target);
    if (features.empty()) {
        for (std::size_t c = 0; c < t.header.size(); ++c)
            if (c != target_column) columns.push_back(c);
    } else {
        for (const std::string& f : features) columns.push_back(t.column(f));
    }
    for (std::size_t c : columns) d.features.push_back(t.header[c]);
    d.x.reserve(t.rows.size() * columns.size());
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        for (std::size_t c : columns) {
            const std::string& cell = t.rows[r][c];
            const char* begin = cell.data();
            const char* end = begin + cell.size();
            while (begin < end && *begin == ' ') ++begin;
            if (begin < end && *begin == '+') ++begin;
            float v = 0.0f;
            const auto [ptr, ec] = std::from_chars(begin, end, v);
            if (ec != std::errc() || ptr != end || !std::isfinite(v))
                fail(t.where + ":" + std::to_string(t.lines[r]),
                     "column \"" + t.header[c] + "\": expected a number, got \"" + cell + "\"");
            d.x.push_back(v);
        }
        d.labels.push_back(target.empty() ? std::string() : t.rows[r][target_column]);
    }
    return d;
}

}  // namespace anne
