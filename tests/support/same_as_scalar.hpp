// How exactly a batched (SIMD) result must match the scalar one.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

namespace support {

/// True when the compiler may fuse a*b + c into one rounding (FMA) in some expressions and not
/// others: then vector and scalar code can differ in the last bits, and goaldrift promises
/// agreement within 1e-12 relative instead of bit for bit (docs/simd.md).
#if defined(__FMA__) || defined(__FP_FAST_FMA)
inline constexpr bool fused_multiply_add = true;
#else
inline constexpr bool fused_multiply_add = false;
#endif

/// Equal bit for bit without FMA, within 1e-12 relative (of the larger magnitude) with it.
inline bool same_as_scalar(double batched, double scalar) {
  if (batched == scalar || (std::isnan(batched) && std::isnan(scalar))) return true;  // +inf too
  if (!fused_multiply_add) return false;
  return std::fabs(batched - scalar) <= 1e-12 * std::max({1.0, std::fabs(batched), std::fabs(scalar)});
}

}  // namespace support
