// Random inputs: white and pink noise, reproducible per (seed, member, interval).
#pragma once

#include "input/arithmetic.hpp"
#include "noise/pink.hpp"
#include "noise/white.hpp"
#include "random/philox.hpp"

namespace goaldrift::noise {
// Noise combines with other inputs: pink("p", 1.0, 0.5, 3.0, 0.25) + input::step(2.0, 10.0).
using input::operator+;
using input::operator-;
using input::operator*;
}  // namespace goaldrift::noise
