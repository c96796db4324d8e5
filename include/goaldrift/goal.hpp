// Goal policies: how the desired state D is set and how it moves.
#pragma once

#include "goal/absolute.hpp"
#include "goal/alarm_modulated.hpp"
#include "goal/best_past.hpp"
#include "goal/blended.hpp"
#include "goal/concept.hpp"
#include "goal/floating.hpp"
#include "goal/signal.hpp"
#include "goal/slip_only.hpp"
