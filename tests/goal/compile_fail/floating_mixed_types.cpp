// Must not compile: floating(100.0, 12) is refused in one sentence, where deduction once failed
// with a list of candidates.
#include <goaldrift/goal/floating.hpp>

int main() {
  const goaldrift::goal::floating g(100.0, 12);
  (void)g;
  return 0;
}
