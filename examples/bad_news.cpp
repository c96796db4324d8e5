// Bad news: with zero-mean seasonal pressure, a goal set from a pessimistic memory drifts
// down, a symmetric one holds, an optimistic one climbs.
//
// Usage: bad_news [output-directory]
#include <cstdio>

#include "stories/bad_news.hpp"
#include "stories/common.hpp"

int main(int argc, char** argv) {
  namespace gd = goaldrift;
  namespace story = stories::bad_news;
  const auto [pessimistic, symmetric, optimistic] = story::run();

  std::printf("Seasonal pressure 3*sin(2 pi t / 12), zero on average; the goal follows a memory\n"
              "of perceived performance\n\n");
  std::printf("%-34s | %8s | %8s | %14s\n", "memory (bad news, good news time)", "final S",
              "final D", "drift per year");
  auto row = [](const char* name, const gd::trajectory& t) {
    std::printf("%-34s | %8.2f | %8.2f | %+14.3f\n", name, t.final_value("S"), t.final_value("D"),
                story::drift_per_year(t));
  };
  row("pessimistic (1, 12 months)", pessimistic);
  row("symmetric   (4, 4 months)", symmetric);
  row("optimistic  (12, 1 months)", optimistic);
  std::printf("\nThe pressure takes nothing on balance, yet the pessimistic memory ratchets the goal\n"
              "down every season and the optimistic one ratchets it up: d/dt(ta*S + tg*D) =\n"
              "(memory - P) - ta*u, and only a biased memory makes memory - P one-signed.\n\n");
  stories::write_all(stories::output_dir(argc, argv), "bad_news",
                     {{"pessimistic", &pessimistic}, {"symmetric", &symmetric},
                      {"optimistic", &optimistic}});
  return 0;
}
