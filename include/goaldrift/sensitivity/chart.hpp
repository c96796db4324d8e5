// A bar chart of sensitivity indices with their intervals, as PNG through gnuplot.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../external/gnuplot.hpp"
#include "indices.hpp"

namespace goaldrift::sensitivity {

/// Draws the indices of one outcome of `r` (the first when `outcome` is empty) as grouped bars
/// per parameter, with the bootstrap intervals as error bars: S1 and ST for Sobol', mu_star
/// for Morris. Writes <png stem>.csv (the bars' data) and <png stem>.gp beside the PNG and runs
/// gnuplot on the script (external::gnuplot::chart_status says what happened; gnuplot missing
/// is a soft outcome, a gnuplot that fails throws). An empty title reads "<method> of
/// <outcome>".
inline external::gnuplot::chart_status chart(const report& r, const std::filesystem::path& png,
                                             const std::string& outcome = {},
                                             external::gnuplot::chart_options options = {}) {
  static constexpr const char* component = "goaldrift::sensitivity::chart";
  namespace gp = external::gnuplot;
  if (r.outcomes.empty()) throw invalid_parameter(component, "report", "must hold at least one outcome", "none");
  const std::string which = outcome.empty() ? r.outcomes.front() : outcome;
  const bool sobol = r.method == "sobol";
  const std::vector<std::string> indices =
      sobol ? std::vector<std::string>{"S1", "ST"} : std::vector<std::string>{"mu_star"};
  for (const auto& p : r.parameters) {
    for (const auto& i : indices) (void)r.at(p, which, i);  // an unknown outcome throws here, naming the known ones
  }
  if (options.title.empty()) options.title = (sobol ? "Sobol' indices of " : "Morris mu_star of ") + which;
  if (options.x_label == "time") options.x_label = "parameter";
  if (options.y_label.empty()) options.y_label = sobol ? "share of variance" : "mean absolute elementary effect";
  if (options.width == 1500) options.width = 900;
  gp::detail::check_options(component, options);
  gp::chart_status status;
  status.png = png;
  status.script = std::filesystem::path(png).replace_extension(".gp");
  const auto data = std::filesystem::path(png).replace_extension(".csv");
  {
    std::ofstream csv(data);
    if (!csv) throw error(std::string(component) + ": cannot write '" + data.string() + "'");
    std::string row = "parameter";
    for (const auto& i : indices) row += "," + i + "," + i + "_low," + i + "_high";
    csv << row << '\n';
    for (const auto& p : r.parameters) {
      row.clear();
      goaldrift::detail::append_csv_field(row, p);
      for (const auto& i : indices) {
        const auto& e = r.at(p, which, i);
        for (double v : {e.value, r.resamples > 0 ? e.low : e.value, r.resamples > 0 ? e.high : e.value}) {
          row += ',';
          goaldrift::detail::append_number(row, v);
        }
      }
      csv << row << '\n';
    }
    if (!csv) throw error(std::string(component) + ": cannot write '" + data.string() + "'");
  }
  auto script = gp::detail::open_script(status, component);
  gp::detail::write_preamble(script, "Sensitivity chart", status, options, options.y_label);
  const std::string file = gp::detail::quote(std::filesystem::absolute(data).string());
  script << "set title " << gp::detail::quote(options.title) << "\n"
         << "set style data histogram\n"
         << "set style histogram errorbars gap 2 lw 1.5\n"
         << "set style fill solid 0.7 border -1\n"
         << "set key top right\n"
         << "set xtics rotate by -30\n"
         << (sobol ? "set yrange [*<0:1<*]\n" : "set yrange [0:*]\n")
         << "plot ";
  for (std::size_t i = 0; i < indices.size(); ++i) {
    script << (i == 0 ? "" : ", \\\n     ") << file << " skip 1 using " << 2 + 3 * i << ":" << 3 + 3 * i << ":"
           << 4 + 3 * i << (i == 0 ? ":xtic(1)" : "") << " title " << gp::detail::quote(indices[i]);
  }
  script << "\n";
  script.close();
  if (!script) throw error(std::string(component) + ": cannot write '" + status.script.string() + "'");
  return gp::detail::draw(status, component);
}

}  // namespace goaldrift::sensitivity
