// The parts are generic over the scalar type: the same model code runs on float, long double
// and a two-lane pack, and each lane of the pack matches its own scalar run.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <tuple>
#include <utility>

#include <goaldrift/goaldrift.hpp>

#include "support/pack2.hpp"

namespace gd = goaldrift;
using support::pack2;

namespace {

// Every part with a value-dependent choice: asymmetric perception behind a sensor, a best-past
// goal following an asymmetric memory, a floor, a capacity limit.
template <class T>
auto branchy_model(T action_time, T bad_news, T rise, T floor) {
  namespace p = gd::perception;
  return gd::make_model(
      gd::state::actual(T(100.0), gd::state::capacity_limited(action_time, T(3.0))).with_floor(floor),
      p::distorted(p::asymmetric(bad_news, T(6.0)), gd::input::pulse(5.0, 5.0, 0.3)),
      gd::goal::best_past(T(100.0), rise, gd::goal::remembered(T(1.0), T(8.0))),
      [](double t) { return 2.0 + 4.0 * std::sin(t); });
}

// The other value-dependent parts: a lookup-shaped action whose table saturates, under three
// goals, a slip-only goal (a min), an alarm-modulated goal (a lookup of the gap) and a blended
// goal. A sudden shock and a slow squeeze make the gaps large enough to reach every kink.
template <class T, class Goal>
auto shaped_model(T action_time, T floor, Goal goal) {
  const gd::sd::lookup effect{{-0.5, -0.2}, {0.0, 0.0}, {0.05, 0.05}, {0.3, 0.1}};
  return gd::make_model(
      gd::state::actual(T(100.0), gd::state::lookup_shaped(action_time, effect)).with_floor(floor),
      gd::perception::smooth(T(1.5)), std::move(goal),
      gd::input::pulse(4.0, 2.0, 12.0) + gd::input::function([](double t) { return 1.0 + 3.0 * std::sin(0.7 * t); }));
}
template <class T>
auto shaped_slip_only(T action_time, T floor, T adjustment) {
  return shaped_model(action_time, floor, gd::goal::slip_only(T(100.0), adjustment));
}
template <class T>
auto shaped_alarm(T action_time, T floor, T adjustment) {
  return shaped_model(action_time, floor,
                      gd::goal::alarm_modulated(T(100.0), adjustment, gd::goal::alarm_curve(0.02, 0.1),
                                                gd::goal::remembered(T(1.0), T(6.0))));
}
template <class T>
auto shaped_blended(T action_time, T floor, T weight) {
  return shaped_model(action_time, floor, gd::goal::blended(T(100.0), weight, T(5.0)));
}

/// Steps the packed model by explicit Euler by hand, with the fixed-step jump rule and the
/// floor projection (advance) that simulate() applies, and checks each lane against
/// simulate() of that lane's scalar model, variable by variable, bit for bit.
template <class Packed, class Scalar>
void check_lanes_match(const Packed& packed, const Scalar& lane0, const Scalar& lane1) {
  using packed_state = typename Packed::state_type;
  using scalar_state = typename Scalar::state_type;
  static_assert(std::tuple_size<packed_state>::value == std::tuple_size<scalar_state>::value);
  auto packed_model = packed;
  packed_state x = packed_model.initial_state(0.0);
  const double dt = 0.125;
  const auto r0 = gd::simulate(lane0, gd::run_options(0.0, 30.0, dt), gd::method::euler{});
  const auto r1 = gd::simulate(lane1, gd::run_options(0.0, 30.0, dt), gd::method::euler{});
  packed_state dxdt{};
  for (std::size_t k = 0; k < r0.size(); ++k) {
    const double t = static_cast<double>(k) * dt;
    const gd::time_point when{t, t + 0.5 * dt, 0.5 * dt};
    packed_model.advance(x, when);
    for (std::size_t i = 0; i < x.size(); ++i) {
      const auto& name = r0.names()[i + Scalar::observed_size];
      CAPTURE(name);
      CAPTURE(t);
      CHECK(x[i].lane[0] == r0[name][k]);  // bit for bit: the same operations in the same order
      CHECK(x[i].lane[1] == r1[name][k]);
    }
    packed_model.rhs(x, dxdt, when);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = x[i] + pack2(dt) * dxdt[i];
  }
}

}  // namespace

TEST_CASE("float and long double run the same model as double, to their precision") {
  const auto options = gd::run_options(0.0, 30.0, 0.125);
  const auto d = gd::simulate(branchy_model(4.0, 1.0, 2.0, 90.0), options);
  const auto f = gd::simulate(branchy_model(4.0f, 1.0f, 2.0f, 90.0f), options);
  const auto l = gd::simulate(branchy_model(4.0L, 1.0L, 2.0L, 90.0L), options);
  for (std::size_t k = 0; k < d.size(); ++k) {
    CHECK(f.actual()[k] == doctest::Approx(d.actual()[k]).epsilon(1e-4));
    CHECK(l.actual()[k] == doctest::Approx(d.actual()[k]).epsilon(1e-12));
  }
}

TEST_CASE("a two-lane pack steps two members through the same part code, lane for lane") {
  // Two members with different parameters, chosen so that the lanes take different sides of
  // every select: different action times, news times, rise times and floors.
  check_lanes_match(branchy_model(pack2(4.0, 2.0), pack2(1.0, 3.0), pack2(2.0, 0.5), pack2(90.0, 0.0)),
                    branchy_model(4.0, 1.0, 2.0, 90.0), branchy_model(2.0, 3.0, 0.5, 0.0));
}

TEST_CASE("a two-lane pack matches lane for lane with lookup-shaped action and slip-only, alarm-modulated, blended goals") {
  SUBCASE("slip_only") {
    check_lanes_match(shaped_slip_only(pack2(4.0, 1.5), pack2(92.0, 0.0), pack2(6.0, 20.0)),
                      shaped_slip_only(4.0, 92.0, 6.0), shaped_slip_only(1.5, 0.0, 20.0));
  }
  SUBCASE("alarm_modulated") {
    check_lanes_match(shaped_alarm(pack2(4.0, 1.5), pack2(92.0, 0.0), pack2(6.0, 20.0)),
                      shaped_alarm(4.0, 92.0, 6.0), shaped_alarm(1.5, 0.0, 20.0));
  }
  SUBCASE("blended") {
    check_lanes_match(shaped_blended(pack2(4.0, 1.5), pack2(92.0, 0.0), pack2(0.8, 0.2)),
                      shaped_blended(4.0, 92.0, 0.8), shaped_blended(1.5, 0.0, 0.2));
  }
}

TEST_CASE("validation looks at every lane and names the first bad one") {
  CHECK_THROWS_WITH_AS((void)gd::perception::smooth(pack2(2.0, -1.0)),
                       "goaldrift::perception::smooth: smoothing_time must be positive and finite, got -1",
                       gd::invalid_parameter);
  namespace p = gd::perception;
  CHECK_THROWS_WITH_AS((void)p::fused(p::make_channel("a", pack2(0.5, 0.7), p::smooth(pack2(1.0))),
                                      p::make_channel("b", pack2(0.5, 0.5), p::smooth(pack2(2.0)))),
                       "goaldrift::perception::fused: weights must sum to 1 (their sum is the value shown), got 1.2",
                       gd::invalid_parameter);
}
