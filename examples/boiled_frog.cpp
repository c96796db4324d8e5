// The boiled frog: a sudden plunge raises the alarm and is corrected; a slow decline of the
// same total size erodes the goal and is accepted.
//
// Usage: boiled_frog [output-directory]
#include <algorithm>
#include <cstdio>

#include "stories/boiled_frog.hpp"
#include "stories/common.hpp"

namespace {

double lowest(const goaldrift::trajectory& t) {
  const auto& s = t.actual();
  return *std::min_element(s.begin(), s.end());
}

double widest_relative_gap(const goaldrift::trajectory& t) {
  double widest = 0.0;
  for (std::size_t i = 0; i < t.size(); ++i) {
    widest = std::max(widest, (t.desired()[i] - t.perceived()[i]) / t.desired()[i]);
  }
  return widest;
}

}  // namespace

int main(int argc, char** argv) {
  namespace gd = goaldrift;
  namespace story = stories::boiled_frog;
  const auto [sudden, gradual, sudden_plain, gradual_plain] = story::run();

  std::printf("The boiled frog: 20 points of quality lost in 1 month, or over 100 months\n\n");
  std::printf("%-26s | %9s | %10s | %8s | %8s\n", "", "lowest S", "widest gap", "final S",
              "final D");
  auto row = [](const char* name, const gd::trajectory& t) {
    std::printf("%-26s | %9.2f | %9.1f%% | %8.2f | %8.2f\n", name, lowest(t),
                100.0 * widest_relative_gap(t), t.final_value("S"), t.final_value("D"));
  };
  row("sudden,  alarm-modulated", sudden);
  row("gradual, alarm-modulated", gradual);
  row("sudden,  plain floating", sudden_plain);
  row("gradual, plain floating", gradual_plain);
  std::printf("\nWith alarm-modulated erosion the sudden plunge (gap far above 10%%) froze the goal\n"
              "and was corrected; the slow decline never opened a gap worth an alarm and was\n"
              "accepted. A plain floating goal treats both alike: final %.2f = 100 - ta*20/(ta+tg).\n\n",
              story::linear_final);
  stories::write_all(stories::output_dir(argc, argv), "boiled_frog",
                     {{"sudden", &sudden}, {"gradual", &gradual}, {"sudden_plain", &sudden_plain},
                      {"gradual_plain", &gradual_plain}});
  return 0;
}
