// Calibration: fit a model's parameters to observed series, with derivatives by automatic
// differentiation through the parts (ceres::Jet), and report estimates, standard errors,
// profile intervals, identifiability and tests of the residuals. Needs Ceres Solver (Debian
// libceres-dev; CMake's Ceres::ceres, or goaldrift::calibration in goaldrift's own build) and
// Random123. See docs/calibration.md.
#pragma once

#include "calibration/calibrate.hpp"
#include "calibration/diagnose.hpp"
#include "calibration/observations.hpp"
#include "calibration/problem.hpp"
#include "calibration/result.hpp"
#include "external/ceres.hpp"
