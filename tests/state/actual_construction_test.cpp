// state::actual(level, number) takes the number for the action time, on every scalar type, and
// a policy for a policy. (Integers, and a time of another type than the level, must not
// compile: tests/state/compile_fail/, run by ctest.)
#include <doctest/doctest.h>

#include <type_traits>

#include <goaldrift/state.hpp>

#include "support/pack2.hpp"

namespace gd = goaldrift;
using support::pack2;

TEST_CASE("actual(level, time) deduces proportional action with that action time") {
  const gd::state::actual d(100.0, 4.0);
  static_assert(std::is_same_v<std::remove_const_t<decltype(d)>, gd::state::actual<double, gd::state::proportional<double>>>);
  CHECK(d.corrective.action_time == 4.0);
  CHECK(d.action(nullptr, 100.0, 96.0) == 1.0);

  const gd::state::actual f(100.0f, 4.0f);
  static_assert(std::is_same_v<std::remove_const_t<decltype(f)>, gd::state::actual<float>>);
  CHECK(f.corrective.action_time == 4.0f);

  const gd::state::actual p(pack2(100.0, 50.0), pack2(4.0, 2.0));
  static_assert(std::is_same_v<std::remove_const_t<decltype(p)>, gd::state::actual<pack2>>);
  CHECK(p.corrective.action_time.lane[1] == 2.0);
}

TEST_CASE("actual(level, policy) keeps the policy") {
  const gd::state::actual a(100.0, gd::state::capacity_limited(4.0, 2.0));
  static_assert(std::is_same_v<std::remove_const_t<decltype(a)>, gd::state::actual<double, gd::state::capacity_limited<double>>>);
  CHECK(a.corrective.max_rate == 2.0);
  CHECK(a.action(nullptr, 100.0, 0.0) == 2.0);
}
