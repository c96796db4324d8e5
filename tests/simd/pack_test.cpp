// The SIMD pack: lane-wise arithmetic, comparisons and selects, and the parts running on it.
#include <doctest/doctest.h>

#include <cmath>

#include <goaldrift/goaldrift.hpp>
#include <goaldrift/simd/pack.hpp>

#include "support/same_as_scalar.hpp"

namespace gd = goaldrift;
// The default storage (compiler vectors on GCC and Clang) and the portable array fallback.
using vector_pack = gd::simd::pack<4>;
using array_pack = gd::simd::pack<4, gd::simd::detail::array_storage<4>>;

template <class P>
P lanes(const std::array<double, 4>& values) {
  return gd::math::scalar_ops<P>::from_lanes(values.data());
}
template <class P>
std::array<double, 4> lanes_of(const P& p) {
  return {p[0], p[1], p[2], p[3]};
}

TEST_CASE_TEMPLATE("pack arithmetic and comparisons work lane by lane, with doubles broadcast", pack4, vector_pack, array_pack) {
  const pack4 a = lanes<pack4>({1.0, -2.0, 3.0, 0.5});
  const pack4 b(2.0);
  const auto c = (a + b) * 3.0 - 1.0 / b;
  for (std::size_t i = 0; i < 4; ++i) CHECK(c[i] == (a[i] + 2.0) * 3.0 - 0.5);
  const auto m = a < b;
  CHECK((m[0] && m[1] && !m[2] && m[3]));
  const auto s = gd::math::select(m, a, b);
  CHECK(lanes_of(s) == std::array<double, 4>{1.0, -2.0, 2.0, 0.5});
  CHECK(lanes_of(gd::math::max(a, b)) == std::array<double, 4>{2.0, 2.0, 3.0, 2.0});
  CHECK(lanes_of(gd::math::abs(a)) == std::array<double, 4>{1.0, 2.0, 3.0, 0.5});
  CHECK(lanes_of(gd::math::zidz(a, pack4(0.0))) == std::array<double, 4>{0.0, 0.0, 0.0, 0.0});
  CHECK(gd::math::any(m));
  CHECK_FALSE(gd::math::all(m));
}

TEST_CASE_TEMPLATE("a model over packs steps each lane as the scalar model steps that member", pack4, vector_pack, array_pack) {
  auto factory = [](auto zero) {
    using T = decltype(zero);
    return gd::make_model(gd::state::actual(T(100.0), T(4.0)).with_floor(T(90.0)),
                          gd::perception::asymmetric(T(1.0), T(6.0)), gd::goal::best_past(T(100.0), T(2.0)),
                          [](double t) { return 3.0 * std::sin(t); });
  };
  const std::array<double, 4> action_times{4.0, 2.0, 8.0, 0.5};
  auto packed = factory(pack4{});
  packed.state.corrective.action_time = lanes<pack4>(action_times);
  // A pack model takes up changed parameters when it starts (detail::cached_rate), as the
  // ensemble runner starts every one.
  packed.start(gd::run_context{0.0, 20.0, 0.125, true, "rk4"});
  // Step the pack with the fixed-step loop simulate() uses, by hand.
  using state = typename decltype(packed)::state_type;
  boost::numeric::odeint::runge_kutta4_classic<state> stepper;  // what method::rk4 uses
  state x = packed.initial_state(0.0);
  const double dt = 0.125;
  for (int k = 0;; ++k) {
    const double t = dt * k;
    const gd::time_point when{t, t + 0.5 * dt, 0.5 * dt};
    packed.advance(x, when);  // the floor's projection
    if (k == 160) break;
    stepper.do_step([&](const state& xs, state& d, double ts) { packed.rhs(xs, d, gd::time_point{ts, when.jump_t, when.half_step}); },
                    x, t, dt);
  }
  for (std::size_t lane = 0; lane < 4; ++lane) {
    CAPTURE(lane);
    auto scalar = factory(0.0);
    scalar.state.corrective.action_time = action_times[lane];
    const auto one = gd::simulate(scalar, gd::run_options(0.0, 20.0, dt), gd::method::rk4{});
    CHECK(support::same_as_scalar(x[0][lane], one.final_value("S")));  // the same operations
    CHECK(support::same_as_scalar(x[2][lane], one.final_value("D")));
  }
}
