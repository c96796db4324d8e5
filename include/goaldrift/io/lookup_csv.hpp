// Reading a lookup table (graphical function) from a two-column CSV file.
#pragma once

#include <cmath>
#include <cstddef>
#include <istream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "../config.hpp"
#include "../error.hpp"
#include "../sd/lookup.hpp"
#include "text.hpp"

namespace goaldrift::io {

/// Reads "x,y" records into a lookup, as RFC 4180 describes CSV (what R's write.csv, pandas'
/// to_csv and spreadsheets write): fields may be quoted, and a quoted field may hold commas,
/// line ends and "" for a quote. A first record that does not start like a number is taken as
/// a header; a header whose first field is empty and that has three fields ("","x","y" from
/// R's write.csv, ",x,y" from pandas with its index) announces a first column of row names,
/// which is skipped in every record. Blank lines are skipped; any line ending (CR, LF, CRLF) is
/// accepted. A malformed record, a non-finite value, x values that do not increase, or fewer
/// than two points throw parse_error naming `source` and the line; the offending text is quoted
/// only up to about 80 characters.
inline sd::lookup read_lookup_csv(std::istream& in, const std::string& source = "<stream>") {
  static constexpr const char* component = "goaldrift::io::read_lookup_csv";
  const std::string text = read_all(in, component, source);
  csv_reader reader(text, ',', component, source);
  csv_record record;
  std::vector<double> xs;
  std::vector<double> ys;
  bool seen_content = false;
  bool row_names = false;
  while (reader.next(record)) {
    const auto& fields = record.fields;
    const std::size_t first = row_names ? 1 : 0;
    const bool two = fields.size() == first + 2;
    const auto x = two ? parse_number(fields[first].text) : std::nullopt;
    const auto y = two ? parse_number(fields[first + 1].text) : std::nullopt;
    if (!x || !y) {
      // A first record such as "time,pressure" is a header; one that starts like a number
      // ("0;1", "1e400,2") is a malformed data line and is reported, not skipped. A quoted
      // first field starts like a number only if it is one.
      const std::string_view head = trim(fields.front().text);
      const char c = head.empty() ? ' ' : head.front();
      const bool numeric_start = fields.front().quoted
                                     ? parse_number(head).has_value()
                                     : (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.';
      if (!seen_content && !numeric_start) {
        seen_content = true;
        row_names = fields.size() == 3 && head.empty();
        continue;
      }
      throw parse_error(component, source, record.line,
                        std::string("expected two numbers 'x,y'") + (row_names ? " after a row name" : "") +
                            ", got " + quote_excerpt(record.raw));
    }
    seen_content = true;
    if (!std::isfinite(*x) || !std::isfinite(*y)) {
      throw parse_error(component, source, record.line,
                        "values must be finite, got " + quote_excerpt(record.raw));
    }
    if (!xs.empty() && !(*x > xs.back())) {
      throw parse_error(component, source, record.line,
                        "x must increase from line to line, got " +
                            goaldrift::detail::format_number(*x) + " after " +
                            goaldrift::detail::format_number(xs.back()));
    }
    xs.push_back(*x);
    ys.push_back(*y);
  }
  if (xs.size() < 2) {
    throw parse_error(component, source, 0,
                      "a lookup needs at least 2 points, found " + std::to_string(xs.size()));
  }
  return sd::lookup(std::move(xs), std::move(ys));
}

/// Reads a lookup from the file at `path`; a file that cannot be opened throws parse_error.
inline sd::lookup read_lookup_csv(const std::string& path) {
  std::istringstream text(read_file(path, "goaldrift::io::read_lookup_csv"));
  return read_lookup_csv(text, path);
}

}  // namespace goaldrift::io
