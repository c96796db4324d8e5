// Reading delimited text as it comes: CR, LF or CRLF line endings, strict numbers.
#pragma once

#include <charconv>
#include <cstddef>
#include <fstream>
#include <ios>
#include <istream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "../error.hpp"

namespace goaldrift::io {

/// The whole of a stream as text. A read error (libstdc++ throws ios_base::failure for a
/// directory) becomes a parse_error naming `component` and `source`.
inline std::string read_all(std::istream& in, const std::string& component, const std::string& source) {
  std::string text;
  try {
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } catch (const std::ios_base::failure& e) {
    throw parse_error(component, source, 0, std::string("reading failed: ") + e.what());
  }
  if (in.bad()) {
    throw parse_error(component, source, 0, "reading failed");
  }
  return text;
}

/// The whole of the file at `path` as text; a file that cannot be opened or read throws
/// parse_error naming `component` and the path.
inline std::string read_file(const std::string& path, const std::string& component) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    throw parse_error(component, path, 0, "cannot open the file");
  }
  return read_all(f, component, path);
}

/// One line of a text and its number, counting from 1.
struct text_line {
  std::size_t number;
  std::string_view text;
};

/// Splits `text` into lines ending in "\n", "\r\n" or a lone "\r" (old Mac files, which
/// Vensim still writes). Each of those counts as one line end, so line numbers match what an
/// editor shows. Empty lines are kept.
inline std::vector<text_line> split_lines(std::string_view text) {
  std::vector<text_line> lines;
  std::size_t begin = 0;
  std::size_t number = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n' || c == '\r') {
      lines.push_back({number++, text.substr(begin, i - begin)});
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
        ++i;
      }
      begin = i + 1;
    }
  }
  if (begin < text.size()) {
    lines.push_back({number, text.substr(begin)});
  }
  return lines;
}

/// `s` without leading and trailing spaces and tabs (and a UTF-8 byte-order mark).
inline std::string_view trim(std::string_view s) {
  if (s.size() >= 3 && s.substr(0, 3) == "\xEF\xBB\xBF") {
    s.remove_prefix(3);
  }
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

/// Splits a line at every `separator` (no quoting rules: numbers and simple names only).
inline std::vector<std::string_view> split_fields(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  std::size_t begin = 0;
  for (std::size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == separator) {
      fields.push_back(line.substr(begin, i - begin));
      begin = i + 1;
    }
  }
  return fields;
}

/// The number that `field` spells exactly (surrounding spaces allowed), or nothing. "1e3",
/// "-0.5" and "+2" parse; "1,5", "12abc", "+-2", "" and "0x10" do not.
inline std::optional<double> parse_number(std::string_view field) {
  field = trim(field);
  if (!field.empty() && field.front() == '+') {
    field.remove_prefix(1);
    if (!field.empty() && (field.front() == '-' || field.front() == '+')) {
      return std::nullopt;  // "+-2" is not a number
    }
  }
  if (field.empty()) {
    return std::nullopt;
  }
  double value = 0.0;
  const char* first = field.data();
  const char* last = field.data() + field.size();
  const auto res = std::from_chars(first, last, value);
  if (res.ec != std::errc() || res.ptr != last) {
    return std::nullopt;
  }
  return value;
}

}  // namespace goaldrift::io
