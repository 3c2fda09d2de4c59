// Tables of data from CSV files: a header row naming the columns, then one sample a row.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

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
