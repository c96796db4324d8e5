// goal::alarm_curve refuses its gaps under its own name and the gap's, not as the sd::lookup it
// builds (whose points the user never wrote).
#include <doctest/doctest.h>

#include <limits>

#include <goaldrift/goal/alarm_modulated.hpp>

#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;

TEST_CASE("alarm_curve with alarm_gap not above calm_gap names goal::alarm_curve, not sd::lookup") {
  GD_CHECK_INVALID("goaldrift::goal::alarm_curve", "alarm_gap", "0.1", gd::goal::alarm_curve(0.3, 0.1));
  GD_CHECK_INVALID("goaldrift::goal::alarm_curve", "alarm_gap", "0.3", gd::goal::alarm_curve(0.3, 0.3));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  GD_CHECK_INVALID("goaldrift::goal::alarm_curve", "calm_gap", "nan", gd::goal::alarm_curve(nan, 0.1));
  GD_CHECK_INVALID("goaldrift::goal::alarm_curve", "alarm_gap", "inf",
                   gd::goal::alarm_curve(0.02, std::numeric_limits<double>::infinity()));
  CHECK_THROWS_WITH_AS(gd::goal::alarm_curve(0.3, 0.1),
                       "goaldrift::goal::alarm_curve: alarm_gap must be finite and greater than calm_gap (0.3), got 0.1",
                       gd::invalid_parameter);
  const auto ok = gd::goal::alarm_curve(0.02, 0.1);
  CHECK(ok(0.06) == doctest::Approx(0.5));
}
