// A terminal progress bar for ensemble runs: members done, rate, time left.
#pragma once

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
class progress_bar {
 public:
  explicit progress_bar(std::string label = "members", std::FILE* out = stderr)
      : label_(std::move(label)), out_(out), terminal_(is_terminal(out)) {}

  bool operator()(const progress& p) {
    const double fraction = p.total == 0 ? 1.0 : static_cast<double>(p.done) / static_cast<double>(p.total);
    if (terminal_) {
      constexpr int width = 24;
      const int filled = static_cast<int>(fraction * width);
      std::string bar(static_cast<std::size_t>(filled), '#');
      bar += std::string(static_cast<std::size_t>(width - filled), '.');
      std::fprintf(out_, "\r[%s] %zu/%zu %s  %.0f/s  eta %.1f s", bar.c_str(), p.done, p.total, label_.c_str(),
                   p.members_per_second, p.eta_seconds);
      if (p.failed > 0) std::fprintf(out_, "  (%zu failed)", p.failed);
      if (p.done == p.total) std::fprintf(out_, "\n");
      std::fflush(out_);
    } else {
      // Reused for another run (time or count went back): start counting quarters again.
      if (p.elapsed_seconds < last_elapsed_ || p.done < last_done_) last_quarter_ = 0;
      last_elapsed_ = p.elapsed_seconds;
      last_done_ = p.done;
      const int quarter = static_cast<int>(fraction * 4.0);
      if (quarter > last_quarter_) {
        last_quarter_ = quarter;
        std::fprintf(out_, "%zu/%zu %s (%.0f/s, %zu failed)\n", p.done, p.total, label_.c_str(), p.members_per_second,
                     p.failed);
        std::fflush(out_);
      }
    }
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

  std::string label_;
  std::FILE* out_;
  bool terminal_;
  double last_elapsed_ = 0.0;
  std::size_t last_done_ = 0;
  int last_quarter_ = 0;
};

}  // namespace goaldrift::ensemble
