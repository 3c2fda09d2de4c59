#include "data.hpp"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
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
    std::vector<std::vector<std::string>> rows;  // complete rows not yet handed on
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

// One CSV file fed line by line (each line with its '\n', the first without a UTF-8
// byte-order mark) to libcsv; its rows are checked and handed on as they complete. Feeding a
// line at a time lets each row know the line it started on.
class csv_scanner {
public:
    csv_scanner(std::string where, csv_rows& rows) : where_(std::move(where)), rows_(rows) {
        if (csv_init(&p_, CSV_APPEND_NULL) != 0) fail(where_, "cannot start the CSV parser");
    }
    ~csv_scanner() { csv_free(&p_); }
    csv_scanner(const csv_scanner&) = delete;
    csv_scanner& operator=(const csv_scanner&) = delete;

    void feed(const char* text, std::size_t size) {
        check_utf8(text, size, b_.line, where_);
        if (errors_.open(csv_check::syntax)) {
            if (b_.current.empty()) b_.row_start = b_.line;
            if (csv_parse(&p_, text, size, on_cell, on_row, &b_) != size)
                errors_.note(csv_check::syntax,
                             error(where_ + ":" + std::to_string(b_.line) +
                                   ": not valid CSV: " + csv_strerror(csv_error(&p_))));
            hand_on();
        }
        ++b_.line;
    }

    void finish() {
        if (errors_.open(csv_check::syntax)) {
            if (csv_fini(&p_, on_cell, on_row, &b_) != 0)
                errors_.note(csv_check::unterminated,
                             error(where_ + ": not valid CSV: an unterminated quoted field"));
            hand_on();
        }
        if (columns_ == 0)
            errors_.note(csv_check::empty,
                         error(where_ + ": empty file: expected a header row naming the columns"));
        rows_.end(errors_);
        errors_.raise();
    }

private:
    void hand_on() {
        for (std::size_t r = 0; r < b_.rows.size(); ++r) {
            if (!errors_.open(csv_check::cells)) break;  // rows with errors of the file itself
            if (columns_ == 0) {
                header(b_.rows[r], b_.lines[r]);
            } else if (b_.rows[r].size() != columns_) {
                errors_.note(csv_check::cells,
                             error(where_ + ":" + std::to_string(b_.lines[r]) + ": expected " +
                                   std::to_string(columns_) + " cells (as in the header), got " +
                                   std::to_string(b_.rows[r].size())));
            } else {
                rows_.row(b_.rows[r], b_.lines[r], errors_);
            }
        }
        b_.rows.clear();
        b_.lines.clear();
    }

    void header(const std::vector<std::string>& names, std::size_t line) {
        columns_ = names.size();
        std::map<std::string, std::size_t> seen;  // column name -> its first column
        for (std::size_t c = 0; c < names.size(); ++c) {
            const auto [first, fresh] = seen.emplace(names[c], c);
            if (!fresh) {
                errors_.note(
                    csv_check::header,
                    error(where_ + ":" + std::to_string(line) + ": column \"" + names[c] +
                          "\" appears twice (columns " + std::to_string(first->second + 1) +
                          " and " + std::to_string(c + 1) + "); expected one name a column"));
                return;
            }
        }
        rows_.header(names, errors_);
    }

    std::string where_;
    csv_rows& rows_;
    csv_parser p_;
    csv_builder b_;
    csv_errors errors_;
    std::size_t columns_ = 0;  // of the header; 0 until it is read
};

// Collects the rows into a table.
class table_rows : public csv_rows {
public:
    explicit table_rows(table& t) : t_(t) {}
    void header(const std::vector<std::string>& names, csv_errors&) override { t_.header = names; }
    void row(std::vector<std::string>& cells, std::size_t line, csv_errors&) override {
        t_.rows.push_back(std::move(cells));
        t_.lines.push_back(line);
    }

private:
    table& t_;
};

}  // namespace

table parse_csv(const std::string& text, const std::string& where) {
    table t;
    t.where = where;
    table_rows rows(t);
    csv_scanner scanner(where, rows);
    std::size_t pos = utf8_bom(text, where);
    while (pos < text.size()) {
        std::size_t end = text.find('\n', pos);
        end = end == std::string::npos ? text.size() : end + 1;
        scanner.feed(text.data() + pos, end - pos);
        pos = end;
    }
    scanner.finish();
    return t;
}

table read_csv(const std::string& path) { return parse_csv(read_file(path), path); }

void scan_csv(const std::string& path, csv_rows& rows) {
    if (std::filesystem::is_directory(path)) fail(path, "a folder, expected a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, std::string("cannot open: ") + std::strerror(errno));
    csv_scanner scanner(path, rows);
    std::string line;
    for (bool first = true; std::getline(in, line); first = false) {
        if (!in.eof()) line += '\n';  // getline stopped at a '\n', not at the end
        const std::size_t start = first ? utf8_bom(line, path) : 0;
        scanner.feed(line.data() + start, line.size() - start);
    }
    if (in.bad()) fail(path, "read error");
    scanner.finish();
}

bool number_cell(const std::string& cell, float& v) {
    const char* begin = cell.data();
    const char* end = begin + cell.size();
    while (begin < end && *begin == ' ') ++begin;
    if (begin < end && *begin == '+') ++begin;
    const auto [ptr, ec] = std::from_chars(begin, end, v);
    return ec == std::errc() && ptr == end && std::isfinite(v);
}

error not_a_number(const std::string& where, std::size_t line, const std::string& column,
                   const std::string& cell) {
    return error(where + ":" + std::to_string(line) + ": column \"" + column +
                 "\": expected a number, got \"" + cell + "\"");
}

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
            float v = 0.0f;
            if (!number_cell(t.rows[r][c], v))
                throw not_a_number(t.where, t.lines[r], t.header[c], t.rows[r][c]);
            d.x.push_back(v);
        }
        d.labels.push_back(target.empty() ? std::string() : t.rows[r][target_column]);
    }
    return d;
}

}  // namespace anne
