// The time grid and tolerances of a run.
#pragma once

#include "config.hpp"

namespace goaldrift {

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

  run_options() = default;
  run_options(double start_time, double end_time, double step)
      : start(start_time), end(end_time), dt(step) {}

  /// Save every `interval` instead of every step (Vensim's SAVEPER).
  run_options& saving_every(double interval) {
    save_every = interval;
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
