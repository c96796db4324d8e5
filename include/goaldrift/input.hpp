// Inputs: functions of time for pressure, sensor bias and anything else that varies.
#pragma once

#include "input/arithmetic.hpp"
#include "input/concept.hpp"
#include "input/constant.hpp"
#include "input/function.hpp"
#include "input/pulse.hpp"
#include "input/ramp.hpp"
#include "input/sine_wave.hpp"
#include "input/step.hpp"
#include "input/table.hpp"
