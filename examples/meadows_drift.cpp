// Flagship demo: the drift to low performance, and Meadows' two antidotes, side by side.
//
// Usage: meadows_drift [output-directory]
#include <cstdio>

#include <goaldrift/external/gnuplot.hpp>

#include "stories/common.hpp"
#include "stories/meadows_drift.hpp"

int main(int argc, char** argv) {
  namespace gd = goaldrift;
  namespace story = stories::meadows_drift;

  const auto runs = story::run();
  const auto& [eroding, absolute, best, symmetric, no_memory] = runs;

  std::printf("Drift to low performance: service quality S and goal D, yearly averages\n");
  std::printf("pressure 0.5/month on average, 2 more at the height of the busy season, 2 less in the quiet one\n\n");
  std::printf("%5s | %16s | %16s | %16s\n", "", "eroding goal", "absolute goal", "best-past goal");
  std::printf("%5s | %7s %8s | %7s %8s | %7s %8s\n", "year", "S", "D", "S", "D", "S", "D");
  for (int year = 1; year <= static_cast<int>(story::years); ++year) {
    auto mean = [year](const gd::trajectory& t, const char* c) { return story::yearly_mean(t, c, year); };
    std::printf("%5d | %7.2f %8.2f | %7.2f %8.2f | %7.2f %8.2f\n", year, mean(eroding, "S"),
                mean(eroding, "D"), mean(absolute, "S"), mean(absolute, "D"), mean(best, "S"),
                mean(best, "D"));
  }
  const double erosion = 12.0 * story::decline_rate(eroding);
  const double pressure_only = 12.0 * story::decline_rate(no_memory);
  std::printf("\nThe eroding goal floats toward a memory that believes a bad season within a month and a\n"
              "good one over a year. S falls %.2f a year. The pressure's share is u*ta/(ta+tg) = %.2f a year\n"
              "(a goal floating toward perceived S falls %.2f); the pessimistic memory adds %.2f. With the\n"
              "same memory unbiased (%.0f months each way) S falls %.2f a year.\n",
              erosion, 12.0 * story::pressure_share, pressure_only, erosion - pressure_only,
              story::symmetric_memory_time, 12.0 * story::decline_rate(symmetric));
  std::printf("The absolute goal holds S near D - u*ta = %.1f; the best-past goal rises with every good season.\n\n",
              100.0 - story::pressure_level * story::action_time);
  const auto dir = stories::output_dir(argc, argv);
  stories::write_all(dir, "meadows_drift", {{"eroding", &eroding}, {"absolute", &absolute}, {"best_past", &best}});
  namespace plot = gd::external::gnuplot;
  plot::chart_options chart;
  chart.title = "Service quality under the same pressure";
  chart.x_label = "month";
  chart.y_label = "S";
  chart.width = 1000;
  const auto status = plot::line_chart({{"eroding goal", &eroding}, {"absolute goal", &absolute},
                                        {"best-past goal", &best}},
                                       dir / "meadows_drift.png", chart);
  std::printf("  %s\n", status.message.c_str());
  return 0;
}
