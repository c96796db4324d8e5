// The goaldrift command's exit statuses, and the one failure type the command throws itself.
#pragma once

#include <cstdio>
#include <stdexcept>
#include <string>

namespace goaldrift::command {

/// What the command's exit status means. Scripts rely on these numbers: never renumber one.
enum class exit_status : int {
  success = 0,
  /// The run failed: an integration_error, a member failing under "failures": "stop", or
  /// members failing under --fail-on-member-failure.
  run_failed = 1,
  /// The command line, the model file or a parameter value cannot work.
  bad_input = 2,
  /// An output file or directory could not be written.
  output_failed = 3,
  /// The fan chart could not be drawn (gnuplot missing or failing); the CSV files were written.
  chart_failed = 4,
};

/// A failure found by the command rather than by the library (an output it cannot write, a
/// malformed --set), with the status it ends the command with.
class failure : public std::runtime_error {
 public:
  failure(exit_status status, const std::string& what) : std::runtime_error(what), status_(status) {}
  exit_status status() const noexcept { return status_; }

 private:
  exit_status status_;
};

/// Prints "goaldrift: <message>" as one line on standard error, whatever line breaks the message
/// holds (gnuplot's output, quoted in a chart failure, has several), so that a script reading
/// standard error line by line sees one error as one line.
inline void report(const std::string& message) {
  std::string line;
  for (char c : message) {
    if (c == '\n' || c == '\r') {
      if (!line.empty() && line.back() != ' ') line += " / ";
    } else {
      line += c;
    }
  }
  std::fprintf(stderr, "goaldrift: %s\n", line.c_str());
}

}  // namespace goaldrift::command
