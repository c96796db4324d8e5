// The compiled code of goaldrift::runtime::model for every tabled combination of parts (the
// derivative, the grid-time update, the fixed-step runs under Euler and RK4, and the runs of an
// ensemble's members over packs of ensemble::default_pack under both), compiled
// once for all of goaldrift's own programs that run run-time models (the tests, the goaldrift
// command, the Python module and its reference program, the benchmarks). They are compiled with
// GOALDRIFT_RUNTIME_EXTERN_RUNS (goaldrift_share_runtime_runs in CMakeLists.txt); this file also
// defines GOALDRIFT_RUNTIME_DEFINE_RUNS. A program of yours can do the same: docs/model-file.md.
#define GOALDRIFT_RUNTIME_DEFINE_RUNS
#include <goaldrift/runtime/model.hpp>
