// Observed series to fit a model to: times, and one column per model variable, gaps allowed.
#pragma once

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <istream>
#include <limits>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../io/text.hpp"

namespace goaldrift::calibration {

/// One observed series: a model variable's values at the observation times (NaN where missing)
/// and how its measurement errors are weighed.
///
/// Errors are Gaussian and independent. By default every series without an error_scale shares
/// one standard deviation sigma, estimated from the fit, series j's errors having variance
/// sigma^2 / weight_j: weighted least squares. A series with own_scale has a sigma of its own,
/// estimated too (a KPI and a stated target measured with different precision). A series with
/// an error_scale has errors of that known standard deviation instead, and its weight is not
/// used.
struct series {
  /// The model variable observed: a column of the model's trajectory (S, P, D, action,
  /// pressure, or a state's name such as goal.memory).
  std::string variable;
  /// One value per observation time; NaN where the value is missing.
  std::vector<double> values;
  /// The known standard deviation of the measurement errors, or NaN to estimate it.
  double error_scale = std::numeric_limits<double>::quiet_NaN();
  /// The series' weight in the shared error estimate (its errors have variance sigma^2 / weight).
  double weight = 1.0;
  /// Estimate this series' error scale on its own rather than share one with the others.
  bool own_scale = false;
  /// The least its estimated error scale can be: values published to a resolution r carry at
  /// least their rounding error, sd r / sqrt(12). Without it a series that a model meets
  /// exactly (a stated target that never moves) would have a scale of 0 and an infinite
  /// likelihood.
  double scale_floor = 0.0;

  /// The number of values that are not missing.
  std::size_t count() const {
    return static_cast<std::size_t>(std::count_if(values.begin(), values.end(), [](double v) { return !std::isnan(v); }));
  }
};

/// Observation times and the series observed at them.
///
///     auto data = calibration::observations::read_csv("kpi.csv");   // time,S
///     data["S"].error_scale = 2.0;                                  // known measurement error
///
/// or built in code:
///
///     calibration::observations data({0, 1, 2, 3});
///     data.add("S", {100, 98.7, NAN, 96.1});
class observations {
 public:
  static constexpr const char* component = "goaldrift::calibration::observations";

  observations() = default;

  /// Observation times: finite and strictly increasing.
  explicit observations(std::vector<double> times) : times_(std::move(times)) {
    for (std::size_t i = 0; i < times_.size(); ++i) {
      if (!std::isfinite(times_[i])) {
        throw invalid_parameter(component, "times[" + std::to_string(i) + "]", "must be finite", times_[i]);
      }
      if (i > 0 && !(times_[i] > times_[i - 1])) {
        throw invalid_parameter(component, "times[" + std::to_string(i) + "]",
                                "must be later than the time before it (" + goaldrift::detail::format_number(times_[i - 1]) + ")",
                                times_[i]);
      }
    }
  }

  /// Adds the series of `variable`: one value per time, NaN where missing.
  observations& add(std::string variable, std::vector<double> values) {
    if (variable.empty()) throw invalid_parameter(component, "variable", "must name a model variable", "''");
    if (find(variable) != nullptr) {
      throw invalid_parameter(component, "variable", "must not be observed twice", io::quote_excerpt(variable));
    }
    if (values.size() != times_.size()) {
      throw invalid_parameter(component, "values of " + io::quote_excerpt(variable),
                              "must hold one value per time (" + std::to_string(times_.size()) + ")",
                              std::to_string(values.size()) + " values");
    }
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (std::isinf(values[i])) {
        throw invalid_parameter(component, io::quote_excerpt(variable) + " at time " + goaldrift::detail::format_number(times_[i]),
                                "must be a finite number (or NaN for a missing value)", values[i]);
      }
    }
    series s;
    s.variable = std::move(variable);
    s.values = std::move(values);
    series_.push_back(std::move(s));
    return *this;
  }

  /// The series of `variable`, to set its error_scale or weight.
  series& operator[](std::string_view variable) { return at(variable); }
  const series& operator[](std::string_view variable) const { return const_cast<observations&>(*this).at(variable); }

  const std::vector<double>& times() const noexcept { return times_; }
  const std::vector<series>& all() const noexcept { return series_; }
  std::vector<series>& all() noexcept { return series_; }
  /// Where the data came from (a file's path), for messages.
  const std::string& source() const noexcept { return source_; }

  /// Values that are not missing, over all series.
  std::size_t count() const {
    std::size_t n = 0;
    for (const auto& s : series_) n += s.count();
    return n;
  }

  /// Reads observations from comma-separated text (RFC 4180, as R, pandas and spreadsheets
  /// write it). The first record names the columns: a column called "time" (any case), or else
  /// the first column, holds the times; every other column is a series named after the model
  /// variable it observes. An empty field, NA, NaN, N/A, #N/A, "." or "-" is a missing value;
  /// anything else must be a finite number. Problems throw parse_error naming the source, the
  /// line and the column.
  static observations read_csv(std::istream& in, const std::string& source = "<stream>") {
    const std::string text = io::read_all(in, component, source);
    io::csv_reader reader(text, ',', component, source);
    io::csv_record record;
    std::vector<std::string> names;
    std::size_t time_column = 0;
    bool have_header = false;
    std::vector<double> times;
    std::vector<std::vector<double>> columns;
    while (reader.next(record)) {
      auto& fields = record.fields;
      if (!have_header) {
        have_header = true;
        std::unordered_set<std::string> seen;
        for (std::size_t c = 0; c < fields.size(); ++c) {
          std::string name(io::trim(fields[c].text));
          if (name.empty()) {
            throw parse_error(component, source, fields[c].line, "column " + std::to_string(c + 1) + " has no name");
          }
          if (!seen.insert(name).second) {
            throw parse_error(component, source, fields[c].line, "column " + io::quote_excerpt(name) + " appears twice");
          }
          if (lower(name) == "time") time_column = c;
          names.push_back(std::move(name));
        }
        if (names.size() < 2) {
          throw parse_error(component, source, record.line,
                            "needs a time column and at least one observed variable, found only " +
                                io::quote_excerpt(names.front()));
        }
        columns.resize(names.size());
        continue;
      }
      if (fields.size() != names.size()) {
        throw parse_error(component, source, record.line,
                          "expected " + std::to_string(names.size()) + " fields, as the header names, got " +
                              std::to_string(fields.size()));
      }
      for (std::size_t c = 0; c < fields.size(); ++c) {
        const std::string_view field = io::trim(fields[c].text);
        if (c == time_column) {
          const auto t = io::parse_number(field);
          if (!t || !std::isfinite(*t)) {
            throw parse_error(component, source, fields[c].line,
                              "the time column " + io::quote_excerpt(names[c]) + " needs a finite number, got " +
                                  io::quote_excerpt(field));
          }
          if (!times.empty() && !(*t > times.back())) {
            throw parse_error(component, source, fields[c].line,
                              "times must increase from row to row, but " + goaldrift::detail::format_number(*t) +
                                  " follows " + goaldrift::detail::format_number(times.back()));
          }
          times.push_back(*t);
          continue;
        }
        if (is_missing(field)) {
          columns[c].push_back(std::numeric_limits<double>::quiet_NaN());
          continue;
        }
        const auto v = io::parse_number(field);
        if (!v || !std::isfinite(*v)) {
          throw parse_error(component, source, fields[c].line,
                            "column " + io::quote_excerpt(names[c]) +
                                " needs a finite number or a missing value (empty, NA), got " + io::quote_excerpt(field));
        }
        columns[c].push_back(*v);
      }
    }
    if (!have_header) throw parse_error(component, source, 0, "the file is empty");
    if (times.empty()) throw parse_error(component, source, 0, "the file has a header but no observations");
    observations out(std::move(times));
    for (std::size_t c = 0; c < names.size(); ++c) {
      if (c != time_column) out.add(names[c], std::move(columns[c]));
    }
    out.source_ = source;
    return out;
  }

  /// Reads the observations in the file at `path`.
  static observations read_csv(const std::string& path) {
    std::istringstream text(io::read_file(path, component));
    return read_csv(text, path);
  }

 private:
  std::vector<double> times_;
  std::vector<series> series_;
  std::string source_ = "observations";

  const series* find(std::string_view variable) const {
    for (const auto& s : series_) {
      if (s.variable == variable) return &s;
    }
    return nullptr;
  }
  series& at(std::string_view variable) {
    for (auto& s : series_) {
      if (s.variable == variable) return s;
    }
    std::string have;
    for (const auto& s : series_) have += (have.empty() ? "" : ", ") + s.variable;
    throw invalid_parameter(component, "variable", "must be one of the observed series (" + have + ")",
                            io::quote_excerpt(variable));
  }
  static std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  static bool is_missing(std::string_view field) {
    const std::string f = lower(field);
    return f.empty() || f == "na" || f == "nan" || f == "n/a" || f == "#n/a" || f == "." || f == "-";
  }
};

}  // namespace goaldrift::calibration
