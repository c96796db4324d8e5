// Reading the SDXorg/Vensim reference outputs and comparing simulated columns with them.
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <goaldrift/io/text.hpp>
#include <goaldrift/trajectory.hpp>

namespace support {

/// The conformance data directory: $GOALDRIFT_CONFORMANCE_DIR if set, else the path CMake
/// found at configure time (../shared/conformance/test-models beside the source tree).
inline std::string conformance_dir() {
  if (const char* env = std::getenv("GOALDRIFT_CONFORMANCE_DIR"); env && *env) {
    return env;
  }
  return GOALDRIFT_CONFORMANCE_DIR;
}

inline bool file_exists(const std::string& path) { return std::ifstream(path).good(); }

/// True if the reference file exists; otherwise prints a loud GOALDRIFT-SKIP line, which
/// ctest's SKIP_REGULAR_EXPRESSION turns into a reported skip rather than a pass.
inline bool reference_available(const std::string& relative) {
  const std::string path = conformance_dir() + "/" + relative;
  if (file_exists(path)) {
    return true;
  }
  std::cout << "GOALDRIFT-SKIP: conformance reference '" << path
            << "' not found. Put the SDXorg test-models at ../shared/conformance/test-models "
               "beside the source tree or set GOALDRIFT_CONFORMANCE_DIR.\n";
  MESSAGE("GOALDRIFT-SKIP: reference data missing: " << path);
  return false;
}

/// A Vensim or Stella export: a header row and one row per saved time. Empty cells (Vensim
/// writes constants only in the first row) are empty optionals.
struct reference_table {
  std::vector<std::string> names;
  std::vector<std::vector<std::optional<double>>> rows;

  std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == name) return i;
    }
    throw std::runtime_error("reference has no column '" + name + "'");
  }
  std::vector<double> values(const std::string& name) const {
    const std::size_t c = column(name);
    std::vector<double> v;
    for (const auto& r : rows) {
      v.push_back(c < r.size() && r[c] ? *r[c] : std::nan(""));
    }
    return v;
  }
};

/// Reads a .tab (TAB-separated) or .csv file with CR, LF or CRLF line endings.
inline reference_table read_reference(const std::string& relative) {
  const std::string path = conformance_dir() + "/" + relative;
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot open " + path);
  const std::string text{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
  const char sep = path.size() > 4 && path.substr(path.size() - 4) == ".tab" ? '\t' : ',';
  reference_table table;
  bool header = true;
  for (const auto& line : goaldrift::io::split_lines(text)) {
    if (goaldrift::io::trim(line.text).empty()) continue;
    const auto fields = goaldrift::io::split_fields(line.text, sep);
    if (header) {
      for (auto f2 : fields) {
        auto name = std::string(goaldrift::io::trim(f2));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
          name = name.substr(1, name.size() - 2);
        }
        table.names.push_back(name);
      }
      header = false;
      continue;
    }
    std::vector<std::optional<double>> row;
    for (auto f2 : fields) row.push_back(goaldrift::io::parse_number(f2));
    table.rows.push_back(row);
  }
  return table;
}

/// |a - b| <= max(rel |b|, absolute): 1e-4 relative as the issue asks. `absolute` covers what
/// the reference file cannot say: values printed near zero, or files printed with few decimals.
inline bool close(double a, double b, double rel, double absolute = 1e-7) {
  return std::fabs(a - b) <= std::max(rel * std::fabs(b), absolute);
}

/// Compares every listed column of `result` with the reference, row by row (the time
/// columns must match too, to the 6 significant digits Vensim prints). Reports the first
/// mismatch of each column.
inline void compare(const goaldrift::trajectory& result, const reference_table& ref,
                    const std::vector<std::string>& columns, double rel = 1e-4,
                    double absolute = 1e-7) {
  const auto ref_time = ref.values(ref.names.front());
  REQUIRE(result.size() == ref_time.size());
  for (std::size_t r = 0; r < ref_time.size(); ++r) {
    REQUIRE(close(result.time()[r], ref_time[r], 1e-5, 1e-5));
  }
  for (const auto& name : columns) {
    const auto expected = ref.values(name);
    const auto& actual = result[name];
    std::size_t bad = 0;
    std::size_t first_bad = 0;
    for (std::size_t r = 0; r < expected.size(); ++r) {
      if (!close(actual[r], expected[r], rel, absolute)) {
        if (bad++ == 0) first_bad = r;
      }
    }
    INFO("column '" << name << "': " << bad << " of " << expected.size()
                    << " rows differ; first at t = " << result.time()[first_bad] << ": got "
                    << actual[first_bad] << ", reference " << expected[first_bad]);
    CHECK(bad == 0);
  }
}

}  // namespace support
