// Peak memory of a streaming ensemble: drift-noisy, 10^7 members by default, 200 save points,
// three variables and five quantiles, nothing kept per member. Run it under /usr/bin/time -v
// (scripts/bench does) and read "Maximum resident set size".
//
//   goaldrift_memory_probe [members] [threads]
#include <cstdio>
#include <cstdlib>
#include <string>

#include "models.hpp"

namespace db = drift_bench;
namespace ens = goaldrift::ensemble;

int main(int argc, char** argv) {
  const std::size_t members = argc > 1 ? std::stoull(argv[1]) : 10'000'000;
  const unsigned threads = argc > 2 ? static_cast<unsigned>(std::stoul(argv[2])) : 0;
  // One save point per unit of time from 0 to 199 (200 of them), RK4 with dt = 1, the noise
  // held over each step.
  const double step = 1.0;
  const auto s = db::make_study(db::noisy_factory{step});
  ens::options o;
  o.members = members;
  o.seed = 1;
  o.threads = threads;
  o.variables = {"S", "P", "D"};
  o.quantiles = {0.05, 0.25, 0.5, 0.75, 0.95};
  o.keep_outcomes = false;
  const auto grid = goaldrift::run_options(0.0, 199.0, step).saving_every(step);
  const auto r = ens::run(s, grid, o);
  std::printf("members %zu, save points %zu, variables %zu, quantiles %zu\n", r.members(), r.time().size(),
              r.variables().size(), r.quantile_levels().size());
  std::printf("S at t = 199: mean %.4f, 5%% %.4f, median %.4f, 95%% %.4f\n", r.summary("S", 199).mean(),
              r.summary("S", 199).quantile(0.05), r.summary("S", 199).quantile(0.5), r.summary("S", 199).quantile(0.95));
  return r.failed() == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
