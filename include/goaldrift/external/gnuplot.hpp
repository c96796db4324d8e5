// Charts as PNG through gnuplot (Debian: gnuplot-nox), if installed: fan charts of ensemble
// results and line charts of trajectories.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../ensemble/result.hpp"
#include "../error.hpp"
#include "../trajectory.hpp"

namespace goaldrift::external::gnuplot {

/// One panel of a fan chart.
struct panel {
  std::string title;
  const ensemble::result* result = nullptr;
};

struct chart_options {
  std::string variable = "S";
  std::string title;
  std::string x_label = "time";
  std::string y_label;
  int width = 1500;
  int height = 450;
};

/// What fan_chart() did. The data and script are always written; the PNG only when gnuplot
/// ran, otherwise `message` says how to get gnuplot and how to draw the chart later.
struct chart_status {
  bool drawn = false;
  std::filesystem::path png;
  std::filesystem::path script;
  std::string message;
};

/// True when a `gnuplot` program is on the PATH.
inline bool available() { return std::system("command -v gnuplot > /dev/null 2>&1") == 0; }

namespace detail {
// Runs gnuplot on a written script and fills in what happened.
inline chart_status draw(chart_status status) {
  if (!available()) {
    status.message = "gnuplot is not installed, so no PNG was drawn. Install it (Debian/Ubuntu: "
                     "sudo apt-get install gnuplot-nox), then run: gnuplot " + status.script.string();
    return status;
  }
  const std::string command = "gnuplot '" + status.script.string() + "'";
  if (std::system(command.c_str()) != 0 || !std::filesystem::exists(status.png)) {
    status.message = "gnuplot failed on " + status.script.string() + "; run it by hand to see why";
    return status;
  }
  status.drawn = true;
  status.message = "wrote " + status.png.string();
  return status;
}

inline std::ofstream open_script(const chart_status& status, const char* component) {
  std::ofstream gp(status.script);
  if (!gp) throw error(std::string(component) + ": cannot write '" + status.script.string() + "'");
  return gp;
}
}  // namespace detail

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
  for (const auto& l : lines) {
    if (l.run == nullptr) throw invalid_parameter(component, "lines", "must each point to a trajectory", "null");
    if (l.run->time() != lines.front().run->time()) {
      throw invalid_parameter(component, "lines", "must share their save times", "'" + l.title + "'");
    }
    (void)(*l.run)[l.variable];  // an unknown variable throws here, naming the known ones
  }
  chart_status status;
  status.png = png;
  status.script = std::filesystem::path(png).replace_extension(".gp");
  const auto data = std::filesystem::path(png).replace_extension(".csv");
  {
    std::ofstream csv(data);
    if (!csv) throw error(std::string(component) + ": cannot write '" + data.string() + "'");
    std::string row = "time";
    for (const auto& l : lines) row += "," + l.title;
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
  gp << "# Line chart written by goaldrift; draw it with: gnuplot " << status.script.filename().string() << "\n"
     << "set terminal pngcairo size " << options.width << "," << options.height << " font 'sans,10'\n"
     << "set output '" << png.string() << "'\n"
     << "set datafile separator ','\n"
     << "set title '" << options.title << "'\n"
     << "set xlabel '" << options.x_label << "'\nset ylabel '" << options.y_label << "'\n"
     << "set grid\nset key outside right\n"
     << "plot for [i=2:" << lines.size() + 1 << "] '" << data.string() << "' using 1:i with lines lw 2 title columnheader(i)\n";
  gp.close();
  return detail::draw(status);
}

/// Draws one panel per result: the median of `variable` as a line, its 25-75 % range (50 %
/// band) and 5-95 % range (90 % band) as shaded areas. Each result must report the quantiles
/// 0.05, 0.25, 0.5, 0.75 and 0.95 (ensemble::options' default). Writes <png stem>_<i>.csv
/// (each result's wide CSV) and <png stem>.gp beside the PNG, then runs gnuplot on the script.
inline chart_status fan_chart(const std::vector<panel>& panels, const std::filesystem::path& png,
                              const chart_options& options = {}) {
  static constexpr const char* component = "goaldrift::external::gnuplot::fan_chart";
  if (panels.empty()) throw invalid_parameter(component, "panels", "must hold at least one result", "none");
  for (const auto& p : panels) {
    if (p.result == nullptr) throw invalid_parameter(component, "panels", "must each point to a result", "null");
    for (double q : {0.05, 0.25, 0.5, 0.75, 0.95}) {
      bool found = false;
      for (double have : p.result->quantile_levels()) found = found || have == q;
      if (!found) {
        throw invalid_parameter(component, "quantile_levels",
                                "must include 0.05, 0.25, 0.5, 0.75 and 0.95 for the bands",
                                goaldrift::detail::format_number(q) + " is missing");
      }
    }
  }
  chart_status status;
  status.png = png;
  status.script = std::filesystem::path(png).replace_extension(".gp");
  const std::string v = options.variable;
  auto gp = detail::open_script(status, component);
  gp << "# Fan chart written by goaldrift; draw it with: gnuplot " << status.script.filename().string() << "\n"
     << "set terminal pngcairo size " << options.width << "," << options.height << " font 'sans,10'\n"
     << "set output '" << png.string() << "'\n"
     << "set datafile separator ','\n"
     << "set multiplot layout 1," << panels.size() << " title '" << options.title << "'\n"
     << "set xlabel '" << options.x_label << "'\nset ylabel '" << (options.y_label.empty() ? v : options.y_label) << "'\n"
     << "set grid\nset key bottom left\n";
  // One y range for every panel, so they can be compared by eye.
  double low = 0.0, high = 0.0;
  bool first = true;
  for (const auto& p : panels) {
    for (const auto& s : {p.result->series(v, "q0.05"), p.result->series(v, "q0.95")}) {
      for (double x : s) {
        if (!std::isfinite(x)) continue;
        low = first ? x : std::min(low, x);
        high = first ? x : std::max(high, x);
        first = false;
      }
    }
  }
  const double pad = 0.05 * (high - low + 1e-12);
  gp << "set yrange [" << goaldrift::detail::format_number(low - pad) << ":" << goaldrift::detail::format_number(high + pad) << "]\n";
  for (std::size_t i = 0; i < panels.size(); ++i) {
    auto data = std::filesystem::path(png).replace_extension("");
    data += "_" + std::to_string(i) + ".csv";
    panels[i].result->write_wide_csv(data.string());
    const std::string file = "'" + data.string() + "'";
    gp << "set title '" << panels[i].title << "'\n"
       << "plot " << file << " using 1:\"" << v << ".q0.05\":\"" << v
       << ".q0.95\" with filledcurves lc rgb '#c6dbef' title '90%', \\\n"
       << "     " << file << " using 1:\"" << v << ".q0.25\":\"" << v
       << ".q0.75\" with filledcurves lc rgb '#6baed6' title '50%', \\\n"
       << "     " << file << " using 1:\"" << v << ".q0.5\" with lines lw 2 lc rgb '#08306b' title 'median'\n";
  }
  gp << "unset multiplot\n";
  gp.close();
  return detail::draw(status);
}

}  // namespace goaldrift::external::gnuplot
