// Text for error messages and CSV output: numbers as the shortest text that reads back
// exactly, names as CSV fields that read back as one field.
#pragma once

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <system_error>

#include "../config.hpp"

namespace goaldrift::detail {

/// Appends `v` to `out` as the shortest decimal text that parses back to the same double
/// ("0.1", "-3", "1e-12", "nan", "inf"), so no precision is lost in CSV output.
inline void append_number(std::string& out, double v) {
  if (std::isnan(v)) {
    out += "nan";
    return;
  }
  if (std::isinf(v)) {
    out += v < 0 ? "-inf" : "inf";
    return;
  }
  std::array<char, 32> buf{};
  const auto res = std::to_chars(buf.data(), buf.data() + buf.size(), v);
  out.append(buf.data(), res.ptr);
}

inline std::string format_number(double v) {
  std::string s;
  append_number(s, v);
  return s;
}

/// Appends `text` as one comma-separated field between double quotes, a quote inside written
/// twice (RFC 4180). For free text such as a failure's reason, which is always quoted.
inline void append_quoted_csv_field(std::string& out, std::string_view text) {
  out += '"';
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

/// Appends `text` as one comma-separated field: as it is when every reader takes it back
/// unchanged, quoted (RFC 4180) when it holds a comma, a double quote or a line break, which
/// would split or end the field, or starts or ends with a space or tab, which many readers
/// (io::csv_reader among them) trim from unquoted fields. A name such as "S" or "goal.memory"
/// is written as it is, so files of ordinary names are the same with or without quoting.
inline void append_csv_field(std::string& out, std::string_view text) {
  const auto blank = [](char c) { return c == ' ' || c == '\t'; };
  const bool needs_quotes = text.find_first_of(",\"\r\n") != std::string_view::npos ||
                            (!text.empty() && (blank(text.front()) || blank(text.back())));
  if (needs_quotes) {
    append_quoted_csv_field(out, text);
  } else {
    out += text;
  }
}

}  // namespace goaldrift::detail
