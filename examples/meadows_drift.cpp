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

  const auto [eroding, absolute, best] = story::run();

  std::printf("Drift to low performance: service quality S and goal D (months)\n");
  std::printf("pressure 1/month, except relief of 2/month in months 24-36\n\n");
  std::printf("%6s | %16s | %16s | %16s\n", "", "eroding goal", "absolute goal", "best-past goal");
  std::printf("%6s | %7s %8s | %7s %8s | %7s %8s\n", "month", "S", "D", "S", "D", "S", "D");
  for (double t = 0.0; t <= 120.0; t += 12.0) {
    std::printf("%6.0f | %7.2f %8.2f | %7.2f %8.2f | %7.2f %8.2f\n", t,
                stories::at(eroding, "S", t), stories::at(eroding, "D", t),
                stories::at(absolute, "S", t), stories::at(absolute, "D", t),
                stories::at(best, "S", t), stories::at(best, "D", t));
  }
  const double slope = (stories::at(eroding, "S", 120.0) - stories::at(eroding, "S", 96.0)) / 24.0;
  std::printf("\nEroding goal: quality falls %.4f per month at the end; theory says u*ta/(ta+tg) = %.4f.\n",
              -slope, story::predicted_decline_rate);
  std::printf("Absolute goal holds S near D - u*ta = %.1f; the best-past goal kept the good year's level.\n\n",
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
