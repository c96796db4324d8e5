// The actual state S and the corrective-action policies that move it.
#pragma once

#include "state/actual.hpp"
#include "state/concept.hpp"
#include "state/corrective_action.hpp"
#include "state/disturbed.hpp"
