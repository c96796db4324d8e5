// Measured convergence order by halving dt: Euler 1, RK4 4.
#include <doctest/doctest.h>

#include <cmath>

#include <goaldrift/goaldrift.hpp>

namespace gd = goaldrift;

namespace {

// A smooth, non-autonomous model: third-order perception, floating goal, pressure that varies
// smoothly in time. Nothing in it jumps or kinks, so the methods show their textbook order.
auto smooth_model() {
  return gd::make_model(gd::state::actual(100.0, 3.0), gd::perception::smooth3(4.0),
                        gd::goal::floating(110.0, 8.0),
                        [](double t) { return 1.0 + 2.0 * std::sin(t / 2.0); });
}

double error_at_end(const gd::trajectory& r, const gd::trajectory& reference) {
  double worst = 0.0;
  for (const char* var : {"S", "P", "D"}) {
    worst = std::max(worst, std::fabs(r.final_value(var) - reference.final_value(var)));
  }
  return worst;
}

template <class Method>
double measured_order(double coarse_dt) {
  const auto m = smooth_model();
  const double end = 20.0;
  auto tight = gd::run_options(0, end, 0.01);
  tight.with_tolerances(1e-14, 1e-14);
  const auto reference = gd::simulate(m, tight.saving_every(end), gd::method::dopri5{});
  const auto coarse = gd::simulate(m, gd::run_options(0, end, coarse_dt), Method{});
  const auto fine = gd::simulate(m, gd::run_options(0, end, coarse_dt / 2), Method{});
  const double e1 = error_at_end(coarse, reference);
  const double e2 = error_at_end(fine, reference);
  INFO("errors " << e1 << " and " << e2 << " at dt = " << coarse_dt << " and " << coarse_dt / 2);
  REQUIRE(e2 > 0.0);
  return std::log2(e1 / e2);
}

}  // namespace

TEST_CASE("euler converges with order 1.0 +- 0.1") {
  for (double dt : {0.05, 0.025}) {
    const double order = measured_order<gd::method::euler>(dt);
    MESSAGE("euler, dt " << dt << " -> " << dt / 2 << ": measured order " << order);
    // Not Approx: its epsilon is relative to 1 + |value|, which would accept 0.8 .. 1.22.
    CHECK(std::fabs(order - 1.0) <= 0.1);
  }
}

TEST_CASE("rk4 converges with order 4.0 +- 0.2") {
  for (double dt : {0.4, 0.2}) {
    const double order = measured_order<gd::method::rk4>(dt);
    MESSAGE("rk4, dt " << dt << " -> " << dt / 2 << ": measured order " << order);
    CHECK(std::fabs(order - 4.0) <= 0.2);
  }
}
