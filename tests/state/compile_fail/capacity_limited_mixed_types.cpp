// Must not compile: actual(100.0, capacity_limited(4.0, 2)) is refused in capacity_limited's one
// sentence, where its deduction once failed with a list of candidates.
#include <goaldrift/state/actual.hpp>

int main() {
  const goaldrift::state::actual s(100.0, goaldrift::state::capacity_limited(4.0, 2));
  return static_cast<int>(s.initial);
}
