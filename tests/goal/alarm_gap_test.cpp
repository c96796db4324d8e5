// The alarm-modulated goal measures the felt gap signed, (D - P) / |D| (the default), or absolute,
// |D - P| / |D| (Vensim models' ABS(D - P) / D): they part after a windfall, when P rises above D.
#include <doctest/doctest.h>

#include <goaldrift/goaldrift.hpp>

#include "support/invalid_parameter.hpp"
#include "support/pack2.hpp"
#include "support/same_as_scalar.hpp"

namespace gd = goaldrift;
using gd::goal::gap_measure;
using support::pack2;

namespace {
// 1 up to a 2 % gap, 0 from 10 %: at a 5 % gap the alarm is 1 - 3/8 = 0.625.
gd::sd::lookup curve() { return gd::goal::alarm_curve(0.02, 0.10); }

// D' of an alarm-modulated goal at level d, following the perceived state p (adjustment time 4).
template <class T>
T goal_rate(const T& d, const T& p, gap_measure measure) {
  const auto goal = gd::goal::alarm_modulated(d, T(4.0), curve()).with_gap(measure);
  const gd::signals<T> s{p, p, gd::time_point{0.0}};
  T dxdt[1]{};
  goal.derivative(&d, s, dxdt);
  return dxdt[0];
}
}  // namespace

TEST_CASE("alarm_modulated keeps the signed gap by default, so earlier results do not change") {
  const auto goal = gd::goal::alarm_modulated(100.0, 4.0, curve());
  CHECK(goal.gap == gap_measure::signed_relative);
  CHECK(goal_rate(100.0, 105.0, gap_measure::signed_relative) == 5.0 / 4.0);
  CHECK(gd::goal::alarm_modulated<>::relative_gap(100.0, 105.0) ==
        gd::goal::alarm_modulated<>::relative_gap(100.0, 105.0, gap_measure::signed_relative));
}

TEST_CASE("after a windfall the absolute gap raises the alarm and the signed gap does not") {
  // P = 105 above D = 100: the signed gap is -5 %, below the calm 2 %, so the goal follows P up
  // freely, (105 - 100) / 4; the absolute gap is +5 %, the alarm 0.625, and the goal slows.
  CHECK(gd::goal::alarm_modulated<>::relative_gap(100.0, 105.0, gap_measure::signed_relative) ==
        doctest::Approx(-0.05).epsilon(1e-15));
  CHECK(gd::goal::alarm_modulated<>::relative_gap(100.0, 105.0, gap_measure::absolute_relative) ==
        doctest::Approx(0.05).epsilon(1e-15));
  CHECK(goal_rate(100.0, 105.0, gap_measure::signed_relative) == doctest::Approx(1.25).epsilon(1e-15));
  CHECK(goal_rate(100.0, 105.0, gap_measure::absolute_relative) == doctest::Approx(1.25 * 0.625).epsilon(1e-14));
  // A windfall past the alarm (20 %) holds an absolute-gap goal still.
  CHECK(goal_rate(100.0, 120.0, gap_measure::absolute_relative) == 0.0);
  CHECK(goal_rate(100.0, 120.0, gap_measure::signed_relative) == doctest::Approx(5.0).epsilon(1e-15));
  // After a shortfall (P below D) the two agree.
  CHECK(goal_rate(100.0, 95.0, gap_measure::absolute_relative) == goal_rate(100.0, 95.0, gap_measure::signed_relative));
  CHECK(goal_rate(100.0, 95.0, gap_measure::absolute_relative) == doctest::Approx(-1.25 * 0.625).epsilon(1e-14));
}

TEST_CASE("with a negative goal the gaps are relative to |D| and the absolute gap stays positive") {
  // D = -100, P = -95 (a windfall: P above D): signed (D - P)/|D| = -5 %, absolute +5 %, where
  // Vensim's ABS(D - P)/D would read -5 %.
  CHECK(gd::goal::alarm_modulated<>::relative_gap(-100.0, -95.0, gap_measure::signed_relative) ==
        doctest::Approx(-0.05).epsilon(1e-15));
  CHECK(gd::goal::alarm_modulated<>::relative_gap(-100.0, -95.0, gap_measure::absolute_relative) ==
        doctest::Approx(0.05).epsilon(1e-15));
  CHECK(goal_rate(-100.0, -95.0, gap_measure::signed_relative) == doctest::Approx(1.25).epsilon(1e-15));
  CHECK(goal_rate(-100.0, -95.0, gap_measure::absolute_relative) == doctest::Approx(1.25 * 0.625).epsilon(1e-14));
  // P = -105, below D: both gaps are +5 %.
  CHECK(goal_rate(-100.0, -105.0, gap_measure::absolute_relative) == doctest::Approx(-1.25 * 0.625).epsilon(1e-14));
  CHECK(goal_rate(-100.0, -105.0, gap_measure::signed_relative) == doctest::Approx(-1.25 * 0.625).epsilon(1e-14));
  // D = 0: no relative gap (ZIDZ), the alarm reads 0 % and is calm, under either measure.
  CHECK(gd::goal::alarm_modulated<>::relative_gap(0.0, 5.0, gap_measure::absolute_relative) == 0.0);
  CHECK(goal_rate(0.0, 5.0, gap_measure::absolute_relative) == doctest::Approx(1.25).epsilon(1e-15));
}

TEST_CASE("the gap measure gives each lane of a pack what its scalar gives") {
  // Lane 0: a windfall on a positive goal; lane 1: a windfall on a negative goal.
  const pack2 d(100.0, -100.0);
  const pack2 p(105.0, -95.0);
  for (const auto measure : {gap_measure::signed_relative, gap_measure::absolute_relative}) {
    CAPTURE(static_cast<int>(measure));
    const pack2 gap = gd::goal::alarm_modulated<pack2>::relative_gap(d, p, measure);
    const pack2 rate = goal_rate(d, p, measure);
    for (std::size_t i = 0; i < 2; ++i) {
      CAPTURE(i);
      CHECK(support::same_as_scalar(gap.lane[i], gd::goal::alarm_modulated<>::relative_gap(d.lane[i], p.lane[i], measure)));
      CHECK(support::same_as_scalar(rate.lane[i], goal_rate(d.lane[i], p.lane[i], measure)));
    }
  }
}

TEST_CASE("through a windfall an absolute-gap goal holds while a signed-gap goal rises with P") {
  // S jumps up 30 over months 5-10 (a windfall), seen at once; action is negligible.
  const auto run = [](gap_measure measure) {
    const auto m = gd::make_model(gd::state::actual(100.0, 1e9), gd::perception::instant{},
                                  gd::goal::alarm_modulated(100.0, 4.0, curve()).with_gap(measure),
                                  gd::input::pulse(5.0, 5.0, -6.0));
    return gd::simulate(m, gd::run_options(0.0, 30.0, 0.125), gd::method::rk4{});
  };
  const auto signed_gap = run(gap_measure::signed_relative);
  const auto absolute_gap = run(gap_measure::absolute_relative);
  CHECK(signed_gap.final_value("S") == doctest::Approx(130.0).epsilon(1e-9));
  CHECK(signed_gap.final_value("D") > 125.0);
  // The absolute gap passes the alarm's 10 % within two months of the rise, before D has moved
  // much, and the goal then holds where it is (it rises only while the gap is below 10 %).
  CHECK(absolute_gap.final_value("D") >= 100.0);
  CHECK(absolute_gap.final_value("D") < 105.0);
}

TEST_CASE("alarm_modulated refuses a gap measure outside the enumeration") {
  auto goal = gd::goal::alarm_modulated(100.0, 4.0, curve());
  goal.gap = static_cast<gap_measure>(7);
  GD_CHECK_INVALID("goaldrift::goal::alarm_modulated", "gap", "7", goal.validate());
}
