// Sensor fault: a temporary biased reading leaves a permanent loss under a slip-only goal,
// and none under an absolute standard or a symmetric floating goal.
//
// Usage: sensor_fault [output-directory]
#include <cmath>
#include <cstdio>

#include "stories/common.hpp"
#include "stories/sensor_fault.hpp"

int main(int argc, char** argv) {
  namespace gd = goaldrift;
  namespace story = stories::sensor_fault;
  const auto [absolute, floating, slip] = story::run();

  // Rounded to the printed precision, so a loss of -1e-9 does not print as -0.00.
  auto loss = [](const gd::trajectory& t) { return std::round((100.0 - t.final_value("S")) * 100.0) / 100.0 + 0.0; };
  std::printf("A sensor reads 20%% low in months 12-24, then is repaired (no pressure at all)\n\n");
  std::printf("%6s | %16s | %16s | %16s\n", "", "absolute goal", "floating goal", "slip-only goal");
  std::printf("%6s | %7s %8s | %7s %8s | %7s %8s\n", "month", "S", "D", "S", "D", "S", "D");
  for (double t : {0.0, 12.0, 18.0, 24.0, 36.0, 60.0, 120.0}) {
    std::printf("%6.0f | %7.2f %8.2f | %7.2f %8.2f | %7.2f %8.2f\n", t,
                stories::at(absolute, "S", t), stories::at(absolute, "D", t),
                stories::at(floating, "S", t), stories::at(floating, "D", t),
                stories::at(slip, "S", t), stories::at(slip, "D", t));
  }
  std::printf("\nPermanent loss at month 120: absolute %.2f, floating %.2f, slip-only %.2f.\n"
              "While the sensor lied, the actor pushed S up (it looked low) and the goals that\n"
              "float moved down. The symmetric goal came back: with one perception feeding both\n"
              "action and goal, ta*S + tg*D only changes with pressure, so a biased sensor alone\n"
              "cannot make it drift. The slip-only goal kept every point it lost.\n\n",
              loss(absolute), loss(floating), loss(slip));
  stories::write_all(stories::output_dir(argc, argv), "sensor_fault",
                     {{"absolute", &absolute}, {"floating", &floating}, {"slip_only", &slip}});
  return 0;
}
