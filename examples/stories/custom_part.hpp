// A perception written by a user: it only registers change beyond a just-noticeable difference.
#pragma once

#include <array>
#include <cstddef>
#include <string>

#include <goaldrift/goaldrift.hpp>

namespace stories::custom_part {

namespace gd = goaldrift;

// [custom-perception]
/// Follows S like SMOOTH, but only the part of the gap beyond `threshold` is noticed: a
/// decline smaller than the threshold never registers at all.
struct noticeable_change {
  using scalar_type = double;
  static constexpr std::size_t state_size = 1;

  double smoothing_time = 1.0;
  double threshold = 3.0;

  void validate() const {  // optional: simulate() calls it before integrating
    if (!(smoothing_time > 0.0)) {
      throw gd::invalid_parameter("noticeable_change", "smoothing_time", "must be positive",
                                  smoothing_time);
    }
  }
  // optional: lists the parameters, so get(), set() and study::vary reach them by path
  // ("perception.threshold"); one function serves const and non-const parts alike.
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("smoothing_time", self.smoothing_time, "time to take in a noticed change", "time");
    visit("threshold", self.threshold, "smallest gap between S and P that is noticed", "level");
  }
  std::array<std::string, 1> state_names() const { return {"noticed"}; }
  void initialize(double* x, const double& input, const gd::time_point&) const { x[0] = input; }
  double value(const double* x, const double&, const gd::time_point&) const { return x[0]; }
  void derivative(const double* x, const double& input, const gd::time_point&, double* dxdt) const {
    const double gap = input - x[0];
    const double beyond = gd::math::select(gap > threshold, gap - threshold,
                                           gd::math::select(gap < -threshold, gap + threshold, 0.0));
    dxdt[0] = beyond / smoothing_time;
  }
};
// [custom-perception]

template <class Perception>
auto model(Perception perception) {
  return gd::make_model(gd::state::actual(100.0, 4.0), std::move(perception),
                        gd::goal::absolute(100.0), 1.0);
}

inline gd::run_options options() { return gd::run_options(0.0, 60.0, 0.125).saving_every(1.0); }

struct results {
  gd::trajectory smooth, noticing;
};
inline results run() {
  return {gd::simulate(model(gd::perception::smooth(1.0)), options()),
          gd::simulate(model(noticeable_change{}), options())};
}

}  // namespace stories::custom_part
