// The goal policies deduce the same types as before from numbers of one type: double, float,
// long double or a SIMD pack. (Integers, and numbers of two types, now fail to compile with one
// sentence instead of a deduction failure or pages about math::scalar_ops<int>:
// tests/goal/compile_fail/, run by ctest.)
#include <doctest/doctest.h>

#include <type_traits>

#include <goaldrift/goal.hpp>
#include <goaldrift/simd/pack.hpp>

#include "support/pack2.hpp"
#include "support/same_type.hpp"

namespace gd = goaldrift;
namespace goal = goaldrift::goal;
using support::pack2;
using pack4 = gd::simd::pack<4>;

using support::is;

TEST_CASE("goal deduction: floating, slip_only, best_past and alarm_modulated keep their scalar type") {
  const goal::floating d(100.0, 12.0);
  static_assert(is<goal::floating<double, goal::perceived<double>>, decltype(d)>);
  CHECK(d.adjustment_time == 12.0);
  const goal::floating f(100.0f, 12.0f);
  static_assert(is<goal::floating<float>, decltype(f)>);
  CHECK(f.initial == 100.0f);
  const goal::floating l(100.0L, 12.0L);
  static_assert(is<goal::floating<long double>, decltype(l)>);
  const goal::floating p(pack2(100.0, 90.0), pack2(12.0, 6.0));
  static_assert(is<goal::floating<pack2>, decltype(p)>);
  CHECK(p.adjustment_time.lane[1] == 6.0);
  const goal::floating v(pack4(100.0), pack4(12.0));
  static_assert(is<goal::floating<pack4>, decltype(v)>);
  CHECK(v.adjustment_time[3] == 12.0);
  const goal::floating r(100.0, 12.0, goal::remembered(2.0, 8.0));
  static_assert(is<goal::floating<double, goal::remembered<double>>, decltype(r)>);
  CHECK(r.signal.good_news_time == 8.0);

  static_assert(is<goal::slip_only<double>, decltype(goal::slip_only(100.0, 12.0))>);
  static_assert(is<goal::slip_only<float>, decltype(goal::slip_only(100.0f, 12.0f))>);
  static_assert(is<goal::slip_only<pack2, goal::remembered<pack2>>,
                   decltype(goal::slip_only(pack2(1.0), pack2(2.0),
                                            goal::remembered(pack2(2.0), pack2(8.0))))>);
  const goal::best_past b(100.0, 4.0);
  static_assert(is<goal::best_past<double>, decltype(b)>);
  CHECK(b.rise_time == 4.0);
  static_assert(is<goal::best_past<float, goal::remembered<float>>,
                   decltype(goal::best_past(100.0f, 4.0f, goal::remembered(2.0f, 8.0f)))>);
  const auto alarm = goal::alarm_curve(0.02, 0.1);
  static_assert(is<goal::alarm_modulated<double>, decltype(goal::alarm_modulated(100.0, 4.0, alarm))>);
  static_assert(is<goal::alarm_modulated<pack2, goal::remembered<pack2>>,
                   decltype(goal::alarm_modulated(pack2(100.0), pack2(4.0), alarm,
                                                  goal::remembered(pack2(2.0), pack2(8.0))))>);
}

TEST_CASE("goal deduction: blended, absolute and remembered keep their scalar type") {
  const goal::blended b3(100.0, 0.5, 12.0);
  static_assert(is<goal::blended<double>, decltype(b3)>);
  CHECK_FALSE(b3.initial_memory.has_value());
  const goal::blended b4(100.0f, 0.5f, 12.0f, 90.0f);
  static_assert(is<goal::blended<float>, decltype(b4)>);
  CHECK(*b4.initial_memory == 90.0f);
  static_assert(is<goal::blended<pack2>, decltype(goal::blended(pack2(1.0), pack2(0.5), pack2(2.0)))>);

  const goal::absolute a(100.0);
  static_assert(is<goal::absolute<double>, decltype(a)>);
  CHECK(a.standard == 100.0);
  static_assert(is<goal::absolute<long double>, decltype(goal::absolute(100.0L))>);
  static_assert(is<goal::absolute<pack4>, decltype(goal::absolute(pack4(100.0)))>);

  const goal::remembered m(2.0, 8.0, 95.0);
  static_assert(is<goal::remembered<double>, decltype(m)>);
  CHECK(*m.initial == 95.0);
  static_assert(is<goal::remembered<float>, decltype(goal::remembered(2.0f, 8.0f))>);
}

TEST_CASE("goal deduction: naming the type still converts other numbers, as before") {
  // Only deduction refuses integers and mixed types; floating<double>(100, 12) says what it wants.
  const goal::floating<double> g(100, 12);
  CHECK(g.initial == 100.0);
  CHECK(g.adjustment_time == 12.0);
  const goal::blended<double> b(100, 1, 12.0f);
  CHECK(b.weight == 1.0);
}
