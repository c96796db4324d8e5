// How each perception sees a known actual state.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include <goaldrift/goaldrift.hpp>

namespace gd = goaldrift;

namespace {
// A model whose S drops by 10 at t = 1 and is otherwise flat: pressure 80 for one step of
// 1/8 (PULSE(1, 0.125)), and an action time so long that correction is negligible.
template <class Perception>
gd::trajectory watch_a_drop(Perception p, double end = 30.0) {
  // Action time huge: corrective action (D - P)/1e9 is negligible, so S is set by pressure.
  const auto m = gd::make_model(gd::state::actual(100.0, 1e9), std::move(p), gd::goal::absolute(100.0),
                                gd::input::pulse(1.0, 0.125, 80.0));
  auto o = gd::run_options(0.0, end, 0.125).saving_every(0.125);
  return gd::simulate(m, o, gd::method::rk4{});
}
}  // namespace

TEST_CASE("asymmetric perception believes bad news with one time and good news with another") {
  // S drops from 100 to 90 during [1, 1.125]: bad news. P then closes the gap with the bad-news
  // time: P(t) - 90 = (P(1.125) - 90) exp(-(t - 1.125)/bad).
  const double bad = 1.0, good = 8.0;
  const auto r = watch_a_drop(gd::perception::asymmetric(bad, good));
  const std::size_t k0 = 9;   // t = 1.125
  const std::size_t k1 = 25;  // t = 3.125
  CHECK(r.actual()[k1] == doctest::Approx(90.0).epsilon(1e-6));
  const double g0 = r.perceived()[k0] - 90.0;
  CHECK(r.perceived()[k1] - 90.0 == doctest::Approx(g0 * std::exp(-2.0 / bad)).epsilon(1e-4));
  // The same drop seen by a symmetric smooth with the good-news time is far slower.
  const auto slow = watch_a_drop(gd::perception::smooth(good));
  CHECK(slow.perceived()[k1] - 90.0 > 5.0 * (r.perceived()[k1] - 90.0));

  // Good news: a rise is believed with the good-news time.
  const auto up = gd::simulate(gd::make_model(gd::state::actual(100.0, 1e9), gd::perception::asymmetric(bad, good),
                                              gd::goal::absolute(100.0), gd::input::pulse(1.0, 0.125, -80.0)),
                               gd::run_options(0, 30, 0.125), gd::method::rk4{});
  const double h0 = up.perceived()[k0] - 110.0;
  CHECK(up.perceived()[k1] - 110.0 == doctest::Approx(h0 * std::exp(-2.0 / good)).epsilon(1e-4));
}

TEST_CASE("smooth3 responds later but then faster than smooth with the same time") {
  const auto first = watch_a_drop(gd::perception::smooth(4.0));
  const auto third = watch_a_drop(gd::perception::smooth3(4.0));
  // Right after the drop the third-order smooth has hardly moved...
  CHECK(100.0 - third.perceived()[16] < 0.5 * (100.0 - first.perceived()[16]));  // t = 2
  // ...and both have the same mean delay: the integral of (P - S) after the drop is 10 * 4.
  auto lag_area = [](const gd::trajectory& r) {
    double area = 0.0;
    for (std::size_t k = 9; k < r.size(); ++k) area += 0.125 * (r.perceived()[k] - r.actual()[k]);
    return area;
  };
  CHECK(lag_area(first) == doctest::Approx(40.0).epsilon(2e-2));
  CHECK(lag_area(third) == doctest::Approx(40.0).epsilon(2e-2));
}

TEST_CASE("smooth_n with order 1 and 3 equals smooth and smooth3") {
  const auto n1 = watch_a_drop(gd::perception::smooth_n<5>(4.0, 1), 10.0);
  const auto n3 = watch_a_drop(gd::perception::smooth_n<5>(4.0, 3), 10.0);
  const auto s1 = watch_a_drop(gd::perception::smooth(4.0), 10.0);
  const auto s3 = watch_a_drop(gd::perception::smooth3(4.0), 10.0);
  for (std::size_t k = 0; k < s1.size(); ++k) {
    CHECK(n1.perceived()[k] == doctest::Approx(s1.perceived()[k]).epsilon(1e-14));
    CHECK(n3.perceived()[k] == doctest::Approx(s3.perceived()[k]).epsilon(1e-14));
  }
  // The unused stages stay where they started.
  CHECK(n3["perception.stage5"].back() == 100.0);
}

TEST_CASE("a distorted sensor feeds its inner perception S * (1 - bias) + offset") {
  const auto sensor = gd::perception::distorted(gd::perception::instant{}, gd::input::step(0.2, 5.0), 3.0);
  CHECK(sensor.reading(100.0, gd::time_point{1.0}) == 103.0);
  CHECK(sensor.reading(100.0, gd::time_point{6.0}) == doctest::Approx(83.0));
  const auto r = watch_a_drop(gd::perception::distorted(gd::perception::instant{}, 0.1), 5.0);
  for (std::size_t k = 0; k < r.size(); ++k) {
    CHECK(r.perceived()[k] == doctest::Approx(0.9 * r.actual()[k]).epsilon(1e-14));
  }
  // The sensor's bias breakpoints reach the adaptive stepper through the perception.
  std::vector<double> breaks;
  gd::detail::breakpoints(sensor, 0.0, 10.0, breaks);
  CHECK(breaks == std::vector<double>{5.0});
}

TEST_CASE("fused channels are the weighted average of their perceptions, with prefixed names") {
  namespace p = gd::perception;
  const auto fused = p::fused(p::make_channel("front", 0.25, p::instant{}),
                              p::make_channel("top", 0.75, p::distorted(p::smooth(2.0), -0.1)));
  CHECK(fused.state_names() == std::array<std::string, 1>{"top.level"});
  const auto r = watch_a_drop(fused, 10.0);
  for (std::size_t k = 0; k < r.size(); ++k) {
    CHECK(r.perceived()[k] == doctest::Approx(0.25 * r.actual()[k] + 0.75 * r["perception.top.level"][k]).epsilon(1e-14));
  }
  // The rosy top channel started at 110 (100 read 10 % high).
  CHECK(r["perception.top.level"][0] == doctest::Approx(110.0));
}

TEST_CASE("an instant perception sees S as it is") {
  const auto r = watch_a_drop(gd::perception::instant{}, 5.0);
  CHECK(r.perceived() == r.actual());
}
