// std::experimental::simd (libstdc++'s Parallelism TS 2) as a pack type for goaldrift's part
// code, where the standard library has it. One of the SIMD vehicles simd_vehicles.cpp measures
// against goaldrift's own pack; it lost (bench/README.md), so it lives here, not in include/.
#pragma once

#if __has_include(<experimental/simd>)
#include <experimental/simd>
#define GOALDRIFT_HAS_STDX_SIMD 1
#else
#define GOALDRIFT_HAS_STDX_SIMD 0
#endif

#include <cmath>
#include <cstddef>

#include <goaldrift/math.hpp>

#if GOALDRIFT_HAS_STDX_SIMD

namespace goaldrift::simd {

namespace stdx = std::experimental;

/// W doubles as a std::experimental::simd, with native vector members the compiler can keep
/// in registers.
template <std::size_t W>
using stdx_pack = stdx::fixed_size_simd<double, static_cast<int>(W)>;

}  // namespace goaldrift::simd

template <class Abi>
struct goaldrift::math::scalar_ops<std::experimental::simd<double, Abi>> {
  using T = std::experimental::simd<double, Abi>;
  using mask_type = typename T::mask_type;
  static constexpr std::size_t lanes = T::size();

  static T select(const mask_type& m, const T& a, const T& b) {
    T r = b;
    std::experimental::where(m, r) = a;
    return r;
  }
  static bool is_finite(const T& a) { return std::experimental::all_of(std::experimental::isfinite(a)); }
  static T abs(const T& a) { return std::experimental::abs(a); }
  static double lane(const T& a, std::size_t i) { return a[i]; }
  static void set_lane(T& a, std::size_t i, double v) { a[i] = v; }
  static T from_lanes(const double* p) { return T(p, std::experimental::element_aligned); }
  template <class F>
  static T map(F&& f, const T& a) {
    return T([&](auto i) { return f(a[i]); });
  }
};

template <class Abi>
struct goaldrift::math::mask_ops<std::experimental::simd_mask<double, Abi>> {
  static bool all(const std::experimental::simd_mask<double, Abi>& m) { return std::experimental::all_of(m); }
  static bool any(const std::experimental::simd_mask<double, Abi>& m) { return std::experimental::any_of(m); }
};

#endif
