// Must not compile: smooth(3) is refused in one sentence, not in pages about
// math::scalar_ops<int>.
#include <goaldrift/perception/smooth.hpp>

int main() {
  const goaldrift::perception::smooth p(3);
  return p.smoothing_time;
}
