// Derivatives through the parts themselves: ceres::Jet (Ceres Solver's dual number, Debian
// libceres-dev) as a scalar type of goaldrift models. Optional: include it (and link Ceres,
// CMake's Ceres::ceres) only where you want derivatives; the calibration layer
// (goaldrift/calibration.hpp) does.
//
//     using J = ceres::Jet<double, 2>;
//     auto m = goaldrift::make_model(goaldrift::state::actual(J(100.0), J(4.0)), ...);
//     m.goal.adjustment_time = J(12.0, 0);     // d/d(goal time) rides in the first slot
//     m.state.corrective.action_time = J(4.0, 1);
//     goaldrift::integrate_on_grid(m, options, goaldrift::method::euler{}, observer);
//     // every state the observer sees carries its value and its two derivatives
//
// A Jet steps through the same part code as a double: every arithmetic operation is Ceres'
// own, math::select picks a whole value (so a branch's derivative is the one of the branch
// taken: the one-sided slope at a kink such as a max, a floor or a bad-news/good-news switch),
// and a lookup table passes on the slope of the segment it reads from (math::map(f, slope, x)).
// A part that applies a function of one double without its slope (math::map(f, x)) does not
// compile over a Jet, rather than silently giving a zero derivative.
#pragma once

#include <cstddef>

#include <ceres/jet.h>

#include "../math.hpp"

namespace goaldrift::math {

/// ceres::Jet<T, N> as a scalar of goaldrift models: one value with N derivatives.
template <class T, int N>
struct scalar_ops<ceres::Jet<T, N>> {
  using jet = ceres::Jet<T, N>;
  using mask_type = bool;
  static constexpr std::size_t lanes = 1;
  static constexpr bool carries_derivatives = true;

  static jet select(bool m, const jet& a, const jet& b) { return m ? a : b; }
  /// True when the value and every derivative are finite.
  static bool is_finite(const jet& a) { return ceres::isfinite(a); }
  static jet abs(const jet& a) { return ceres::abs(a); }
  /// The value, without its derivatives.
  static double lane(const jet& a, std::size_t) { return static_cast<double>(a.a); }
  /// A constant: the value with zero derivatives.
  static jet from_lanes(const double* values) { return jet(static_cast<T>(values[0])); }
  /// Sets the value and zeroes the derivatives (what setting a parameter by path does).
  static void set_lane(jet& a, std::size_t, double v) { a = jet(static_cast<T>(v)); }
  /// f(x) with the derivatives times slope(x).
  template <class F, class D>
  static jet map(F&& f, D&& slope, const jet& a) {
    const double x = static_cast<double>(a.a);
    jet out(static_cast<T>(f(x)));
    out.v = a.v * static_cast<T>(slope(x));
    return out;
  }
  template <class F>
  static jet map(F&&, const jet&) {
    static_assert(sizeof(F) == 0,
                  "goaldrift::math::map(f, x) over a ceres::Jet would lose the derivative: give the "
                  "slope too, math::map(f, slope, x)");
    return jet();
  }
};

}  // namespace goaldrift::math
