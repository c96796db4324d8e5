// Inputs (constant, STEP, PULSE, PULSE TRAIN, RAMP, time tables, callables, + - *) and
// time_point: values on both sides of every jump under Vensim's fixed-step rule, breakpoints,
// and the parameter checks with the component, parameter and value they name.
#include <doctest/doctest.h>

#include "support/invalid_parameter.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <goaldrift/error.hpp>
#include <goaldrift/input.hpp>
#include <goaldrift/time_point.hpp>

namespace gd = goaldrift;
namespace in = goaldrift::input;

namespace {

constexpr double nan_v = std::numeric_limits<double>::quiet_NaN();
constexpr double inf_v = std::numeric_limits<double>::infinity();

/// The time_point simulate() uses at grid time t under fixed steps of dt (Vensim's rule).
gd::time_point on_grid(double t, double dt) { return gd::time_point{t, t + dt / 2.0, dt / 2.0}; }

/// The breakpoints an input reports in (from, to), sorted.
template <class I>
std::vector<double> breaks(const I& input, double from, double to) {
  std::vector<double> out;
  input.breakpoints(from, to, out);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace


// ---------------------------------------------------------------------------------------------
// time_point and the input concept

TEST_CASE("time_point: plain, fixed-step and default construction and grid_t") {
  // A plain evaluation (odeint's sys(x, dxdt, t)) decides jumps at t itself.
  const gd::time_point plain{2.5};
  CHECK(plain.t == 2.5);
  CHECK(plain.jump_t == 2.5);
  CHECK(plain.half_step == 0.0);
  CHECK(plain.grid_t() == 2.5);

  // Fixed step dt = 0.5 at grid time 4: jump_t = 4.25, half_step = 0.25, grid time 4 again.
  const gd::time_point fixed{4.1, 4.25, 0.25};  // a stage inside the step [4, 4.5]
  CHECK(fixed.t == 4.1);
  CHECK(fixed.jump_t == 4.25);
  CHECK(fixed.grid_t() == 4.0);

  // Adaptive steps: jump_t is the segment's middle and half_step is 0, so grid_t is jump_t.
  const gd::time_point adaptive{1.0, 3.0, 0.0};
  CHECK(adaptive.grid_t() == 3.0);

  const gd::time_point zero{};
  CHECK(zero.t == 0.0);
  CHECK(zero.jump_t == 0.0);
  CHECK(zero.half_step == 0.0);
}

TEST_CASE("input: is_input_v recognises inputs and only inputs") {
  CHECK(in::is_input_v<in::constant<double>>);
  CHECK(in::is_input_v<in::step<double>>);
  CHECK(in::is_input_v<const in::pulse<double>&>);  // decays
  CHECK(in::is_input_v<in::pulse_train<double>>);
  CHECK(in::is_input_v<in::ramp<double>>);
  CHECK(in::is_input_v<in::table<double>>);
  CHECK(in::is_input_v<decltype(in::step(1.0, 2.0) + 1.0)>);
  CHECK(in::is_input_v<decltype(-in::step(1.0, 2.0))>);

  auto of_t = [](double t) { return t; };
  CHECK(!in::is_input_v<double>);
  CHECK(!in::is_input_v<int>);
  CHECK(!in::is_input_v<decltype(of_t)>);  // a callable becomes an input only via function
  CHECK(in::is_input_v<in::function<decltype(of_t)>>);
}

// ---------------------------------------------------------------------------------------------
// constant

TEST_CASE("input: constant holds its value at every time and rejects non-finite values") {
  const in::constant<double> c(7.5);
  CHECK(c(gd::time_point{-100.0}) == 7.5);
  CHECK(c(on_grid(3.0, 0.25)) == 7.5);
  CHECK(c(gd::time_point{1e9}) == 7.5);

  const in::constant cf(2.5f);  // CTAD keeps the scalar type
  CHECK(std::is_same_v<decltype(cf)::value_type, float>);
  CHECK(cf(gd::time_point{1.0}) == 2.5f);

  GD_CHECK_INVALID("goaldrift::input::constant", "value", "nan", in::constant<double>(nan_v));
  GD_CHECK_INVALID("goaldrift::input::constant", "value", "-inf", in::constant<double>(-inf_v));

  // A default-constructed constant is 0 and valid; a mutated one is re-checked by validate().
  in::constant<double> d;
  CHECK(d(gd::time_point{5.0}) == 0.0);
  CHECK_NOTHROW(d.validate());
  d.value = inf_v;
  GD_CHECK_INVALID("goaldrift::input::constant", "value", "inf", d.validate());
}

// ---------------------------------------------------------------------------------------------
// STEP

TEST_CASE("input: step follows Vensim's fixed-step rule t_k + dt/2 > start") {
  const in::step s(3.0, 4.9);
  // dt = 0.3: 4.8 + 0.15 = 4.95 > 4.9, so the step is already on at grid time 4.8 ...
  CHECK(s(gd::time_point{4.8, 4.8 + 0.15, 0.15}) == 3.0);
  // ... while the previous grid time 4.5 (4.65 < 4.9) is still off,
  CHECK(s(gd::time_point{4.5, 4.5 + 0.15, 0.15}) == 0.0);
  // and a plain evaluation at 4.8 (< 4.9) is off.
  CHECK(s(gd::time_point{4.8}) == 0.0);
}

TEST_CASE("input: step with dt = 1/16 switches at the first grid time t_k > start - dt/2") {
  // start = 2: t_k + 1/32 > 2 <=> t_k > 1.96875, so the first grid time that is on is 2.0.
  // start = 2.03125 (exactly halfway between 2 and 2.0625): 2 + 1/32 > 2.03125 is false, so
  // the first grid time that is on is 2.0625.
  const double dt = 1.0 / 16.0;
  const in::step at_grid(1.0, 2.0);
  const in::step halfway(1.0, 2.03125);
  for (int k = 0; k <= 80; ++k) {
    const double t = k * dt;
    CAPTURE(t);
    CHECK(at_grid(on_grid(t, dt)) == (t >= 2.0 ? 1.0 : 0.0));
    CHECK(halfway(on_grid(t, dt)) == (t >= 2.0625 ? 1.0 : 0.0));
  }
}

TEST_CASE("input: step decides by jump_t, strictly after start, with any height") {
  const in::step s(-2.5, 10.0);
  CHECK(s(gd::time_point{10.0}) == 0.0);  // at start exactly: not yet (strict >)
  CHECK(s(gd::time_point{std::nextafter(10.0, 11.0)}) == -2.5);
  CHECK(s(gd::time_point{9.0}) == 0.0);
  CHECK(s(gd::time_point{1e6}) == -2.5);
  // Adaptive steps: a stage at t = 10 belongs to the segment after the jump when jump_t is
  // that segment's middle, and to the one before when jump_t is the earlier middle.
  CHECK(s(gd::time_point{10.0, 10.5, 0.0}) == -2.5);
  CHECK(s(gd::time_point{10.0, 9.5, 0.0}) == 0.0);
  // A stage at t = 10.2 inside a fixed step whose jump_t is before start stays off.
  CHECK(s(gd::time_point{10.2, 9.9, 0.1}) == 0.0);

  const in::step sf(2.0f, 1.0);
  CHECK(std::is_same_v<decltype(sf(gd::time_point{2.0})), float>);
  CHECK(sf(gd::time_point{2.0}) == 2.0f);
}

TEST_CASE("input: step reports its start as a breakpoint only strictly inside (from, to)") {
  const in::step s(1.0, 5.0);
  CHECK(breaks(s, 0.0, 10.0) == std::vector<double>{5.0});
  CHECK(breaks(s, 5.0, 10.0).empty());
  CHECK(breaks(s, 0.0, 5.0).empty());
  CHECK(breaks(s, 6.0, 10.0).empty());
  // breakpoints() appends; it does not clear what is already there.
  std::vector<double> out{-1.0};
  s.breakpoints(0.0, 10.0, out);
  CHECK(out == std::vector<double>{-1.0, 5.0});
}

TEST_CASE("input: step rejects a non-finite height or start") {
  GD_CHECK_INVALID("goaldrift::input::step", "height", "nan", in::step(nan_v, 1.0));
  GD_CHECK_INVALID("goaldrift::input::step", "height", "inf", in::step(inf_v, 1.0));
  GD_CHECK_INVALID("goaldrift::input::step", "start", "nan", in::step(1.0, nan_v));
  GD_CHECK_INVALID("goaldrift::input::step", "start", "-inf", in::step(1.0, -inf_v));
  CHECK_NOTHROW(in::step(0.0, -5.0));  // a zero height and a negative start are fine
}

// ---------------------------------------------------------------------------------------------
// PULSE

TEST_CASE("input: pulse is on iff start < jump_t < start + width") {
  const in::pulse p(3.0, 2.0);
  CHECK(p(gd::time_point{3.0}) == 0.0);  // both edges are open
  CHECK(p(gd::time_point{5.0}) == 0.0);
  CHECK(p(gd::time_point{3.0001}) == 1.0);
  CHECK(p(gd::time_point{4.9999}) == 1.0);
  CHECK(p(gd::time_point{2.0}) == 0.0);
  CHECK(p(gd::time_point{6.0}) == 0.0);
  // t is ignored, only jump_t counts.
  CHECK(p(gd::time_point{100.0, 4.0, 0.0}) == 1.0);
  CHECK(p(gd::time_point{4.0, 100.0, 0.0}) == 0.0);
}

TEST_CASE("input: pulse(3, 2) with dt = 1/16 is on at grid times 3 .. 4.9375 (doc example)") {
  // jump_t = t + 1/32: 3 < t + 1/32 < 5 <=> 2.96875 < t < 4.96875, i.e. t in [3, 4.9375].
  const double dt = 1.0 / 16.0;
  const in::pulse p(3.0, 2.0, 4.0);  // height 4
  int on_count = 0;
  for (int k = 0; k <= 160; ++k) {
    const double t = k * dt;
    CAPTURE(t);
    const bool on = t >= 3.0 && t <= 4.9375;
    CHECK(p(on_grid(t, dt)) == (on ? 4.0 : 0.0));
    on_count += on ? 1 : 0;
  }
  CHECK(on_count == 32);  // width / dt grid points: the pulse's area is height * width
}

TEST_CASE("input: pulse breakpoints are its two edges inside (from, to)") {
  const in::pulse p(3.0, 2.0);
  CHECK(breaks(p, 0.0, 10.0) == std::vector<double>{3.0, 5.0});
  CHECK(breaks(p, 3.0, 10.0) == std::vector<double>{5.0});
  CHECK(breaks(p, 0.0, 5.0) == std::vector<double>{3.0});
  CHECK(breaks(p, 3.0, 5.0).empty());
  CHECK(breaks(p, 6.0, 9.0).empty());
}

TEST_CASE("input: pulse rejects a negative or non-finite width and non-finite values") {
  GD_CHECK_INVALID("goaldrift::input::pulse", "width", "-1", in::pulse(1.0, -1.0));
  GD_CHECK_INVALID("goaldrift::input::pulse", "width", "inf", in::pulse(1.0, inf_v));
  GD_CHECK_INVALID("goaldrift::input::pulse", "width", "nan", in::pulse(1.0, nan_v));
  GD_CHECK_INVALID("goaldrift::input::pulse", "start", "nan", in::pulse(nan_v, 1.0));
  GD_CHECK_INVALID("goaldrift::input::pulse", "height", "nan", in::pulse(0.0, 1.0, nan_v));
  CHECK_THROWS_WITH_AS(in::pulse(1.0, -1.0),
                       "goaldrift::input::pulse: width must be non-negative and finite (0 is one "
                       "time step), got -1",
                       gd::invalid_parameter);
  // The exception belongs to goaldrift's family.
  CHECK_THROWS_AS(in::pulse(1.0, -1.0), gd::error);
  CHECK_NOTHROW(in::pulse(1.0, 0.0));
}

TEST_CASE("input: pulse of width 0 lasts one time step under fixed steps, as in Vensim") {
  // Vensim: "If width is passed as 0 it will be treated as though it were the current value
  // of TIME STEP": on iff start < t + dt/2 < start + dt.
  const double dt = 1.0 / 16.0;
  for (double start : {3.0, 3.01, 2.97}) {
    CAPTURE(start);
    const in::pulse p(start, 0.0, 5.0);
    const in::pulse one_step(start, dt, 5.0);  // what Vensim reads it as
    int on_count = 0;
    double on_at = -1.0;
    for (int k = 0; k <= 160; ++k) {
      const double t = k * dt;
      CAPTURE(t);
      CHECK(p(on_grid(t, dt)) == one_step(on_grid(t, dt)));
      if (p(on_grid(t, dt)) == 5.0) {
        ++on_count;
        on_at = t;
      }
    }
    CHECK(on_count == 1);
    CHECK(on_at == 3.0);  // the grid time nearest to start
  }
  // A start half-way between grid times has t + dt/2 on an edge, so, with Vensim's strict
  // comparisons, no step at all.
  const in::pulse between(3.0 + dt / 2.0, 0.0);
  for (int k = 0; k <= 160; ++k) CHECK(between(on_grid(k * dt, dt)) == 0.0);
  // A plain evaluation has no step, so a width-0 pulse is never on there.
  const in::pulse p(3.0, 0.0);
  CHECK(p(gd::time_point{3.0}) == 0.0);
  CHECK(p(gd::time_point{3.0001}) == 0.0);
}

TEST_CASE("input: pulse of width 0 refuses to give breakpoints, which only adaptive runs ask for") {
  const in::pulse p(3.0, 0.0);
  std::vector<double> out;
  GD_CHECK_INVALID("goaldrift::input::pulse", "width", "0", p.breakpoints(0.0, 10.0, out));
  CHECK_THROWS_WITH_AS(p.breakpoints(0.0, 10.0, out),
                       "goaldrift::input::pulse: width must be positive under an adaptive method: "
                       "0 means one time step, which only a fixed-step method such as euler or "
                       "rk4 has, got 0",
                       gd::invalid_parameter);
  // Inside a combination too.
  const auto combo = in::step(1.0, 2.0) + p;
  GD_CHECK_INVALID("goaldrift::input::pulse", "width", "0", combo.breakpoints(0.0, 10.0, out));
}

// ---------------------------------------------------------------------------------------------
// PULSE TRAIN

TEST_CASE("input: pulse_train(7, 1, 2, 12) with dt = 1/16 is on for one unit from 7, 9 and 11") {
  // Pulse k (start 7 + 2k, k = 0, 1, 2) is on where 7 + 2k < t + 1/32 < 8 + 2k, i.e. on the
  // 1/16 grid at t in [7 + 2k, 8 + 2k). The pulse that would start at 13 is after end = 12.
  const double dt = 1.0 / 16.0;
  const in::pulse_train train(7.0, 1.0, 2.0, 12.0);
  for (int k = 0; k <= 25 * 16; ++k) {
    const double t = k * dt;
    CAPTURE(t);
    const bool on = (t >= 7.0 && t < 8.0) || (t >= 9.0 && t < 10.0) || (t >= 11.0 && t < 12.0);
    CHECK(train(on_grid(t, dt)) == (on ? 1.0 : 0.0));
  }
  CHECK(train(on_grid(12.0, dt)) == 0.0);
  CHECK(train(on_grid(13.0, dt)) == 0.0);  // no pulse starting after end
  CHECK(train(on_grid(13.5, dt)) == 0.0);
}

TEST_CASE("input: pulse_train cuts a pulse still on at end after the last grid time <= end") {
  // Pulses of duration 3 every 4 from 0, end = 5: the pulse starting at 4 would last to 7 but
  // nothing is on after end. dt = 0.25 (jump_t = t + 0.125): on at t in [0, 2.75] (first
  // pulse), then [4, 5]: t = 5 has grid_t = 5, not after end, so it is on; 5.25 is off.
  const double dt = 0.25;
  const in::pulse_train train(0.0, 3.0, 4.0, 5.0, 2.0);
  for (int k = 0; k <= 40; ++k) {
    const double t = k * dt;
    CAPTURE(t);
    const bool on = (t >= 0.0 && t <= 2.75) || (t >= 4.0 && t <= 5.0);
    CHECK(train(on_grid(t, dt)) == (on ? 2.0 : 0.0));
  }
  // The cut is decided at grid_t (= jump_t - half_step), not at jump_t: with the same
  // jump_t = 5.125, grid time 5 is on but a plain evaluation at 5.125 is already after end.
  CHECK(train(gd::time_point{5.0, 5.125, 0.125}) == 2.0);
  CHECK(train(gd::time_point{5.125}) == 0.0);
  CHECK(train(gd::time_point{4.5}) == 2.0);
}

TEST_CASE("input: pulse_train with a pulse starting exactly at end fires for that grid time") {
  // Pulses at 0 and 2 and 4 (duration 1), end = 4. With dt = 0.25, the pulse at 4 is on at
  // t = 4 (grid time not after end, 4 < 4.125 < 5) and cut from 4.25 on.
  const double dt = 0.25;
  const in::pulse_train train(0.0, 1.0, 2.0, 4.0);
  CHECK(train(on_grid(3.75, dt)) == 0.0);
  CHECK(train(on_grid(4.0, dt)) == 1.0);
  CHECK(train(on_grid(4.25, dt)) == 0.0);
  CHECK(train(on_grid(6.0, dt)) == 0.0);  // would be the next pulse: after end
  CHECK(train(on_grid(2.0, dt)) == 1.0);
  CHECK(train(on_grid(1.0, dt)) == 0.0);
}

TEST_CASE("input: pulse_train with duration == repeat is on throughout, between start and end") {
  // Adjacent pulses: every grid time from start to end (dt = 0.5, jump_t never hits an edge).
  const double dt = 0.5;
  const in::pulse_train train(1.0, 2.0, 2.0, 9.0);
  for (int k = 0; k <= 24; ++k) {
    const double t = k * dt;
    CAPTURE(t);
    CHECK(train(on_grid(t, dt)) == (t >= 1.0 && t <= 9.0 ? 1.0 : 0.0));
  }
}

TEST_CASE("input: pulse_train breakpoints are the pulse edges, clipped at end") {
  const in::pulse_train train(7.0, 1.0, 2.0, 12.0);
  CHECK(breaks(train, 0.0, 25.0) == std::vector<double>{7.0, 8.0, 9.0, 10.0, 11.0, 12.0});
  CHECK(breaks(train, 8.0, 11.0) == std::vector<double>{9.0, 10.0});
  CHECK(breaks(train, 7.5, 8.5) == std::vector<double>{8.0});  // the end of a pulse begun earlier
  CHECK(breaks(train, 12.0, 100.0).empty());

  // The second pulse (4 .. 7) is cut at end = 5, so its falling edge is 5, not 7.
  const in::pulse_train clipped(0.0, 3.0, 4.0, 5.0);
  CHECK(breaks(clipped, -1.0, 100.0) == std::vector<double>{0.0, 3.0, 4.0, 5.0});
}

TEST_CASE("input: pulse_train rejects overlapping pulses, bad times and a non-finite height") {
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "duration", "3",
                   in::pulse_train(0.0, 3.0, 2.0, 10.0));
  CHECK_THROWS_WITH_AS(in::pulse_train(0.0, 3.0, 2.0, 10.0),
                       "goaldrift::input::pulse_train: duration must not exceed repeat (2), or "
                       "the pulses overlap, got 3",
                       gd::invalid_parameter);
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "duration", "0",
                   in::pulse_train(0.0, 0.0, 2.0, 10.0));
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "repeat", "0",
                   in::pulse_train(0.0, 1.0, 0.0, 10.0));
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "repeat", "-2",
                   in::pulse_train(0.0, 1.0, -2.0, 10.0));
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "start", "nan",
                   in::pulse_train(nan_v, 1.0, 2.0, 10.0));
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "end", "5",
                   in::pulse_train(7.0, 1.0, 2.0, 5.0));
  CHECK_THROWS_WITH_AS(in::pulse_train(7.0, 1.0, 2.0, 5.0),
                       "goaldrift::input::pulse_train: end must be finite and not before start "
                       "(7), got 5",
                       gd::invalid_parameter);
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "end", "inf",
                   in::pulse_train(7.0, 1.0, 2.0, inf_v));
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "end", "nan",
                   in::pulse_train(7.0, 1.0, 2.0, nan_v));
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "height", "nan",
                   in::pulse_train(0.0, 1.0, 2.0, 10.0, nan_v));
  // The limits themselves are allowed: duration == repeat and end == start.
  CHECK_NOTHROW(in::pulse_train(0.0, 2.0, 2.0, 10.0));
  CHECK_NOTHROW(in::pulse_train(3.0, 1.0, 2.0, 3.0));
}

// ---------------------------------------------------------------------------------------------
// RAMP

TEST_CASE("input: ramp is slope * (t - start) between start and end, flat before and after") {
  const in::ramp r(2.0, 1.0, 4.0);
  CHECK(r(gd::time_point{0.0}) == 0.0);
  CHECK(r(gd::time_point{1.0}) == 0.0);
  CHECK(r(gd::time_point{1.5}) == 1.0);   // 2 * 0.5
  CHECK(r(gd::time_point{2.5}) == 3.0);   // 2 * 1.5
  CHECK(r(gd::time_point{4.0}) == 6.0);   // 2 * 3
  CHECK(r(gd::time_point{10.0}) == 6.0);  // held at slope * (end - start)
  // Continuous: evaluated at the exact t, whatever jump_t says.
  CHECK(r(gd::time_point{2.0, 100.0, 0.5}) == 2.0);
  CHECK(r(gd::time_point{2.25, 2.0, 0.25}) == 2.5);

  const in::ramp falling(-0.5, 0.0, 2.0);
  CHECK(falling(gd::time_point{1.0}) == -0.5);
  CHECK(falling(gd::time_point{3.0}) == -1.0);
}

TEST_CASE("input: ramp without an end never stops") {
  const in::ramp r(0.5, 2.0);
  CHECK(std::isinf(r.end));
  CHECK(r(gd::time_point{2.0}) == 0.0);
  CHECK(r(gd::time_point{4.0}) == 1.0);
  CHECK(r(gd::time_point{1e6}) == 0.5 * (1e6 - 2.0));
  CHECK(breaks(r, 0.0, 1e9) == std::vector<double>{2.0});
}

TEST_CASE("input: ramp breakpoints are start and end inside (from, to)") {
  const in::ramp r(1.0, 14.0, 17.0);
  CHECK(breaks(r, 0.0, 25.0) == std::vector<double>{14.0, 17.0});
  CHECK(breaks(r, 14.0, 25.0) == std::vector<double>{17.0});
  CHECK(breaks(r, 15.0, 16.0).empty());
}

TEST_CASE("input: ramp rejects an end not later than start and non-finite values") {
  GD_CHECK_INVALID("goaldrift::input::ramp", "end", "5", in::ramp(1.0, 5.0, 5.0));
  GD_CHECK_INVALID("goaldrift::input::ramp", "end", "3", in::ramp(1.0, 5.0, 3.0));
  GD_CHECK_INVALID("goaldrift::input::ramp", "end", "nan", in::ramp(1.0, 5.0, nan_v));
  GD_CHECK_INVALID("goaldrift::input::ramp", "end", "-inf", in::ramp(1.0, 5.0, -inf_v));
  CHECK_THROWS_WITH_AS(in::ramp(1.0, 5.0, 5.0),
                       "goaldrift::input::ramp: end must be later than start (5), got 5",
                       gd::invalid_parameter);
  GD_CHECK_INVALID("goaldrift::input::ramp", "slope", "nan", in::ramp(nan_v, 0.0, 1.0));
  GD_CHECK_INVALID("goaldrift::input::ramp", "slope", "inf", in::ramp(inf_v, 0.0));
  GD_CHECK_INVALID("goaldrift::input::ramp", "start", "-inf", in::ramp(1.0, -inf_v, 1.0));
  CHECK_NOTHROW(in::ramp(1.0, 5.0, inf_v));  // an explicit infinite end is "never stops"
}

// ---------------------------------------------------------------------------------------------
// time tables

TEST_CASE("input: table interpolates linearly in t and holds the end values") {
  const in::table tab{{0.0, 0.0}, {10.0, 100.0}, {20.0, 50.0}};
  CHECK(std::is_same_v<decltype(tab)::value_type, double>);
  CHECK(tab(gd::time_point{-5.0}) == 0.0);    // clamped before the first point
  CHECK(tab(gd::time_point{2.5}) == 25.0);    // 0 + 2.5 * 10
  CHECK(tab(gd::time_point{10.0}) == 100.0);  // at a point
  CHECK(tab(gd::time_point{15.0}) == 75.0);   // halfway from 100 to 50
  CHECK(tab(gd::time_point{30.0}) == 50.0);   // clamped after the last point
  // Evaluated at t, not jump_t (a table of time is continuous).
  CHECK(tab(gd::time_point{5.0, 15.0, 0.5}) == 50.0);

  const in::table from_lookup(gd::sd::lookup({1.0, 3.0}, {-2.0, 2.0}));
  CHECK(from_lookup(gd::time_point{2.0}) == 0.0);
  CHECK(from_lookup(gd::time_point{2.5}) == 1.0);
}

TEST_CASE("input: table reports its interior points as breakpoints and rejects bad points") {
  const in::table tab{{0.0, 0.0}, {10.0, 100.0}, {20.0, 50.0}};
  CHECK(breaks(tab, -1.0, 30.0) == std::vector<double>{0.0, 10.0, 20.0});
  CHECK(breaks(tab, 0.0, 20.0) == std::vector<double>{10.0});
  CHECK(breaks(tab, 10.0, 15.0).empty());

  GD_CHECK_INVALID("goaldrift::input::table", "points", "1", in::table{{0.0, 1.0}});
  GD_CHECK_INVALID("goaldrift::input::table", "x", "1 after 2 (points 1 and 2)",
                   in::table{{0.0, 1.0}, {2.0, 3.0}, {1.0, 4.0}});
}

// ---------------------------------------------------------------------------------------------
// function

TEST_CASE("input: function wraps f(double t) with the time t") {
  const in::function f([](double t) { return 3.0 * t + 1.0; });
  CHECK(f(gd::time_point{2.0}) == 7.0);
  // f(double) only sees t, never jump_t.
  CHECK(f(gd::time_point{2.0, 50.0, 0.25}) == 7.0);
  CHECK(std::is_same_v<decltype(f)::value_type, double>);

  const in::function g([](double t) { return static_cast<float>(t) * 2.0f; });
  CHECK(std::is_same_v<decltype(g)::value_type, float>);
  CHECK(g(gd::time_point{1.5}) == 3.0f);
}

TEST_CASE("input: function wraps f(const time_point&) and sees jump_t and half_step") {
  // A hand-written STEP(1, 2) that follows the fixed-step rule through jump_t.
  const in::function f([](const gd::time_point& w) { return w.jump_t > 2.0 ? 1.0 : 0.0; });
  CHECK(f(gd::time_point{1.95, 2.0, 0.05}) == 0.0);  // jump_t 2.0 is not > 2
  CHECK(f(gd::time_point{1.95, 2.05, 0.1}) == 1.0);  // jump_t 2.05 > 2
  const in::function grid([](const gd::time_point& w) { return w.grid_t(); });
  CHECK(grid(gd::time_point{3.1, 3.25, 0.25}) == 3.0);
}

TEST_CASE("input: function reports its jumps as breakpoints and rejects non-finite ones") {
  const in::function f([](double t) { return t < 2.0 ? 0.0 : 1.0; }, {2.0, 5.0, -1.0});
  CHECK(breaks(f, 0.0, 10.0) == std::vector<double>{2.0, 5.0});
  CHECK(breaks(f, 2.0, 5.0).empty());  // the ends themselves are not inside
  CHECK(breaks(f, -2.0, 3.0) == std::vector<double>{-1.0, 2.0});

  const in::function no_jumps([](double t) { return t; });
  CHECK(breaks(no_jumps, -1e9, 1e9).empty());

  auto id = [](double t) { return t; };
  GD_CHECK_INVALID("goaldrift::input::function", "jumps", "nan",
                   in::function(id, std::vector<double>{1.0, nan_v}));
  GD_CHECK_INVALID("goaldrift::input::function", "jumps", "inf",
                   in::function(id, std::vector<double>{inf_v}));
}

// ---------------------------------------------------------------------------------------------
// arithmetic and make_input

TEST_CASE("input: make_input turns numbers into constants and callables into functions") {
  const auto c = in::make_input(3);
  CHECK(std::is_same_v<std::decay_t<decltype(c)>, in::constant<double>>);
  CHECK(c(gd::time_point{9.0}) == 3.0);

  const auto f = in::make_input([](double t) { return t * t; });
  CHECK(f(gd::time_point{3.0}) == 9.0);
  CHECK(in::is_input_v<decltype(f)>);

  const in::step s(2.0, 1.0);
  const auto same = in::make_input(s);
  CHECK(std::is_same_v<std::decay_t<decltype(same)>, in::step<double>>);
  CHECK(same.height == 2.0);
  CHECK(same.start == 1.0);

  GD_CHECK_INVALID("goaldrift::input::constant", "value", "nan", in::make_input(nan_v));
}

TEST_CASE("input: + - * combine inputs point by point") {
  const in::step s(2.0, 1.0);      // 0 before 1, 2 after
  const in::ramp r(1.0, 0.0, 10);  // t on [0, 10]
  const auto sum = s + r;
  const auto diff = s - r;
  const auto prod = s * r;
  for (double t : {0.5, 3.0, 12.0}) {
    CAPTURE(t);
    const gd::time_point w{t};
    const double sv = t > 1.0 ? 2.0 : 0.0;
    const double rv = t < 10.0 ? t : 10.0;
    CHECK(sum(w) == sv + rv);
    CHECK(diff(w) == sv - rv);
    CHECK(prod(w) == sv * rv);
  }
  // Order matters for minus: r - s is the negative of s - r.
  CHECK((r - s)(gd::time_point{3.0}) == 1.0);  // 3 - 2
}

TEST_CASE("input: numbers mix with inputs on either side, and unary minus negates") {
  const in::step s(2.0, 1.0);
  const gd::time_point before{0.0};
  const gd::time_point after{5.0};
  CHECK((10.0 + s)(after) == 12.0);
  CHECK((s + 10.0)(after) == 12.0);
  CHECK((10.0 - s)(after) == 8.0);
  CHECK((s - 10.0)(after) == -8.0);
  CHECK((3 * s)(after) == 6.0);  // an int becomes a double constant
  CHECK((s * 0.5)(after) == 1.0);
  CHECK((-1.0 + s)(before) == -1.0);
  CHECK((-s)(after) == -2.0);
  CHECK((-s)(before) == 0.0);
  CHECK((-(-s))(after) == 2.0);
  // Combinations nest: the conformance model's input is a sum of four inputs.
  const auto nested = (s + 1.0) * (s - 1.0);  // (2 + 1) * (2 - 1) = 3 after, (1)(-1) before
  CHECK(nested(after) == 3.0);
  CHECK(nested(before) == -1.0);
  // The time_point reaches the members unchanged, so the step keeps its jump rule: at grid
  // time 0.75 with dt = 0.5, jump_t = 1.0 is not > 1 (off, 0 + 1); with dt = 1, jump_t = 1.25
  // is (on, 2 + 1).
  CHECK((s + 1.0)(gd::time_point{0.75, 1.0, 0.25}) == 1.0);
  CHECK((s + 1.0)(gd::time_point{0.75, 1.25, 0.5}) == 3.0);
}

TEST_CASE("input: value_type of a combination follows the operation on the member types") {
  const in::step sf(1.0f, 0.0);
  const auto float_sum = sf + in::step(2.0f, 0.0);
  CHECK(std::is_same_v<decltype(float_sum)::value_type, float>);
  const auto promoted = sf + 1.0;  // float + double constant = double
  CHECK(std::is_same_v<decltype(promoted)::value_type, double>);
  CHECK(promoted(gd::time_point{1.0}) == 2.0);
}

TEST_CASE("input: breakpoints of a combination are the union of its members'") {
  const auto combo = in::step(1.0, 2.0) + in::pulse(3.0, 1.0) * in::ramp(1.0, 6.0, 8.0);
  CHECK(breaks(combo, 0.0, 10.0) == std::vector<double>{2.0, 3.0, 4.0, 6.0, 8.0});
  CHECK(breaks(combo, 3.0, 8.0) == std::vector<double>{4.0, 6.0});
  CHECK(breaks(-combo, 0.0, 10.0) == std::vector<double>{2.0, 3.0, 4.0, 6.0, 8.0});
  // A constant has no breakpoints: adding one adds nothing.
  CHECK(breaks(5.0 + in::step(1.0, 2.0), 0.0, 10.0) == std::vector<double>{2.0});
  CHECK(breaks(in::make_input(1.0) + 2.0, 0.0, 10.0).empty());
}

TEST_CASE("input: validate() of a combination rejects a bad member on either side") {
  auto combo = in::step(1.0, 2.0) + in::pulse(3.0, 1.0);
  CHECK_NOTHROW(combo.validate());
  combo.b.width = -1.0;
  GD_CHECK_INVALID("goaldrift::input::pulse", "width", "-1", combo.validate());
  combo.b.width = 1.0;
  combo.a.height = nan_v;
  GD_CHECK_INVALID("goaldrift::input::step", "height", "nan", combo.validate());

  auto neg = -in::ramp(1.0, 0.0, 5.0);
  CHECK_NOTHROW(neg.validate());
  neg.a.end = -1.0;
  GD_CHECK_INVALID("goaldrift::input::ramp", "end", "-1", neg.validate());

  // Nested: the bad member is two levels down.
  auto deep = 1.0 + (in::step(1.0, 2.0) * in::pulse_train(0.0, 1.0, 2.0, 10.0));
  CHECK_NOTHROW(deep.validate());
  deep.b.b.duration = 5.0;
  GD_CHECK_INVALID("goaldrift::input::pulse_train", "duration", "5", deep.validate());

  // A NaN number is refused when the combination is built.
  GD_CHECK_INVALID("goaldrift::input::constant", "value", "nan", in::step(1.0, 2.0) + nan_v);
}
