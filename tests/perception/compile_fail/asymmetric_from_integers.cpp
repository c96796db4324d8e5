// Must not compile: asymmetric(2, 8) is refused in one sentence, not in pages about
// math::scalar_ops<int>.
#include <goaldrift/perception/asymmetric.hpp>

int main() {
  const goaldrift::perception::asymmetric p(2, 8);
  return p.bad_news_time;
}
