// The perceptions deduce the same types as before from numbers of one type: double, float,
// long double or a SIMD pack. (Integers, and numbers of two types, now fail to compile with one
// sentence: tests/perception/compile_fail/, run by ctest.)
#include <doctest/doctest.h>

#include <type_traits>

#include <goaldrift/input.hpp>
#include <goaldrift/perception.hpp>
#include <goaldrift/simd/pack.hpp>

#include "support/pack2.hpp"
#include "support/same_type.hpp"

namespace gd = goaldrift;
namespace p = goaldrift::perception;
using support::pack2;
using pack4 = gd::simd::pack<4>;

using support::is;

TEST_CASE("perception deduction: smooth, smooth3, smooth_n and asymmetric keep their scalar type") {
  const p::smooth s(3.0);
  static_assert(is<p::smooth<double>, decltype(s)>);
  CHECK(s.smoothing_time == 3.0);
  const p::smooth si(3.0f, 100.0f);
  static_assert(is<p::smooth<float>, decltype(si)>);
  CHECK(*si.initial == 100.0f);
  static_assert(is<p::smooth<long double>, decltype(p::smooth(3.0L))>);
  static_assert(is<p::smooth<pack2>, decltype(p::smooth(pack2(3.0, 1.0), pack2(1.0)))>);
  static_assert(is<p::smooth3<double>, decltype(p::smooth3(3.0))>);
  static_assert(is<p::smooth3<pack4>, decltype(p::smooth3(pack4(3.0), pack4(1.0)))>);

  const p::smooth_n<4> n(3.0, 2);  // the default scalar type, double
  static_assert(is<p::smooth_n<4, double>, decltype(n)>);
  CHECK(n.chain.order == 2);
  const p::smooth_n<4> from_integers(3, 2, 100);  // named type: the numbers convert, as before
  CHECK(from_integers.smoothing_time == 3.0);

  const p::asymmetric a(2.0, 8.0);
  static_assert(is<p::asymmetric<double>, decltype(a)>);
  CHECK(a.good_news_time == 8.0);
  static_assert(is<p::asymmetric<float>, decltype(p::asymmetric(2.0f, 8.0f, 100.0f))>);
  static_assert(is<p::asymmetric<pack2>, decltype(p::asymmetric(pack2(2.0), pack2(8.0)))>);
}

TEST_CASE("perception deduction: instant, distorted and fused keep their scalar type") {
  static_assert(is<p::instant<double>, decltype(p::instant{})>);
  // The default offset of a distorted sensor is a constant of the inner perception's type.
  const p::distorted d(p::smooth(2.0f), 0.2);
  static_assert(is<gd::input::constant<float>, decltype(d.offset)>);
  static_assert(is<float, decltype(d)::scalar_type>);
  static_assert(is<gd::input::constant<pack2>, decltype(p::distorted(p::smooth(pack2(2.0)), 0.2).offset)>);
  const p::fused f(p::make_channel("front", 1, p::smooth(2.0)));  // the weight converts, as before
  static_assert(is<double, decltype(f)::scalar_type>);
  CHECK(std::get<0>(f.channels).weight == 1.0);
}
