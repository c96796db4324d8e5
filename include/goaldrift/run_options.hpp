// The time grid and tolerances of a run.
#pragma once

#include <cstddef>

#include "config.hpp"

namespace goaldrift {

/// The most breakpoints (times where an input jumps or kinks) one part may ask an adaptive run
/// to stop at. Each is a restart of the stepper, so a white noise with a tiny interval or a
/// pulse train with a tiny repeat would otherwise grow the list until memory runs out; such a
/// part is refused before the run starts, naming its parameter. Use a fixed-step method for
/// inputs that change that often.
inline constexpr std::size_t max_breakpoints = 1000000;

/// The most noise intervals a pink noise may walk from its origin to the end of a run: its
/// value at interval k follows from the one before, so a tiny interval or an origin far
/// before the run would cost one update per interval. Refused before the run starts.
inline constexpr double max_noise_intervals = 1e8;

/// Start, end and step of a run, like Vensim's INITIAL TIME, FINAL TIME, TIME STEP and
/// SAVEPER. end - start must be a whole number of dt for fixed-step methods, and of
/// save_every in every case, so the last saved point is exactly `end`.
struct run_options {
  double start = 0.0;
  double end = 0.0;
  /// The fixed step, or the first trial step of an adaptive method.
  double dt = 0.0;
  /// Distance between saved points; 0 saves every dt.
  double save_every = 0.0;
  /// Error tolerances of adaptive methods (dopri5); fixed-step methods ignore them.
  double abs_tolerance = 1e-9;
  double rel_tolerance = 1e-9;
  /// The most steps a run may take: a fixed-step run that needs more is refused before it
  /// starts, an adaptive run that reaches it stops with integration_error, and neither may save
  /// more points than this. It bounds the work of one run (10^8 steps take seconds to minutes);
  /// raise it for a longer run.
  std::size_t max_steps = 100000000;

  run_options() = default;
  run_options(double start_time, double end_time, double step)
      : start(start_time), end(end_time), dt(step) {}

  /// Save every `interval` instead of every step (Vensim's SAVEPER).
  run_options& saving_every(double interval) {
    save_every = interval;
    return *this;
  }
  /// The most steps one run may take (see max_steps).
  run_options& with_max_steps(std::size_t steps) {
    max_steps = steps;
    return *this;
  }
  /// Absolute and relative error tolerances for adaptive methods.
  run_options& with_tolerances(double absolute, double relative) {
    abs_tolerance = absolute;
    rel_tolerance = relative;
    return *this;
  }
};

}  // namespace goaldrift
