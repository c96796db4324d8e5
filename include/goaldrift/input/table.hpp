// A lookup table over time (a graphical function of time) used as an input.
#pragma once

#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "../sd/lookup.hpp"
#include "../time_point.hpp"

namespace goaldrift::input {

/// The value of a lookup table at time t: linear between points, flat beyond the ends.
/// Its points are breakpoints, so adaptive steppers stop at every change of slope.
template <class T = double>
struct table {
  static_assert(detail::is_scalar_v<T>,
                "goaldrift::input::table: the value type must be a floating-point type or a SIMD "
                "pack (table<double>), not an integer, which would truncate the table's values.");
  using value_type = T;
  static constexpr const char* component = "goaldrift::input::table";

  sd::lookup curve;

  explicit table(sd::lookup lookup_table) : curve(std::move(lookup_table)) {}
  /// Points that do not make a table are refused under this part's name, not the name of the
  /// sd::lookup inside it, which the user never wrote.
  table(std::initializer_list<std::pair<double, double>> points) : curve(checked(points)) {}

  /// Lists the parameters by name (goaldrift/parameters.hpp): none (the curve is a table, not a
  /// number), but a list all the same.
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    (void)self;
    (void)visit;
  }

  T operator()(const time_point& when) const { return T(curve.value(when.t)); }

  void breakpoints(double from, double to, std::vector<double>& out) const {
    detail::require_breakpoint_count(component, "points", curve.size());
    curve.breakpoints(from, to, out);
  }

 private:
  static sd::lookup checked(std::initializer_list<std::pair<double, double>> points) {
    try {
      return sd::lookup(points);
    } catch (const invalid_parameter& e) {
      // The lookup's message reads "<its name>: <parameter> <requirement>, got <value>"; keep
      // the parameter, the requirement and the value, and put our name in front.
      const std::string what = e.what();
      const std::string head = std::string(sd::lookup::component) + ": " + e.parameter() + " ";
      const std::string tail = ", got " + e.value();
      if (what.size() < head.size() + tail.size() || what.compare(0, head.size(), head) != 0 ||
          what.compare(what.size() - tail.size(), tail.size(), tail) != 0) {
        throw;
      }
      throw invalid_parameter(component, e.parameter(),
                              what.substr(head.size(), what.size() - head.size() - tail.size()),
                              e.value());
    }
  }
};

table(sd::lookup) -> table<double>;
table(std::initializer_list<std::pair<double, double>>) -> table<double>;

}  // namespace goaldrift::input
