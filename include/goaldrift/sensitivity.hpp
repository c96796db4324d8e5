// Global sensitivity analysis: which uncertain parameter drives an outcome? Sobol' indices from
// Saltelli's design and Morris' elementary effects, run through the ensemble runner. Needs
// Random123 (Debian: librandom123-dev), like goaldrift/ensemble.hpp; charts are in
// goaldrift/sensitivity/chart.hpp (gnuplot).
#pragma once

#include "ensemble.hpp"
#include "sensitivity/design.hpp"
#include "sensitivity/indices.hpp"
#include "sensitivity/run.hpp"
#include "sensitivity/sobol_sequence.hpp"
