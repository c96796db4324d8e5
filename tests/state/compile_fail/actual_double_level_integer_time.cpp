// Must not compile: actual(100.0, 4) once deduced actual<double, int>, taking 4 for a policy.
#include <goaldrift/state/actual.hpp>

int main() {
  const goaldrift::state::actual s(100.0, 4);
  return static_cast<int>(s.initial);
}
