// Ceres Solver's problem and solver, included so that the test macros of the including
// program survive: Ceres includes glog, whose CHECK, CHECK_EQ, ... would silently replace
// doctest's or Catch's macros of the same names. A macro defined before this header keeps its
// definition; one that was not is left as glog defines it, as for any program using Ceres.
#pragma once

#include "../../config.hpp"

#if defined(CHECK)
#pragma push_macro("CHECK")
#define GOALDRIFT_RESTORE_CHECK
#endif
#if defined(CHECK_EQ)
#pragma push_macro("CHECK_EQ")
#define GOALDRIFT_RESTORE_CHECK_EQ
#endif
#if defined(CHECK_NE)
#pragma push_macro("CHECK_NE")
#define GOALDRIFT_RESTORE_CHECK_NE
#endif
#if defined(CHECK_LT)
#pragma push_macro("CHECK_LT")
#define GOALDRIFT_RESTORE_CHECK_LT
#endif
#if defined(CHECK_LE)
#pragma push_macro("CHECK_LE")
#define GOALDRIFT_RESTORE_CHECK_LE
#endif
#if defined(CHECK_GT)
#pragma push_macro("CHECK_GT")
#define GOALDRIFT_RESTORE_CHECK_GT
#endif
#if defined(CHECK_GE)
#pragma push_macro("CHECK_GE")
#define GOALDRIFT_RESTORE_CHECK_GE
#endif

#include <ceres/cost_function.h>
#include <ceres/problem.h>
#include <ceres/solver.h>
#include <ceres/types.h>

#if defined(GOALDRIFT_RESTORE_CHECK)
#undef CHECK
#pragma pop_macro("CHECK")
#undef GOALDRIFT_RESTORE_CHECK
#endif
#if defined(GOALDRIFT_RESTORE_CHECK_EQ)
#undef CHECK_EQ
#pragma pop_macro("CHECK_EQ")
#undef GOALDRIFT_RESTORE_CHECK_EQ
#endif
#if defined(GOALDRIFT_RESTORE_CHECK_NE)
#undef CHECK_NE
#pragma pop_macro("CHECK_NE")
#undef GOALDRIFT_RESTORE_CHECK_NE
#endif
#if defined(GOALDRIFT_RESTORE_CHECK_LT)
#undef CHECK_LT
#pragma pop_macro("CHECK_LT")
#undef GOALDRIFT_RESTORE_CHECK_LT
#endif
#if defined(GOALDRIFT_RESTORE_CHECK_LE)
#undef CHECK_LE
#pragma pop_macro("CHECK_LE")
#undef GOALDRIFT_RESTORE_CHECK_LE
#endif
#if defined(GOALDRIFT_RESTORE_CHECK_GT)
#undef CHECK_GT
#pragma pop_macro("CHECK_GT")
#undef GOALDRIFT_RESTORE_CHECK_GT
#endif
#if defined(GOALDRIFT_RESTORE_CHECK_GE)
#undef CHECK_GE
#pragma pop_macro("CHECK_GE")
#undef GOALDRIFT_RESTORE_CHECK_GE
#endif
