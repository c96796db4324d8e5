// Must not compile: a double goal following a float memory is refused in one sentence; it once
// compiled, and only simulate() failed, with errors about float* inside moving_goal.
#include <goaldrift/goal/floating.hpp>

int main() {
  const goaldrift::goal::floating g(100.0, 12.0, goaldrift::goal::remembered(2.0f, 8.0f));
  return static_cast<int>(g.initial);
}
