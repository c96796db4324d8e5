// Must not compile: white("w", 0, 1, dt) is refused in one sentence, not in pages about
// math::scalar_ops<int>.
#include <goaldrift/noise/white.hpp>

int main() {
  const goaldrift::noise::white w("w", 0, 1, 0.5);
  return w.sd;
}
