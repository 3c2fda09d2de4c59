// Tables of data from CSV files: a header row naming the columns, then one sample a row.
#pragma once

#include <climits>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "error.hpp"

namespace anne {

/// @brief A CSV file as text cells. lines[r] is the file line of rows[r], for messages.
struct table {
    std::string where;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    std::vector<std::size_t> lines;

    /// @brief Index of the column called name; throws anne::error listing the columns.
    std::size_t column(const std::string& name) const;
};

/// @brief Parses CSV text (RFC 4180: quotes, embedded commas) with libcsv. Every row must have
/// as many cells as the header; throws anne::error naming `where` and the line.
table parse_csv(const std::string& text, const std::string& where);
table read_csv(const std::string& path);

/// @brief The checks of a CSV file in the order they report when the whole file is read first:
/// an earlier check that fails anywhere in the file wins over a later one, whatever their
/// lines; within one check, the first line wins. Text (UTF-8) errors are thrown at once.
enum class csv_check {
    syntax = 1,    // libcsv's parse errors
    unterminated,  // a quoted field still open at the end
    empty,         // no header row
    header,        // a column name twice
    cells,         // a row with another number of cells than the header
    columns,       // the reader's columns (missing target, features)
    numbers,       // a cell that should be a number
    rows,          // no data rows
    values,        // what the reader's user finds in the values (labels, targets)
};

/// @brief The error a CSV file reports, collected while it is read row by row so that a file
/// streamed in constant memory reports the same one as reading it whole would.
class csv_errors {
public:
    /// @brief True while a check `c` can still change which error is reported.
    bool open(csv_check c) const { return static_cast<int>(c) < step_; }
    bool any() const { return error_.has_value(); }
    void note(csv_check c, const error& e) {
        if (!open(c)) return;
        step_ = static_cast<int>(c);
        error_ = e;
    }
    void raise() const {
        if (error_) throw *error_;
    }

private:
    int step_ = INT_MAX;
    std::optional<error> error_;
};

/// @brief Receives the rows of a CSV file as scan_csv reads them.
class csv_rows {
public:
    virtual ~csv_rows() = default;
    /// @brief The header row (its names checked: none twice).
    virtual void header(const std::vector<std::string>& names, csv_errors& errors) = 0;
    /// @brief A data row with as many cells as the header; line: where it starts in the file.
    virtual void row(std::vector<std::string>& cells, std::size_t line, csv_errors& errors) = 0;
    /// @brief After the last row, before the collected error (if any) is thrown.
    virtual void end(csv_errors&) {}
};

/// @brief Reads the CSV file at path line by line and hands its rows to `rows` (memory that
/// does not grow with the row count), then throws the error the file and `rows` collected
/// (csv_check). Rows are handed on only while the file itself has no error.
void scan_csv(const std::string& path, csv_rows& rows);

/// @brief A cell as a finite float32 (leading blanks and '+' allowed); false if it is none.
bool number_cell(const std::string& cell, float& v);
/// @brief The error of a cell that is not a number: "where:line: column "c": expected ...".
error not_a_number(const std::string& where, std::size_t line, const std::string& column,
                   const std::string& cell);

/// @brief Numeric features and a text target, taken from a table.
struct dataset {
    std::vector<std::string> features;
    std::string target;
    std::vector<float> x;             // (rows, features), row-major
    std::vector<std::string> labels;  // the target cell of each row (empty without target)

    std::size_t rows() const { return labels.size(); }
    const float* row(std::size_t r) const { return x.data() + r * features.size(); }
};

/// @brief Takes the feature columns (given names, or else every column but the target) as
/// numbers and the target column as text. target may be empty: then there are no labels
/// (labels holds empty strings). Throws anne::error naming file, line and column of a cell
/// that is not a finite number.
dataset to_dataset(const table& t, const std::string& target,
                   const std::vector<std::string>& features = {});

}  // namespace anne
