// Morris screening: the trajectory design, exact elementary effects of a linear function, and
// inert parameters ranked last.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include <goaldrift/sensitivity.hpp>

#include "sensitivity/test_functions.hpp"

namespace gd = goaldrift;
namespace sa = goaldrift::sensitivity;
namespace dist = goaldrift::distribution;

TEST_CASE("Morris' design: each step of a trajectory moves one parameter by p/2 levels, every parameter once") {
  sa::morris_options mo;
  mo.trajectories = 30;
  mo.levels = 6;
  const sa::morris_design d({"a", "b", "c", "d"}, mo, 4);
  REQUIRE(d.runs() == 30 * 5);
  CHECK(d.delta() == 0.6);  // p / (2 (p - 1))
  std::vector<int> ups(4, 0);
  for (std::size_t t = 0; t < 30; ++t) {
    std::vector<int> moved(4, 0);
    for (std::size_t s = 1; s <= 4; ++s) {
      const std::size_t p = d.moved(t, s);
      ++moved[p];
      for (std::size_t q = 0; q < 4; ++q) {
        const auto before = static_cast<long>(d.level(t * 5 + s - 1, q));
        const auto after = static_cast<long>(d.level(t * 5 + s, q));
        CHECK(before >= 0);
        CHECK(before < 6);
        if (q == p) {
          CHECK(after - before == (d.moves_up(t, p) ? 3 : -3));
        } else {
          CHECK(after == before);
        }
      }
      CHECK(d.noise_run(t * 5 + s) == t * 5);
    }
    for (std::size_t p = 0; p < 4; ++p) {
      CHECK(moved[p] == 1);
      ups[p] += d.moves_up(t, p);
    }
  }
  for (int u : ups) {  // the direction is random: neither always up nor always down
    CHECK(u > 5);
    CHECK(u < 25);
  }
  CHECK(d.probability(0, 0) == (static_cast<double>(d.level(0, 0)) + 0.5) / 6.0);
}

namespace {
double screening(const support::point& p) { return 10.0 * p[0] + 5.0 * p[1] * p[1] + p[0] * p[2]; }
double linear(const support::point& p) { return 2.0 * p[0] - 3.0 * p[1]; }
}  // namespace

TEST_CASE("Morris: the effects of a linear function are exact, the same in every trajectory") {
  support::function_study s(support::function_model(linear));
  support::vary_x(s, "x1", 0, dist::uniform(0.0, 4.0));
  support::vary_x(s, "x2", 1, dist::normal(0.0, 1.0));
  sa::morris_options mo;
  mo.levels = 4;
  const auto r = sa::morris(s, support::one_step(), support::function_options(6), mo, gd::method::euler{}).indices;
  // On U(0, 4) the levels are 0.5, 1.5, 2.5, 3.5: p/2 levels is a rise of 2, over Delta = 2/3.
  CHECK(r.value("x1", "y", "mu") == doctest::Approx(2.0 * 2.0 / (2.0 / 3.0)).epsilon(1e-12));
  CHECK(r.value("x1", "y", "mu_star") == doctest::Approx(6.0).epsilon(1e-12));
  CHECK(r.value("x1", "y", "sigma") < 1e-12);
  // A normal's levels are its quantiles at 1/8 .. 7/8: a rise of z(5/8) - z(1/8) or z(7/8) - z(3/8).
  const double rise = 0.31863936396437514 + 1.1503493803760079;
  CHECK(r.value("x2", "y", "mu") == doctest::Approx(-3.0 * rise / (2.0 / 3.0)).epsilon(1e-9));
  CHECK(r.at("x2", "y", "mu").used == 20);
}

TEST_CASE("Morris: inert parameters have mu_star 0 and are ranked last, and the bits hold for any threads") {
  support::function_study s(support::function_model(screening));
  for (std::size_t i = 0; i < 5; ++i) {  // x4 and x5 are read by nobody
    support::vary_x(s, "x" + std::to_string(i + 1), i, dist::uniform(0.0, 1.0));
  }
  sa::morris_options mo;
  mo.trajectories = 40;
  auto o = support::function_options(7);
  const auto r = sa::morris(s, support::one_step(), o, mo, gd::method::euler{}).indices;
  CHECK(r.value("x4", "y", "mu_star") == 0.0);
  CHECK(r.value("x5", "y", "sigma") == 0.0);
  CHECK(r.value("x1", "y", "mu_star") > r.value("x2", "y", "mu_star"));
  CHECK(r.value("x2", "y", "mu_star") > r.value("x3", "y", "mu_star"));
  CHECK(r.value("x3", "y", "mu_star") > 0.1);
  CHECK(r.value("x2", "y", "sigma") > 0.0);  // x2 enters squared: its effect depends on where it starts
  const std::string table = r.table();
  CHECK(table.find("\nx3 ") < table.find("\nx4 "));
  CHECK(table.find("\nx3 ") < table.find("\nx5 "));
  const auto& e = r.at("x1", "y", "mu_star");
  CHECK(e.low <= e.value);
  CHECK(e.value <= e.high);
  for (unsigned t : {2u, 7u}) {
    o.threads = t;
    const auto again = sa::morris(s, support::one_step(), o, mo, gd::method::euler{}).indices;
    for (std::size_t i = 0; i < r.estimates.size(); ++i) {
      CHECK(again.estimates[i].value == r.estimates[i].value);
      CHECK(again.estimates[i].low == r.estimates[i].low);
      CHECK(again.estimates[i].high == r.estimates[i].high);
    }
  }
}
