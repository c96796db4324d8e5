// A table of parameter values with one row per ensemble member, read from CSV.
#pragma once

#include <cmath>
#include <cstddef>
#include <istream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../io/text.hpp"

namespace goaldrift::ensemble {

/// Parameter values chosen outside goaldrift (a designed experiment, calibrated draws): a
/// header of parameter names and one row of numbers per member. Row i is member i.
class member_table {
 public:
  static constexpr const char* component = "goaldrift::ensemble::member_table";

  /// A table from values in memory: rows[i] is member i and must hold one value per column
  /// (invalid_parameter naming "rows[i]" otherwise), so value() never reads past a row.
  member_table(std::vector<std::string> columns, std::vector<std::vector<double>> rows,
               std::string source = "<table>")
      : columns_(std::move(columns)), rows_(std::move(rows)), source_(std::move(source)) {
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      if (rows_[i].size() != columns_.size()) {
        throw invalid_parameter(component, "rows[" + std::to_string(i) + "]",
                                "must hold one value per column (" + std::to_string(columns_.size()) + ")",
                                std::to_string(rows_[i].size()));
      }
    }
  }

  /// Reads a comma-separated table: the first non-blank line names the columns, every other
  /// non-blank line holds one finite number per column. Any line ending (CR, LF, CRLF) is
  /// accepted. Problems throw parse_error naming `source` and the line.
  static member_table read_csv(std::istream& in, const std::string& source = "<stream>") {
    const std::string text = io::read_all(in, component, source);
    std::vector<std::string> columns;
    std::vector<std::vector<double>> rows;
    for (const auto& line : io::split_lines(text)) {
      const auto content = io::trim(line.text);
      if (content.empty()) continue;
      const auto fields = io::split_fields(content, ',');
      if (columns.empty()) {
        for (auto f : fields) {
          std::string name(io::trim(f));
          if (name.empty()) {
            throw parse_error(component, source, line.number, "a column has no name");
          }
          for (const auto& seen : columns) {
            if (seen == name) {
              throw parse_error(component, source, line.number, "column '" + name + "' appears twice");
            }
          }
          columns.push_back(std::move(name));
        }
        continue;
      }
      if (fields.size() != columns.size()) {
        throw parse_error(component, source, line.number,
                          "expected " + std::to_string(columns.size()) + " values, got " +
                              std::to_string(fields.size()));
      }
      std::vector<double> row;
      for (std::size_t c = 0; c < fields.size(); ++c) {
        const auto v = io::parse_number(fields[c]);
        if (!v || !std::isfinite(*v)) {
          throw parse_error(component, source, line.number,
                            "column '" + columns[c] + "' needs a finite number, got '" +
                                std::string(io::trim(fields[c])) + "'");
        }
        row.push_back(*v);
      }
      rows.push_back(std::move(row));
    }
    if (columns.empty()) throw parse_error(component, source, 0, "the table is empty");
    if (rows.empty()) throw parse_error(component, source, 0, "the table has a header but no members");
    return member_table(std::move(columns), std::move(rows), source);
  }

  /// Reads the table from the file at `path`.
  static member_table read_csv(const std::string& path) {
    std::istringstream text(io::read_file(path, component));
    return read_csv(text, path);
  }

  std::size_t rows() const noexcept { return rows_.size(); }
  const std::vector<std::string>& columns() const noexcept { return columns_; }
  const std::string& source() const noexcept { return source_; }

  /// The position of a column; an unknown name throws invalid_parameter listing the columns.
  std::size_t column(const std::string& name) const {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (columns_[c] == name) return c;
    }
    std::string known;
    for (const auto& c : columns_) known += (known.empty() ? "" : ", ") + c;
    throw invalid_parameter(component, "column", "must be one of the columns of " + source_ + " (" + known + ")",
                            "'" + name + "'");
  }
  double value(std::size_t row, std::size_t column_index) const { return rows_[row][column_index]; }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<double>> rows_;
  std::string source_;
};

}  // namespace goaldrift::ensemble
