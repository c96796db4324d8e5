// What a run tells its parts before integration starts.
#pragma once

#include "config.hpp"

namespace goaldrift {

/// Handed to every part's optional start() hook before integration starts, so a part can
/// size a pipeline to the step or refuse a method it cannot work with.
struct run_context {
  double start = 0.0;
  double end = 0.0;
  /// The fixed step, or the first trial step of an adaptive method.
  double dt = 0.0;
  /// False for adaptive methods (dopri5): parts with a DELAY FIXED pipeline then refuse.
  bool fixed_step = true;
  /// The method's name for error messages ("euler", "rk4", "dopri5", ...).
  const char* method = "";
};

}  // namespace goaldrift
