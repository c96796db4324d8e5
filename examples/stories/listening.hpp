// Listening to several channels: front line, middle and top, each with its own delay and bias.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include <goaldrift/goaldrift.hpp>

namespace stories::listening {

namespace gd = goaldrift;

inline constexpr double action_time = 4.0;

/// Background pressure of 0.5 a month, and a shock of 10 a month in months 60-62.
inline constexpr double shock_time = 60.0;
inline auto pressure() { return 0.5 + gd::input::pulse(shock_time, 2.0, 10.0); }

/// The front line sees within two weeks and reports straight.
inline auto front_line() {
  return gd::perception::distorted(gd::perception::smooth(0.5), 0.0);
}
/// Middle management hears within two months and rounds up by 5 %.
inline auto middle() { return gd::perception::distorted(gd::perception::smooth(2.0), -0.05); }
/// The top learns through a third-order smooth over three months, 10 % rosier than reality.
inline auto top() { return gd::perception::distorted(gd::perception::smooth3(3.0), -0.10); }

inline auto fused() {
  namespace p = gd::perception;
  return p::fused(p::make_channel("front_line", 0.5, front_line()),
                  p::make_channel("middle", 0.3, middle()), p::make_channel("top", 0.2, top()));
}

template <class Perception>
auto model(Perception perception) {
  return gd::make_model(gd::state::actual(100.0, action_time), std::move(perception),
                        gd::goal::absolute(100.0), pressure());
}
inline auto top_only() { return model(top()); }
inline auto listening_to_all() { return model(fused()); }

inline gd::run_options options() { return gd::run_options(0.0, 180.0, 0.0625).saving_every(0.25); }

/// Steady state under an absolute goal with proportional action: (100 - P)/ta = u and
/// P = S (1 - bias), so S = (100 - u ta) / (1 - bias): rosy reports (bias < 0) hide a loss.
inline constexpr double steady_state(double bias) { return (100.0 - 0.5 * action_time) / (1.0 - bias); }

/// What the example prints about the response to the shock.
struct shock_summary {
  double before;     // S just before the shock
  double lowest;     // the trough after the shock
  double overshoot;  // how far S rises above its final level, from six months after the shock
  double settled;    // months after the shock until S stays within 1 of its final value
};
inline shock_summary summarise(const gd::trajectory& t) {
  shock_summary s{t.actual()[0], 1e300, -1e300, 0.0};
  const auto& time = t.time();
  const auto& S = t.actual();
  const double final_value = S.back();
  for (std::size_t i = 0; i < S.size(); ++i) {
    if (time[i] <= shock_time) s.before = S[i];
    if (time[i] >= shock_time) s.lowest = std::min(s.lowest, S[i]);
    if (time[i] >= shock_time + 6.0) s.overshoot = std::max(s.overshoot, S[i] - final_value);
    if (time[i] >= shock_time && std::fabs(S[i] - final_value) > 1.0) s.settled = time[i] - shock_time;
  }
  return s;
}

struct results {
  gd::trajectory top_only, fused;
};
inline results run() {
  return {gd::simulate(top_only(), options()), gd::simulate(listening_to_all(), options())};
}

}  // namespace stories::listening
