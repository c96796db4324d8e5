// Analytic results the goal-erosion model must reproduce (see docs/model.md).
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include <boost/numeric/odeint/integrate/integrate_adaptive.hpp>
#include <boost/numeric/odeint/stepper/generation.hpp>
#include <goaldrift/goaldrift.hpp>

#include "support/matrix_exponential.hpp"

namespace gd = goaldrift;

TEST_CASE("floating goal conserves SAT*S + GAT*G and settles at the weighted mean") {
  // S' = (G - S)/SAT, G' = (S - G)/GAT: an instant perception, a floating goal, no pressure.
  const double sat = 3.0, gat = 7.0, s0 = 40.0, g0 = 100.0;
  const auto m = gd::make_model(gd::state::actual(s0, sat), gd::perception::instant{},
                                gd::goal::floating(g0, gat));
  const double conserved = sat * s0 + gat * g0;
  const double settle = conserved / (sat + gat);  // 82
  for (const auto& result : {gd::simulate(m, gd::run_options(0, 200, 0.25), gd::method::euler{}),
                             gd::simulate(m, gd::run_options(0, 200, 0.25), gd::method::rk4{}),
                             gd::simulate(m, gd::run_options(0, 200, 0.25), gd::method::dopri5{})}) {
    for (std::size_t i = 0; i < result.size(); ++i) {
      // Runge-Kutta methods keep every linear invariant up to rounding.
      CHECK(sat * result.actual()[i] + gat * result.desired()[i] ==
            doctest::Approx(conserved).epsilon(1e-12));
    }
    CHECK(result.final_value("S") == doctest::Approx(settle).epsilon(1e-9));
    CHECK(result.final_value("D") == doctest::Approx(settle).epsilon(1e-9));
  }
}

TEST_CASE("eroding goal under constant pressure declines at u*ta/(ta+tg) whatever the perception time") {
  const double ta = 4.0, tg = 10.0, u = 1.5;
  const double rate = u * ta / (ta + tg);
  auto late_slope = [](const gd::trajectory& t, const char* var) {
    const auto& v = t[var];
    const auto& time = t.time();
    const std::size_t n = v.size() - 1;
    return (v[n] - v[n - 10]) / (time[n] - time[n - 10]);
  };
  const auto options = gd::run_options(0, 400, 0.125).saving_every(1.0);
  std::vector<gd::trajectory> runs;
  for (double tp : {0.25, 2.0, 8.0}) {
    runs.push_back(gd::simulate(gd::make_model(gd::state::actual(100.0, ta), gd::perception::smooth(tp),
                                               gd::goal::floating(100.0, tg), u),
                                options));
  }
  runs.push_back(gd::simulate(gd::make_model(gd::state::actual(100.0, ta), gd::perception::smooth3(5.0),
                                             gd::goal::floating(100.0, tg), u),
                              options));
  runs.push_back(gd::simulate(gd::make_model(gd::state::actual(100.0, ta), gd::perception::instant{},
                                             gd::goal::floating(100.0, tg), u),
                              options));
  for (const auto& r : runs) {
    CHECK(late_slope(r, "S") == doctest::Approx(-rate).epsilon(1e-6));
    CHECK(late_slope(r, "D") == doctest::Approx(-rate).epsilon(1e-6));
  }
}

TEST_CASE("absolute standard under constant pressure settles at D0 - u*ta") {
  const double ta = 4.0, u = 1.5, d0 = 100.0;
  const auto options = gd::run_options(0, 300, 0.125);
  const auto a = gd::simulate(gd::make_model(gd::state::actual(100.0, ta), gd::perception::smooth3(3.0),
                                             gd::goal::absolute(d0), u),
                              options);
  const auto b = gd::simulate(gd::make_model(gd::state::actual(70.0, ta), gd::perception::asymmetric(1.0, 6.0),
                                             gd::goal::absolute(d0), u),
                              options);
  CHECK(a.final_value("S") == doctest::Approx(d0 - u * ta).epsilon(1e-9));
  CHECK(b.final_value("S") == doctest::Approx(d0 - u * ta).epsilon(1e-9));
}

namespace {

// The time integral of u(t) = 1 + 0.5 sin(t) + 2 STEP(at 10), from 0 to t (the step lies on
// every grid used below, so Vensim's jump rule puts it exactly at t = 10).
double pressure_integral(double t) {
  return t + 0.5 * (1.0 - std::cos(t)) + (t > 10.0 ? 2.0 * (t - 10.0) : 0.0);
}
auto pressure() {
  return gd::input::function([](double t) { return 1.0 + 0.5 * std::sin(t); }) +
         gd::input::step(2.0, 10.0);
}

// Checks ta*S + tg*D + ta * integral of u = const along a run.
template <class Integral>
void check_invariant(const gd::trajectory& r, double ta, double tg, double tolerance,
                     Integral integral) {
  const double i0 = ta * r.actual()[0] + tg * r.desired()[0];
  for (std::size_t i = 0; i < r.size(); ++i) {
    const double value = ta * r.actual()[i] + tg * r.desired()[i] + ta * integral(r.time()[i]);
    CHECK(value == doctest::Approx(i0).epsilon(tolerance));
  }
}
void check_invariant(const gd::trajectory& r, double ta, double tg, double tolerance) {
  check_invariant(r, ta, tg, tolerance, pressure_integral);
}

// What Euler makes of the integral of u: the left rectangle rule on its grid, with u taken
// as simulate() takes it (jumps decided at t_k + dt/2).
double euler_pressure_sum(double t, double dt) {
  const auto u = pressure();
  double sum = 0.0;
  for (double k = 0.0; k * dt < t - 0.5 * dt; k += 1.0) {
    const double tk = k * dt;
    sum += dt * u(gd::time_point{tk, tk + 0.5 * dt, 0.5 * dt});
  }
  return sum;
}

}  // namespace

TEST_CASE("d/dt(ta*S + tg*D) = -ta*u(t) whatever a biased, delayed, asymmetric perception does") {
  const double ta = 4.0, tg = 9.0;
  const auto state = gd::state::actual(100.0, ta);
  const auto goal = gd::goal::floating(100.0, tg);
  // A sensor that reads 30 % low from t = 5 to 15 and 2 points high throughout.
  const auto bias = gd::input::pulse(5.0, 10.0, 0.3);
  const auto options = gd::run_options(0, 60, 0.0625).saving_every(0.5);

  SUBCASE("asymmetric perception behind a biased sensor (rk4)") {
    const auto m = gd::make_model(state, gd::perception::distorted(gd::perception::asymmetric(1.0, 6.0), bias, 2.0),
                                  goal, pressure());
    check_invariant(gd::simulate(m, options, gd::method::rk4{}), ta, tg, 1e-9);
  }
  SUBCASE("reporting delay (DELAY FIXED) behind a biased sensor (euler)") {
    const auto m = gd::make_model(state, gd::perception::distorted(gd::perception::reporting_delay(3.0), bias),
                                  goal, pressure());
    check_invariant(gd::simulate(m, options, gd::method::euler{}), ta, tg, 1e-11,
                    [&](double t) { return euler_pressure_sum(t, options.dt); });
  }
  SUBCASE("fused channels with different delays and biases (dopri5)") {
    namespace p = gd::perception;
    const auto fused = p::fused(p::make_channel("front", 0.6, p::distorted(p::smooth(0.5), 0.0)),
                                p::make_channel("top", 0.4, p::distorted(p::smooth3(6.0), -0.2)));
    const auto m = gd::make_model(state, fused, goal, pressure());
    auto tight = options;
    tight.with_tolerances(1e-12, 1e-12);
    check_invariant(gd::simulate(m, tight, gd::method::dopri5{}), ta, tg, 1e-9);
  }
  SUBCASE("a goal set from a biased memory is not bound by it: it drifts") {
    // The counter-example, so the check above can fail: with a pessimistic memory M as the
    // goal's signal, d/dt(ta S + tg D) = (M - P) - ta u. Under zero-mean pressure
    // u = 2 sin(t) the memory sits below P on average, so ta S + tg D + ta * integral(u)
    // falls instead of staying put.
    const auto m = gd::make_model(state, gd::perception::asymmetric(1.0, 6.0),
                                  gd::goal::floating(100.0, tg, gd::goal::remembered(1.0, 12.0)),
                                  [](double t) { return 2.0 * std::sin(t); });
    const auto r = gd::simulate(m, options, gd::method::rk4{});
    const std::size_t n = r.size() - 1;
    const double t = r.time()[n];
    const double residual = ta * r.actual()[n] + tg * r.desired()[n] + ta * 2.0 * (1.0 - std::cos(t)) -
                            (ta + tg) * 100.0;
    CHECK(residual < -10.0);
  }
}

TEST_CASE("a linear model agrees with its matrix-exponential solution") {
  // x = [S, P1, P2, P3, D]: proportional action, SMOOTH3 perception, floating goal, constant u.
  // The matrix is written from the equations, not taken from the library:
  //   S' = (D - P3)/ta - u,  Pi' = (P(i-1) - Pi) / (tp/3) with P0 = S,  D' = (P3 - D)/tg.
  const double ta = 3.0, tp = 4.5, tg = 8.0, u = 1.2;
  const double k = 3.0 / tp;
  // Augmented with a constant 1 so the pressure term is part of the matrix.
  support::matrix<6> a{};
  a[0] = {0, 0, 0, -1 / ta, 1 / ta, -u};
  a[1] = {k, -k, 0, 0, 0, 0};
  a[2] = {0, k, -k, 0, 0, 0};
  a[3] = {0, 0, k, -k, 0, 0};
  a[4] = {0, 0, 0, 1 / tg, -1 / tg, 0};
  const std::array<double, 6> x0{100.0, 90.0, 95.0, 97.0, 110.0, 1.0};

  const auto m = gd::make_model(gd::state::actual(x0[0], ta), gd::perception::smooth3(tp),
                                gd::goal::floating(x0[4], tg), u);
  // The model is an odeint System: integrate it with odeint itself from a state whose
  // perception stages differ (SMOOTH3 would start them all at one value).
  using state = decltype(m)::state_type;
  state x{x0[0], x0[1], x0[2], x0[3], x0[4]};
  boost::numeric::odeint::runge_kutta_dopri5<state> dopri;
  const double dt_out = 2.5;
  double t = 0.0;
  for (int step = 1; step <= 8; ++step) {
    boost::numeric::odeint::integrate_adaptive(
        boost::numeric::odeint::make_controlled(1e-13, 1e-13, dopri), m, x, t, t + dt_out, 0.01);
    t += dt_out;
    support::matrix<6> at = a;
    for (auto& row : at)
      for (double& v : row) v *= t;
    const auto exact = support::apply(support::expm(at), x0);
    for (std::size_t i = 0; i < 5; ++i) {
      CHECK(x[i] == doctest::Approx(exact[i]).epsilon(1e-10));
    }
  }
  // simulate() from the library's own initial state agrees with the same exact solution.
  const auto r = gd::simulate(m, gd::run_options(0, 20, 0.01).saving_every(2.5), gd::method::rk4{});
  const std::array<double, 6> y0{100.0, 100.0, 100.0, 100.0, 110.0, 1.0};
  for (std::size_t j = 0; j < r.size(); ++j) {
    support::matrix<6> at = a;
    for (auto& row : at)
      for (double& v : row) v *= r.time()[j];
    const auto exact = support::apply(support::expm(at), y0);
    CHECK(r.actual()[j] == doctest::Approx(exact[0]).epsilon(1e-10));
    CHECK(r["perception.stage3"][j] == doctest::Approx(exact[3]).epsilon(1e-10));
    CHECK(r.desired()[j] == doctest::Approx(exact[4]).epsilon(1e-10));
  }
}
