// The system-dynamics kernels (lookup, SMOOTH family, DELAY family, DELAY FIXED, TREND) and the
// scalar helpers in math.hpp, checked against hand-derived derivatives, analytic step
// responses and conservation of material.
#include <doctest/doctest.h>

#include "support/invalid_parameter.hpp"

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <numeric>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <goaldrift/error.hpp>
#include <goaldrift/math.hpp>
#include <goaldrift/sd.hpp>

namespace gd = goaldrift;
namespace sd = goaldrift::sd;
namespace math = goaldrift::math;

namespace {

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

/// Classic fourth-order Runge-Kutta from t0 over `steps` steps of h; rhs(x, t, dxdt).
template <std::size_t N, class Rhs>
void rk4(std::array<double, N>& x, double t0, double h, int steps, Rhs rhs) {
  std::array<double, N> k1{}, k2{}, k3{}, k4{}, tmp{};
  for (int s = 0; s < steps; ++s) {
    const double t = t0 + s * h;
    rhs(x, t, k1);
    for (std::size_t i = 0; i < N; ++i) tmp[i] = x[i] + 0.5 * h * k1[i];
    rhs(tmp, t + 0.5 * h, k2);
    for (std::size_t i = 0; i < N; ++i) tmp[i] = x[i] + 0.5 * h * k2[i];
    rhs(tmp, t + 0.5 * h, k3);
    for (std::size_t i = 0; i < N; ++i) tmp[i] = x[i] + h * k3[i];
    rhs(tmp, t + h, k4);
    for (std::size_t i = 0; i < N; ++i) {
      x[i] += h / 6.0 * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]);
    }
  }
}

/// Step response of a cascade of three first-order stages, each of time `stage`: the Erlang-3
/// distribution function 1 - e^{-u} (1 + u + u^2/2), u = t / stage.
double erlang3_cdf(double t, double stage) {
  const double u = t / stage;
  return 1.0 - std::exp(-u) * (1.0 + u + 0.5 * u * u);
}

template <std::size_t N>
double sum(const std::array<double, N>& a) {
  return std::accumulate(a.begin(), a.end(), 0.0);
}

}  // namespace


// ---------------------------------------------------------------------------------------------
// math.hpp

TEST_CASE("math: select picks by the mask, min/max return the first argument on ties") {
  CHECK(math::select(true, 1.0, 2.0) == 1.0);
  CHECK(math::select(false, 1.0, 2.0) == 2.0);
  CHECK(math::select(3.0 < 2.0, 1.0f, 2.0f) == 2.0f);

  CHECK(math::max(1.0, 2.0) == 2.0);
  CHECK(math::max(3.0, -1.0) == 3.0);
  CHECK(math::min(1.0, 2.0) == 1.0);
  CHECK(math::min(3.0, -1.0) == -1.0);
  CHECK(math::max(-5.0f, -7.0f) == -5.0f);
  // +0 and -0 compare equal, so the sign shows which argument came back: always `a`.
  CHECK(!std::signbit(math::max(0.0, -0.0)));
  CHECK(std::signbit(math::max(-0.0, 0.0)));
  CHECK(!std::signbit(math::min(0.0, -0.0)));
  CHECK(std::signbit(math::min(-0.0, 0.0)));
}

TEST_CASE("math: clamp limits to lo .. hi") {
  CHECK(math::clamp(5.0, 0.0, 3.0) == 3.0);
  CHECK(math::clamp(-1.0, 0.0, 3.0) == 0.0);
  CHECK(math::clamp(2.0, 0.0, 3.0) == 2.0);
  CHECK(math::clamp(0.0, 0.0, 3.0) == 0.0);
  CHECK(math::clamp(3.0, 0.0, 3.0) == 3.0);
  CHECK(math::clamp(1e300, -1.0, 1.0) == 1.0);
  CHECK(math::clamp(-inf_v, -1.0, 1.0) == -1.0);
}

TEST_CASE("math: zidz divides, and gives 0 (not inf or NaN) where the divisor is 0") {
  CHECK(math::zidz(1.0, 0.0) == 0.0);
  CHECK(math::zidz(-1.0, 0.0) == 0.0);
  CHECK(math::zidz(0.0, 0.0) == 0.0);   // 0/0 would be NaN
  CHECK(math::zidz(1.0, -0.0) == 0.0);  // -0 is 0 too
  CHECK(math::zidz(6.0, 3.0) == 2.0);
  CHECK(math::zidz(-6.0, 4.0) == -1.5);
  CHECK(math::zidz(1.0, std::ldexp(1.0, -1000)) == std::ldexp(1.0, 1000));  // tiny, not 0
  CHECK(math::zidz(1.0f, 0.0f) == 0.0f);
  CHECK(math::zidz(3.0f, 2.0f) == 1.5f);
}

TEST_CASE("math: abs, is_finite, all, any, map and lanes for plain scalars") {
  CHECK(math::abs(-2.5) == 2.5);
  CHECK(math::abs(2.5f) == 2.5f);
  CHECK(math::is_finite(1.0));
  CHECK(!math::is_finite(inf_v));
  CHECK(!math::is_finite(nan_v));
  CHECK(math::all(true));
  CHECK(!math::all(false));
  CHECK(math::any(true));
  CHECK(!math::any(false));
  CHECK(math::map([](double v) { return v * v; }, 3.0) == 9.0);
  CHECK(math::map([](double v) { return v + 0.5; }, 1.0f) == 1.5f);
  CHECK(math::lanes_v<double> == 1u);
  CHECK(math::lanes_v<float> == 1u);
}

// ---------------------------------------------------------------------------------------------
// lookup

TEST_CASE("sd::lookup interpolates linearly and holds the end values") {
  const sd::lookup f{{0.0, 0.0}, {1.0, 10.0}, {3.0, 0.0}};
  CHECK(f.size() == 3u);
  CHECK(f.xs() == std::vector<double>{0.0, 1.0, 3.0});
  CHECK(f.ys() == std::vector<double>{0.0, 10.0, 0.0});
  CHECK(f.value(0.0) == 0.0);
  CHECK(f.value(0.5) == 5.0);   // halfway up the first segment
  CHECK(f.value(1.0) == 10.0);  // a point
  CHECK(f.value(2.0) == 5.0);   // halfway down the second segment
  CHECK(f.value(2.5) == 2.5);   // 10 - 1.5 * 5
  CHECK(f.value(3.0) == 0.0);
  CHECK(f.value(-1.0) == 0.0);  // clamped at the first y, no extrapolation of slope 10
  CHECK(f.value(4.0) == 0.0);   // clamped at the last y, no extrapolation of slope -5
  CHECK(f.value(-inf_v) == 0.0);
  CHECK(f.value(inf_v) == 0.0);

  const sd::lookup g({-2.0, 2.0}, {1.0, 3.0});  // y = 2 + x / 2
  CHECK(g.value(0.0) == 2.0);
  CHECK(g.value(1.0) == 2.5);
  CHECK(g.value(-10.0) == 1.0);
  CHECK(g.value(10.0) == 3.0);
}

TEST_CASE("sd::lookup gives NaN for NaN and works for float through operator()") {
  const sd::lookup f{{0.0, 0.0}, {1.0, 10.0}, {3.0, 0.0}};
  CHECK(std::isnan(f.value(nan_v)));
  CHECK(std::isnan(f(nan_v)));
  CHECK(f(0.25) == 2.5);
  const float y = f(2.0f);
  CHECK(std::is_same_v<decltype(f(2.0f)), float>);
  CHECK(y == 5.0f);
}

TEST_CASE("sd::lookup breakpoints are its x values strictly inside (from, to)") {
  const sd::lookup f{{0.0, 0.0}, {1.0, 10.0}, {3.0, 0.0}, {7.0, 1.0}};
  std::vector<double> out;
  f.breakpoints(-1.0, 10.0, out);
  CHECK(out == std::vector<double>{0.0, 1.0, 3.0, 7.0});
  out.clear();
  f.breakpoints(0.0, 7.0, out);
  CHECK(out == std::vector<double>{1.0, 3.0});
  out.clear();
  f.breakpoints(1.5, 2.5, out);
  CHECK(out.empty());
  out = {42.0};  // appends
  f.breakpoints(2.0, 4.0, out);
  CHECK(out == std::vector<double>{42.0, 3.0});
}

TEST_CASE("sd::lookup rejects fewer than 2 points, non-increasing x and non-finite points") {
  GD_CHECK_INVALID("goaldrift::sd::lookup", "points", "1", sd::lookup{{1.0, 2.0}});
  GD_CHECK_INVALID("goaldrift::sd::lookup", "points", "0",
                      sd::lookup(std::vector<double>{}, std::vector<double>{}));
  GD_CHECK_INVALID("goaldrift::sd::lookup", "x", "1 after 1 (points 0 and 1)",
                      sd::lookup{{1.0, 2.0}, {1.0, 3.0}});
  GD_CHECK_INVALID("goaldrift::sd::lookup", "x", "0.5 after 2 (points 1 and 2)",
                      sd::lookup{{0.0, 0.0}, {2.0, 3.0}, {0.5, 1.0}});
  GD_CHECK_INVALID("goaldrift::sd::lookup", "point 1", "(nan, 3)",
                      sd::lookup{{0.0, 0.0}, {nan_v, 3.0}});
  GD_CHECK_INVALID("goaldrift::sd::lookup", "point 0", "(0, inf)",
                      sd::lookup{{0.0, inf_v}, {1.0, 3.0}});
  GD_CHECK_INVALID("goaldrift::sd::lookup", "point 2", "(-inf, 1)",
                      sd::lookup({0.0, 1.0, -inf_v}, {0.0, 0.0, 1.0}));
  CHECK_THROWS_WITH_AS(sd::lookup({0.0, 1.0, 2.0}, {0.0, 1.0}),
                       "goaldrift::sd::lookup: ys must have as many values as xs (3), got 2 "
                       "values",
                       gd::invalid_parameter);
  GD_CHECK_INVALID("goaldrift::sd::lookup", "ys", "3 values",
                      sd::lookup({0.0, 1.0}, {0.0, 1.0, 2.0}));
}

// ---------------------------------------------------------------------------------------------
// SMOOTH family

TEST_CASE("sd::smooth_chain derivative is (upstream - stage) / (smoothing_time / Order)") {
  // SMOOTH: dx = (input - x) / T = (5 - 3) / 4.
  std::array<double, 1> x1{3.0};
  std::array<double, 1> d1{};
  sd::smooth::derivative(x1.data(), 5.0, 4.0, d1.data());
  CHECK(d1[0] == 0.5);
  CHECK(sd::smooth::output(x1.data()) == 3.0);

  // SMOOTH3 with T = 6: stage time 2; each stage chases the one before it.
  std::array<double, 3> x3{1.0, 2.0, 4.0};
  std::array<double, 3> d3{};
  sd::smooth3::derivative(x3.data(), 7.0, 6.0, d3.data());
  CHECK(d3[0] == 3.0);   // (7 - 1) / 2
  CHECK(d3[1] == -0.5);  // (1 - 2) / 2
  CHECK(d3[2] == -1.0);  // (2 - 4) / 2
  CHECK(sd::smooth3::output(x3.data()) == 4.0);

  // The smoothing time is the one passed in now (a varying smoothing time): T = 3 -> stage 1.
  sd::smooth3::derivative(x3.data(), 7.0, 3.0, d3.data());
  CHECK(d3[0] == 6.0);
  CHECK(d3[1] == -1.0);
  CHECK(d3[2] == -2.0);

  CHECK(sd::smooth::state_size == 1u);
  CHECK(sd::smooth3::state_size == 3u);
  CHECK(sd::smooth_chain<5>::state_size == 5u);
}

TEST_CASE("sd::smooth_chain starts every stage at the initial value, in equilibrium there") {
  std::array<double, 4> x{};
  sd::smooth_chain<4>::initialize(x.data(), 2.5);
  CHECK(x == std::array<double, 4>{2.5, 2.5, 2.5, 2.5});
  CHECK(sd::smooth_chain<4>::output(x.data()) == 2.5);
  std::array<double, 4> d{1.0, 1.0, 1.0, 1.0};
  sd::smooth_chain<4>::derivative(x.data(), 2.5, 8.0, d.data());
  CHECK(d == std::array<double, 4>{0.0, 0.0, 0.0, 0.0});

  std::array<float, 3> xf{};
  sd::smooth3::initialize(xf.data(), 1.5f);
  std::array<float, 3> df{};
  sd::smooth3::derivative(xf.data(), 3.5f, 3.0f, df.data());  // stage time 1
  CHECK(df[0] == 2.0f);
  CHECK(df[1] == 0.0f);
  CHECK(df[2] == 0.0f);
}

TEST_CASE("sd::smooth and smooth3 follow the analytic step response") {
  // From 0 with input 1: SMOOTH(T = 2) gives 1 - e^{-t/2}; SMOOTH3(T = 6) is three stages of
  // time 2, whose output is the Erlang-3 distribution function with stage time 2.
  std::array<double, 1> x1{};
  sd::smooth::initialize(x1.data(), 0.0);
  rk4(x1, 0.0, 0.01, 500, [](const auto& x, double, auto& d) {
    sd::smooth::derivative(x.data(), 1.0, 2.0, d.data());
  });
  CHECK(sd::smooth::output(x1.data()) == doctest::Approx(1.0 - std::exp(-2.5)).epsilon(1e-9));

  std::array<double, 3> x3{};
  sd::smooth3::initialize(x3.data(), 0.0);
  rk4(x3, 0.0, 0.01, 500, [](const auto& x, double, auto& d) {
    sd::smooth3::derivative(x.data(), 1.0, 6.0, d.data());
  });
  CHECK(sd::smooth3::output(x3.data()) == doctest::Approx(erlang3_cdf(5.0, 2.0)).epsilon(1e-9));
}

TEST_CASE("sd::smooth_n with order k smooths like smooth_chain<k> and leaves stages >= k alone") {
  const sd::smooth_n<5> s3(3);
  CHECK(s3.order == 3);
  std::array<double, 5> x{1.0, 2.0, 4.0, 8.0, 16.0};
  std::array<double, 5> d{9.0, 9.0, 9.0, 9.0, 9.0};
  s3.derivative(x.data(), 7.0, 6.0, d.data());
  // The same numbers as smooth3 above (stage time 6 / 3 = 2), then zeros.
  CHECK(d == std::array<double, 5>{3.0, -0.5, -1.0, 0.0, 0.0});
  CHECK(s3.output(x.data()) == 4.0);  // the k-th stage, not the last slot

  std::array<double, 3> x3{1.0, 2.0, 4.0};
  std::array<double, 3> d3{};
  sd::smooth3::derivative(x3.data(), 7.0, 6.0, d3.data());
  for (std::size_t i = 0; i < 3; ++i) CHECK(d[i] == d3[i]);

  // Order 1 is SMOOTH; order MaxOrder uses every slot.
  const sd::smooth_n<5> s1(1);
  s1.derivative(x.data(), 5.0, 4.0, d.data());
  CHECK(d == std::array<double, 5>{1.0, 0.0, 0.0, 0.0, 0.0});  // (5 - 1) / 4
  CHECK(s1.output(x.data()) == 1.0);
  const sd::smooth_n<5> s5(5);
  s5.derivative(x.data(), 0.0, 5.0, d.data());  // stage time 1
  CHECK(d == std::array<double, 5>{-1.0, -1.0, -2.0, -4.0, -8.0});
  CHECK(s5.output(x.data()) == 16.0);

  std::array<double, 5> init{};
  s3.initialize(init.data(), -2.0);
  CHECK(init == std::array<double, 5>{-2.0, -2.0, -2.0, -2.0, -2.0});
  CHECK(sd::smooth_n<5>::state_size == 5u);
  CHECK(sd::smooth_n<5>{}.order == 1);
}

TEST_CASE("sd::smooth_n rejects an order outside 1 .. MaxOrder") {
  GD_CHECK_INVALID("goaldrift::sd::smooth_n", "order", "0", sd::smooth_n<4>(0));
  GD_CHECK_INVALID("goaldrift::sd::smooth_n", "order", "5", sd::smooth_n<4>(5));
  GD_CHECK_INVALID("goaldrift::sd::smooth_n", "order", "-2", sd::smooth_n<4>(-2));
  CHECK_THROWS_WITH_AS(sd::smooth_n<4>(5),
                       "goaldrift::sd::smooth_n: order must lie in [1, 4], got 5",
                       gd::invalid_parameter);
  CHECK_NOTHROW(sd::smooth_n<4>(4));
  CHECK_NOTHROW(sd::smooth_n<4>(1));
  sd::smooth_n<4> s(2);
  s.order = 7;  // a plain member: validate() re-checks it
  GD_CHECK_INVALID("goaldrift::sd::smooth_n", "order", "7", s.validate());
}

TEST_CASE("sd::asymmetric_smooth uses falling_time below the level, rising_time otherwise") {
  std::array<double, 1> x{};
  sd::asymmetric_smooth::initialize(x.data(), 10.0);
  CHECK(sd::asymmetric_smooth::output(x.data()) == 10.0);
  std::array<double, 1> d{};
  // Input 4 < level 10: bad news, falling time 2: (4 - 10) / 2.
  sd::asymmetric_smooth::derivative(x.data(), 4.0, 2.0, 3.0, d.data());
  CHECK(d[0] == -3.0);
  // Input 16 > level 10: good news, rising time 3: (16 - 10) / 3.
  sd::asymmetric_smooth::derivative(x.data(), 16.0, 2.0, 3.0, d.data());
  CHECK(d[0] == 2.0);
  // At the level: no movement whichever time applies.
  sd::asymmetric_smooth::derivative(x.data(), 10.0, 2.0, 3.0, d.data());
  CHECK(d[0] == 0.0);
  // Equal times give SMOOTH.
  std::array<double, 1> ds{};
  for (double input : {-3.0, 10.0, 25.0}) {
    sd::asymmetric_smooth::derivative(x.data(), input, 4.0, 4.0, d.data());
    sd::smooth::derivative(x.data(), input, 4.0, ds.data());
    CHECK(d[0] == ds[0]);
  }
}

// ---------------------------------------------------------------------------------------------
// DELAY family

TEST_CASE("sd::delay_chain starts in equilibrium with the initial output") {
  // Each of the Order stocks holds output * delay / Order, so each outflow is the output.
  std::array<double, 1> x1{};
  sd::delay1::initialize(x1.data(), 2.0, 5.0);
  CHECK(x1[0] == 10.0);
  CHECK(sd::delay1::output(x1.data(), 5.0) == 2.0);

  std::array<double, 3> x3{};
  sd::delay3::initialize(x3.data(), 2.0, 6.0);
  CHECK(x3 == std::array<double, 3>{4.0, 4.0, 4.0});
  CHECK(sd::delay3::output(x3.data(), 6.0) == 2.0);
  std::array<double, 3> d{1.0, 1.0, 1.0};
  sd::delay3::derivative(x3.data(), 2.0, 6.0, d.data());  // input = output: nothing changes
  CHECK(d == std::array<double, 3>{0.0, 0.0, 0.0});
}

TEST_CASE("sd::delay_chain derivative passes each stage's outflow to the next") {
  // DELAY3, D = 6 (stage time 2), stocks 3, 6, 9: outflows 1.5, 3, 4.5.
  std::array<double, 3> x{3.0, 6.0, 9.0};
  std::array<double, 3> d{};
  sd::delay3::derivative(x.data(), 5.0, 6.0, d.data());
  CHECK(d[0] == 3.5);   // 5 - 1.5
  CHECK(d[1] == -1.5);  // 1.5 - 3
  CHECK(d[2] == -1.5);  // 3 - 4.5
  CHECK(sd::delay3::output(x.data(), 6.0) == 4.5);

  // DELAY1, D = 4: d = input - stock / 4.
  std::array<double, 1> x1{8.0};
  std::array<double, 1> d1{};
  sd::delay1::derivative(x1.data(), 1.0, 4.0, d1.data());
  CHECK(d1[0] == -1.0);
  CHECK(sd::delay1::output(x1.data(), 4.0) == 2.0);
}

TEST_CASE("sd::delay_chain conserves material: the stocks change by input - output") {
  const std::array<std::array<double, 4>, 3> states{{{1.0, 2.0, 3.0, 4.0},
                                                     {0.0, 0.0, 0.0, 0.0},
                                                     {10.0, 0.5, 7.25, 3.0}}};
  for (const auto& x : states) {
    for (double input : {0.0, 2.0, -1.5}) {
      for (double delay : {0.5, 4.0, 13.0}) {
        std::array<double, 4> d{};
        sd::delay_chain<4>::derivative(x.data(), input, delay, d.data());
        const double out = sd::delay_chain<4>::output(x.data(), delay);
        CHECK(sum(d) == doctest::Approx(input - out).epsilon(1e-12));
      }
    }
  }
}

TEST_CASE("sd::delay_chain: when the delay time changes the output jumps, the stocks do not") {
  // Stocks are material; halving D from 6 to 3 halves each stage time, so the same stocks
  // drain twice as fast: the output jumps from 2 to 4 while the state is untouched.
  std::array<double, 3> x{};
  sd::delay3::initialize(x.data(), 2.0, 6.0);
  const auto before = x;
  CHECK(sd::delay3::output(x.data(), 6.0) == 2.0);
  CHECK(sd::delay3::output(x.data(), 3.0) == 4.0);
  CHECK(x == before);
  std::array<double, 3> d{};
  sd::delay3::derivative(x.data(), 2.0, 3.0, d.data());
  CHECK(d == std::array<double, 3>{-2.0, 0.0, 0.0});  // only the first stock sees input < outflow
}

TEST_CASE("sd::delay3 follows the analytic step response and keeps the material") {
  // From empty with input 1 and D = 6: output = Erlang-3 CDF with stage time 2, and what went
  // in (t) equals what came out plus what is in transit.
  std::array<double, 4> x{};  // three stocks and the accumulated output
  rk4(x, 0.0, 0.01, 800, [](const auto& s, double, auto& d) {
    sd::delay3::derivative(s.data(), 1.0, 6.0, d.data());
    d[3] = sd::delay3::output(s.data(), 6.0);
  });
  CHECK(sd::delay3::output(x.data(), 6.0) == doctest::Approx(erlang3_cdf(8.0, 2.0)).epsilon(1e-9));
  CHECK(x[0] + x[1] + x[2] + x[3] == doctest::Approx(8.0).epsilon(1e-12));
}

TEST_CASE("sd::delay_n with a constant delay time is delay_chain of its order") {
  sd::delay_n<5> dn(3);
  CHECK(dn.order() == 3);
  std::array<double, 5> x{};
  dn.initialize(x.data(), 2.0, 6.0);
  for (std::size_t i = 0; i < 5; ++i) CHECK(x[i] == 4.0);  // 2 * 6 / 3, every slot
  CHECK(dn.output(x.data()) == 2.0);

  x = {3.0, 6.0, 9.0, 100.0, -7.0};
  std::array<double, 5> d{9.0, 9.0, 9.0, 9.0, 9.0};
  dn.derivative(x.data(), 5.0, d.data());
  std::array<double, 3> d3{};
  sd::delay3::derivative(x.data(), 5.0, 6.0, d3.data());
  CHECK(d[0] == d3[0]);
  CHECK(d[1] == d3[1]);
  CHECK(d[2] == d3[2]);
  CHECK(d[3] == 0.0);  // stages beyond the order stay constant
  CHECK(d[4] == 0.0);
  CHECK(dn.output(x.data()) == sd::delay3::output(x.data(), 6.0));
  CHECK(dn.output(x.data()) == 4.5);

  sd::delay_n<4> d1;  // default order 1 is DELAY1
  CHECK(d1.order() == 1);
  std::array<double, 4> y{};
  d1.initialize(y.data(), 3.0, 2.0);
  CHECK(y[0] == 6.0);
  CHECK(d1.output(y.data()) == 3.0);
}

TEST_CASE("sd::delay_n advance() moves a new delay time down the chain one stage per call") {
  // Order 3 of 5, D = 6 (stage time 2), output 2: every stock 4. Then D becomes 12 (stage
  // time 4, outflow 4 / 4 = 1 from a stage that sees it; 4 / 2 = 2 from one that does not).
  sd::delay_n<5> dn(3);
  std::array<double, 5> x{};
  dn.initialize(x.data(), 2.0, 6.0);
  std::array<double, 5> d{};

  dn.advance(12.0);  // stage 0 sees 12; stages 1, 2 still 6
  dn.derivative(x.data(), 2.0, d.data());
  CHECK(d[0] == 1.0);   // 2 - 1
  CHECK(d[1] == -1.0);  // 1 - 2
  CHECK(d[2] == 0.0);   // 2 - 2
  CHECK(dn.output(x.data()) == 2.0);

  dn.advance(12.0);  // stages 0, 1 see 12
  dn.derivative(x.data(), 2.0, d.data());
  CHECK(d[0] == 1.0);
  CHECK(d[1] == 0.0);   // 1 - 1
  CHECK(d[2] == -1.0);  // 1 - 2
  CHECK(dn.output(x.data()) == 2.0);

  dn.advance(12.0);  // all three stages see 12: the output has halved
  dn.derivative(x.data(), 2.0, d.data());
  CHECK(d[0] == 1.0);
  CHECK(d[1] == 0.0);
  CHECK(d[2] == 0.0);
  CHECK(dn.output(x.data()) == 1.0);
  CHECK(d[3] == 0.0);
  CHECK(d[4] == 0.0);

  // Material balance holds at every stage of the transition.
  sd::delay_n<5> dm(4);
  std::array<double, 5> y{1.0, 3.0, 2.0, 5.0, 0.0};
  dm.initialize(x.data(), 1.0, 8.0);  // sets the delay pipeline; y is our own state
  for (double delay : {4.0, 10.0, 2.0, 7.0, 7.0}) {
    dm.advance(delay);
    dm.derivative(y.data(), 3.0, d.data());
    CHECK(sum(d) == doctest::Approx(3.0 - dm.output(y.data())).epsilon(1e-12));
  }
}

TEST_CASE("sd::delay_n fit_order_to_step lowers the order while order * dt > delay_time") {
  sd::delay_n<8> a(5);
  CHECK(a.fit_order_to_step(1.0, 3.5) == 3);  // 5 > 3.5, 4 > 3.5, 3 <= 3.5
  CHECK(a.order() == 3);
  sd::delay_n<8> b(4);
  CHECK(b.fit_order_to_step(0.5, 2.0) == 4);  // 4 * 0.5 = 2 is not > 2: unchanged
  sd::delay_n<8> c(3);
  CHECK(c.fit_order_to_step(1.0, 0.2) == 1);  // never below 1
  CHECK(c.order() == 1);
  sd::delay_n<8> e(8);
  CHECK(e.fit_order_to_step(0.25, 1.0) == 4);  // 8 * 0.25 = 2 > 1 ... 4 * 0.25 = 1
  // Never raises the order.
  sd::delay_n<8> f(2);
  CHECK(f.fit_order_to_step(0.01, 100.0) == 2);
}

TEST_CASE("sd::delay_n rejects an order outside 1 .. MaxOrder") {
  GD_CHECK_INVALID("goaldrift::sd::delay_n", "order", "0", sd::delay_n<3>(0));
  GD_CHECK_INVALID("goaldrift::sd::delay_n", "order", "4", sd::delay_n<3>(4));
  GD_CHECK_INVALID("goaldrift::sd::delay_n", "order", "-1", sd::delay_n<3>(-1));
  CHECK_THROWS_WITH_AS(sd::delay_n<3>(4),
                       "goaldrift::sd::delay_n: order must lie in [1, 3], got 4",
                       gd::invalid_parameter);
  CHECK_NOTHROW(sd::delay_n<3>(3));
  CHECK_NOTHROW(sd::delay_n<3>{}.validate());
}

// ---------------------------------------------------------------------------------------------
// DELAY FIXED

TEST_CASE("sd::delay_fixed rounds the delay to whole steps, at least one") {
  // n = max(1, round(delay / dt)).
  struct row {
    double delay;
    double dt;
    std::size_t steps;
  };
  for (const row r : {row{1.2, 1.0, 1}, row{1.5, 1.0, 2}, row{0.0, 1.0, 1}, row{3.7, 1.0, 4},
                      row{0.4, 1.0, 1}, row{3.0, 1.0, 3}, row{1.0, 0.25, 4}, row{1.2, 0.5, 2},
                      row{0.1, 0.5, 1}, row{0.3, 0.1, 3}}) {  // 0.3 / 0.1 is 2.999...96
    CAPTURE(r.delay);
    CAPTURE(r.dt);
    sd::delay_fixed<> d;
    d.start(r.delay, r.dt, 0.0);
    CHECK(d.steps() == r.steps);
  }
  CHECK(sd::delay_fixed<>{}.steps() == 0u);  // before start()
}

TEST_CASE("sd::delay_fixed outputs the initial value for n steps, then the inputs in order") {
  sd::delay_fixed<> d;
  d.start(3.0, 1.0, -1.0);  // n = 3
  CHECK(d.output() == -1.0);  // before the first advance
  const std::vector<double> inputs{10.0, 20.0, 30.0, 40.0, 50.0, 60.0};
  std::vector<double> outputs;
  for (double v : inputs) {
    d.advance(v);
    outputs.push_back(d.output());
  }
  CHECK(outputs == std::vector<double>{-1.0, -1.0, -1.0, 10.0, 20.0, 30.0});

  // n = 1 (a delay shorter than a step): one step late.
  sd::delay_fixed<> one;
  one.start(0.0, 0.5, 7.0);
  one.advance(1.0);
  CHECK(one.output() == 7.0);
  one.advance(2.0);
  CHECK(one.output() == 1.0);
  one.advance(3.0);
  CHECK(one.output() == 2.0);

  // float values too; delay 1 with dt = 0.25 is four steps.
  sd::delay_fixed<float> f;
  f.start(1.0, 0.25, 0.5f);
  std::vector<float> fo;
  for (float v : {1.0f, 2.0f, 3.0f, 4.0f, 5.0f, 6.0f}) {
    f.advance(v);
    fo.push_back(f.output());
  }
  CHECK(fo == std::vector<float>{0.5f, 0.5f, 0.5f, 0.5f, 1.0f, 2.0f});
}

TEST_CASE("sd::delay_fixed start() resets the pipeline") {
  sd::delay_fixed<> d;
  d.start(2.0, 1.0, 0.0);
  d.advance(5.0);
  d.advance(6.0);
  d.advance(7.0);
  CHECK(d.output() == 5.0);
  d.start(1.0, 1.0, 9.0);  // a fresh run: nothing of the old one remains
  CHECK(d.steps() == 1u);
  CHECK(d.output() == 9.0);
  d.advance(1.0);
  CHECK(d.output() == 9.0);
  d.advance(2.0);
  CHECK(d.output() == 1.0);
}

TEST_CASE("sd::delay_fixed start() rejects a negative or non-finite delay and dt <= 0") {
  sd::delay_fixed<> d;
  GD_CHECK_INVALID("goaldrift::sd::delay_fixed", "delay_time", "-1", d.start(-1.0, 1.0, 0.0));
  GD_CHECK_INVALID("goaldrift::sd::delay_fixed", "delay_time", "nan", d.start(nan_v, 1.0, 0.0));
  GD_CHECK_INVALID("goaldrift::sd::delay_fixed", "delay_time", "inf", d.start(inf_v, 1.0, 0.0));
  GD_CHECK_INVALID("goaldrift::sd::delay_fixed", "dt", "0", d.start(1.0, 0.0, 0.0));
  GD_CHECK_INVALID("goaldrift::sd::delay_fixed", "dt", "-0.5", d.start(1.0, -0.5, 0.0));
  GD_CHECK_INVALID("goaldrift::sd::delay_fixed", "dt", "nan", d.start(1.0, nan_v, 0.0));
  GD_CHECK_INVALID("goaldrift::sd::delay_fixed", "dt", "inf", d.start(1.0, inf_v, 0.0));
  CHECK_THROWS_WITH_AS(d.start(-1.0, 1.0, 0.0),
                       "goaldrift::sd::delay_fixed: delay_time must be non-negative and finite, "
                       "got -1",
                       gd::invalid_parameter);
}

// ---------------------------------------------------------------------------------------------
// TREND

TEST_CASE("sd::trend starts at the initial trend and is 0 in equilibrium") {
  // average(0) = input / (1 + g T) = 10 / 1.1; trend = (10 - 10/1.1) / (5 * 10/1.1) = 0.1/5 = g.
  std::array<double, 1> x{};
  sd::trend::initialize(x.data(), 10.0, 5.0, 0.02);
  CHECK(x[0] == doctest::Approx(10.0 / 1.1).epsilon(1e-15));
  CHECK(sd::trend::output(x.data(), 10.0, 5.0) == doctest::Approx(0.02).epsilon(1e-12));

  // Average equal to the input: no trend and no change.
  x[0] = 7.0;
  CHECK(sd::trend::output(x.data(), 7.0, 3.0) == 0.0);
  std::array<double, 1> d{1.0};
  sd::trend::derivative(x.data(), 7.0, 3.0, d.data());
  CHECK(d[0] == 0.0);
  // initial_trend 0: starts in equilibrium.
  sd::trend::initialize(x.data(), 4.0, 2.0, 0.0);
  CHECK(x[0] == 4.0);
  CHECK(sd::trend::output(x.data(), 4.0, 2.0) == 0.0);
}

TEST_CASE("sd::trend is ZIDZ(input - average, average_time * |average|)") {
  std::array<double, 1> x{-4.0};
  // (-2 - -4) / (2 * 4) = 0.25: the absolute value keeps the sign of the change.
  CHECK(sd::trend::output(x.data(), -2.0, 2.0) == 0.25);
  std::array<double, 1> d{};
  sd::trend::derivative(x.data(), -2.0, 2.0, d.data());
  CHECK(d[0] == 1.0);  // (-2 - -4) / 2

  x[0] = 2.0;
  CHECK(sd::trend::output(x.data(), 5.0, 3.0) == 0.5);  // 3 / 6
  sd::trend::derivative(x.data(), 5.0, 3.0, d.data());
  CHECK(d[0] == 1.0);

  // An average of 0 gives 0, not inf or NaN.
  x[0] = 0.0;
  const double t0 = sd::trend::output(x.data(), 3.0, 2.0);
  CHECK(t0 == 0.0);
  CHECK(std::isfinite(t0));
  sd::trend::initialize(x.data(), 0.0, 2.0, 0.1);  // a zero input gives a zero average
  CHECK(x[0] == 0.0);
  CHECK(sd::trend::output(x.data(), 0.0, 2.0) == 0.0);
}

TEST_CASE("sd::trend of exponential growth at rate g stays at g") {
  // input = e^{g t}. average = e^{g t} / (1 + g T) solves d avg/dt = (input - avg) / T, and
  // for it trend = (1 - 1/(1 + gT)) (1 + gT) / T = g exactly, at every t.
  const double g = 0.05;
  const double T = 4.0;
  std::array<double, 1> x{};
  sd::trend::initialize(x.data(), 1.0, T, g);
  rk4(x, 0.0, 0.01, 1000, [&](const auto& s, double t, auto& d) {
    sd::trend::derivative(s.data(), std::exp(g * t), T, d.data());
  });
  CHECK(x[0] == doctest::Approx(std::exp(g * 10.0) / (1.0 + g * T)).epsilon(1e-10));
  CHECK(sd::trend::output(x.data(), std::exp(g * 10.0), T) == doctest::Approx(g).epsilon(1e-9));
}

TEST_CASE("sd: delay_n::fit_order_to_step keeps the order when order * dt equals the delay up to rounding") {
  // 3 * 0.1 is 0.30000000000000004 > 0.3 in binary; the order must still stay 3.
  goaldrift::sd::delay_n<3> d(3);
  CHECK(d.fit_order_to_step(0.1, 0.3) == 3);
  goaldrift::sd::delay_n<3> e(3);
  CHECK(e.fit_order_to_step(0.1, 0.29) == 2);
}

// ---------------------------------------------------------------------------------------------
// Bad time constants: each kernel names itself, the parameter and the value.

TEST_CASE("sd kernels refuse zero, negative, NaN and infinite time constants") {
  for (double bad : {0.0, -2.0, nan_v, inf_v}) {
    const std::string v = gd::detail::format_number(bad);
    CAPTURE(v);
    std::array<double, 4> x{};
    GD_CHECK_INVALID("goaldrift::sd::smooth", "smoothing_time", v, sd::smooth::validate(bad));
    GD_CHECK_INVALID("goaldrift::sd::smooth3", "smoothing_time", v, sd::smooth3::validate(bad));
    GD_CHECK_INVALID("goaldrift::sd::smooth_chain", "smoothing_time", v, sd::smooth_chain<2>::validate(bad));
    GD_CHECK_INVALID("goaldrift::sd::smooth_n", "smoothing_time", v, sd::smooth_n<4>(2).validate(bad));
    GD_CHECK_INVALID("goaldrift::sd::asymmetric_smooth", "falling_time", v, sd::asymmetric_smooth::validate(bad, 1.0));
    GD_CHECK_INVALID("goaldrift::sd::asymmetric_smooth", "rising_time", v, sd::asymmetric_smooth::validate(1.0, bad));
    // The delays and TREND see their time at initialize(), before any integration.
    GD_CHECK_INVALID("goaldrift::sd::delay1", "delay_time", v, sd::delay1::initialize(x.data(), 1.0, bad));
    GD_CHECK_INVALID("goaldrift::sd::delay3", "delay_time", v, sd::delay3::initialize(x.data(), 1.0, bad));
    GD_CHECK_INVALID("goaldrift::sd::delay_chain", "delay_time", v, sd::delay_chain<2>::validate(bad));
    sd::delay_n<4> dn(3);
    GD_CHECK_INVALID("goaldrift::sd::delay_n", "delay_time", v, dn.initialize(x.data(), 1.0, bad));
    GD_CHECK_INVALID("goaldrift::sd::trend", "average_time", v, sd::trend::initialize(x.data(), 1.0, bad, 0.0));
  }
  std::array<double, 4> x{};
  GD_CHECK_INVALID("goaldrift::sd::trend", "initial_trend", "nan", sd::trend::initialize(x.data(), 1.0, 2.0, nan_v));
  CHECK_THROWS_WITH_AS(sd::delay3::initialize(x.data(), 1.0, -2.0),
                       "goaldrift::sd::delay3: delay_time must be positive and finite, got -2",
                       gd::invalid_parameter);
  CHECK_THROWS_WITH_AS(sd::smooth::validate(0.0),
                       "goaldrift::sd::smooth: smoothing_time must be positive and finite, got 0",
                       gd::invalid_parameter);
  // A changed order is caught by validate(smoothing_time) too, and by delay_n's initialize().
  sd::smooth_n<4> sn(2);
  sn.order = 9;
  GD_CHECK_INVALID("goaldrift::sd::smooth_n", "order", "9", sn.validate(1.0));
  // Good values pass, and a refused initialize() leaves the stocks alone.
  CHECK_NOTHROW(sd::smooth3::validate(0.5));
  CHECK_NOTHROW(sd::asymmetric_smooth::validate(1.0, 6.0));
  CHECK_NOTHROW(sd::trend::initialize(x.data(), 1.0, 2.0, -0.1));
  std::array<double, 3> stocks{7.0, 7.0, 7.0};
  CHECK_THROWS_AS(sd::delay3::initialize(stocks.data(), 1.0, 0.0), gd::invalid_parameter);
  CHECK(stocks == std::array<double, 3>{7.0, 7.0, 7.0});
}

TEST_CASE("sd::delay_fixed started with the run context refuses an adaptive method") {
  sd::delay_fixed<> d;
  const gd::run_context adaptive{0.0, 10.0, 0.5, false, "dopri5"};
  GD_CHECK_INVALID("goaldrift::sd::delay_fixed", "method", "dopri5", d.start(2.0, adaptive, 0.0));
  CHECK(d.steps() == 0);
  const gd::run_context fixed{0.0, 10.0, 0.5, true, "euler"};
  d.start(2.0, fixed, 0.0);
  CHECK(d.steps() == 4);
}
