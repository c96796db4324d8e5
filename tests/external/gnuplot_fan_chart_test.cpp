// The fan chart's choices: bands from any quantile levels the result reports, axis units, and
// lines for the mean and for any variable's statistic (the goal D), all refused up front when
// the result cannot draw them.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>

#include <goaldrift/ensemble.hpp>
#include <goaldrift/external/gnuplot.hpp>

#include "external/gnuplot_support.hpp"
#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;
namespace plot = goaldrift::external::gnuplot;
using gnuplot_support::read_text;
using gnuplot_support::scratch;
using gnuplot_support::small_result;
using gnuplot_support::without_programs;

namespace {
constexpr const char* fan = "goaldrift::external::gnuplot::fan_chart";

// The wide CSV's column (from 1, as gnuplot counts) of a variable's statistic.
std::string column(const gd::ensemble::result& r, const std::string& variable, const std::string& statistic) {
  const auto stats = r.statistics();
  const auto vi = static_cast<std::size_t>(std::find(r.variables().begin(), r.variables().end(), variable) - r.variables().begin());
  const auto si = static_cast<std::size_t>(std::find(stats.begin(), stats.end(), statistic) - stats.begin());
  REQUIRE(vi < r.variables().size());
  REQUIRE(si < stats.size());
  return std::to_string(2 + vi * stats.size() + si);
}
}  // namespace

TEST_CASE("fan_chart draws the bands the user chooses from the result's quantile levels") {
  // No 0.05, 0.5 or 0.95 here: the old chart refused this result.
  const auto r = small_result({0.1, 0.25, 0.75, 0.9});
  const auto dir = scratch("fan_chart_bands");
  plot::chart_options options;
  options.bands = {{0.25, 0.75, "middle half"}, {0.1, 0.9}};
  plot::chart_status status;
  without_programs([&] { status = plot::fan_chart({{"one", &r}}, dir / "fan.png", options); });
  const std::string text = read_text(dir / "fan.gp");
  // Widest first and lightest, so the narrower band stays visible on top.
  const auto wide = text.find("using 1:" + column(r, "S", "q0.1") + ":" + column(r, "S", "q0.9") +
                              " with filledcurves lc rgb \"#c6dbef\" title \"80%\"");
  const auto narrow = text.find("using 1:" + column(r, "S", "q0.25") + ":" + column(r, "S", "q0.75") +
                                " with filledcurves lc rgb \"#6baed6\" title \"middle half\"");
  CHECK(wide != std::string::npos);
  CHECK(narrow != std::string::npos);
  CHECK(wide < narrow);
  CHECK(text.find("using 1:" + column(r, "S", "median") + " with lines lw 2 lc rgb \"#08306b\" title \"median\"") !=
        std::string::npos);

  options.bands = {{0.1, 0.9}};
  options.median = false;
  without_programs([&] { plot::fan_chart({{"one", &r}}, dir / "fan.png", options); });
  const std::string alone = read_text(dir / "fan.gp");
  CHECK(alone.find("title \"80%\"") != std::string::npos);
  CHECK(alone.find("title \"median\"") == std::string::npos);
  if (plot::available()) CHECK(plot::fan_chart({{"one", &r}}, dir / "fan.png", options).drawn);
}

TEST_CASE("fan_chart refuses a band level the result does not report") {
  const auto r = small_result({0.1, 0.5, 0.9});
  const auto dir = scratch("fan_chart_refused_band");
  const auto png = dir / "never.png";
  GD_CHECK_INVALID(fan, "bands", "0.05", plot::fan_chart({{"one", &r}}, png));
  plot::chart_options options;
  options.bands = {{0.1, 0.9}, {0.2, 0.8}};
  GD_CHECK_INVALID(fan, "bands", "0.2", plot::fan_chart({{"one", &r}}, png, options));
  options.bands = {{0.9, 0.1}};
  GD_CHECK_INVALID(fan, "bands", "0.9 to 0.1", plot::fan_chart({{"one", &r}}, png, options));
  // The levels the result has are named, so the fix is plain.
  options.bands = {{0.25, 0.75}};
  try {
    plot::fan_chart({{"first", &r}}, png, options);
    FAIL("expected invalid_parameter");
  } catch (const gd::invalid_parameter& e) {
    CHECK(std::string(e.what()).find("panel 'first' reports (0.1, 0.5, 0.9") != std::string::npos);
  }
  // Refused before anything was written.
  CHECK_FALSE(std::filesystem::exists(dir / "never.gp"));
  CHECK_FALSE(std::filesystem::exists(dir / "never_0.csv"));
}

TEST_CASE("fan_chart labels units and draws the goal and the mean as lines") {
  const auto r = small_result();
  const auto dir = scratch("fan_chart_lines");
  plot::chart_options options;
  options.x_label = "t";
  options.x_units = "months";
  options.y_units = "customers";
  options.mean = true;
  options.overlays = {{"D", "median", "goal D"}, {"P", "mean"}};
  without_programs([&] { plot::fan_chart({{"one", &r}, {"two", &r}}, dir / "fan.png", options); });
  const std::string text = read_text(dir / "fan.gp");
  CHECK(text.find("set xlabel \"t (months)\"\n") != std::string::npos);
  CHECK(text.find("set ylabel \"S (customers)\"\n") != std::string::npos);
  CHECK(text.find("using 1:" + column(r, "S", "mean") + " with lines lw 2 dt 2 lc rgb \"#d94801\" title \"mean\"") !=
        std::string::npos);
  CHECK(text.find("using 1:" + column(r, "D", "median") + " with lines lw 2 dt 3 lc rgb \"#b2182b\" title \"goal D\"") !=
        std::string::npos);
  CHECK(text.find("using 1:" + column(r, "P", "mean") + " with lines lw 2 dt 3 lc rgb \"#1b7837\" title \"mean P\"") !=
        std::string::npos);
  // The shared y range covers the extra lines too, so none is cut off.
  const auto at = text.find("set yrange [");
  REQUIRE(at != std::string::npos);
  double low = 0.0, high = 0.0;
  REQUIRE(std::sscanf(text.c_str() + at, "set yrange [%lf:%lf]", &low, &high) == 2);
  for (const auto& [variable, statistic] : {std::pair{"D", "median"}, std::pair{"P", "mean"}, std::pair{"S", "mean"},
                                            std::pair{"S", "q0.05"}, std::pair{"S", "q0.95"}}) {
    for (double x : r.series(variable, statistic)) {
      CHECK(x >= low);
      CHECK(x <= high);
    }
  }
  options.y_label = "service";
  options.y_units.clear();
  without_programs([&] { plot::fan_chart({{"one", &r}}, dir / "fan.png", options); });
  CHECK(read_text(dir / "fan.gp").find("set ylabel \"service\"\n") != std::string::npos);
  if (plot::available()) CHECK(plot::fan_chart({{"one", &r}, {"two", &r}}, dir / "fan.png", options).drawn);
}

TEST_CASE("fan_chart refuses lines the result cannot draw") {
  const auto r = small_result();
  const auto png = scratch("fan_chart_refused_lines") / "never.png";
  plot::chart_options options;
  options.overlays = {{"X"}};
  GD_CHECK_INVALID(fan, "overlays", "'X'", plot::fan_chart({{"one", &r}}, png, options));
  options.overlays = {{"D", "q0.33"}};
  GD_CHECK_INVALID(fan, "overlays", "'q0.33'", plot::fan_chart({{"one", &r}}, png, options));
  options.overlays.clear();
  options.variable = "Q";
  GD_CHECK_INVALID(fan, "variable", "'Q'", plot::fan_chart({{"one", &r}}, png, options));
  options.variable = "S";
  options.bands.clear();
  options.median = false;
  GD_CHECK_INVALID(fan, "options", "no bands, no median, no mean and no overlays",
                   plot::fan_chart({{"one", &r}}, png, options));
}

namespace {
// One decaying stock observed under a name with a line break, which the wide CSV quotes over
// two header lines.
struct line_break_model {
  using scalar_type = double;
  using state_type = std::array<double, 1>;
  state_type initial_state(double) const { return {100.0}; }
  void rhs(const state_type& x, state_type& dxdt, const goaldrift::time_point&) const { dxdt[0] = -0.1 * x[0]; }
  std::array<std::string, 1> state_names() const { return {"S"}; }
  std::array<std::string, 1> observed_names() const { return {"stock\nlevel"}; }
  std::array<double, 1> observe(const state_type& x, const goaldrift::time_point&) const { return {x[0]}; }
};
}  // namespace

TEST_CASE("fan_chart skips every header line of a variable whose name holds a line break") {
  namespace gd = goaldrift;
  gd::ensemble::study s(line_break_model{});
  gd::ensemble::options o;
  o.members = 20;
  o.variables = {"stock\nlevel"};
  const auto r = gd::ensemble::run(s, gd::run_options(0.0, 4.0, 0.5), o);
  const auto dir = scratch("fan_chart_line_break");
  plot::chart_options options;
  options.variable = "stock\nlevel";
  without_programs([&] { plot::fan_chart({{"one", &r}}, dir / "fan.png", options); });
  const std::string skip = " skip " + std::to_string(1 + r.statistics().size()) + " using";
  CHECK(read_text(dir / "fan.gp").find(skip) != std::string::npos);
  if (plot::available()) CHECK(plot::fan_chart({{"one", &r}}, dir / "fan.png", options).drawn);
}
