// Must not compile: actual(100, 4.0) once deduced actual<int, double>, taking 4.0 for a policy.
#include <goaldrift/state/actual.hpp>

int main() {
  const goaldrift::state::actual s(100, 4.0);
  return static_cast<int>(s.initial);
}
