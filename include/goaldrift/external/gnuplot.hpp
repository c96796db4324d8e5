// Charts as PNG through gnuplot (Debian: gnuplot-nox), if installed: fan charts of ensemble
// results and line charts of trajectories.
//
// Each chart writes its data (CSV) and a gnuplot script beside the PNG, then runs gnuplot on
// the script. gnuplot is started directly (posix_spawn with an argument vector, found by
// searching PATH here), never through a shell, so no path or title can run a command. Every
// string that reaches the script (titles, labels, units, file names) is written as a gnuplot
// double-quoted string with `\`, `"`, control characters, "`" (gnuplot runs back-quoted text as
// a shell command, even inside double quotes) and `@` escaped; enhanced text is off, so "A&E"
// prints as written. Paths in the script are absolute, so none can start with gnuplot's pipe
// markers `<` or `|`, and the script draws the same chart from any directory.
//
// Outcomes: gnuplot not installed is a soft outcome (chart_status::drawn is false and the
// message says how to install it and draw the chart later), because charts are optional. A
// gnuplot that runs and fails (a non-zero exit, a signal, or no PNG written) throws
// goaldrift::error naming the script, the exit status and the tail of gnuplot's output, so a
// failed chart never looks like success. Running gnuplot needs a POSIX system (Linux, macOS);
// elsewhere available() is false and the status says to run the script by hand.
#pragma once

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#if defined(__unix__) || defined(__APPLE__)
#define GOALDRIFT_GNUPLOT_POSIX 1
#include <fcntl.h>
#include <spawn.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__APPLE__)
#include <crt_externs.h>
#endif
#endif

#include "../ensemble/result.hpp"
#include "../error.hpp"
#include "../trajectory.hpp"

namespace goaldrift::external::gnuplot {

/// One panel of a fan chart.
struct panel {
  std::string title;
  const ensemble::result* result = nullptr;
};

/// A shaded band of a fan chart, between two quantile levels the result reports, e.g.
/// {0.05, 0.95} (a 90 % band). An empty title reads "<width> %", e.g. "90%".
struct band {
  band(double lower_level, double upper_level, std::string band_title = {})
      : lower(lower_level), upper(upper_level), title(std::move(band_title)) {}
  double lower;
  double upper;
  std::string title;
};

/// A line drawn over a fan chart: a statistic of any summarised variable, e.g. the goal
/// {"D", "median", "goal"}. `statistic` is one of result::statistics() ("mean", "median",
/// "min", "max", "q0.05", ...). An empty title reads "<statistic> <variable>".
struct overlay {
  overlay(std::string overlay_variable, std::string overlay_statistic = "median", std::string overlay_title = {})
      : variable(std::move(overlay_variable)), statistic(std::move(overlay_statistic)), title(std::move(overlay_title)) {}
  std::string variable;
  std::string statistic;
  std::string title;
};

struct chart_options {
  /// The variable a fan chart fans out (line_chart ignores it).
  std::string variable = "S";
  std::string title;
  std::string x_label = "time";
  /// Empty: the variable's name on a fan chart, nothing on a line chart.
  std::string y_label;
  /// Units appended to the axis labels in parentheses, e.g. "months" gives "time (months)".
  std::string x_units;
  std::string y_units;
  int width = 1500;
  int height = 450;
  /// Fan chart only: the shaded bands (each level must be among the result's quantile levels),
  /// drawn widest first so the narrower sit on top.
  std::vector<band> bands{band(0.05, 0.95), band(0.25, 0.75)};
  /// Fan chart only: lines of the variable's median and mean.
  bool median = true;
  bool mean = false;
  /// Fan chart only: further lines, e.g. the goal: overlays = {{"D", "median", "goal"}}.
  std::vector<overlay> overlays;
};

/// What a chart did. The data and script are always written; the PNG only when gnuplot is
/// installed, otherwise `message` says how to get gnuplot and how to draw the chart later. A
/// gnuplot that fails throws goaldrift::error instead.
struct chart_status {
  bool drawn = false;
  std::filesystem::path png;
  std::filesystem::path script;
  std::string message;
};

namespace detail {

/// `text` as a gnuplot double-quoted string that reads back as exactly `text`: backslash,
/// double quote and control characters escaped, and "`" and `@` written as octal escapes, as
/// gnuplot substitutes back-quoted shell commands on a line before it parses its strings.
inline std::string quote(const std::string& text) {
  std::string q = "\"";
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '\\': q += "\\\\"; break;
      case '"': q += "\\\""; break;
      case '\n': q += "\\n"; break;
      case '\r': q += "\\r"; break;
      case '\t': q += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7f || c == '`' || c == '@') {
          char octal[8];
          std::snprintf(octal, sizeof octal, "\\%03o", static_cast<unsigned>(c));
          q += octal;
        } else {
          q += ch;
        }
    }
  }
  return q + "\"";
}

/// `text` as one word for a POSIX shell, for messages that tell the user what to run.
inline std::string shell_word(const std::string& text) {
  const bool plain = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || std::strchr("/._-+,:=", c) != nullptr;
  });
  if (plain) return text;
  std::string q = "'";
  for (const char c : text) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

// A NUL would end the string inside gnuplot and silently cut the text short.
inline void check_text(const char* component, const char* parameter, const std::string& text) {
  if (text.find('\0') != std::string::npos) {
    throw invalid_parameter(component, parameter, "must not contain a NUL character", quote(text));
  }
}

inline std::string axis_label(const std::string& label, const std::string& units) {
  if (units.empty()) return label;
  return label.empty() ? "(" + units + ")" : label + " (" + units + ")";
}

inline void check_options(const char* component, const chart_options& options) {
  check_text(component, "title", options.title);
  check_text(component, "x_label", options.x_label);
  check_text(component, "y_label", options.y_label);
  check_text(component, "x_units", options.x_units);
  check_text(component, "y_units", options.y_units);
  if (options.width <= 0) throw invalid_parameter(component, "width", "must be positive", std::to_string(options.width));
  if (options.height <= 0) throw invalid_parameter(component, "height", "must be positive", std::to_string(options.height));
}

/// The first executable regular file called `name` in the directories of PATH (an empty entry
/// is the current directory, as for the shell; an unset PATH is "/usr/bin:/bin"), or an empty
/// path. What available() and draw() use, so both agree on which gnuplot runs.
inline std::filesystem::path find_program(const std::string& name) {
#ifdef GOALDRIFT_GNUPLOT_POSIX
  const char* env = std::getenv("PATH");
  const std::string path = env != nullptr ? env : "/usr/bin:/bin";
  std::size_t start = 0;
  while (true) {
    const std::size_t end = path.find(':', start);
    std::string dir = path.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (dir.empty()) dir = ".";
    const auto candidate = std::filesystem::path(dir) / name;
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec) && ::access(candidate.c_str(), X_OK) == 0) return candidate;
    if (end == std::string::npos) return {};
    start = end + 1;
  }
#else
  (void)name;
  return {};
#endif
}

/// How a program ended and what it wrote to stdout and stderr (the last 64 KiB at most).
struct run_result {
  int exit_status = 0;   // when not signalled
  int signal = 0;        // the signal that killed it, or 0
  std::string output;
};

#ifdef GOALDRIFT_GNUPLOT_POSIX
inline char** environment() {
#if defined(__APPLE__)
  return *_NSGetEnviron();
#else
  return environ;
#endif
}

/// Runs `program` with `arguments` (argv[1]...) and no shell, stdin from /dev/null, stdout and
/// stderr collected; waits for it to end. Throws goaldrift::error when it cannot be started.
inline run_result run_program(const std::filesystem::path& program, const std::vector<std::string>& arguments,
                              const std::string& component) {
  int fds[2];
  // Close-on-exec from the start, so a program another thread starts meanwhile cannot hold
  // the pipe open (we would never see its end).
#if defined(__linux__)
  const int piped = ::pipe2(fds, O_CLOEXEC);
#else
  const int piped = ::pipe(fds);
  if (piped == 0) {
    ::fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    ::fcntl(fds[1], F_SETFD, FD_CLOEXEC);
  }
#endif
  if (piped != 0) throw error(component + ": cannot make a pipe for gnuplot's output: " + std::strerror(errno));
  std::vector<std::string> words{program.filename().string()};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, program.c_str(), &actions, nullptr, argv.data(), environment());
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    throw error(component + ": cannot start '" + program.string() + "': " + std::strerror(spawned));
  }
  run_result result;
  char buffer[4096];
  while (true) {
    const auto n = ::read(fds[0], buffer, sizeof buffer);
    if (n > 0) {
      result.output.append(buffer, static_cast<std::size_t>(n));
      if (result.output.size() > 131072) result.output.erase(0, result.output.size() - 65536);
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw error(component + ": lost track of '" + program.string() + "': " + std::strerror(errno));
  }
  if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  } else {
    result.exit_status = WEXITSTATUS(status);
  }
  if (result.output.size() > 65536) result.output.erase(0, result.output.size() - 65536);
  return result;
}
#endif

// The last lines of gnuplot's output, for an error message.
inline std::string tail(const std::string& output) {
  std::string t = output;
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  if (t.size() > 2000) t = "..." + t.substr(t.size() - 2000);
  return t.empty() ? std::string("(gnuplot wrote nothing)") : t;
}

// Runs gnuplot on a written script. Not installed: a soft status saying how to draw later;
// failed: throws goaldrift::error.
inline chart_status draw(chart_status status, const std::string& component) {
  const std::string by_hand = "gnuplot " + shell_word(status.script.string());
#ifdef GOALDRIFT_GNUPLOT_POSIX
  const auto program = find_program("gnuplot");
  if (program.empty()) {
    status.message = "gnuplot is not installed (not found on PATH), so no PNG was drawn. Install it (Debian/Ubuntu: "
                     "sudo apt-get install gnuplot-nox; macOS: brew install gnuplot), then run: " + by_hand;
    return status;
  }
  const auto png = std::filesystem::absolute(status.png);
  // A PNG left by an earlier run must not pass for this one.
  std::error_code ec;
  if (std::filesystem::is_regular_file(png, ec)) std::filesystem::remove(png, ec);
  const auto run = run_program(program, {std::filesystem::absolute(status.script).string()}, component);
  const std::string how = run.signal != 0 ? "was killed by signal " + std::to_string(run.signal)
                                          : "exited with status " + std::to_string(run.exit_status);
  if (run.signal != 0 || run.exit_status != 0) {
    throw error(component + ": gnuplot (" + program.string() + ") " + how + " on '" + status.script.string() +
                "'; its output ends: " + tail(run.output));
  }
  if (!std::filesystem::is_regular_file(png, ec) || std::filesystem::file_size(png, ec) == 0) {
    throw error(component + ": gnuplot (" + program.string() + ") exited with status 0 on '" +
                status.script.string() + "' but wrote no PNG at '" + png.string() + "'; its output ends: " +
                tail(run.output));
  }
  status.drawn = true;
  status.message = "wrote " + status.png.string();
#else
  status.message = "goaldrift runs gnuplot on POSIX systems only, so no PNG was drawn; run: " + by_hand;
#endif
  return status;
}

inline std::ofstream open_script(const chart_status& status, const char* component) {
  std::ofstream gp(status.script);
  if (!gp) throw error(std::string(component) + ": cannot write '" + status.script.string() + "'");
  return gp;
}

// The lines every script starts with: terminal, output and labels.
inline void write_preamble(std::ostream& gp, const char* kind, const chart_status& status,
                           const chart_options& options, const std::string& y_label) {
  gp << "# " << kind << " written by goaldrift; draw it with: gnuplot "
     << quote(std::filesystem::absolute(status.script).string()) << "\n"
     << "set encoding utf8\n"
     << "set terminal pngcairo size " << options.width << "," << options.height << " font \"sans,10\"\n"
     << "# Titles and labels print as written: no enhanced-text markup (& ^ _ { } @ ~).\n"
     << "set termoption noenhanced\n"
     << "set output " << quote(std::filesystem::absolute(status.png).string()) << "\n"
     << "set datafile separator \",\"\n"
     << "set xlabel " << quote(axis_label(options.x_label, options.x_units)) << "\n"
     << "set ylabel " << quote(axis_label(y_label, options.y_units)) << "\n"
     << "set grid\n";
}

}  // namespace detail

/// True when an executable `gnuplot` is on the PATH (searched here, no shell involved).
inline bool available() { return !detail::find_program("gnuplot").empty(); }

/// One line of a line chart: a variable of a trajectory.
struct line {
  std::string title;
  const trajectory* run = nullptr;
  std::string variable = "S";
};

/// Draws the lines on one set of axes. Writes <png stem>.csv (time and one column per line)
/// and <png stem>.gp beside the PNG, then runs gnuplot on the script. The trajectories must
/// share their save times.
inline chart_status line_chart(const std::vector<line>& lines, const std::filesystem::path& png,
                               const chart_options& options = {}) {
  static constexpr const char* component = "goaldrift::external::gnuplot::line_chart";
  if (lines.empty()) throw invalid_parameter(component, "lines", "must hold at least one line", "none");
  detail::check_options(component, options);
  for (const auto& l : lines) {
    if (l.run == nullptr) throw invalid_parameter(component, "lines", "must each point to a trajectory", "null");
    detail::check_text(component, "lines", l.title);
    if (l.run->time() != lines.front().run->time()) {
      throw invalid_parameter(component, "lines", "must share their save times", "'" + l.title + "'");
    }
    (void)(*l.run)[l.variable];  // an unknown variable throws here, naming the known ones
  }
  chart_status status;
  status.png = png;
  status.script = std::filesystem::path(png).replace_extension(".gp");
  const auto data = std::filesystem::path(png).replace_extension(".csv");
  std::size_t header_lines = 1;  // a title with a line break spans several (quoted) lines
  {
    std::ofstream csv(data);
    if (!csv) throw error(std::string(component) + ": cannot write '" + data.string() + "'");
    std::string row = "time";
    for (const auto& l : lines) {
      row += ",";
      goaldrift::detail::append_csv_field(row, l.title);
      header_lines += static_cast<std::size_t>(std::count(l.title.begin(), l.title.end(), '\n'));
    }
    csv << row << '\n';
    const auto& time = lines.front().run->time();
    for (std::size_t k = 0; k < time.size(); ++k) {
      row.clear();
      goaldrift::detail::append_number(row, time[k]);
      for (const auto& l : lines) {
        row += ',';
        goaldrift::detail::append_number(row, (*l.run)[l.variable][k]);
      }
      csv << row << '\n';
    }
  }
  auto gp = detail::open_script(status, component);
  detail::write_preamble(gp, "Line chart", status, options, options.y_label);
  const std::string file = detail::quote(std::filesystem::absolute(data).string());
  gp << "set title " << detail::quote(options.title) << "\n"
     << "set key outside right\n"
     << "plot ";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    gp << (i == 0 ? "" : ", \\\n     ") << file << " skip " << header_lines << " using 1:" << i + 2
       << " with lines lw 2 title " << detail::quote(lines[i].title);
  }
  gp << "\n";
  gp.close();
  if (!gp) throw error(std::string(component) + ": cannot write '" + status.script.string() + "'");
  return detail::draw(status, component);
}

/// Draws one panel per result: shaded bands between pairs of quantile levels (by default
/// 5-95 % and 25-75 %), the median and optionally the mean of `options.variable`, and any
/// overlays (e.g. the goal D's median), on one y range for every panel. Every band level must
/// be among each result's quantile levels, and every overlay must name a summarised variable
/// and one of result::statistics(); otherwise it throws invalid_parameter before writing
/// anything. Writes <png stem>_<i>.csv (each result's wide CSV) and <png stem>.gp beside the
/// PNG, then runs gnuplot on the script.
inline chart_status fan_chart(const std::vector<panel>& panels, const std::filesystem::path& png,
                              const chart_options& options = {}) {
  static constexpr const char* component = "goaldrift::external::gnuplot::fan_chart";
  using goaldrift::detail::format_number;
  if (panels.empty()) throw invalid_parameter(component, "panels", "must hold at least one result", "none");
  detail::check_options(component, options);
  const std::string& v = options.variable;
  if (options.bands.empty() && !options.median && !options.mean && options.overlays.empty()) {
    throw invalid_parameter(component, "options", "must ask for at least one band or line",
                            "no bands, no median, no mean and no overlays");
  }
  for (const auto& b : options.bands) {
    detail::check_text(component, "bands", b.title);
    if (!(b.lower < b.upper)) {
      throw invalid_parameter(component, "bands", "must each run from a lower to a higher quantile level",
                              format_number(b.lower) + " to " + format_number(b.upper));
    }
  }
  for (const auto& o : options.overlays) detail::check_text(component, "overlays", o.title);
  const auto known = [](const std::vector<std::string>& names, const std::string& name) {
    return std::find(names.begin(), names.end(), name) != names.end();
  };
  const auto list = [](const std::vector<std::string>& names) {
    std::string s;
    for (const auto& n : names) s += (s.empty() ? "" : ", ") + n;
    return s;
  };
  for (const auto& p : panels) {
    if (p.result == nullptr) throw invalid_parameter(component, "panels", "must each point to a result", "null");
    detail::check_text(component, "panels", p.title);
    const auto& r = *p.result;
    if (!known(r.variables(), v)) {
      throw invalid_parameter(component, "variable", "must be a variable the result summarises (" + list(r.variables()) + ")",
                              "'" + v + "'");
    }
    for (const auto& b : options.bands) {
      for (double level : {b.lower, b.upper}) {
        if (std::find(r.quantile_levels().begin(), r.quantile_levels().end(), level) == r.quantile_levels().end()) {
          std::vector<std::string> levels;
          for (double q : r.quantile_levels()) levels.push_back(format_number(q));
          throw invalid_parameter(component, "bands",
                                  "must use quantile levels panel '" + p.title + "' reports (" +
                                      (levels.empty() ? std::string("none") : list(levels)) +
                                      "; set ensemble::options::quantiles)",
                                  format_number(level));
        }
      }
    }
    for (const auto& o : options.overlays) {
      if (!known(r.variables(), o.variable)) {
        throw invalid_parameter(component, "overlays",
                                "must each name a variable the result summarises (" + list(r.variables()) + ")",
                                "'" + o.variable + "'");
      }
      if (!known(r.statistics(), o.statistic)) {
        throw invalid_parameter(component, "overlays", "must each name a statistic the result reports (" +
                                                           list(r.statistics()) + ")",
                                "'" + o.statistic + "'");
      }
    }
  }

  // What each panel draws, as (variable, statistic) columns of its wide CSV.
  struct layer {
    std::string style;  // "filledcurves ..." or "lines ..."
    std::string title;
    std::string variable, lower, upper;  // upper empty: a line of `lower`
  };
  std::vector<layer> layers;
  std::vector<std::size_t> order(options.bands.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return options.bands[a].upper - options.bands[a].lower > options.bands[b].upper - options.bands[b].lower;
  });
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto& b = options.bands[order[k]];
    // Widest lightest: from #c6dbef to #6baed6, so two bands keep the familiar blues.
    const double t = order.size() == 1 ? 0.0 : static_cast<double>(k) / static_cast<double>(order.size() - 1);
    char colour[16];
    std::snprintf(colour, sizeof colour, "#%02x%02x%02x", static_cast<int>(std::lround(198 + t * (107 - 198))),
                  static_cast<int>(std::lround(219 + t * (174 - 219))), static_cast<int>(std::lround(239 + t * (214 - 239))));
    const std::string title =
        b.title.empty() ? format_number(std::round((b.upper - b.lower) * 100.0 * 1e6) / 1e6) + "%" : b.title;
    layers.push_back({std::string("filledcurves lc rgb \"") + colour + "\"", title, v,
                      ensemble::result::quantile_name(b.lower), ensemble::result::quantile_name(b.upper)});
  }
  if (options.median) layers.push_back({"lines lw 2 lc rgb \"#08306b\"", "median", v, "median", ""});
  if (options.mean) layers.push_back({"lines lw 2 dt 2 lc rgb \"#d94801\"", "mean", v, "mean", ""});
  static constexpr const char* overlay_colours[] = {"#b2182b", "#1b7837", "#762a83", "#e08214", "#000000"};
  for (std::size_t i = 0; i < options.overlays.size(); ++i) {
    const auto& o = options.overlays[i];
    layers.push_back({std::string("lines lw 2 dt 3 lc rgb \"") + overlay_colours[i % 5] + "\"",
                      o.title.empty() ? o.statistic + " " + o.variable : o.title, o.variable, o.statistic, ""});
  }

  chart_status status;
  status.png = png;
  status.script = std::filesystem::path(png).replace_extension(".gp");
  auto gp = detail::open_script(status, component);
  detail::write_preamble(gp, "Fan chart", status, options, options.y_label.empty() ? v : options.y_label);
  gp << "set multiplot layout 1," << panels.size() << " title " << detail::quote(options.title) << "\n"
     << "set key bottom left\n";
  // One y range for every panel, so they can be compared by eye.
  double low = 0.0, high = 0.0;
  bool first = true;
  for (const auto& p : panels) {
    for (const auto& l : layers) {
      for (const auto* statistic : {&l.lower, &l.upper}) {
        if (statistic->empty()) continue;
        for (double x : p.result->series(l.variable, *statistic)) {
          if (!std::isfinite(x)) continue;
          low = first ? x : std::min(low, x);
          high = first ? x : std::max(high, x);
          first = false;
        }
      }
    }
  }
  if (!first) {
    const double span = high - low;
    const double pad = span > 1e-9 * std::max(1.0, std::fabs(high)) ? 0.05 * span : 0.05 * std::max(1.0, std::fabs(high));
    gp << "set yrange [" << format_number(low - pad) << ":" << format_number(high + pad) << "]\n";
  }
  for (std::size_t i = 0; i < panels.size(); ++i) {
    const auto& r = *panels[i].result;
    auto data = std::filesystem::path(png).replace_extension("");
    data += "_" + std::to_string(i) + ".csv";
    r.write_wide_csv(data.string());
    // Columns by number, as write_wide_csv lays them out ("<variable>.<statistic>" for each
    // statistic). A variable name with a line break spans several (quoted) header lines,
    // which gnuplot does not read as one: skip them all.
    const auto statistics = r.statistics();
    std::size_t header_lines = 1;
    for (const auto& v : r.variables()) {
      header_lines += statistics.size() * static_cast<std::size_t>(std::count(v.begin(), v.end(), '\n'));
    }
    const auto column = [&](const std::string& variable, const std::string& statistic) {
      const auto vi = static_cast<std::size_t>(std::find(r.variables().begin(), r.variables().end(), variable) -
                                               r.variables().begin());
      const auto si = static_cast<std::size_t>(std::find(statistics.begin(), statistics.end(), statistic) -
                                               statistics.begin());
      return std::to_string(2 + vi * statistics.size() + si);
    };
    const std::string file = detail::quote(std::filesystem::absolute(data).string());
    gp << "set title " << detail::quote(panels[i].title) << "\nplot ";
    for (std::size_t k = 0; k < layers.size(); ++k) {
      const auto& l = layers[k];
      gp << (k == 0 ? "" : ", \\\n     ") << file << " skip " << header_lines << " using 1:" << column(l.variable, l.lower)
         << (l.upper.empty() ? "" : ":" + column(l.variable, l.upper)) << " with " << l.style << " title "
         << detail::quote(l.title);
    }
    gp << "\n";
  }
  gp << "unset multiplot\n";
  gp.close();
  if (!gp) throw error(std::string(component) + ": cannot write '" + status.script.string() + "'");
  return detail::draw(status, component);
}

}  // namespace goaldrift::external::gnuplot
