// Perception models: how the actor sees the actual state.
#pragma once

#include "perception/asymmetric.hpp"
#include "perception/concept.hpp"
#include "perception/distorted.hpp"
#include "perception/fused.hpp"
#include "perception/instant.hpp"
#include "perception/reporting_delay.hpp"
#include "perception/smooth.hpp"
