// Random inputs: white and pink noise, reproducible per (seed, member, interval).
#pragma once

#include "noise/pink.hpp"
#include "noise/white.hpp"
#include "random/philox.hpp"
