// xsimd::batch<double> (Debian: libxsimd-dev) as a pack type for goaldrift's part code, when
// it is installed. Only simd_vehicles.cpp uses it, to measure it against goaldrift's own pack;
// goaldrift does not depend on xsimd.
#pragma once

#if __has_include(<xsimd/xsimd.hpp>)
#include <xsimd/xsimd.hpp>
#define GOALDRIFT_HAS_XSIMD 1
#else
#define GOALDRIFT_HAS_XSIMD 0
#endif

#include <cstddef>

#include <goaldrift/math.hpp>

#if GOALDRIFT_HAS_XSIMD
template <>
struct goaldrift::math::scalar_ops<xsimd::batch<double>> {
  using T = xsimd::batch<double>;
  using mask_type = xsimd::batch_bool<double>;
  static constexpr std::size_t lanes = T::size;

  static T select(const mask_type& m, const T& a, const T& b) { return xsimd::select(m, a, b); }
  static bool is_finite(const T& a) { return xsimd::all(xsimd::isfinite(a)); }
  static T abs(const T& a) { return xsimd::abs(a); }
  static double lane(const T& a, std::size_t i) {
    alignas(64) double d[lanes];
    a.store_aligned(d);
    return d[i];
  }
  static void set_lane(T& a, std::size_t i, double x) {
    alignas(64) double d[lanes];
    a.store_aligned(d);
    d[i] = x;
    a = T::load_aligned(d);
  }
  static T from_lanes(const double* l) { return T::load_unaligned(l); }
  template <class F>
  static T map(F&& f, const T& a) {
    alignas(64) double d[lanes];
    a.store_aligned(d);
    for (auto& v : d) v = f(v);
    return T::load_aligned(d);
  }
};
template <>
struct goaldrift::math::mask_ops<xsimd::batch_bool<double>> {
  static bool all(const xsimd::batch_bool<double>& m) { return xsimd::all(m); }
  static bool any(const xsimd::batch_bool<double>& m) { return xsimd::any(m); }
};
#endif
