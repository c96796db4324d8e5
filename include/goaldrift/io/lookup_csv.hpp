// Reading a lookup table (graphical function) from a two-column CSV file.
#pragma once

#include <cmath>
#include <istream>
#include <sstream>
#include <string>
#include <vector>

#include "../error.hpp"
#include "../sd/lookup.hpp"
#include "text.hpp"

namespace goaldrift::io {

/// Reads "x,y" lines into a lookup. A first line that does not start like a number is taken as
/// a header;
/// blank lines are skipped; any line ending (CR, LF, CRLF) is accepted. A malformed line, a
/// non-finite value, x values that do not increase, or fewer than two points throw
/// parse_error naming `source` and the line.
inline sd::lookup read_lookup_csv(std::istream& in, const std::string& source = "<stream>") {
  static constexpr const char* component = "goaldrift::io::read_lookup_csv";
  const std::string text = read_all(in, component, source);
  std::vector<double> xs;
  std::vector<double> ys;
  bool seen_content = false;
  for (const auto& line : split_lines(text)) {
    const auto content = trim(line.text);
    if (content.empty()) {
      continue;
    }
    const auto fields = split_fields(content, ',');
    const auto x = fields.size() == 2 ? parse_number(fields[0]) : std::nullopt;
    const auto y = fields.size() == 2 ? parse_number(fields[1]) : std::nullopt;
    if (!x || !y) {
      // A first line such as "time,pressure" is a header; one that starts like a number
      // ("0;1", "1e400,2") is a malformed data line and is reported, not skipped.
      const char first = content.front();
      const bool numeric_start = (first >= '0' && first <= '9') || first == '-' ||
                                 first == '+' || first == '.';
      if (!seen_content && !numeric_start) {
        seen_content = true;
        continue;
      }
      throw parse_error(component, source, line.number,
                        "expected two numbers 'x,y', got '" + std::string(content) + "'");
    }
    seen_content = true;
    if (!std::isfinite(*x) || !std::isfinite(*y)) {
      throw parse_error(component, source, line.number,
                        "values must be finite, got '" + std::string(content) + "'");
    }
    if (!xs.empty() && !(*x > xs.back())) {
      throw parse_error(component, source, line.number,
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
