// A user-defined part: a perception with a just-noticeable difference, plugged into a model.
//
// Usage: custom_part [output-directory]
#include <cstdio>

#include "stories/common.hpp"
#include "stories/custom_part.hpp"

int main(int argc, char** argv) {
  namespace gd = goaldrift;
  namespace story = stories::custom_part;
  const auto [smooth, noticing] = story::run();

  std::printf("Absolute goal 100, pressure 1/month, action time 4 months\n\n");
  std::printf("%6s | %16s | %25s\n", "", "smooth (1 month)", "noticeable change (3 pts)");
  std::printf("%6s | %7s %8s | %7s %17s\n", "month", "S", "P", "S", "P");
  for (double t : {0.0, 6.0, 12.0, 24.0, 60.0}) {
    std::printf("%6.0f | %7.2f %8.2f | %7.2f %17.2f\n", t, stories::at(smooth, "S", t),
                stories::at(smooth, "P", t), stories::at(noticing, "S", t),
                stories::at(noticing, "P", t));
  }
  std::printf("\nParameters by name:");
  for (const auto& name : gd::parameter_names(story::model(story::noticeable_change{}))) {
    std::printf(" %s", name.c_str());
  }
  std::printf("\n");
  std::printf("\nThe 3-point blind spot costs 3 points of quality for good: P sits 3 above S, so the\n"
              "actor pushes as if S were 3 points better than it is.\n\n");
  stories::write_all(stories::output_dir(argc, argv), "custom_part",
                     {{"smooth", &smooth}, {"noticeable_change", &noticing}});
  return 0;
}
