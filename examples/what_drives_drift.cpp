// Which uncertain parameter decides how far the standard slips? The eroding goal of
// monte_carlo_antidotes (six uncertain times, pink-noise pressure), screened by Morris'
// elementary effects and then measured by Sobol' indices with bootstrap intervals. Prints both
// tables, writes the indices as tidy CSV and draws a bar chart of the standard lost.
//
// Usage: what_drives_drift [Sobol' samples N, default 4096: N (k + 2) = 8N runs] [output-directory]
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include <goaldrift/sensitivity/chart.hpp>

#include "stories/common.hpp"
#include "stories/what_drives_drift.hpp"

int main(int argc, char** argv) {
  namespace story = stories::what_drives_drift;
  const std::size_t samples = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 4096;
  const auto dir = stories::output_dir(argc - 1, argv + 1);

  std::printf("Screening: Morris elementary effects (outcomes in points of the 100-point start)\n\n");
  const auto screening = story::morris();
  screening.indices.print(std::cout);
  screening.indices.write_csv((dir / "what_drives_drift_morris.csv").string());

  std::printf("Sobol' indices from %zu runs (%zu samples)\n\n", samples * 8, samples);
  const auto sobol = story::sobol(samples);
  sobol.indices.print(std::cout);
  const auto csv = dir / "what_drives_drift_sobol.csv";
  sobol.indices.write_csv(csv.string());
  std::printf("wrote %s\n", csv.string().c_str());
  std::printf("%s\n", goaldrift::sensitivity::chart(sobol.indices, dir / "what_drives_drift.png", "standard_lost")
                          .message.c_str());
  return 0;
}
