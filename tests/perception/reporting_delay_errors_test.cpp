// A reporting delay refuses a delay its pipeline cannot hold under its own name and parameter,
// not under the sd::delay_fixed kernel inside it, which the user never wrote.
#include <doctest/doctest.h>

#include <goaldrift/goaldrift.hpp>

#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;

namespace {
template <class Perception>
auto model(Perception perception) {
  return gd::make_model(gd::state::actual(100.0, 4.0), std::move(perception), gd::goal::absolute(100.0), 1.0);
}
}  // namespace

TEST_CASE("a reporting delay too long for the step names perception::reporting_delay, not sd::delay_fixed") {
  // 6e7 months at dt = 0.5 is 1.2e8 steps, more than a pipeline holds (1e8).
  const gd::run_options options(0.0, 1.0, 0.5);
  GD_CHECK_INVALID("goaldrift::perception::reporting_delay", "delay_time", "6e+07",
                   gd::simulate(model(gd::perception::reporting_delay(6e7)), options, gd::method::euler{}));
  CHECK_THROWS_WITH_AS(gd::simulate(model(gd::perception::reporting_delay(6e7)), options, gd::method::euler{}),
                       "goaldrift::perception::reporting_delay: delay_time must not exceed 1e+08 steps of dt "
                       "(0.5), the most a pipeline holds, got 6e+07",
                       gd::invalid_parameter);
  // Inside a sensor, and after a change to the public member.
  GD_CHECK_INVALID("goaldrift::perception::reporting_delay", "delay_time", "6e+07",
                   gd::simulate(model(gd::perception::distorted(gd::perception::reporting_delay(6e7), 0.1)), options,
                                gd::method::rk4{}));
  auto m = model(gd::perception::reporting_delay(2.0));
  m.perception.delay_time = 1e300;
  GD_CHECK_INVALID("goaldrift::perception::reporting_delay", "delay_time", "1e+300", gd::simulate(m, options, gd::method::euler{}));
  // A raw pipeline still names itself.
  gd::sd::delay_fixed<double> pipeline;
  GD_CHECK_INVALID("goaldrift::sd::delay_fixed", "delay_time", "6e+07", pipeline.start(6e7, 0.5, 0.0));
}
