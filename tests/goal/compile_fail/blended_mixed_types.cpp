// Must not compile: blended(100.0, 1, 12.0) is refused in one sentence, where deduction once
// failed with a list of candidates.
#include <goaldrift/goal/blended.hpp>

int main() {
  const goaldrift::goal::blended g(100.0, 1, 12.0);
  (void)g;
  return 0;
}
