// The chart adapter: always writes data and script; draws the PNG when gnuplot is there, says
// how to get gnuplot when it is not, and reports a failing gnuplot as an error. No path or
// title reaches a shell, and every title reaches gnuplot as written.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

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
gd::trajectory short_run() {
  const auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0), gd::goal::absolute(100.0), 1.0);
  return gd::simulate(m, gd::run_options(0.0, 10.0, 0.5));
}

#ifdef GOALDRIFT_GNUPLOT_POSIX
// Draws a written script again on gnuplot's text terminal and returns the text, so a test can
// read the titles gnuplot printed. Only the terminal and output lines change.
std::string render_as_text(const std::filesystem::path& script) {
  std::istringstream in(read_text(script));
  std::string text, row;
  const auto out = std::filesystem::path(script).replace_extension(".txt");
  while (std::getline(in, row)) {
    if (row.rfind("set terminal ", 0) == 0) row = "set terminal dumb size 200,50";
    if (row.rfind("set output ", 0) == 0) row = "set output " + plot::detail::quote(out.string());
    text += row + "\n";
  }
  const auto copy = std::filesystem::path(script).replace_extension(".dumb.gp");
  std::ofstream(copy) << text;
  const auto run = plot::detail::run_program(plot::detail::find_program("gnuplot"), {copy.string()}, "test");
  REQUIRE_MESSAGE(run.exit_status == 0, run.output);
  return read_text(out);
}
#endif
}  // namespace

TEST_CASE("fan_chart writes each panel's data and a gnuplot script") {
  const auto r = small_result();
  const auto dir = scratch("fan_chart_test");
  const auto png = dir / "chart.png";
  plot::chart_status status;
  without_programs([&] { status = plot::fan_chart({{"one", &r}, {"two", &r}}, png); });
  CHECK_FALSE(status.drawn);
  CHECK(status.message.find("sudo apt-get install gnuplot-nox") != std::string::npos);
  CHECK(status.message.find((dir / "chart.gp").string()) != std::string::npos);
  CHECK(std::filesystem::exists(dir / "chart_0.csv"));
  CHECK(std::filesystem::exists(dir / "chart_1.csv"));
  const std::string text = read_text(dir / "chart.gp");
  CHECK(text.find("set multiplot layout 1,2") != std::string::npos);
  CHECK(text.find("with filledcurves lc rgb \"#c6dbef\" title \"90%\"") != std::string::npos);
  CHECK(text.find("with filledcurves lc rgb \"#6baed6\" title \"50%\"") != std::string::npos);
  CHECK(text.find("title \"median\"") != std::string::npos);
  if (plot::available()) {
    const auto drawn = plot::fan_chart({{"one", &r}}, png);
    CHECK(drawn.drawn);
    CHECK(std::filesystem::file_size(png) > 1000);
  } else {
    MESSAGE("gnuplot is not installed: the PNG half of this test did not run");
  }
}

TEST_CASE("line_chart writes one column per line and refuses mismatched runs") {
  const auto a = short_run();
  const auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0), gd::goal::absolute(100.0), 1.0);
  const auto b = gd::simulate(m, gd::run_options(0.0, 10.0, 0.5).saving_every(1.0));
  const auto dir = scratch("line_chart_test");
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
  if (plot::available()) {
    const auto drawn = plot::line_chart({{"S", &a, "S"}, {"D", &a, "D"}}, dir / "lines.png");
    CHECK(drawn.drawn);
    CHECK(std::filesystem::file_size(dir / "lines.png") > 1000);
  }
}

TEST_CASE("an apostrophe in the output path no longer stops the chart") {
  const auto r = small_result();
  const auto a = short_run();
  const auto dir = scratch("gnuplot_apostrophe") / "it's here";
  std::filesystem::create_directories(dir);
  const auto fan = dir / "Bob's fan.png";
  const auto lines = dir / "Bob's lines.png";
  plot::chart_status fan_status, line_status;
  without_programs([&] {
    fan_status = plot::fan_chart({{"one", &r}}, fan);
    line_status = plot::line_chart({{"S", &a}}, lines);
  });
  // The path is a gnuplot string that reads back exactly, and the message quotes it for a shell.
  CHECK(read_text(dir / "Bob's fan.gp").find("set output \"" + fan.string() + "\"\n") != std::string::npos);
  CHECK(read_text(dir / "Bob's lines.gp").find("\"" + (dir / "Bob's lines.csv").string() + "\" skip 1") != std::string::npos);
  CHECK(fan_status.message.find("gnuplot '") != std::string::npos);
  CHECK(fan_status.message.find("'\\''s here") != std::string::npos);
  if (plot::available()) {
    CHECK(plot::fan_chart({{"one", &r}}, fan).drawn);
    CHECK(plot::line_chart({{"S", &a}}, lines).drawn);
    CHECK(std::filesystem::file_size(fan) > 1000);
    CHECK(std::filesystem::file_size(lines) > 1000);
  }
}

TEST_CASE("A&E, quotes, backslashes and newlines in titles reach gnuplot as written") {
  const auto r = small_result();
  const auto a = short_run();
  const auto dir = scratch("gnuplot_titles");
  plot::chart_options options;
  options.title = "A&E \"waits\" back\\slash\nsecond line";
  options.x_label = "t_{1}^2 @x";
  options.y_label = "tab\there";
  plot::chart_status status;
  without_programs([&] {
    status = plot::fan_chart({{"P&L", &r}}, dir / "fan.png", options);
    plot::line_chart({{"R&D", &a}, {"q\"uote", &a, "D"}}, dir / "lines.png", options);
  });
  const std::string fan = read_text(dir / "fan.gp");
  CHECK(fan.find("set termoption noenhanced\n") != std::string::npos);
  CHECK(fan.find("set multiplot layout 1,1 title \"A&E \\\"waits\\\" back\\\\slash\\nsecond line\"\n") != std::string::npos);
  CHECK(fan.find("set title \"P&L\"\n") != std::string::npos);
  CHECK(fan.find("set xlabel \"t_{1}^2 \\100x\"\n") != std::string::npos);
  CHECK(fan.find("set ylabel \"tab\\there\"\n") != std::string::npos);
  const std::string lines = read_text(dir / "lines.gp");
  CHECK(lines.find("set termoption noenhanced\n") != std::string::npos);
  CHECK(lines.find("title \"R&D\"") != std::string::npos);
  CHECK(lines.find("title \"q\\\"uote\"") != std::string::npos);
  CHECK(lines.find("set title \"A&E \\\"waits\\\" back\\\\slash\\nsecond line\"\n") != std::string::npos);
  // The data file's header quotes a title with a quote (RFC 4180), so its columns stay put.
  CHECK(read_text(dir / "lines.csv").rfind("time,R&D,\"q\"\"uote\"\n", 0) == 0);
#ifdef GOALDRIFT_GNUPLOT_POSIX
  if (plot::available()) {
    CHECK(plot::fan_chart({{"P&L", &r}}, dir / "fan.png", options).drawn);
    CHECK(plot::line_chart({{"R&D", &a}, {"q\"uote", &a, "D"}}, dir / "lines.png", options).drawn);
    // What gnuplot prints: the same script on its text terminal.
    const std::string printed = render_as_text(dir / "fan.gp");
    CHECK(printed.find("A&E \"waits\" back\\slash") != std::string::npos);
    CHECK(printed.find("second line") != std::string::npos);
    CHECK(printed.find("P&L") != std::string::npos);
    CHECK(printed.find("t_{1}^2 @x") != std::string::npos);
    const std::string key = render_as_text(dir / "lines.gp");
    CHECK(key.find("R&D") != std::string::npos);
    CHECK(key.find("q\"uote") != std::string::npos);
  }
#endif
}

TEST_CASE("a crafted output path runs no shell command") {
  const auto r = small_result();
  const auto a = short_run();
  const auto dir = scratch("gnuplot_crafted_path");
  const std::filesystem::path witness = "/tmp/pwned_gd";
  std::filesystem::remove(witness);
  const auto png = dir / "x'; touch /tmp/pwned_gd; '.png";
  std::filesystem::create_directories(png.parent_path());
  const auto fan = plot::fan_chart({{"one", &r}}, png);
  CHECK_FALSE(std::filesystem::exists(witness));
  const auto lines = plot::line_chart({{"S", &a}}, png);
  CHECK_FALSE(std::filesystem::exists(witness));
  if (plot::available()) {
    CHECK(fan.drawn);
    CHECK(lines.drawn);
    CHECK(std::filesystem::file_size(png) > 1000);
  }
  std::filesystem::remove(witness);
}

TEST_CASE("a title cannot run a command through gnuplot") {
  const auto r = small_result();
  const auto a = short_run();
  const auto dir = scratch("gnuplot_title_command");
  const auto back_quoted = dir / "from_back_quotes";
  const auto from_system = dir / "from_system";
  plot::chart_options options;
  options.title = "'; system(\"touch " + from_system.string() + "\"); '";
  options.x_label = "`touch " + back_quoted.string() + "`";
  options.y_label = "\"; system(\"touch " + from_system.string() + "\"); \"";
  const auto fan = plot::fan_chart({{"`touch " + back_quoted.string() + "`", &r}}, dir / "fan.png", options);
  const auto lines = plot::line_chart({{"`touch " + back_quoted.string() + "`", &a}}, dir / "lines.png", options);
  CHECK(read_text(dir / "fan.gp").find('`') == std::string::npos);
  CHECK(read_text(dir / "lines.gp").find('`') == std::string::npos);
  CHECK_FALSE(std::filesystem::exists(back_quoted));
  CHECK_FALSE(std::filesystem::exists(from_system));
  if (plot::available()) {
    CHECK(fan.drawn);
    CHECK(lines.drawn);
  }
}

TEST_CASE("a title with a NUL character is refused, not cut short") {
  const auto r = small_result();
  plot::chart_options options;
  options.title = std::string("before\0after", 12);
  GD_CHECK_INVALID("goaldrift::external::gnuplot::fan_chart", "title", "\"before\\000after\"",
                   plot::fan_chart({{"one", &r}}, std::filesystem::temp_directory_path() / "never.png", options));
  options.title.clear();
  options.width = 0;
  GD_CHECK_INVALID("goaldrift::external::gnuplot::fan_chart", "width", "0",
                   plot::fan_chart({{"one", &r}}, std::filesystem::temp_directory_path() / "never.png", options));
}

#ifdef GOALDRIFT_GNUPLOT_POSIX
TEST_CASE("a failing gnuplot is reported as an error, not as a quiet status") {
  const auto r = small_result();
  const auto a = short_run();
  const auto dir = scratch("gnuplot_failure");
  const auto bin = dir / "bin";
  SUBCASE("a non-zero exit names the status and the end of gnuplot's output") {
    gnuplot_support::fake_gnuplot(bin, "echo 'line 3: undefined variable: bogus' >&2\nexit 3");
    gnuplot_support::with_path(bin.string(), [&] {
      REQUIRE(plot::available());
      try {
        plot::fan_chart({{"one", &r}}, dir / "fan.png");
        FAIL("fan_chart returned although gnuplot failed");
      } catch (const gd::error& e) {
        const std::string what = e.what();
        CHECK(what.rfind("goaldrift::external::gnuplot::fan_chart: gnuplot", 0) == 0);
        CHECK(what.find("exited with status 3") != std::string::npos);
        CHECK(what.find((dir / "fan.gp").string()) != std::string::npos);
        CHECK(what.find("undefined variable: bogus") != std::string::npos);
      }
      CHECK_THROWS_WITH_AS(plot::line_chart({{"S", &a}}, dir / "lines.png"),
                           doctest::Contains("exited with status 3"), gd::error);
    });
  }
  SUBCASE("a PNG left by an earlier run does not pass for one gnuplot did not write") {
    gnuplot_support::fake_gnuplot(bin, "exit 0");
    std::ofstream(dir / "fan.png") << "an old chart";
    gnuplot_support::with_path(bin.string(), [&] {
      CHECK_THROWS_WITH_AS(plot::fan_chart({{"one", &r}}, dir / "fan.png"), doctest::Contains("wrote no PNG"), gd::error);
    });
  }
  SUBCASE("a signal names the signal") {
    gnuplot_support::fake_gnuplot(bin, "kill -9 $$");
    gnuplot_support::with_path(bin.string(), [&] {
      CHECK_THROWS_WITH_AS(plot::fan_chart({{"one", &r}}, dir / "fan.png"), doctest::Contains("killed by signal 9"),
                           gd::error);
    });
  }
  SUBCASE("the real gnuplot cannot write the PNG") {
    if (!plot::available()) return;
    std::filesystem::create_directories(dir / "taken.png");  // a directory where the PNG should go
    CHECK_THROWS_WITH_AS(plot::fan_chart({{"one", &r}}, dir / "taken.png"), doctest::Contains("cannot open file"),
                         gd::error);
    CHECK_THROWS_WITH_AS(plot::line_chart({{"S", &a}}, dir / "taken.png"), doctest::Contains("exited with status"),
                         gd::error);
  }
}

TEST_CASE("available searches PATH itself for an executable gnuplot") {
  const auto dir = scratch("gnuplot_available");
  gnuplot_support::fake_gnuplot(dir / "runs", "exit 0");
  std::filesystem::create_directories(dir / "plain");
  std::ofstream(dir / "plain" / "gnuplot") << "not executable";
  std::filesystem::permissions(dir / "plain" / "gnuplot", std::filesystem::perms::owner_read);
  std::filesystem::create_directories(dir / "folder" / "gnuplot");
  gnuplot_support::with_path((dir / "plain").string() + ":" + (dir / "folder").string(), [] {
    CHECK_FALSE(plot::available());
  });
  gnuplot_support::with_path((dir / "plain").string() + "::" + (dir / "runs").string(), [&] {
    CHECK(plot::available());
    CHECK(plot::detail::find_program("gnuplot") == dir / "runs" / "gnuplot");
  });
  without_programs([] { CHECK_FALSE(plot::available()); });
}
#endif
