// The drift to low performance and its two antidotes over 100,000 members each: pink-noise
// pressure, uncertain action, perception and goal times. Prints the spread of final quality
// and the share of members that lost more than half of it; writes tidy, wide and per-member CSV
// for each goal policy and draws a fan chart with gnuplot.
//
// Usage: monte_carlo_antidotes [members per policy, default 100000] [output-directory]
#include <cstdlib>
#include <string>

#include "stories/antidotes_report.hpp"
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

  const story::policy_results results{eroding, absolute, best};
  story::print_table(members, results);
  story::write_outputs(dir, results);
  return 0;
}
