// Must not compile: step(10, 5) is refused in one sentence, not in pages about
// math::scalar_ops<int>.
#include <goaldrift/input/step.hpp>

int main() {
  const goaldrift::input::step s(10, 5);
  return s.height;
}
