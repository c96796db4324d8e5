// The sd kernels at the edges of double arithmetic and of their own life cycle: lookups whose
// points are more than the largest double apart (or a few 1e-300 apart), and delays used before
// they are started or started with a stock no double can hold.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <goaldrift/error.hpp>
#include <goaldrift/sd.hpp>

#include "support/invalid_parameter.hpp"

namespace sd = goaldrift::sd;

namespace {

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

/// The interpolation every lookup used before extreme tables were handled, and still uses for
/// ordinary ones (the Vensim conformance tests compare its bits).
double textbook(const std::vector<double>& xs, const std::vector<double>& ys, double x) {
  if (x <= xs.front()) return ys.front();
  if (x >= xs.back()) return ys.back();
  std::size_t hi = 1;
  while (xs[hi] <= x) ++hi;
  const std::size_t lo = hi - 1;
  return ys[lo] + (x - xs[lo]) * (ys[hi] - ys[lo]) / (xs[hi] - xs[lo]);
}

std::uint64_t next(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double unit(std::uint64_t& state) { return static_cast<double>(next(state) >> 11) * 0x1p-53; }

}  // namespace

TEST_CASE("sd::lookup with points more than the largest double apart interpolates correctly") {
  // x1 - x0 = 2e308 overflowed: the slope became 0 / inf, inf / inf or inf * 0.
  CHECK(sd::lookup({{-1e308, -1e308}, {1e308, 1e308}}).value(0.0) == 0.0);  // was NaN
  CHECK(sd::lookup({{-1e308, 0.0}, {1e308, 1.0}}).value(0.0) == 0.5);       // was 0
  CHECK(sd::lookup({{-1e308, 0.0}, {1e308, 1.0}}).value(5e307) == 0.75);
  CHECK(sd::lookup({{0.0, -1e308}, {1.0, 1e308}}).value(0.5) == 0.0);   // was +inf
  CHECK(sd::lookup({{0.0, -1e308}, {1.0, 1e308}}).value(0.75) == 5e307);
  CHECK(sd::lookup({{0.0, 1e308}, {1.0, -1e308}}).value(0.25) == 5e307);
  // Finite differences whose product overflows: (x - x0) (y1 - y0) = 1e100 * 1e250.
  CHECK(sd::lookup({{0.0, 0.0}, {1e300, 1e250}}).value(1e100) == doctest::Approx(1e50));
  // ...or underflows: 5e-301 * 1e-300 is 0 in double, and the value collapsed onto y0.
  CHECK(sd::lookup({{0.0, 0.0}, {1e-300, 1e-300}}).value(5e-301) ==
        doctest::Approx(5e-301).scale(0.0).epsilon(1e-15));
  CHECK(sd::lookup({{0.0, -1e308}, {1e-300, 1e308}}).value(5e-301) == 0.0);
  // Results stay between the segment's ends, and NaN still passes through.
  const sd::lookup wide({{-1e308, -1.7e308}, {1e308, 1.7e308}});
  for (double x : {-1e308, -9.9e307, -1.0, 0.0, 3e307, 9.99e307, 1e308}) {
    CAPTURE(x);
    const double y = wide.value(x);
    CHECK(std::isfinite(y));
    CHECK(std::fabs(y) <= 1.7e308);
  }
  CHECK(std::isnan(wide.value(nan_v)));
}

TEST_CASE("sd::lookup of ordinary tables keeps the textbook interpolation bit for bit") {
  std::uint64_t state = 2024;
  for (int table = 0; table < 200; ++table) {
    const std::size_t n = 2 + next(state) % 9;
    std::vector<double> xs(n);
    std::vector<double> ys(n);
    double x = -50.0 + 100.0 * unit(state);
    for (std::size_t i = 0; i < n; ++i) {
      xs[i] = x;
      x += 1e-3 + 10.0 * unit(state);
      // Some flat segments and zeros, as Vensim tables have, among values across decades.
      const double r = unit(state);
      ys[i] = r < 0.15 ? (i > 0 ? ys[i - 1] : 0.0)
                       : (r < 0.2 ? 0.0 : (unit(state) - 0.5) * std::pow(10.0, 6.0 * r - 3.0));
    }
    const sd::lookup curve(xs, ys);
    for (int k = 0; k < 50; ++k) {
      const double at = xs.front() - 1.0 + (xs.back() - xs.front() + 2.0) * unit(state);
      CAPTURE(at);
      const double expected = textbook(xs, ys, at);
      const double got = curve.value(at);
      CHECK((got == expected && std::signbit(got) == std::signbit(expected)));
    }
    for (double knot : xs) {
      CHECK(curve.value(knot) == textbook(xs, ys, knot));
    }
  }
}

TEST_CASE("sd::delay_fixed advance before start throws instead of reading a null pipeline") {
  sd::delay_fixed<double> d;
  CHECK_THROWS_WITH_AS(d.advance(1.0),
                       "goaldrift::sd::delay_fixed: advance() called before start(), which "
                       "allocates the pipeline of delayed values",
                       goaldrift::error);
  CHECK(d.output() == 0.0);  // nothing changed
  d.start(2.0, 1.0, 7.0);
  d.advance(1.0);
  CHECK(d.output() == 7.0);
}

TEST_CASE("sd::delay_n output and derivative before initialize throw instead of dividing by zero") {
  sd::delay_n<3> d(3);
  std::array<double, 3> x{1.0, 1.0, 1.0};
  std::array<double, 3> dxdt{};
  CHECK_THROWS_WITH_AS(d.output(x.data()),
                       "goaldrift::sd::delay_n: output() called before initialize(), which sets "
                       "the delay time of every stage",
                       goaldrift::error);
  CHECK_THROWS_WITH_AS(d.derivative(x.data(), 1.0, dxdt.data()),
                       "goaldrift::sd::delay_n: derivative() called before initialize(), which "
                       "sets the delay time of every stage",
                       goaldrift::error);
  d.advance(6.0);  // advancing the pipeline is not initialising the stocks
  CHECK_THROWS_AS(d.output(x.data()), goaldrift::error);
  d.initialize(x.data(), 2.0, 6.0);
  CHECK(d.output(x.data()) == 2.0);
  // A failed initialize() leaves the delay unusable, as before.
  sd::delay_n<3> bad(3);
  CHECK_THROWS_AS(bad.initialize(x.data(), 1.0, -1.0), goaldrift::invalid_parameter);
  CHECK_THROWS_AS(bad.output(x.data()), goaldrift::error);
}

TEST_CASE("sd::delay_n fit_order_to_step refuses a step or delay time that is not a number") {
  const char* c = "goaldrift::sd::delay_n";
  sd::delay_n<8> d(5);
  // With NaN every comparison is false, and the order silently stayed 5.
  GD_CHECK_INVALID(c, "dt", "nan", d.fit_order_to_step(nan_v, 1.0));
  GD_CHECK_INVALID(c, "delay_time", "nan", d.fit_order_to_step(1.0, nan_v));
  GD_CHECK_INVALID(c, "dt", "inf", d.fit_order_to_step(inf_v, 1.0));
  GD_CHECK_INVALID(c, "dt", "0", d.fit_order_to_step(0.0, 1.0));
  GD_CHECK_INVALID(c, "delay_time", "-2", d.fit_order_to_step(1.0, -2.0));
  CHECK(d.order() == 5);
  CHECK(d.fit_order_to_step(1.0, 3.5) == 3);
}

TEST_CASE("sd delays refuse an initial output whose stock no double holds") {
  // 1e300 per time unit for 1e300 time units: every stock started at +inf, and the first
  // derivative was inf - inf = NaN.
  std::array<double, 3> x{};
  GD_CHECK_INVALID("goaldrift::sd::delay1", "initial_output", "1e+300",
                   sd::delay1::initialize(x.data(), 1e300, 1e300));
  GD_CHECK_INVALID("goaldrift::sd::delay3", "initial_output", "-1e+300",
                   sd::delay3::initialize(x.data(), -1e300, 1e300));
  GD_CHECK_INVALID("goaldrift::sd::delay3", "initial_output", "nan",
                   sd::delay3::initialize(x.data(), nan_v, 1.0));
  sd::delay_n<3> d(3);
  GD_CHECK_INVALID("goaldrift::sd::delay_n", "initial_output", "1e+300",
                   d.initialize(x.data(), 1e300, 1e300));
  CHECK_THROWS_AS(d.output(x.data()), goaldrift::error);  // still not initialised
  CHECK_NOTHROW(sd::delay3::initialize(x.data(), 1e300, 1.0));
}
