// Probability distributions for uncertain parameters, each sampled by quantile(d, u), u in (0, 1).
#pragma once

#include "distribution/beta.hpp"
#include "distribution/discrete.hpp"
#include "distribution/lognormal.hpp"
#include "distribution/normal.hpp"
#include "distribution/triangular.hpp"
#include "distribution/truncated_normal.hpp"
#include "distribution/uniform.hpp"
