// The drift to low performance and its two antidotes over 100,000 members each: pink-noise
// pressure, uncertain action, perception and goal times. Prints the spread of final quality
// and the share of members that lost more than half of it; draws a fan chart with gnuplot.
//
// Usage: monte_carlo_antidotes [members per policy, default 100000] [output-directory]
#include <cstdio>
#include <cstdlib>
#include <string>

#include <goaldrift/external/gnuplot.hpp>

#include "stories/common.hpp"
#include "stories/monte_carlo_antidotes.hpp"

int main(int argc, char** argv) {
  namespace gd = goaldrift;
  namespace story = stories::monte_carlo_antidotes;
  const std::size_t members = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
  const auto dir = stories::output_dir(argc - 1, argv + 1);

  auto run = [&](const auto& study, const char* label) {
    auto o = story::options(members);
    o.on_progress = gd::ensemble::progress_bar(label);
    return gd::ensemble::run(study, story::grid(), o, gd::method::rk4{});
  };
  const auto eroding = run(story::eroding(), "eroding");
  const auto absolute = run(story::absolute(), "absolute");
  const auto best = run(story::best_past(), "best-past");

  std::printf("\n%zu members per policy, pink-noise pressure (mean 1/month), 10 years\n\n", members);
  std::printf("%-14s | %9s | %17s | %22s | %6s\n", "goal policy", "median S", "5-95% band of S", "members below S0/2",
              "failed");
  auto row = [](const char* name, const gd::ensemble::result& r) {
    const double below_half = r.share("final_S", [](double s) { return s < 50.0; });
    std::printf("%-14s | %9.2f | %7.2f .. %7.2f | %21.2f%% | %6zu\n", name, r.outcome_quantile("final_S", 0.5),
                r.outcome_quantile("final_S", 0.05), r.outcome_quantile("final_S", 0.95), 100.0 * below_half,
                r.failed());
  };
  row("eroding", eroding);
  row("absolute", absolute);
  row("best-past", best);
  std::printf("\nThe same pressure and the same uncertainty: only the goal policy differs.\n\n");

  for (const auto& [name, r] : {std::pair{"eroding", &eroding}, std::pair{"absolute", &absolute},
                                std::pair{"best_past", &best}}) {
    const auto path = dir / (std::string("monte_carlo_antidotes_") + name + ".csv");
    r->write_wide_csv(path.string());
    std::printf("  wrote %s\n", path.string().c_str());
  }
  namespace plot = gd::external::gnuplot;
  plot::chart_options chart;
  chart.title = "Service quality S: median, 50% and 90% bands";
  chart.x_label = "month";
  chart.y_label = "S";
  const auto status = plot::fan_chart({{"eroding goal", &eroding}, {"absolute goal", &absolute},
                                       {"best-past goal", &best}},
                                      dir / "monte_carlo_antidotes.png", chart);
  std::printf("  %s\n", status.message.c_str());
  return 0;
}
