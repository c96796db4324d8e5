// Must not compile: proportional(4) is refused in one sentence.
#include <goaldrift/state/corrective_action.hpp>

int main() {
  const goaldrift::state::proportional a(4);
  return a.action_time;
}
