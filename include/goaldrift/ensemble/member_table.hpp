// A table of parameter values with one row per ensemble member, read from CSV.
#pragma once

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <istream>
#include <sstream>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "../config.hpp"
#include "../detail/names.hpp"
#include "../error.hpp"
#include "../io/text.hpp"

namespace goaldrift::ensemble {

/// Parameter values chosen outside goaldrift (a designed experiment, calibrated draws): a
/// header of parameter names and one row of numbers per member. Row i is member i.
class member_table {
 public:
  static constexpr const char* component = "goaldrift::ensemble::member_table";

  /// A table from values in memory: rows[i] is member i and must hold one finite value per
  /// column, and every column needs a name of its own (invalid_parameter naming "rows[i]" or
  /// "columns[i]" otherwise), so value() never reads past a row nor hands a NaN to a model.
  member_table(std::vector<std::string> columns, std::vector<std::vector<double>> rows,
               std::string source = "<table>")
      : columns_(std::move(columns)), rows_(std::move(rows)), source_(std::move(source)) {
    std::unordered_set<std::string> seen;
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (io::trim(columns_[c]).empty()) {
        throw invalid_parameter(component, "columns[" + std::to_string(c) + "]", "must be a name",
                                io::quote_excerpt(columns_[c]));
      }
      if (!seen.insert(columns_[c]).second) {
        throw invalid_parameter(component, "columns[" + std::to_string(c) + "]",
                                "must differ from every other column's name", io::quote_excerpt(columns_[c]));
      }
    }
    for (std::size_t i = 0; i < rows_.size(); ++i) {
      if (rows_[i].size() != columns_.size()) {
        throw invalid_parameter(component, "rows[" + std::to_string(i) + "]",
                                "must hold one value per column (" + std::to_string(columns_.size()) + ")",
                                std::to_string(rows_[i].size()));
      }
      for (std::size_t c = 0; c < columns_.size(); ++c) {
        if (!std::isfinite(rows_[i][c])) {
          throw invalid_parameter(component, "rows[" + std::to_string(i) + "]",
                                  "must hold a finite number in column " + io::quote_excerpt(columns_[c]),
                                  rows_[i][c]);
        }
      }
    }
  }

  /// Reads a comma-separated table as RFC 4180 describes it, which is what R's write.csv,
  /// pandas' to_csv and spreadsheets write: the first non-blank record names the columns,
  /// every other one holds one finite number per column. Fields may be quoted (a quoted field
  /// may hold commas, line ends and "" for a quote); any line ending (CR, LF, CRLF) is accepted.
  ///
  /// A first column with an empty name is a column of row names, as R's write.csv (`""`) and
  /// pandas' to_csv with its index (an empty first field) write it: it is skipped, whatever its
  /// rows hold, and row i is still member i. Any other column without a name is an error.
  ///
  /// Problems throw parse_error naming `source` and the line (the first line of a record that
  /// spans several); a field is quoted in the message only up to about 80 characters.
  static member_table read_csv(std::istream& in, const std::string& source = "<stream>") {
    const std::string text = io::read_all(in, component, source);
    io::csv_reader reader(text, ',', component, source);
    io::csv_record record;
    std::vector<std::string> columns;
    bool row_names = false;
    bool have_header = false;
    std::vector<std::vector<double>> rows;
    while (reader.next(record)) {
      auto& fields = record.fields;
      if (!have_header) {
        have_header = true;
        row_names = fields.size() > 1 && io::trim(fields.front().text).empty();
        std::unordered_set<std::string> seen;
        for (std::size_t c = row_names ? 1 : 0; c < fields.size(); ++c) {
          std::string& name = fields[c].text;
          if (io::trim(name).empty()) {
            throw parse_error(component, source, fields[c].line,
                              "column " + std::to_string(c + 1) + " has no name" +
                                  (c == 0 ? " (only a first column of row names may be unnamed, and it needs "
                                            "other columns beside it)"
                                          : ""));
          }
          if (!seen.insert(name).second) {
            throw parse_error(component, source, fields[c].line,
                              "column " + io::quote_excerpt(name) + " appears twice");
          }
          columns.push_back(std::move(name));
        }
        continue;
      }
      const std::size_t expected = columns.size() + (row_names ? 1 : 0);
      if (fields.size() != expected) {
        throw parse_error(component, source, record.line,
                          "expected " + std::to_string(expected) + " values" +
                              (row_names ? " (a row name and " + std::to_string(columns.size()) + " numbers)" : "") +
                              ", got " + std::to_string(fields.size()));
      }
      std::vector<double> row;
      row.reserve(columns.size());
      for (std::size_t c = row_names ? 1 : 0; c < fields.size(); ++c) {
        const auto v = io::parse_number(fields[c].text);
        if (!v || !std::isfinite(*v)) {
          throw parse_error(component, source, fields[c].line,
                            "column " + io::quote_excerpt(columns[row.size()]) + " needs a finite number, got " +
                                io::quote_excerpt(io::trim(fields[c].text)));
        }
        row.push_back(*v);
      }
      rows.push_back(std::move(row));
    }
    if (!have_header) throw parse_error(component, source, 0, "the table is empty");
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

  /// The position of a column. An unknown name throws invalid_parameter that lists the
  /// columns there are and, when one is spelled almost the same, names it.
  std::size_t column(const std::string& name) const {
    for (std::size_t c = 0; c < columns_.size(); ++c) {
      if (columns_[c] == name) return c;
    }
    throw invalid_parameter(component, "column",
                            "must name one of the " + std::to_string(columns_.size()) + " columns of " +
                                io::quote_excerpt(source_) + " (" + goaldrift::detail::name_list(columns_) + ")" +
                                goaldrift::detail::closest_hint(columns_, name),
                            io::quote_excerpt(name));
  }
  /// The value in `row` (a member) and column `column_index`; both are checked.
  double value(std::size_t row, std::size_t column_index) const {
    if (row >= rows_.size()) {
      throw invalid_parameter(component, "row", "must be below the number of rows (" + std::to_string(rows_.size()) + ")",
                              std::to_string(row));
    }
    if (column_index >= columns_.size()) {
      throw invalid_parameter(component, "column_index",
                              "must be below the number of columns (" + std::to_string(columns_.size()) + ")",
                              std::to_string(column_index));
    }
    return rows_[row][column_index];
  }

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<double>> rows_;
  std::string source_;
};

}  // namespace goaldrift::ensemble
