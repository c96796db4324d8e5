// Reading delimited text as it comes: CR, LF or CRLF line endings, RFC 4180 quoting, strict numbers.
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

#include "../config.hpp"
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

/// Splits a line at every `separator` (no quoting rules: numbers and simple names only; see
/// csv_reader for files written by R, pandas or a spreadsheet).
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

/// `text` between apostrophes for an error message, cut to about `limit` characters: a
/// malformed 100 MB line must not become a 100 MB message. A cut text ends in "..." and says
/// how long the whole was. Control characters are shown escaped (a line end as \n, others as
/// \x01) so that a field spanning lines keeps the message on one line.
inline std::string quote_excerpt(std::string_view text, std::size_t limit = 80) {
  static constexpr const char* hex = "0123456789abcdef";
  std::string out = "'";
  std::size_t i = 0;
  for (; i < text.size() && out.size() - 1 < limit; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      out += "\\x";
      out += hex[c >> 4];
      out += hex[c & 0xf];
    } else {
      out += static_cast<char>(c);
    }
  }
  if (i == text.size()) return out + "'";
  // Do not end inside a UTF-8 sequence: drop the bytes of the character that was cut (at most
  // three, each copied unescaped as bytes >= 0x80 are).
  for (int dropped = 0; dropped < 3 && i > 0 && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80 &&
                        static_cast<unsigned char>(text[i - 1]) >= 0x80;
       ++dropped) {
    --i;
    out.pop_back();
  }
  return out + "...' (" + std::to_string(text.size()) + " bytes)";
}

/// One field of a CSV record: its text without the quotes, whether it was quoted, and the line
/// it starts on.
struct csv_field {
  std::string text;
  bool quoted = false;
  std::size_t line = 0;
};

/// One record of a CSV text: its fields, the line it starts on, and its raw text (quotes and
/// all, for error messages; it may span several lines).
struct csv_record {
  std::vector<csv_field> fields;
  std::size_t line = 0;
  std::string_view raw;
};

/// Reads delimited text record by record as RFC 4180 describes it, which is what R's
/// write.csv, pandas' to_csv and spreadsheets write: a field in double quotes may hold the
/// separator, line ends, and a quote written twice (""). Besides the RFC it accepts any line
/// ending (LF, CRLF, lone CR, counted as split_lines counts them), a UTF-8 byte-order mark at
/// the start, and spaces or tabs around fields, which are trimmed from unquoted fields and
/// ignored outside the quotes of quoted ones. A quote inside an unquoted field is kept as text.
/// Lines holding only spaces are skipped. A quoted field that is never closed, or text after a
/// closing quote, throws parse_error naming `component`, `source` and the line.
class csv_reader {
 public:
  /// `text` must outlive the reader and the records' raw views.
  csv_reader(std::string_view text, char separator, std::string component, std::string source)
      : text_(text), separator_(separator), component_(std::move(component)), source_(std::move(source)) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }

  /// Reads the next record that is not blank into `record`; false at the end of the text.
  bool next(csv_record& record) {
    while (pos_ < text_.size()) {
      record.fields.clear();
      record.line = line_;
      const std::size_t begin = pos_;
      bool end_of_record = false;
      while (!end_of_record) {
        end_of_record = read_field(record.fields);
      }
      record.raw = trim_line_end(text_.substr(begin, pos_ - begin));
      const bool blank = record.fields.size() == 1 && !record.fields[0].quoted && record.fields[0].text.empty();
      if (!blank) return true;
    }
    return false;
  }

  const std::string& source() const noexcept { return source_; }

 private:
  static bool is_space(char c) { return c == ' ' || c == '\t'; }
  bool at_line_end() const { return pos_ < text_.size() && (text_[pos_] == '\n' || text_[pos_] == '\r'); }

  // Steps over one line end ("\n", "\r\n" or a lone "\r") at pos_ and counts it.
  void skip_line_end() {
    if (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n') ++pos_;
    ++pos_;
    ++line_;
  }

  static std::string_view trim_line_end(std::string_view s) {
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
    return s;
  }

  // Reads one field starting at pos_ and the separator or line end after it; true when that
  // ended the record (a line end or the end of the text).
  bool read_field(std::vector<csv_field>& fields) {
    csv_field field;
    field.line = line_;
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      field.quoted = true;
      read_quoted(field);
      while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
      if (pos_ < text_.size() && text_[pos_] != separator_ && !at_line_end()) {
        const std::size_t after = pos_;
        std::size_t end = pos_;
        while (end < text_.size() && text_[end] != separator_ && text_[end] != '\n' && text_[end] != '\r') ++end;
        throw parse_error(component_, source_, line_,
                          "a quoted field must end at its closing quote, but " +
                              quote_excerpt(text_.substr(after, end - after)) +
                              " follows it (write a quote inside a quoted field as \"\")");
      }
    } else {
      const std::size_t begin = pos_;
      while (pos_ < text_.size() && text_[pos_] != separator_ && !at_line_end()) ++pos_;
      field.text = std::string(trim(text_.substr(begin, pos_ - begin)));
    }
    fields.push_back(std::move(field));
    if (pos_ >= text_.size()) return true;
    if (text_[pos_] == separator_) {
      ++pos_;
      return false;
    }
    skip_line_end();
    return true;
  }

  // Reads a quoted field's text; pos_ is at its opening quote and ends after the closing one.
  void read_quoted(csv_field& field) {
    const std::size_t opened_on = line_;
    ++pos_;
    while (true) {
      const std::size_t quote = text_.find('"', pos_);
      const std::size_t stop = quote == std::string_view::npos ? text_.size() : quote;
      // Line ends inside the quotes are part of the text; count them so later lines keep
      // the numbers an editor shows.
      for (std::size_t i = pos_; i < stop; ++i) {
        if (text_[i] == '\n' || (text_[i] == '\r' && !(i + 1 < stop && text_[i + 1] == '\n'))) ++line_;
      }
      field.text.append(text_.substr(pos_, stop - pos_));
      if (quote == std::string_view::npos) {
        pos_ = text_.size();
        throw parse_error(component_, source_, opened_on,
                          "the quoted field that starts here is never closed: the text ends inside the quotes");
      }
      pos_ = quote + 1;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        field.text += '"';
        ++pos_;
        continue;
      }
      return;
    }
  }

  std::string_view text_;
  char separator_;
  std::string component_;
  std::string source_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace goaldrift::io
