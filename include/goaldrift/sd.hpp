// System-dynamics building blocks with Vensim semantics: smooths, delays, trend, lookups.
#pragma once

#include "sd/delay.hpp"
#include "sd/delay_fixed.hpp"
#include "sd/lookup.hpp"
#include "sd/smooth.hpp"
#include "sd/trend.hpp"
