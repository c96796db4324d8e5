// The corrective-action policies and the disturbed state deduce the same types as before from
// numbers of one type. (Integers, and numbers of two types, now fail to compile with one
// sentence: tests/state/compile_fail/, run by ctest; actual itself: actual_construction_test.)
#include <doctest/doctest.h>

#include <type_traits>

#include <goaldrift/input.hpp>
#include <goaldrift/noise.hpp>
#include <goaldrift/state.hpp>

#include "support/pack2.hpp"
#include "support/same_type.hpp"

namespace gd = goaldrift;
namespace state = goaldrift::state;
using support::pack2;

using support::is;

TEST_CASE("state deduction: capacity_limited keeps its scalar type") {
  const state::capacity_limited c(4.0, 2.0);
  static_assert(is<state::capacity_limited<double>, decltype(c)>);
  CHECK(c.max_rate == 2.0);
  static_assert(is<state::capacity_limited<float>, decltype(state::capacity_limited(4.0f, 2.0f))>);
  static_assert(is<state::capacity_limited<long double>, decltype(state::capacity_limited(4.0L, 2.0L))>);
  static_assert(is<state::capacity_limited<pack2>, decltype(state::capacity_limited(pack2(4.0), pack2(2.0)))>);
}

TEST_CASE("state deduction: disturbed takes the inner state's type and converts sigma and time, as before") {
  const state::disturbed d(state::actual(100.0, 4.0), 1, 2, gd::noise::white("w", 0.0, 1.0, 0.5));
  static_assert(is<state::disturbed<state::actual<double>, gd::noise::white<double>>, decltype(d)>);
  CHECK(d.sigma == 1.0);
  CHECK(d.correlation_time == 2.0);
  const state::disturbed n(state::actual(100.0f, 4.0f), 1.0f, 2.0f, 0.0);
  static_assert(is<state::disturbed<state::actual<float>, gd::input::constant<double>>, decltype(n)>);
}
