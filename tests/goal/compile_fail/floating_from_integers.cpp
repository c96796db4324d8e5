// Must not compile: floating(100, 12) is refused in one sentence, not in pages about
// math::scalar_ops<int>.
#include <goaldrift/goal/floating.hpp>

int main() {
  const goaldrift::goal::floating g(100, 12);
  return g.initial;
}
