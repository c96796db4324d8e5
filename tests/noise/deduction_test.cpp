// White and pink noise deduce the same types as before from a mean and sd of one type: double,
// float or a SIMD pack. (Integers, and a mean and sd of two types, now fail to compile with one
// sentence: tests/noise/compile_fail/, run by ctest.)
#include <doctest/doctest.h>

#include <type_traits>

#include <goaldrift/noise.hpp>
#include <goaldrift/simd/pack.hpp>

#include "support/same_type.hpp"

namespace gd = goaldrift;
namespace noise = goaldrift::noise;
using pack4 = gd::simd::pack<4>;

using support::is;

TEST_CASE("noise deduction: white and pink keep their value type and lane count") {
  const noise::white w("w", 0.0, 1.0, 1);  // an integer interval is a time, a double, as before
  static_assert(is<noise::white<double>, decltype(w)>);
  CHECK(w.sd == 1.0);
  CHECK(w.interval == 1.0);
  static_assert(is<noise::white<float>, decltype(noise::white("w", 0.0f, 1.0f, 0.5))>);
  const noise::white wp("w", pack4(0.0), pack4(1.0), 0.5);
  static_assert(is<noise::white<pack4>, decltype(wp)>);
  static_assert(gd::math::lanes_v<decltype(wp)::value_type> == 4);

  const noise::pink p("p", 0.0, 1.0, 4, 1);
  static_assert(is<noise::pink<double>, decltype(p)>);
  static_assert(decltype(p)::lanes == 1);
  CHECK(p.correlation_time == 4.0);
  static_assert(is<noise::pink<pack4>, decltype(noise::pink("p", pack4(0.0), pack4(1.0), 4.0, 1.0))>);
  static_assert(noise::pink<pack4>::lanes == 4);
}
