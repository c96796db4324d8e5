// The parts are generic over the scalar type: the same model code runs on float, long double
// and a two-lane pack, and each lane of the pack matches its own scalar run.
#include <doctest/doctest.h>

#include <cmath>

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
  const auto packed = branchy_model(pack2(4.0, 2.0), pack2(1.0, 3.0), pack2(2.0, 0.5), pack2(90.0, 0.0));
  const auto lane0 = branchy_model(4.0, 1.0, 2.0, 90.0);
  const auto lane1 = branchy_model(2.0, 3.0, 0.5, 0.0);
  using packed_state = decltype(packed)::state_type;
  using scalar_state = decltype(lane0)::state_type;
  static_assert(std::tuple_size<packed_state>::value == std::tuple_size<scalar_state>::value);

  packed_state x = packed.initial_state(0.0);
  // Explicit Euler by hand on the packed state, with the fixed-step jump rule and the floor
  // projection (advance) that simulate() applies; compare with simulate() on each lane.
  auto packed_model = packed;
  const double dt = 0.125;
  const auto r0 = gd::simulate(lane0, gd::run_options(0.0, 30.0, dt), gd::method::euler{});
  const auto r1 = gd::simulate(lane1, gd::run_options(0.0, 30.0, dt), gd::method::euler{});
  packed_state dxdt{};
  for (std::size_t k = 0; k < r0.size(); ++k) {
    const double t = static_cast<double>(k) * dt;
    const gd::time_point when{t, t + 0.5 * dt, 0.5 * dt};
    packed_model.advance(x, when);
    for (std::size_t i = 0; i < x.size(); ++i) {
      const auto& name = r0.names()[i + decltype(lane0)::observed_size];
      CHECK(x[i].lane[0] == r0[name][k]);  // bit for bit: the same operations in the same order
      CHECK(x[i].lane[1] == r1[name][k]);
    }
    packed_model.rhs(x, dxdt, when);
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = x[i] + pack2(dt) * dxdt[i];
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
