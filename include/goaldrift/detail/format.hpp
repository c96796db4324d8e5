// Number formatting for error messages and CSV output: shortest text that reads back exactly.
#pragma once

#include <array>
#include <charconv>
#include <cmath>
#include <string>
#include <system_error>

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

}  // namespace goaldrift::detail
