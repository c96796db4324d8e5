// Compiled with -ffast-math by ctest: must fail with goaldrift's #error, not compile.
#include <goaldrift/goaldrift.hpp>

int main() { return 0; }
