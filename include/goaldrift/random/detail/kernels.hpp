// Branch-free log and sin/cos of 2 pi u for turning uniforms into normals, written once for a
// double and for a compiler vector of doubles, so that a pass over many lanes runs in vector
// registers and one lane gives exactly the same bits.
//
// The library's own versions rather than libm's: libm's log and cos do not vectorise without
// -ffast-math (which goaldrift refuses), and a SIMD pack of members must draw the same noise as
// those members drawn one at a time. The polynomials are fdlibm's (Sun Microsystems, as in
// FreeBSD's msun: e_log.c, k_sin.c, k_cos.c), accurate to about 1 ulp on the ranges used here.
//
// Each kernel is a template over D, double or noise_vector (GCC and Clang, unless
// GOALDRIFT_PORTABLE_PACK is defined: as many doubles as the target's widest registers hold),
// with lanes<D> supplying the few operations that differ: reading a value's bits, building one
// from bits, and selecting by a comparison. The integer arithmetic is done in 64-bit lanes,
// the floating-point arithmetic is the same expression for both, so they agree bit for bit.
// They are always inlined, so that the passes over many vectors interleave them.
#pragma once

#include <cstddef>
#include <cstdint>

#include "../../config.hpp"
#include "../../detail/bits.hpp"

#if (defined(__GNUC__) || defined(__clang__)) && !defined(GOALDRIFT_PORTABLE_PACK)
#define GOALDRIFT_VECTOR_NOISE 1
#if defined(__SSE2__)
#include <immintrin.h>
#endif
#else
#define GOALDRIFT_VECTOR_NOISE 0
#endif

namespace goaldrift::random::detail {

using goaldrift::detail::bits_of;
using goaldrift::detail::double_of;

/// The operations the kernels need on their value type D: the 64-bit words of D's lanes
/// (unsigned and signed), bits in and out, and a select by the result of a comparison.
template <class D>
struct lanes;
template <>
struct lanes<double> {
  using words = std::uint64_t;
  using signed_words = std::int64_t;
  static words bits(double x) { return bits_of(x); }
  static double from_bits(words b) { return double_of(b); }
  static signed_words to_signed(words b) { return static_cast<signed_words>(b); }
  static words to_unsigned(signed_words b) { return static_cast<words>(b); }
  /// k as a double, for |k| < 2^51: exact either way.
  static double small_integer(signed_words k) { return static_cast<double>(k); }
  template <class Condition>
  static double select(Condition c, double a, double b) { return c ? a : b; }
};

#if GOALDRIFT_VECTOR_NOISE
/// The width of noise_vector in bytes: the target's widest vector registers.
#if defined(__AVX512F__)
inline constexpr int noise_vector_bytes = 64;
#elif defined(__AVX__)
inline constexpr int noise_vector_bytes = 32;
#else
inline constexpr int noise_vector_bytes = 16;
#endif
typedef double noise_vector __attribute__((vector_size(noise_vector_bytes)));
typedef std::uint64_t noise_words __attribute__((vector_size(noise_vector_bytes)));
typedef std::int64_t noise_signed_words __attribute__((vector_size(noise_vector_bytes)));
inline constexpr std::size_t noise_vector_lanes = noise_vector_bytes / 8;

template <>
struct lanes<noise_vector> {
  using words = noise_words;
  using signed_words = noise_signed_words;
  // A cast between vector types of one size keeps the bits (GCC and Clang vector extensions).
  static words bits(noise_vector x) { return (words)x; }
  static noise_vector from_bits(words b) { return (noise_vector)b; }
  static signed_words to_signed(words b) { return (signed_words)b; }
  static words to_unsigned(signed_words b) { return (words)b; }
  // 1.5 2^52 + k has k in its low bits and a unit spacing: exact for |k| < 2^51.
  static noise_vector small_integer(signed_words k) {
    return (noise_vector)((words)k + 0x4338000000000000ULL) - 0x1.8p52;
  }
  static noise_vector select(signed_words c, noise_vector a, noise_vector b) { return c ? a : b; }
};

/// a * b for the low 32 bits of each lane (the high bits of a lane being zero): 64-bit
/// products. A plain vector multiply compiles to a full 64-bit multiply (vpmullq, slow);
/// the x86 instruction for exactly this is pmuludq.
inline noise_words multiply_low_words(noise_words a, noise_words b) {
#if defined(__AVX512F__)
  // (the zero-masked form: g++ 12 warns about the plain one's undefined pass-through operand)
  return (noise_words)_mm512_maskz_mul_epu32(static_cast<__mmask8>(0xff), (__m512i)a, (__m512i)b);
#elif defined(__AVX2__)
  return (noise_words)_mm256_mul_epu32((__m256i)a, (__m256i)b);
#elif defined(__AVX__)
  return a * b;  // AVX without AVX2 has no 256-bit integer multiply: the compiler splits it
#elif defined(__SSE2__)
  return (noise_words)_mm_mul_epu32((__m128i)a, (__m128i)b);
#else
  return a * b;
#endif
}
#endif

/// The uniform in (0, 1) with 52 random bits: (bits + 1/2) 2^-52, built by integer operations
/// only (1.bits - 1 is exact, and so is adding 2^-53), so it vectorises without a conversion.
/// `high` and `low` hold 32-bit words.
template <class D>
GOALDRIFT_HOT_INLINE D unit_from_words(typename lanes<D>::words high, typename lanes<D>::words low) {
  const auto bits = ((high << 32) | low) >> 12;
  return (lanes<D>::from_bits(bits | 0x3ff0000000000000ULL) - 1.0) + 0x1.0p-53;
}
inline double unit_from_bits(std::uint32_t high, std::uint32_t low) {
  return unit_from_words<double>(high, low);
}

/// ln(x) for a positive, normal, finite x (the uniforms above). fdlibm's e_log.c without its
/// special cases: x = 2^k (1 + f) with 1 + f in [sqrt(2)/2, sqrt(2)), then a polynomial in
/// s = f / (2 + f); both of fdlibm's final formulas are computed and one is selected. fdlibm's
/// 32-bit integer steps are done in 64-bit lanes: the values (the high word of a positive
/// double and differences of its mantissa bits) are the same.
template <class D>
GOALDRIFT_HOT_INLINE D log_positive(D x) {
  using L = lanes<D>;
  constexpr double ln2_hi = 6.93147180369123816490e-01;
  constexpr double ln2_lo = 1.90821492927058770002e-10;
  constexpr double lg1 = 6.666666666666735130e-01, lg2 = 3.999999999940941908e-01,
                   lg3 = 2.857142874366239149e-01, lg4 = 2.222219843214978396e-01,
                   lg5 = 1.818357216161805012e-01, lg6 = 1.531383769920937332e-01,
                   lg7 = 1.479819860511658591e-01;
  const auto b = L::bits(x);
  const auto hx = L::to_signed(b >> 32);
  auto k = ((hx >> 20) & 0x7ff) - 1023;
  const auto mantissa_high = hx & 0x000fffff;
  const auto i = (mantissa_high + 0x95f64) & 0x100000;  // 1 when the mantissa >= sqrt(2)
  k += i >> 20;
  const auto scaled = (L::to_unsigned(mantissa_high | (i ^ 0x3ff00000)) << 32) | (b & 0xffffffffULL);
  const D f = L::from_bits(scaled) - 1.0;
  const D s = f / (2.0 + f);
  const D dk = L::small_integer(k);
  const D z = s * s;
  const D w = z * z;
  const D t1 = w * (lg2 + w * (lg4 + w * lg6));
  const D t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
  const D r = t2 + t1;
  const D hfsq = 0.5 * f * f;
  const D wide = dk * ln2_hi - ((hfsq - (s * (hfsq + r) + dk * ln2_lo)) - f);
  const D narrow = dk * ln2_hi - ((s * (f - r) - dk * ln2_lo) - f);
  return L::select(((mantissa_high - 0x6147a) | (0x6b851 - mantissa_high)) > 0, wide, narrow);
}

/// sin(2 pi u) and cos(2 pi u) for u in [0, 1]: u is split into a quarter turn q / 4 (exact)
/// and a remainder r in [-1/8, 1/8], so 2 pi r lies in [-pi/4, pi/4] where fdlibm's kernels
/// (k_sin.c, k_cos.c) hold; the quarter turn then swaps and negates.
template <class D>
GOALDRIFT_HOT_INLINE void sincos_two_pi(D u, D& sine, D& cosine) {
  using L = lanes<D>;
  constexpr double two_pi = 6.283185307179586476925286766559;
  constexpr double round_magic = 0x1.8p52;  // adding and subtracting it rounds to an integer
  const D q = (4.0 * u + round_magic) - round_magic;
  const D a = two_pi * (u - 0.25 * q);
  const D z = a * a;
  // k_sin.c
  constexpr double s1 = -1.66666666666666324348e-01, s2 = 8.33333333332248946124e-03,
                   s3 = -1.98412698298579493134e-04, s4 = 2.75573137070700676789e-06,
                   s5 = -2.50507602534068634195e-08, s6 = 1.58969099521155010221e-10;
  const D sin_r = s2 + z * (s3 + z * (s4 + z * (s5 + z * s6)));
  const D sin_a = a + (z * a) * (s1 + z * sin_r);
  // k_cos.c
  constexpr double c1 = 4.16666666666666019037e-02, c2 = -1.38888888888741095749e-03,
                   c3 = 2.48015872894767294178e-05, c4 = -2.75573143513906633035e-07,
                   c5 = 2.08757232129817482790e-09, c6 = -1.13596475577881948265e-11;
  const D cos_r = z * (c1 + z * (c2 + z * (c3 + z * (c4 + z * (c5 + z * c6)))));
  const D hz = 0.5 * z;
  const D w = 1.0 - hz;
  const D cos_a = w + (((1.0 - w) - hz) + z * cos_r);
  // Quarter turns 0..4 (4 is a whole turn): swap on odd, negate sine on 2, 3 and cosine on 1, 2.
  // (| rather than ||, so that there are no branches)
  const auto odd = (q == 1.0) | (q == 3.0);
  const D s = L::select(odd, cos_a, sin_a);
  const D c = L::select(odd, sin_a, cos_a);
  sine = L::select((q == 2.0) | (q == 3.0), -s, s);
  cosine = L::select((q == 1.0) | (q == 2.0), -c, c);
}

/// sqrt(x) for a positive, normal, finite x, without a branch: a bit-trick estimate of
/// 1/sqrt(x) refined by four Newton steps (relative error 3.4e-2, 1.7e-3, 4.5e-6, 3e-11, 1e-21),
/// then one Heron correction of x/sqrt(x). Within an ulp of the true root. std::sqrt would do
/// but for errno: without -fno-math-errno the compiler keeps a call in it and will not
/// vectorise a loop over lanes.
template <class D>
GOALDRIFT_HOT_INLINE D sqrt_positive(D x) {
  using L = lanes<D>;
  D y = L::from_bits(0x5fe6eb50c7b537a9ULL - (L::bits(x) >> 1));
  const D half_x = 0.5 * x;
  y = y * (1.5 - half_x * y * y);
  y = y * (1.5 - half_x * y * y);
  y = y * (1.5 - half_x * y * y);
  y = y * (1.5 - half_x * y * y);
  const D s = x * y;
  return s + 0.5 * y * (x - s * s);
}

/// Both Box-Muller normals from two uniforms: (r cos 2 pi u2, r sin 2 pi u2) with
/// r = sqrt(-2 ln u1).
///
/// Precondition, not checked: u1 is a normal double in (0, 1], that is in [2.2e-308, 1], and u2
/// lies in [0, 1]. Outside it the result is wrong, not NaN: log_positive reads the exponent bits,
/// so u1 = 0 or a subnormal u1 gives a radius near 37.66 and u1 > 1, a negative u1 or NaN give
/// garbage. It is not checked because this is the inner loop of every noise draw, written to
/// run over vectors of lanes (philox_lanes.hpp); every caller passes unit_from_bits values, which
/// lie in [2^-53, 1 - 2^-53] by construction.
template <class D>
GOALDRIFT_HOT_INLINE void box_muller(D u1, D u2, D& z0, D& z1) {
  // -2 ln u1 > 0: u1 <= 1 - 2^-53 keeps it at least 2.2e-16, a normal number.
  const D r = sqrt_positive(-2.0 * log_positive(u1));
  D s, c;
  sincos_two_pi(u2, s, c);
  z0 = r * c;
  z1 = r * s;
}

}  // namespace goaldrift::random::detail
