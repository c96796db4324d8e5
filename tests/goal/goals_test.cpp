// What each goal policy does with a known performance history.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include <goaldrift/goaldrift.hpp>

namespace gd = goaldrift;

namespace {
// Performance falls by 30 over months 5-10 and recovers over months 20-25 (pressure then relief),
// perceived instantly; action is negligible (action time 1e9) so S follows the pressure alone.
auto falls_then_recovers() {
  return gd::input::pulse(5.0, 5.0, 6.0) + gd::input::pulse(20.0, 5.0, -6.0);
}
template <class Goal>
gd::trajectory run(Goal goal, double end = 60.0) {
  return gd::simulate(gd::make_model(gd::state::actual(100.0, 1e9), gd::perception::instant{}, std::move(goal),
                                     falls_then_recovers()),
                      gd::run_options(0.0, end, 0.125).saving_every(0.5), gd::method::rk4{});
}
bool never_rises(const std::vector<double>& v) {
  for (std::size_t k = 1; k < v.size(); ++k)
    if (v[k] > v[k - 1]) return false;
  return true;
}
bool never_falls(const std::vector<double>& v) {
  for (std::size_t k = 1; k < v.size(); ++k)
    if (v[k] < v[k - 1]) return false;
  return true;
}
}  // namespace

TEST_CASE("a floating goal follows performance down and back up") {
  const auto r = run(gd::goal::floating(100.0, 4.0));
  CHECK(*std::min_element(r.desired().begin(), r.desired().end()) < 80.0);
  CHECK(r.final_value("D") == doctest::Approx(100.0).epsilon(1e-3));
}

TEST_CASE("a slip-only goal moves down with bad news and never back up on its own") {
  const auto r = run(gd::goal::slip_only(100.0, 4.0));
  CHECK(never_rises(r.desired()));
  const double lowest = *std::min_element(r.desired().begin(), r.desired().end());
  CHECK(lowest < 80.0);
  CHECK(r.final_value("D") == lowest);  // recovery of S did not lift it
  CHECK(r.final_value("S") == doctest::Approx(100.0).epsilon(1e-6));
}

TEST_CASE("a best-past ratchet rises to better results and never falls") {
  // Start the goal below performance: it rises toward 100 with the rise time, then holds
  // through the slump.
  const double rise = 2.0;
  const auto r = run(gd::goal::best_past(90.0, rise));
  CHECK(never_falls(r.desired()));
  // Before the slump: D - 100 = -10 exp(-t/rise).
  CHECK(r.desired()[8] == doctest::Approx(100.0 - 10.0 * std::exp(-4.0 / rise)).epsilon(1e-6));  // t = 4
  CHECK(r.final_value("D") == doctest::Approx(100.0).epsilon(1e-3));
}

TEST_CASE("a best-past ratchet with forgetting sinks toward worse results with the forgetting time") {
  const double forget = 20.0;
  const auto r = run(gd::goal::best_past(100.0, 1.0).with_forgetting(forget));
  // During the slump (S = 70 on months 10-20) D - 70 decays with the forgetting time.
  const double d10 = r.desired()[20];  // t = 10
  const double d20 = r.desired()[40];  // t = 20
  CHECK(d20 - 70.0 == doctest::Approx((d10 - 70.0) * std::exp(-10.0 / forget)).epsilon(1e-5));
  CHECK(d20 < d10);
}

TEST_CASE("as the rise time shrinks, best-past approaches the running maximum (PastMax)") {
  // Pressure -(10/3) cos(t/3) with negligible correction makes S = 100 + 10 sin(t/3), whose
  // running maximum is S itself up to t = 3 pi / 2 and 110 after. With a rise time of 0.01
  // the goal stays just below it.
  const auto m = gd::make_model(gd::state::actual(100.0, 1e9), gd::perception::instant{},
                                gd::goal::best_past(100.0, 0.01),
                                [](double t) { return -10.0 / 3.0 * std::cos(t / 3.0); });
  const auto r = gd::simulate(m, gd::run_options(0, 30, 0.001).saving_every(0.5), gd::method::rk4{});
  const double pi = 3.14159265358979323846;
  for (std::size_t k = 0; k < r.size(); ++k) {
    const double t = r.time()[k];
    const double past_max = t < 1.5 * pi ? 100.0 + 10.0 * std::sin(t / 3.0) : 110.0;
    CHECK(r.actual()[k] == doctest::Approx(100.0 + 10.0 * std::sin(t / 3.0)).epsilon(1e-6));
    CHECK(r.desired()[k] <= past_max + 1e-6);
    CHECK(r.desired()[k] >= past_max - 0.05);
  }
}

TEST_CASE("a blended goal mixes a fixed standard with a smoothed memory of performance") {
  const auto pure_standard = run(gd::goal::blended(100.0, 1.0, 6.0));
  for (double d : pure_standard.desired()) CHECK(d == 100.0);
  const auto half = run(gd::goal::blended(100.0, 0.5, 6.0));
  for (std::size_t k = 0; k < half.size(); ++k) {
    CHECK(half.desired()[k] == doctest::Approx(50.0 + 0.5 * half["goal.memory"][k]).epsilon(1e-14));
  }
  // With weight 0 the goal is the memory: SMOOTH(P, 6), the same as a floating goal with time 6.
  const auto memory_only = run(gd::goal::blended(100.0, 0.0, 6.0));
  const auto floating = run(gd::goal::floating(100.0, 6.0));
  for (std::size_t k = 0; k < floating.size(); ++k) {
    CHECK(memory_only.desired()[k] == doctest::Approx(floating.desired()[k]).epsilon(1e-12));
  }
  CHECK_THROWS_AS((void)gd::goal::blended(100.0, 1.5, 6.0), gd::invalid_parameter);
}

TEST_CASE("alarm-modulated erosion holds the goal while the relative gap is large") {
  // The slump opens a 30 % gap at once; the alarm (full at 10 %) stops the goal from moving.
  const auto alarmed = run(gd::goal::alarm_modulated(100.0, 4.0, gd::goal::alarm_curve(0.02, 0.10)));
  const auto plain = run(gd::goal::floating(100.0, 4.0));
  CHECK(*std::min_element(alarmed.desired().begin(), alarmed.desired().end()) > 90.0);
  CHECK(*std::min_element(plain.desired().begin(), plain.desired().end()) < 75.0);
  // A curve that is 1 everywhere makes it a plain floating goal.
  const auto never = run(gd::goal::alarm_modulated(100.0, 4.0, gd::sd::lookup{{0.0, 1.0}, {1.0, 1.0}}));
  for (std::size_t k = 0; k < plain.size(); ++k) {
    CHECK(never.desired()[k] == doctest::Approx(plain.desired()[k]).epsilon(1e-12));
  }
  CHECK(gd::goal::alarm_modulated<>::relative_gap(100.0, 70.0) == doctest::Approx(0.3));
  CHECK(gd::goal::alarm_modulated<>::relative_gap(0.0, 5.0) == 0.0);  // ZIDZ, not inf
}

TEST_CASE("a remembered performance takes bad news with one time and good news with another") {
  // Goal fixed at 100 from the floating part (adjustment time huge), so the memory alone moves.
  const auto pessimistic = run(gd::goal::floating(100.0, 1e9, gd::goal::remembered(1.0, 10.0)));
  const auto optimistic = run(gd::goal::floating(100.0, 1e9, gd::goal::remembered(10.0, 1.0)));
  // At t = 12, after the fall to 70 (months 5-10), the pessimistic memory is near 70.
  CHECK(pessimistic["goal.memory"][24] < 72.0);
  CHECK(optimistic["goal.memory"][24] > 80.0);
  // At t = 30, after the recovery to 100 (months 20-25), the roles swap.
  CHECK(pessimistic["goal.memory"][60] < 90.0);
  CHECK(optimistic["goal.memory"][60] > 99.0);
}
