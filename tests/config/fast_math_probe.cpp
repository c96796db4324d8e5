// Compiled with -ffast-math by ctest: must fail with goaldrift's #error, not compile. ctest
// compiles it once for the umbrella header and, through fast_math_headers.cmake, once for every
// public header (GOALDRIFT_PROBE_HEADER), since each must refuse -ffast-math by itself.
#ifndef GOALDRIFT_PROBE_HEADER
#define GOALDRIFT_PROBE_HEADER <goaldrift/goaldrift.hpp>
#endif
#include GOALDRIFT_PROBE_HEADER

int main() { return 0; }
