// Scalar operations that model code uses so it stays generic over the scalar type.
//
// Part code never branches on a value: it writes math::select(a < b, x, y), math::max(a, b),
// math::zidz(a, b). For float and double these are the obvious one-liners; a SIMD pack type
// plugs in by specialising goaldrift::math::scalar_ops<Pack>, and the same part code then steps
// every lane of an ensemble at once.
#pragma once

#include <cmath>
#include <cstddef>
#include <type_traits>

#include "config.hpp"

namespace goaldrift::math {

/// Customisation point: the operations a scalar type must offer. Specialise it for a SIMD pack.
template <class T, class Enable = void>
struct scalar_ops;  // deliberately undefined: a scalar type without scalar_ops is a compile error

template <class T>
struct scalar_ops<T, std::enable_if_t<std::is_floating_point_v<T>>> {
  using mask_type = bool;
  static constexpr std::size_t lanes = 1;

  static T select(bool m, T a, T b) noexcept { return m ? a : b; }
  static bool is_finite(T a) noexcept { return std::isfinite(a); }
  static T abs(T a) noexcept { return std::fabs(a); }
  static double lane(T a, std::size_t) noexcept { return static_cast<double>(a); }
  /// The scalar made of lanes[0] (a pack makes one lane per element).
  static T from_lanes(const double* lanes) noexcept { return static_cast<T>(lanes[0]); }
  /// Sets lane i (the only one, for a scalar).
  static void set_lane(T& a, std::size_t, double v) noexcept { a = static_cast<T>(v); }
  /// Applies a scalar function to every lane (a lookup-table search, for instance).
  template <class F>
  static T map(F&& f, T a) {
    return static_cast<T>(f(static_cast<double>(a)));
  }
};

template <class T>
using mask_t = typename scalar_ops<T>::mask_type;

template <class T>
inline constexpr std::size_t lanes_v = scalar_ops<T>::lanes;

/// Picks `a` where `m` holds and `b` elsewhere, without a branch on the value.
template <class M, class T>
inline T select(const M& m, const T& a, const T& b) {
  return scalar_ops<T>::select(m, a, b);
}

/// The larger of two values; `a` when they compare equal.
template <class T>
inline T max(const T& a, const T& b) {
  return select(a < b, b, a);
}

/// The smaller of two values; `a` when they compare equal.
template <class T>
inline T min(const T& a, const T& b) {
  return select(b < a, b, a);
}

/// `v` limited to [lo, hi].
template <class T>
inline T clamp(const T& v, const T& lo, const T& hi) {
  return min(max(v, lo), hi);
}

template <class T>
inline T abs(const T& a) {
  return scalar_ops<T>::abs(a);
}

/// Customisation point for the result of a comparison: bool for scalars, a lane mask for packs.
template <class M, class Enable = void>
struct mask_ops;

template <>
struct mask_ops<bool> {
  static bool all(bool m) noexcept { return m; }
  static bool any(bool m) noexcept { return m; }
};

/// True when the mask holds in every lane.
template <class M>
inline bool all(const M& m) {
  return mask_ops<M>::all(m);
}

/// True when the mask holds in at least one lane.
template <class M>
inline bool any(const M& m) {
  return mask_ops<M>::any(m);
}

/// The plain value of a scalar: the number itself, or a dual number's value without its
/// derivatives (lane 0 of a SIMD pack).
template <class T>
inline double value(const T& a) {
  return scalar_ops<T>::lane(a, 0);
}

template <class T>
inline bool is_finite(const T& a) {
  return scalar_ops<T>::is_finite(a);
}

/// Vensim's ZIDZ: a / b, or 0 where b is 0. Never divides by zero, even in a discarded lane.
template <class T>
inline T zidz(const T& a, const T& b) {
  const auto zero = b == T(0);
  return select(zero, T(0), a / select(zero, T(1), b));
}

/// Applies a function of one double to each lane of `a`. A scalar type that carries
/// derivatives (ceres::Jet, goaldrift/external/ceres.hpp) refuses it, because it cannot know the
/// function's slope: give it with map(f, slope, a).
template <class T, class F>
inline T map(F&& f, const T& a) {
  return scalar_ops<T>::map(static_cast<F&&>(f), a);
}

namespace detail {
template <class T, class = void>
struct carries_derivatives : std::false_type {};
template <class T>
struct carries_derivatives<T, std::enable_if_t<scalar_ops<T>::carries_derivatives>> : std::true_type {};
}  // namespace detail

/// True for a scalar type that carries derivatives beside its value (a dual number such as
/// ceres::Jet): its scalar_ops declares `static constexpr bool carries_derivatives = true`.
template <class T>
inline constexpr bool carries_derivatives_v = detail::carries_derivatives<T>::value;

/// Applies a function of one double, whose slope at x is slope(x), to each lane of `a`: the
/// values are those map(f, a) gives; a scalar type that carries derivatives also multiplies
/// them by slope(x) (the chain rule), which map(f, a) cannot do. A piecewise function (a lookup
/// table) gives the slope of the piece that f evaluates at x, so a derivative at a kink is the
/// one-sided slope of the piece the value comes from.
template <class T, class F, class D>
inline T map(F&& f, D&& slope, const T& a) {
  if constexpr (carries_derivatives_v<T>) {
    return scalar_ops<T>::map(static_cast<F&&>(f), static_cast<D&&>(slope), a);
  } else {
    (void)slope;
    return scalar_ops<T>::map(static_cast<F&&>(f), a);
  }
}

}  // namespace goaldrift::math
