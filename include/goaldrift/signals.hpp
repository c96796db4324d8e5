// The values a goal policy can react to at one moment.
#pragma once

#include "time_point.hpp"

namespace goaldrift {

/// What a goal policy sees: the actual state S, the perceived state P, and the time.
template <class T>
struct signals {
  T actual;
  T perceived;
  time_point when;
};

}  // namespace goaldrift
