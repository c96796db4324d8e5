// Corrective-action policies: a lookup-shaped action with an identity table is proportional
// action, and a saturating table caps the action.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <goaldrift/goaldrift.hpp>

namespace gd = goaldrift;

namespace {
// effect(g) = g on [-2, 2]: wider than any relative gap these runs open.
gd::sd::lookup identity() { return gd::sd::lookup{{-2.0, -2.0}, {2.0, 2.0}}; }
// effect(g) = g up to a relative gap of 0.1, then flat: at most 10 % of |D| per action time.
gd::sd::lookup saturating() { return gd::sd::lookup{{-1.0, -1.0}, {0.0, 0.0}, {0.1, 0.1}, {1.0, 0.1}}; }

// |a - b| within a few rounding errors of b (and exactly equal when b is 0).
bool to_rounding(double a, double b, double relative) { return std::fabs(a - b) <= relative * std::fabs(b); }

template <class Action>
auto model(Action action, double pressure) {
  return gd::make_model(gd::state::actual(100.0, action), gd::perception::smooth(1.0),
                        gd::goal::floating(100.0, 12.0), pressure + gd::input::step(4.0, 10.0));
}
}  // namespace

TEST_CASE("state::lookup_shaped with an identity table is proportional action") {
  const gd::state::lookup_shaped shaped(4.0, identity());
  const gd::state::proportional plain(4.0);
  for (double d : {100.0, 37.5, -20.0, 1e-3}) {
    for (double p : {100.0, 80.0, 120.0, 0.0, -25.0}) {
      CAPTURE(d);
      CAPTURE(p);
      if (std::fabs(d - p) > 2.0 * std::fabs(d)) continue;  // beyond the table's ends
      CHECK(to_rounding(shaped(d, p), plain(d, p), 1e-15));
    }
  }
  CHECK(shaped(0.0, 5.0) == 0.0);  // ZIDZ: no goal, no relative gap, no action

  // Whole runs agree to rounding, step by step.
  const auto a = gd::simulate(model(shaped, 0.5), gd::run_options(0.0, 60.0, 0.125).saving_every(1.0));
  const auto b = gd::simulate(model(plain, 0.5), gd::run_options(0.0, 60.0, 0.125).saving_every(1.0));
  REQUIRE(a.size() == b.size());
  for (std::size_t k = 0; k < a.size(); ++k) {
    CHECK(to_rounding(a.actual()[k], b.actual()[k], 1e-13));
    CHECK(std::fabs(a["action"][k] - b["action"][k]) <= 1e-12);
  }
  CHECK(a.final_value("S") < 90.0);  // the step in pressure did open a gap
}

TEST_CASE("state::lookup_shaped with a saturating table caps the action at |D| * cap / ta") {
  // Absolute goal 100, ta = 4: the action can reach at most 100 * 0.1 / 4 = 2.5 a month. Under
  // a pressure of 5 the gap grows without bound and S falls at 5 - 2.5 once the cap is hit.
  const double ta = 4.0;
  const double cap = 100.0 * 0.1 / ta;
  const auto m = gd::make_model(gd::state::actual(100.0, gd::state::lookup_shaped(ta, saturating())),
                                gd::perception::instant{}, gd::goal::absolute(100.0), 5.0);
  const auto r = gd::simulate(m, gd::run_options(0.0, 40.0, 0.125).saving_every(1.0));
  const auto& action = r["action"];
  CHECK(*std::max_element(action.begin(), action.end()) <= cap * (1.0 + 1e-12));
  CHECK(r.final_value("action") == doctest::Approx(cap).epsilon(1e-12));
  const double slope = (r.final_value("S") - r.actual()[30]) / 10.0;
  CHECK(slope == doctest::Approx(-(5.0 - cap)).epsilon(1e-9));

  // Below the cap the same table is proportional: with a pressure of 1 the gap settles at
  // u * ta = 4, a relative gap of 0.04, and S at 96, as with proportional action.
  const auto gentle = gd::make_model(gd::state::actual(100.0, gd::state::lookup_shaped(ta, saturating())),
                                     gd::perception::instant{}, gd::goal::absolute(100.0), 1.0);
  CHECK(gd::simulate(gentle, gd::run_options(0.0, 80.0, 0.125)).final_value("S") ==
        doctest::Approx(96.0).epsilon(1e-6));
}
