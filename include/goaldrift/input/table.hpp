// A lookup table over time (a graphical function of time) used as an input.
#pragma once

#include <initializer_list>
#include <utility>
#include <vector>

#include "../sd/lookup.hpp"
#include "../time_point.hpp"

namespace goaldrift::input {

/// The value of a lookup table at time t: linear between points, flat beyond the ends.
/// Its points are breakpoints, so adaptive steppers stop at every change of slope.
template <class T = double>
struct table {
  using value_type = T;

  sd::lookup curve;

  explicit table(sd::lookup lookup_table) : curve(std::move(lookup_table)) {}
  table(std::initializer_list<std::pair<double, double>> points) : curve(points) {}

  T operator()(const time_point& when) const { return T(curve.value(when.t)); }

  void breakpoints(double from, double to, std::vector<double>& out) const {
    curve.breakpoints(from, to, out);
  }
};

table(sd::lookup) -> table<double>;
table(std::initializer_list<std::pair<double, double>>) -> table<double>;

}  // namespace goaldrift::input
