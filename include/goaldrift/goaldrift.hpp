// goaldrift: composable goal-erosion ("drift to low performance") models on Boost.Odeint.
// This umbrella header includes the whole core. Monte Carlo ensembles (goaldrift/ensemble.hpp,
// which needs Random123) and the adapters in goaldrift/external are included separately.
#pragma once

#include "config.hpp"
#include "error.hpp"
#include "goal.hpp"
#include "input.hpp"
#include "io.hpp"
#include "math.hpp"
#include "method.hpp"
#include "model.hpp"
#include "outcome.hpp"
#include "parameters.hpp"
#include "perception.hpp"
#include "run_options.hpp"
#include "sd.hpp"
#include "signals.hpp"
#include "simulate.hpp"
#include "state.hpp"
#include "time_point.hpp"
#include "trajectory.hpp"
#include "version.hpp"
