// Branch-free log and sin/cos of 2 pi u for turning uniforms into normals, written so that a
// loop over many lanes vectorises and one lane gives exactly the same bits.
//
// The library's own versions rather than libm's: libm's log and cos do not vectorise without
// -ffast-math (which goaldrift refuses), and a SIMD pack of members must draw the same noise as
// those members drawn one at a time. The polynomials are fdlibm's (Sun Microsystems, as in
// FreeBSD's msun: e_log.c, k_sin.c, k_cos.c), accurate to about 1 ulp on the ranges used here.
#pragma once

#include <cstdint>

#include "../../detail/bits.hpp"

namespace goaldrift::random::detail {

using goaldrift::detail::bits_of;
using goaldrift::detail::double_of;

/// The uniform in (0, 1) with 52 random bits: (bits + 1/2) 2^-52, built by integer operations
/// only (1.bits - 1 is exact, and so is adding 2^-53), so it vectorises without a conversion.
inline double unit_from_bits(std::uint32_t high, std::uint32_t low) {
  const std::uint64_t bits = ((static_cast<std::uint64_t>(high) << 32) | low) >> 12;
  return (double_of(bits | 0x3ff0000000000000ULL) - 1.0) + 0x1.0p-53;
}

/// ln(x) for a positive, normal, finite x (the uniforms above). fdlibm's e_log.c without its
/// special cases: x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)), then a polynomial in
/// s = f / (2 + f); both of fdlibm's final formulas are computed and one is selected.
inline double log_positive(double x) {
  constexpr double ln2_hi = 6.93147180369123816490e-01;
  constexpr double ln2_lo = 1.90821492927058770002e-10;
  constexpr double lg1 = 6.666666666666735130e-01, lg2 = 3.999999999940941908e-01,
                   lg3 = 2.857142874366239149e-01, lg4 = 2.222219843214978396e-01,
                   lg5 = 1.818357216161805012e-01, lg6 = 1.531383769920937332e-01,
                   lg7 = 1.479819860511658591e-01;
  const std::uint64_t b = bits_of(x);
  const auto hx = static_cast<std::int32_t>(b >> 32);
  std::int32_t k = ((hx >> 20) & 0x7ff) - 1023;
  const std::int32_t mantissa_high = hx & 0x000fffff;
  const std::int32_t i = (mantissa_high + 0x95f64) & 0x100000;  // 1 when the mantissa >= sqrt(2)
  k += i >> 20;
  const std::uint64_t scaled = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(mantissa_high | (i ^ 0x3ff00000))) << 32) |
                               (b & 0xffffffffULL);
  const double f = double_of(scaled) - 1.0;
  const double s = f / (2.0 + f);
  const double dk = static_cast<double>(k);
  const double z = s * s;
  const double w = z * z;
  const double t1 = w * (lg2 + w * (lg4 + w * lg6));
  const double t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
  const double r = t2 + t1;
  const double hfsq = 0.5 * f * f;
  const double wide = dk * ln2_hi - ((hfsq - (s * (hfsq + r) + dk * ln2_lo)) - f);
  const double narrow = dk * ln2_hi - ((s * (f - r) - dk * ln2_lo) - f);
  const bool use_wide = ((mantissa_high - 0x6147a) | (0x6b851 - mantissa_high)) > 0;
  return use_wide ? wide : narrow;
}

/// sin(2 pi u) and cos(2 pi u) for u in [0, 1]: u is split into a quarter turn q / 4 (exact)
/// and a remainder r in [-1/8, 1/8], so 2 pi r lies in [-pi/4, pi/4] where fdlibm's kernels
/// (k_sin.c, k_cos.c) hold; the quarter turn then swaps and negates.
inline void sincos_two_pi(double u, double& sine, double& cosine) {
  constexpr double two_pi = 6.283185307179586476925286766559;
  constexpr double round_magic = 0x1.8p52;  // adding and subtracting it rounds to an integer
  const double q = (4.0 * u + round_magic) - round_magic;
  const double a = two_pi * (u - 0.25 * q);
  const double z = a * a;
  // k_sin.c
  constexpr double s1 = -1.66666666666666324348e-01, s2 = 8.33333333332248946124e-03,
                   s3 = -1.98412698298579493134e-04, s4 = 2.75573137070700676789e-06,
                   s5 = -2.50507602534068634195e-08, s6 = 1.58969099521155010221e-10;
  const double sin_r = s2 + z * (s3 + z * (s4 + z * (s5 + z * s6)));
  const double sin_a = a + (z * a) * (s1 + z * sin_r);
  // k_cos.c
  constexpr double c1 = 4.16666666666666019037e-02, c2 = -1.38888888888741095749e-03,
                   c3 = 2.48015872894767294178e-05, c4 = -2.75573143513906633035e-07,
                   c5 = 2.08757232129817482790e-09, c6 = -1.13596475577881948265e-11;
  const double cos_r = z * (c1 + z * (c2 + z * (c3 + z * (c4 + z * (c5 + z * c6)))));
  const double hz = 0.5 * z;
  const double w = 1.0 - hz;
  const double cos_a = w + (((1.0 - w) - hz) + z * cos_r);
  // Quarter turns 0..4 (4 is a whole turn): swap on odd, negate sine on 2, 3 and cosine on 1, 2.
  // (| rather than ||, so that a loop over lanes has no branches and vectorises)
  const bool odd = (q == 1.0) | (q == 3.0);
  const double s = odd ? cos_a : sin_a;
  const double c = odd ? sin_a : cos_a;
  sine = ((q == 2.0) | (q == 3.0)) ? -s : s;
  cosine = ((q == 1.0) | (q == 2.0)) ? -c : c;
}

/// sqrt(x) for a positive, normal, finite x, without a branch: a bit-trick estimate of
/// 1/sqrt(x) refined by four Newton steps (relative error 3.4e-2, 1.7e-3, 4.5e-6, 3e-11, 1e-21),
/// then one Heron correction of x/sqrt(x). Within an ulp of the true root. std::sqrt would do
/// but for errno: without -fno-math-errno the compiler keeps a call in it and will not
/// vectorise a loop over lanes.
inline double sqrt_positive(double x) {
  double y = double_of(0x5fe6eb50c7b537a9ULL - (bits_of(x) >> 1));
  const double half_x = 0.5 * x;
  y = y * (1.5 - half_x * y * y);
  y = y * (1.5 - half_x * y * y);
  y = y * (1.5 - half_x * y * y);
  y = y * (1.5 - half_x * y * y);
  const double s = x * y;
  return s + 0.5 * y * (x - s * s);
}

/// Both Box-Muller normals from two uniforms: (r cos 2 pi u2, r sin 2 pi u2) with
/// r = sqrt(-2 ln u1).
///
/// Precondition, not checked: u1 is a normal double in (0, 1], that is in [2.2e-308, 1], and u2
/// lies in [0, 1]. Outside it the result is wrong, not NaN: log_positive reads the exponent bits,
/// so u1 = 0 or a subnormal u1 gives a radius near 37.66 and u1 > 1, a negative u1 or NaN give
/// garbage. It is not checked because this is the inner loop of every noise draw, written to
/// vectorise over lanes (philox_lanes.hpp); every caller passes unit_from_bits values, which lie
/// in [2^-53, 1 - 2^-53] by construction.
inline void box_muller(double u1, double u2, double& z0, double& z1) {
  // -2 ln u1 > 0: u1 <= 1 - 2^-53 keeps it at least 2.2e-16, a normal number.
  const double r = sqrt_positive(-2.0 * log_positive(u1));
  double s, c;
  sincos_two_pi(u2, s, c);
  z0 = r * c;
  z1 = r * s;
}

}  // namespace goaldrift::random::detail
