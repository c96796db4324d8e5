// Must not compile: reporting_delay(2.0, 100) is refused in one sentence.
#include <goaldrift/perception/reporting_delay.hpp>

int main() {
  const goaldrift::perception::reporting_delay p(2.0, 100);
  return static_cast<int>(p.delay_time);
}
