// A two-lane stand-in for a SIMD pack, just enough to push two ensemble members through the
// same model code at once and prove that the parts never branch on a value.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>

#include <goaldrift/math.hpp>

namespace support {

struct mask2 {
  std::array<bool, 2> lane;
};

struct pack2 {
  std::array<double, 2> lane{};
  pack2() = default;
  pack2(double a, double b) : lane{a, b} {}
  explicit pack2(double both) : lane{both, both} {}

  friend pack2 operator+(pack2 a, pack2 b) { return {a.lane[0] + b.lane[0], a.lane[1] + b.lane[1]}; }
  friend pack2 operator-(pack2 a, pack2 b) { return {a.lane[0] - b.lane[0], a.lane[1] - b.lane[1]}; }
  friend pack2 operator*(pack2 a, pack2 b) { return {a.lane[0] * b.lane[0], a.lane[1] * b.lane[1]}; }
  friend pack2 operator/(pack2 a, pack2 b) { return {a.lane[0] / b.lane[0], a.lane[1] / b.lane[1]}; }
  friend pack2 operator-(pack2 a) { return {-a.lane[0], -a.lane[1]}; }
  friend mask2 operator<(pack2 a, pack2 b) { return {{a.lane[0] < b.lane[0], a.lane[1] < b.lane[1]}}; }
  friend mask2 operator>(pack2 a, pack2 b) { return b < a; }
  friend mask2 operator<=(pack2 a, pack2 b) { return {{a.lane[0] <= b.lane[0], a.lane[1] <= b.lane[1]}}; }
  friend mask2 operator==(pack2 a, pack2 b) { return {{a.lane[0] == b.lane[0], a.lane[1] == b.lane[1]}}; }
};

}  // namespace support

template <>
struct goaldrift::math::scalar_ops<support::pack2> {
  using mask_type = support::mask2;
  static constexpr std::size_t lanes = 2;
  static support::pack2 select(const support::mask2& m, const support::pack2& a, const support::pack2& b) {
    return {m.lane[0] ? a.lane[0] : b.lane[0], m.lane[1] ? a.lane[1] : b.lane[1]};
  }
  static bool is_finite(const support::pack2& a) { return std::isfinite(a.lane[0]) && std::isfinite(a.lane[1]); }
  static support::pack2 abs(const support::pack2& a) { return {std::fabs(a.lane[0]), std::fabs(a.lane[1])}; }
  static double lane(const support::pack2& a, std::size_t i) { return a.lane[i]; }
  template <class F>
  static support::pack2 map(F&& f, const support::pack2& a) {
    return {f(a.lane[0]), f(a.lane[1])};
  }
};

template <>
struct goaldrift::math::mask_ops<support::mask2> {
  static bool all(const support::mask2& m) { return m.lane[0] && m.lane[1]; }
  static bool any(const support::mask2& m) { return m.lane[0] || m.lane[1]; }
};
