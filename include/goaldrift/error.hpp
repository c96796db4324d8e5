// The goaldrift exception family: every error the library throws derives from goaldrift::error.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

#include "detail/format.hpp"

namespace goaldrift {

/// Base of every exception goaldrift throws.
class error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A parameter or setting that cannot work, found before any integration starts. The message
/// reads "<component>: <parameter> <requirement>, got <value>", for example
/// "goaldrift::goal::floating: adjustment_time must be positive and finite, got -3".
class invalid_parameter : public error {
 public:
  invalid_parameter(std::string component, std::string parameter, std::string requirement,
                    std::string value)
      : error(component + ": " + parameter + " " + requirement + ", got " + value),
        component_(std::move(component)),
        parameter_(std::move(parameter)),
        value_(std::move(value)) {}

  invalid_parameter(std::string component, std::string parameter, std::string requirement,
                    double value)
      : invalid_parameter(std::move(component), std::move(parameter), std::move(requirement),
                          detail::format_number(value)) {}

  /// The part or function that refused the value, e.g. "goaldrift::perception::smooth".
  const std::string& component() const noexcept { return component_; }
  /// The parameter's name as written in the part, e.g. "smoothing_time".
  const std::string& parameter() const noexcept { return parameter_; }
  /// The offending value as text.
  const std::string& value() const noexcept { return value_; }

 private:
  std::string component_;
  std::string parameter_;
  std::string value_;
};

/// The integration itself failed: a state became NaN or infinite, or an adaptive stepper could
/// not meet its tolerance. Names the state variable and the time.
class integration_error : public error {
 public:
  /// `variable` may be empty when the failure concerns no single variable.
  integration_error(std::string variable, double time, const std::string& what)
      : error("goaldrift::simulate: " + what + " (" +
              (variable.empty() ? std::string() : "variable '" + variable + "' ") + "at t = " +
              detail::format_number(time) + ")"),
        variable_(std::move(variable)),
        time_(time) {}

  /// The state variable that failed, or "" when the failure concerns the whole state.
  const std::string& variable() const noexcept { return variable_; }
  double time() const noexcept { return time_; }

 private:
  std::string variable_;
  double time_;
};

/// User data (a lookup table, a member table) that cannot be read. Names the source and the
/// line, counting from 1: "goaldrift::io::read_lookup_csv: pressure.csv:7: expected ...".
class parse_error : public error {
 public:
  parse_error(const std::string& component, std::string source, std::size_t line,
              const std::string& what)
      : error(component + ": " + source + (line > 0 ? ":" + std::to_string(line) : "") + ": " +
              what),
        source_(std::move(source)),
        line_(line) {}

  const std::string& source() const noexcept { return source_; }
  /// The line the problem is on, from 1; 0 when it concerns the whole source.
  std::size_t line() const noexcept { return line_; }

 private:
  std::string source_;
  std::size_t line_;
};

}  // namespace goaldrift
