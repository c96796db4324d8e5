// Must not compile: actual(100, 4) is refused in one sentence (tests/CMakeLists.txt runs it).
#include <goaldrift/state/actual.hpp>

int main() {
  const goaldrift::state::actual s(100, 4);
  return static_cast<int>(s.initial);
}
