// Must not compile: alarm_modulated(100, 4, ...) is refused in one sentence.
#include <goaldrift/goal/alarm_modulated.hpp>

int main() {
  const goaldrift::goal::alarm_modulated g(100, 4, goaldrift::goal::alarm_curve(0.02, 0.1));
  return g.initial;
}
