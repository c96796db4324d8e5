// Which uncertain parameter decides how far the standard slips? The eroding-goal study of
// monte_carlo_antidotes under a sensitivity analysis.
#pragma once

#include <string>
#include <vector>

#include <goaldrift/sensitivity.hpp>

#include "monte_carlo_antidotes.hpp"

namespace stories::what_drives_drift {

namespace gd = goaldrift;

/// The eroding goal of monte_carlo_antidotes, with its six uncertain parameters: the action
/// time, the perception's bad-news and good-news times, the goal's adjustment time and its
/// memory's bad-news and good-news times.
inline auto study() { return monte_carlo_antidotes::eroding(); }

/// Ten years in half-month steps, the goal saved every month.
inline gd::run_options grid() { return gd::run_options(0.0, 120.0, 0.5).saving_every(1.0); }

/// "Standard lost after ten years": how far the goal D has fallen from its 100 at the start.
/// Beside it, how far performance S has fallen.
inline gd::ensemble::options options() {
  gd::ensemble::options o;
  o.seed = 20081;  // as monte_carlo_antidotes
  o.threads = 0;
  o.variables = {"S", "D"};
  o.outcomes = {gd::outcome::final_loss("D").named("standard_lost"), gd::outcome::final_loss("S").named("performance_lost")};
  return o;
}

/// Sobol' indices from N (k + 2) runs, scrambled Sobol' points.
// [sensitivity-sobol]
inline gd::sensitivity::analysis sobol(std::size_t samples) {
  gd::sensitivity::sobol_options so;
  so.samples = samples;  // N (k + 2) runs: 8 N for the six parameters
  so.sampling = gd::sensitivity::sampler::scrambled_sobol_sequence;
  return gd::sensitivity::sobol(study(), grid(), options(), so, gd::method::rk4{});
}
// [sensitivity-sobol]

/// Morris screening first: 40 trajectories, 280 runs.
inline gd::sensitivity::analysis morris() {
  gd::sensitivity::morris_options mo;
  mo.trajectories = 40;
  return gd::sensitivity::morris(study(), grid(), options(), mo, gd::method::rk4{});
}

}  // namespace stories::what_drives_drift
