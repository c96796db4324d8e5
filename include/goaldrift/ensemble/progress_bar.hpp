// A terminal progress bar for ensemble runs: members done, rate, time left.
#pragma once

#include <algorithm>
#include <cstdio>
#include <string>

#if defined(_WIN32)
#include <io.h>
#else
#include <unistd.h>
#endif

#include "run.hpp"

namespace goaldrift::ensemble {

/// Pass as options::on_progress. On a terminal it redraws one line in place:
///   [##########..........]  50000/100000 members  41250/s  eta 1.2 s  (3 failed)
/// When stderr is not a terminal (a log file, CI) it prints a line at each quarter instead.
/// Either way the run's last report ends the output with a newline, also when the run was
/// cancelled or stopped by a failure, so what is printed next starts on a line of its own.
class progress_bar {
 public:
  /// How to draw: redraw one line where `out` is a terminal and print lines otherwise
  /// (automatic), or always the one or the other.
  enum class style { automatic, redraw, lines };

  explicit progress_bar(std::string label = "members", std::FILE* out = stderr, style how = style::automatic)
      : label_(std::move(label)), out_(out), terminal_(how == style::automatic ? is_terminal(out) : how == style::redraw) {}

  bool operator()(const progress& p) {
    // A new run: the last one said it had finished, or time or count went back (for callers
    // that build their own reports and leave `finished` unset).
    if (closed_ || p.elapsed_seconds < last_elapsed_ || p.done < last_done_) start_run();
    last_elapsed_ = p.elapsed_seconds;
    last_done_ = p.done;
    // Clamped: a report built by a caller may say more is done than the total, and a bar cast
    // from a fraction above 1 would be longer than its width (or past int's range).
    const double fraction =
        p.total == 0 ? 1.0 : std::min(1.0, static_cast<double>(p.done) / static_cast<double>(p.total));
    const bool at_end = p.finished || p.done == p.total;
    if (terminal_) {
      if (!ended_) {
        constexpr int width = 24;
        const int filled = static_cast<int>(fraction * width);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar += std::string(static_cast<std::size_t>(width - filled), '.');
        std::fprintf(out_, "\r[%s] %zu/%zu %s  %.0f/s  eta %.1f s", bar.c_str(), p.done, p.total, label_.c_str(),
                     p.members_per_second, p.eta_seconds);
        if (p.failed > 0) std::fprintf(out_, "  (%zu failed)", p.failed);
        line_open_ = true;
        if (at_end) {
          std::fputs(p.done < p.total ? "  stopped\n" : "\n", out_);
          line_open_ = false;
          ended_ = true;
        }
        std::fflush(out_);
      }
    } else {
      const int quarter = static_cast<int>(fraction * 4.0);
      const bool stopped_early = p.finished && p.done < p.total;
      if (quarter > last_quarter_ || stopped_early) {
        last_quarter_ = quarter;
        std::fprintf(out_, "%zu/%zu %s (%.0f/s, %zu failed)%s\n", p.done, p.total, label_.c_str(),
                     p.members_per_second, p.failed, stopped_early ? " stopped" : "");
        std::fflush(out_);
      }
    }
    if (p.finished) closed_ = true;
    return true;
  }

 private:
  static bool is_terminal(std::FILE* f) {
#if defined(_WIN32)
    return _isatty(_fileno(f)) != 0;
#else
    return isatty(fileno(f)) != 0;
#endif
  }

  void start_run() {
    if (line_open_) std::fputs("\n", out_);
    line_open_ = false;
    ended_ = false;
    closed_ = false;
    last_quarter_ = 0;
    last_elapsed_ = 0.0;
    last_done_ = 0;
  }

  std::string label_;
  std::FILE* out_;
  bool terminal_;
  double last_elapsed_ = 0.0;
  std::size_t last_done_ = 0;
  int last_quarter_ = 0;
  bool line_open_ = false;  // a redrawn line not yet ended
  bool ended_ = false;      // this run's line was ended at its end
  bool closed_ = false;     // this run's last report (progress::finished) was seen
};

}  // namespace goaldrift::ensemble
