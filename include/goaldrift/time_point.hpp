// The moment at which a model is evaluated, including which side of an input jump it is on.
#pragma once

#include "config.hpp"

namespace goaldrift {

/// When a right-hand side or an input is evaluated.
///
/// `t` drives everything continuous (ramps, lookups of time, user functions). `jump_t` decides
/// on which side of a jump (STEP, PULSE edges) the evaluation lies: simulate() holds it fixed
/// for a whole step, at t_k + dt/2 under fixed steps (Vensim's rule, so a jump takes effect at
/// the grid time nearest to it) and at the middle of the current segment between breakpoints
/// under adaptive steps. No stage of one step therefore ever sees both sides of a jump.
/// `half_step` is dt/2 under fixed steps and 0 otherwise.
///
/// A plain evaluation at time t, as odeint's `sys(x, dxdt, t)` does, is `time_point{t}`.
struct time_point {
  double t = 0.0;
  double jump_t = 0.0;
  double half_step = 0.0;

  constexpr time_point() = default;
  constexpr explicit time_point(double time) : t(time), jump_t(time) {}
  constexpr time_point(double time, double jump_time, double half_step_size)
      : t(time), jump_t(jump_time), half_step(half_step_size) {}

  /// The grid time that `jump_t` stands for: t_k under fixed steps, the segment's middle under
  /// adaptive steps, t for a plain evaluation.
  constexpr double grid_t() const { return jump_t - half_step; }
};

}  // namespace goaldrift
