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
    // A table of thousands of columns must not become a message of thousands of names.
    static constexpr std::size_t listed = 20;
    std::string known;
    for (std::size_t c = 0; c < columns_.size() && c < listed; ++c) {
      known += (c == 0 ? "" : ", ") + io::quote_excerpt(columns_[c], 40);
    }
    if (columns_.size() > listed) known += " and " + std::to_string(columns_.size() - listed) + " more";
    const std::string* closest = closest_column(name);
    throw invalid_parameter(component, "column",
                            "must name one of the " + std::to_string(columns_.size()) + " columns of " + source_ +
                                " (" + known + ")" +
                                (closest ? "; the closest is " + io::quote_excerpt(*closest) : std::string()),
                            io::quote_excerpt(name));
  }
  double value(std::size_t row, std::size_t column_index) const { return rows_[row][column_index]; }

 private:
  // The column whose name is within a few edits of `name` (letter case not counting), if any:
  // a typo or "Action_Time" for "action_time" is worth pointing out, a different name is not.
  const std::string* closest_column(const std::string& name) const {
    // Edit distance costs the product of the lengths; names this long are not typed by hand.
    static constexpr std::size_t longest = 200;
    if (name.size() > longest) return nullptr;
    const std::size_t allowed = name.size() / 3;
    const std::string* best = nullptr;
    std::size_t best_distance = allowed + 1;
    std::vector<std::size_t> previous;
    std::vector<std::size_t> current;
    for (const auto& candidate : columns_) {
      const std::size_t gap = candidate.size() > name.size() ? candidate.size() - name.size()
                                                             : name.size() - candidate.size();
      if (candidate.size() > longest || gap >= best_distance) continue;
      previous.resize(candidate.size() + 1);
      current.resize(candidate.size() + 1);
      for (std::size_t j = 0; j <= candidate.size(); ++j) previous[j] = j;
      for (std::size_t i = 1; i <= name.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= candidate.size(); ++j) {
          const bool same = std::tolower(static_cast<unsigned char>(name[i - 1])) ==
                            std::tolower(static_cast<unsigned char>(candidate[j - 1]));
          current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (same ? 0 : 1)});
        }
        std::swap(previous, current);
      }
      if (previous[candidate.size()] < best_distance) {
        best_distance = previous[candidate.size()];
        best = &candidate;
      }
    }
    return best;
  }

  std::vector<std::string> columns_;
  std::vector<std::vector<double>> rows_;
  std::string source_;
};

}  // namespace goaldrift::ensemble
