// Monte Carlo ensembles: uncertain parameters, seeded noise, streaming summaries, reproducible
// at any thread count. Needs Random123 (Debian: librandom123-dev) besides the core's Boost.
#pragma once

#include "distribution.hpp"
#include "ensemble/design.hpp"
#include "ensemble/member_table.hpp"
#include "ensemble/progress_bar.hpp"
#include "ensemble/result.hpp"
#include "ensemble/run.hpp"
#include "ensemble/streaming_summary.hpp"
#include "ensemble/study.hpp"
#include "ensemble/tdigest.hpp"
#include "goaldrift.hpp"
#include "noise.hpp"
#include "random/philox.hpp"
