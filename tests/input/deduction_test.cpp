// The inputs deduce the same types as before from a value of one type: double, float or a SIMD
// pack; times stay doubles. (An integer value now fails to compile with one sentence:
// tests/input/compile_fail/, run by ctest.)
#include <doctest/doctest.h>

#include <type_traits>

#include <goaldrift/input.hpp>
#include <goaldrift/simd/pack.hpp>

#include "support/pack2.hpp"
#include "support/same_type.hpp"

namespace gd = goaldrift;
namespace in = goaldrift::input;
using support::pack2;
using pack4 = gd::simd::pack<4>;

using support::is;

TEST_CASE("input deduction: constant, step, ramp, pulse, pulse_train and table keep their value type") {
  static_assert(is<in::constant<double>, decltype(in::constant(5.0))>);
  static_assert(is<in::constant<float>, decltype(in::constant(5.0f))>);
  static_assert(is<in::constant<pack2>, decltype(in::constant(pack2(1.0, 2.0)))>);

  const in::step s(10.0, 5);  // an integer time is a time, a double, as before
  static_assert(is<in::step<double>, decltype(s)>);
  CHECK(s.start == 5.0);
  static_assert(is<in::step<float>, decltype(in::step(10.0f, 5.0))>);
  static_assert(is<in::step<pack4>, decltype(in::step(pack4(10.0), 5.0))>);

  static_assert(is<in::ramp<double>, decltype(in::ramp(2.0, 1, 4))>);
  static_assert(is<in::ramp<long double>, decltype(in::ramp(2.0L, 1.0))>);

  const in::pulse pu(3, 2);  // no height: 1.0, a double, as before
  static_assert(is<in::pulse<double>, decltype(pu)>);
  CHECK(pu.height == 1.0);
  static_assert(is<in::pulse<float>, decltype(in::pulse(3, 2, 5.0f))>);
  static_assert(is<in::pulse_train<double>, decltype(in::pulse_train(3, 1, 5, 20))>);
  static_assert(is<in::pulse_train<pack2>, decltype(in::pulse_train(3, 1, 5, 20, pack2(2.0)))>);

  static_assert(is<in::table<double>, decltype(in::table{{0.0, 1.0}, {1.0, 2.0}})>);
  // make_input still turns an integer into a constant<double>, as operators and parts rely on.
  static_assert(is<in::constant<double>, decltype(in::make_input(3))>);
  CHECK(in::make_input(3)(gd::time_point{0.0}) == 3.0);
}
