// Must not compile: actual(100.0f, 4.0) once deduced actual<float, double>, taking 4.0 for a
// policy; the level and the action time must share a type.
#include <goaldrift/state/actual.hpp>

int main() {
  const goaldrift::state::actual s(100.0f, 4.0);
  return static_cast<int>(s.initial);
}
