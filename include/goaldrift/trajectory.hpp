// Simulation results: time and every recorded variable by name, with CSV output.
#pragma once

#include <algorithm>
#include <cstddef>
#include <fstream>
#include <iterator>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/format.hpp"
#include "detail/names.hpp"
#include "error.hpp"
#include "io/text.hpp"

namespace goaldrift {

/// One run's results on its save grid: a time column and one column per variable. A model
/// built with make_model() records S, P, D, action and pressure, then each state variable
/// under its full name ("perception.level", "goal.memory", ...).
class trajectory {
 public:
  trajectory() = default;
  explicit trajectory(std::vector<std::string> names, std::size_t expected_rows = 0)
      : names_(std::move(names)), columns_(names_.size()) {
    time_.reserve(expected_rows);
    for (auto& c : columns_) {
      c.reserve(expected_rows);
    }
  }

  /// Appends one row; `values` holds one value per name, in order.
  template <class Values>
  void append(double t, const Values& values) {
    const auto count = static_cast<std::size_t>(std::distance(std::begin(values), std::end(values)));
    if (count != names_.size()) {  // columns of uneven length would be read past later
      throw invalid_parameter("goaldrift::trajectory", "values",
                              "must hold one value per variable (" + std::to_string(names_.size()) + ")",
                              std::to_string(count) + " values");
    }
    time_.push_back(t);
    std::size_t i = 0;
    for (const auto& v : values) {
      columns_[i++].push_back(static_cast<double>(v));
    }
  }

  std::size_t size() const noexcept { return time_.size(); }
  bool empty() const noexcept { return time_.empty(); }
  const std::vector<std::string>& names() const noexcept { return names_; }
  const std::vector<double>& time() const noexcept { return time_; }

  bool contains(std::string_view name) const {
    return std::find(names_.begin(), names_.end(), name) != names_.end();
  }

  /// The column called `name`; an unknown name throws an error that lists the known ones.
  const std::vector<double>& operator[](std::string_view name) const {
    const auto it = std::find(names_.begin(), names_.end(), name);
    if (it == names_.end()) {
      throw error("goaldrift::trajectory: no variable " + io::quote_excerpt(name) + detail::closest_hint(names_, name) +
                  "; the variables are: " + detail::name_list(names_));
    }
    return columns_[static_cast<std::size_t>(it - names_.begin())];
  }

  /// The actual state S over time.
  const std::vector<double>& actual() const { return (*this)["S"]; }
  /// The perceived state P over time.
  const std::vector<double>& perceived() const { return (*this)["P"]; }
  /// The desired state D (the goal) over time.
  const std::vector<double>& desired() const { return (*this)["D"]; }

  /// The last recorded value of `name` (at the end of the run).
  double final_value(std::string_view name) const {
    const auto& column = (*this)[name];
    if (column.empty()) throw error("goaldrift::trajectory: no rows yet, so no final value of " + io::quote_excerpt(name));
    return column.back();
  }

  /// Writes a header "time,<names...>" and one row per save time. Numbers are written as the
  /// shortest text that reads back to the same double, so nothing is lost; a name is quoted
  /// when it must be to read back as one field (detail::append_csv_field).
  void write_csv(std::ostream& os) const {
    std::string line = "time";
    for (const auto& n : names_) {
      line += ',';
      detail::append_csv_field(line, n);
    }
    os << line << '\n';
    for (std::size_t r = 0; r < time_.size(); ++r) {
      line.clear();
      detail::append_number(line, time_[r]);
      for (const auto& c : columns_) {
        line += ',';
        detail::append_number(line, c[r]);
      }
      os << line << '\n';
    }
  }

  /// Writes the CSV to a file; throws goaldrift::error if the file cannot be written.
  void write_csv(const std::string& path) const {
    std::ofstream f(path);
    if (!f) {
      throw error("goaldrift::trajectory::write_csv: cannot open '" + path + "' for writing");
    }
    write_csv(f);
    f.flush();
    if (!f) {
      throw error("goaldrift::trajectory::write_csv: writing '" + path + "' failed");
    }
  }

 private:
  std::vector<std::string> names_;
  std::vector<std::vector<double>> columns_;
  std::vector<double> time_;
};

}  // namespace goaldrift
