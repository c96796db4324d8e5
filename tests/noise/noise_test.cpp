// White and pink noise: held over their interval, reproducible per (seed, member, interval),
// with the standard deviation and correlation time asked for.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include <goaldrift/ensemble.hpp>

#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;

namespace {
double sample_sd(const std::vector<double>& v) {
  double m = 0.0;
  for (double x : v) m += x / static_cast<double>(v.size());
  double s = 0.0;
  for (double x : v) s += (x - m) * (x - m);
  return std::sqrt(s / static_cast<double>(v.size() - 1));
}
double autocorrelation(const std::vector<double>& v, std::size_t lag) {
  double m = 0.0;
  for (double x : v) m += x / static_cast<double>(v.size());
  double num = 0.0, den = 0.0;
  for (std::size_t i = 0; i < v.size(); ++i) {
    den += (v[i] - m) * (v[i] - m);
    if (i + lag < v.size()) num += (v[i] - m) * (v[i + lag] - m);
  }
  return num / den;
}
}  // namespace

TEST_CASE("white noise is held over each interval and drawn afresh at the next") {
  gd::noise::white<> w("pressure", 2.0, 0.5, 0.25);
  w.reseed({7, 3});
  const double first = w(gd::time_point{0.0});
  CHECK(w(gd::time_point{0.1}) == first);
  CHECK(w(gd::time_point{0.2499}) == first);
  CHECK(w(gd::time_point{0.25}) != first);
  // Under fixed steps the interval is chosen at t + dt/2, so a stage at the end of a step
  // still sees the step's interval.
  CHECK(w(gd::time_point{0.25, 0.125, 0.125}) == first);
  std::vector<double> breaks;
  w.breakpoints(0.1, 1.0, breaks);
  CHECK(breaks == std::vector<double>{0.25, 0.5, 0.75});
}

TEST_CASE("white noise has the mean and standard deviation asked for, and no memory") {
  gd::noise::white<> w("pressure", 2.0, 0.5, 1.0);
  w.reseed({11, 0});
  std::vector<double> v;
  for (int k = 0; k < 200000; ++k) v.push_back(w(gd::time_point{k + 0.5}));
  double mean = 0.0;
  for (double x : v) mean += x / static_cast<double>(v.size());
  CHECK(mean == doctest::Approx(2.0).epsilon(5.0 * 0.5 / std::sqrt(2e5) / 2.0));
  CHECK(sample_sd(v) == doctest::Approx(0.5).epsilon(0.01));
  CHECK(std::fabs(autocorrelation(v, 1)) < 5.0 / std::sqrt(2e5));
}

TEST_CASE("noise is a function of (seed, member, interval) only") {
  gd::noise::pink<> a("pressure", 0.0, 1.0, 3.0, 0.25);
  gd::noise::pink<> b = a;
  a.reseed({5, 12});
  b.reseed({5, 12});
  // b is asked in a different order (jumping ahead, then back), a in sequence.
  const double late = b(gd::time_point{40.0});
  std::vector<double> seq;
  for (int k = 0; k <= 160; ++k) seq.push_back(a(gd::time_point{0.25 * k}));
  CHECK(b(gd::time_point{1.0}) == seq[4]);
  CHECK(late == seq[160]);
  gd::noise::pink<> other_member = a;
  other_member.reseed({5, 13});
  gd::noise::pink<> other_seed = a;
  other_seed.reseed({6, 12});
  CHECK(other_member(gd::time_point{10.0}) != seq[40]);
  CHECK(other_seed(gd::time_point{10.0}) != seq[40]);
}

TEST_CASE("pink noise keeps its standard deviation and correlation time for several intervals") {
  // The AR(1) form is exact for any interval h: SD sd, correlation exp(-lag/tau) at whole
  // intervals. With n intervals the effective sample size is about n (1 - e)/(1 + e).
  const double tau = 2.0, sd = 3.0;
  for (double h : {tau / 4, tau / 8, tau / 16}) {
    CAPTURE(h);
    gd::noise::pink<> p("pressure", 10.0, sd, tau, h);
    p.reseed({3, 1});
    std::vector<double> v;
    const int n = 600000;
    for (int k = 0; k < n; ++k) v.push_back(p(gd::time_point{(k + 0.5) * h}));
    CHECK(sample_sd(v) == doctest::Approx(sd).epsilon(0.02));
    const auto lag = static_cast<std::size_t>(std::lround(tau / h));
    CHECK(autocorrelation(v, lag) == doctest::Approx(std::exp(-1.0)).epsilon(0.05));
    CHECK(autocorrelation(v, 2 * lag) == doctest::Approx(std::exp(-2.0)).epsilon(0.1));
  }
}

TEST_CASE("pink noise as pressure in a model has its SD and correlation time at every fixed step size dt <= tau/4") {
  // Sampled every dt over T = 400,000: at lag tau the autocorrelation is exp(-1), with a
  // relative standard error of 0.6 to 0.7 % (Bartlett's formula for an AR(1) with n = T / dt;
  // 20 seeds measured the same), so 4 % is more than 5 standard errors, while a correlation
  // time off by 4 % moves it by 4 % (ln r = -lag / tau).
  const double tau = 4.0, sd = 2.0;
  for (double dt : {tau / 4, tau / 8, tau / 16}) {
    CAPTURE(dt);
    auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0), gd::goal::absolute(100.0),
                            gd::noise::pink("pressure", 1.0, sd, tau, dt));
    m.reseed(gd::random::member_key{9, 4});
    const auto r = gd::simulate(m, gd::run_options(0.0, 400000.0, dt).saving_every(dt), gd::method::euler{});
    const auto& pressure = r["pressure"];
    CHECK(sample_sd(pressure) == doctest::Approx(sd).epsilon(0.04));
    const auto lag = static_cast<std::size_t>(std::lround(tau / dt));
    CHECK(autocorrelation(pressure, lag) == doctest::Approx(std::exp(-1.0)).epsilon(0.04));
    CHECK(autocorrelation(pressure, lag / 2) == doctest::Approx(std::exp(-0.5)).epsilon(0.04));
  }
}

TEST_CASE("noise parameters are checked") {
  GD_CHECK_INVALID("goaldrift::noise::pink", "sd", "-1", gd::noise::pink("p", 0.0, -1.0, 1.0, 0.1));
  GD_CHECK_INVALID("goaldrift::noise::pink", "correlation_time", "0", gd::noise::pink("p", 0.0, 1.0, 0.0, 0.1));
  GD_CHECK_INVALID("goaldrift::noise::pink", "interval", "0", gd::noise::pink("p", 0.0, 1.0, 1.0, 0.0));
  GD_CHECK_INVALID("goaldrift::noise::white", "interval", "-0.5", gd::noise::white("p", 0.0, 1.0, -0.5));
  GD_CHECK_INVALID("goaldrift::noise::white", "name", "\"\"", gd::noise::white("", 0.0, 1.0, 0.5));
  gd::noise::pink<> early("p", 0.0, 1.0, 1.0, 0.5);
  early.origin = 10.0;
  CHECK_THROWS_AS(early(gd::time_point{1.0}), gd::error);
}

TEST_CASE("noise anywhere in a model follows the model's reseed: a sensor error, say") {
  namespace p = gd::perception;
  auto m = gd::make_model(gd::state::actual(100.0, 4.0),
                          p::distorted(p::instant{}, gd::noise::white("sensor", 0.0, 0.1, 1.0)),
                          gd::goal::absolute(100.0));
  auto perceived_at_start = [&](std::uint64_t member) {
    m.reseed(gd::random::member_key{1, member});
    return gd::simulate(m, gd::run_options(0.0, 1.0, 0.5), gd::method::euler{}).perceived().front();
  };
  const double a = perceived_at_start(0);
  CHECK(perceived_at_start(1) != a);
  CHECK(perceived_at_start(0) == a);
}
