// The fan-chart adapter: always writes data and script; draws the PNG when gnuplot is there,
// and says how to get gnuplot when it is not.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <goaldrift/ensemble.hpp>
#include <goaldrift/external/gnuplot.hpp>

#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;
namespace plot = goaldrift::external::gnuplot;

namespace {
gd::ensemble::result small_result(std::vector<double> quantiles = {0.05, 0.25, 0.5, 0.75, 0.95}) {
  gd::ensemble::study s(gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0),
                                       gd::goal::floating(100.0, 12.0), gd::noise::pink("pressure", 1.0, 1.0, 2.0, 0.5)));
  gd::ensemble::options o;
  o.members = 50;
  o.quantiles = std::move(quantiles);
  return gd::ensemble::run(s, gd::run_options(0.0, 10.0, 0.5), o);
}

// Runs f with PATH emptied, so no gnuplot can be found, then restores PATH.
template <class F>
void without_programs(F f) {
  const char* old = std::getenv("PATH");
  const std::string saved = old ? old : "";
  setenv("PATH", "/nonexistent", 1);
  f();
  setenv("PATH", saved.c_str(), 1);
}
}  // namespace

TEST_CASE("fan_chart writes each panel's data and a gnuplot script") {
  const auto r = small_result();
  const auto dir = std::filesystem::temp_directory_path() / "goaldrift_fan_chart_test";
  std::filesystem::create_directories(dir);
  const auto png = dir / "chart.png";
  std::filesystem::remove(png);
  plot::chart_status status;
  without_programs([&] { status = plot::fan_chart({{"one", &r}, {"two", &r}}, png); });
  CHECK_FALSE(status.drawn);
  CHECK(status.message.find("sudo apt-get install gnuplot-nox") != std::string::npos);
  CHECK(status.message.find((dir / "chart.gp").string()) != std::string::npos);
  CHECK(std::filesystem::exists(dir / "chart_0.csv"));
  CHECK(std::filesystem::exists(dir / "chart_1.csv"));
  std::ifstream script(dir / "chart.gp");
  const std::string text{std::istreambuf_iterator<char>(script), std::istreambuf_iterator<char>()};
  CHECK(text.find("\"S.q0.05\":\"S.q0.95\" with filledcurves") != std::string::npos);
  CHECK(text.find("set multiplot layout 1,2") != std::string::npos);
  if (plot::available()) {
    const auto drawn = plot::fan_chart({{"one", &r}}, png);
    CHECK(drawn.drawn);
    CHECK(std::filesystem::file_size(png) > 1000);
  } else {
    MESSAGE("gnuplot is not installed: the PNG half of this test did not run");
  }
}

TEST_CASE("fan_chart needs the quantiles of its bands") {
  const auto r = small_result({0.1, 0.5, 0.9});
  GD_CHECK_INVALID("goaldrift::external::gnuplot::fan_chart", "quantile_levels", "0.05 is missing",
                   plot::fan_chart({{"one", &r}}, std::filesystem::temp_directory_path() / "never.png"));
}

TEST_CASE("line_chart writes one column per line and refuses mismatched runs") {
  const auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0), gd::goal::absolute(100.0), 1.0);
  const auto a = gd::simulate(m, gd::run_options(0.0, 10.0, 0.5));
  const auto b = gd::simulate(m, gd::run_options(0.0, 10.0, 0.5).saving_every(1.0));
  const auto dir = std::filesystem::temp_directory_path() / "goaldrift_line_chart_test";
  std::filesystem::create_directories(dir);
  plot::chart_status status;
  without_programs([&] { status = plot::line_chart({{"S", &a, "S"}, {"D", &a, "D"}}, dir / "lines.png"); });
  CHECK_FALSE(status.drawn);
  std::ifstream csv(dir / "lines.csv");
  std::string header;
  std::getline(csv, header);
  CHECK(header == "time,S,D");
  GD_CHECK_INVALID("goaldrift::external::gnuplot::line_chart", "lines", "'late'",
                   plot::line_chart({{"early", &a, "S"}, {"late", &b, "S"}}, dir / "never.png"));
  CHECK_THROWS_AS(plot::line_chart({{"x", &a, "no such variable"}}, dir / "never.png"), gd::error);
}
