// Baselines that share no code with goaldrift: the benchmark models written from their
// equations alone, with their own counter-based generator (Philox4x32-10), their own
// Box-Muller (logarithm, sine and cosine by Taylor series, not goaldrift's fdlibm kernels),
// their own parameter draws and their own steppers, so that a ratio to them shows the whole
// of goaldrift's cost, its noise included. They include nothing from goaldrift.
//
// They draw the same numbers goaldrift draws: the coordinates of a draw (seed, kind, stream
// name, index, member) are turned into a Philox key and counter by the scheme goaldrift
// documents (a splitmix64 finaliser of the seed and an FNV-1a hash of the name), written here
// again from that description. Their logarithm and sine differ from goaldrift's in the last
// bits, so trajectories agree to about 1e-13, not bit for bit; tests/bench/crosscheck_test.cpp
// holds them to goaldrift's results within 1e-10.
//
// Three ways of organising the same work:
//   member_*     one member at a time, plain scalar C++ (what a programmer writes first);
//   batch        W members at a time, structure of arrays, one fused loop over the lanes per
//                RK4 (or Euler) step, the noise in one plain loop over the lanes per two steps:
//                portable C++ that the compiler vectorises;
//   batch_avx512 the same with AVX-512 intrinsics for the noise (Philox on 8 lanes of 64 bits,
//                the logarithm from the exponent and mantissa instructions) and the step, where
//                the CPU and the compiler flags have AVX-512F and DQ.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

#if defined(__AVX512F__) && defined(__AVX512DQ__)
#include <immintrin.h>
#define INDEPENDENT_HAVE_AVX512 1
#else
#define INDEPENDENT_HAVE_AVX512 0
#endif

namespace independent {

// ---- coordinates ---------------------------------------------------------------------------

constexpr std::uint64_t splitmix_finalise(std::uint64_t x) {
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}
constexpr std::uint32_t fnv1a(const char* name) {
  std::uint32_t h = 0x811c9dc5u;
  for (; *name != '\0'; ++name) h = (h ^ static_cast<unsigned char>(*name)) * 0x01000193u;
  return h;
}
enum : std::uint32_t { kind_parameter = 1, kind_noise = 2 };
/// The Philox key of the draws of kind `kind` in the stream `name` of a study seeded `seed`.
constexpr std::uint64_t key_of(std::uint64_t seed, std::uint32_t kind, const char* name) {
  return splitmix_finalise(seed ^ splitmix_finalise((static_cast<std::uint64_t>(kind) << 32) | fnv1a(name)));
}

// ---- Philox4x32-10 (Salmon, Moraes, Dror, Shaw, SC'11) --------------------------------------

constexpr std::uint32_t philox_m0 = 0xD2511F53u, philox_m1 = 0xCD9E8D57u;
constexpr std::uint32_t philox_w0 = 0x9E3779B9u, philox_w1 = 0xBB67AE85u;

/// One block: counter (index, member) as four 32-bit words, low word first; key as two.
inline std::array<std::uint32_t, 4> philox(std::uint64_t key, std::uint64_t index, std::uint64_t member) {
  std::uint32_t x0 = static_cast<std::uint32_t>(index), x1 = static_cast<std::uint32_t>(index >> 32);
  std::uint32_t x2 = static_cast<std::uint32_t>(member), x3 = static_cast<std::uint32_t>(member >> 32);
  std::uint32_t k0 = static_cast<std::uint32_t>(key), k1 = static_cast<std::uint32_t>(key >> 32);
  for (int round = 0; round < 10; ++round, k0 += philox_w0, k1 += philox_w1) {
    const std::uint64_t a = std::uint64_t{philox_m0} * x0, b = std::uint64_t{philox_m1} * x2;
    const std::uint32_t y0 = static_cast<std::uint32_t>(b >> 32) ^ x1 ^ k0;
    const std::uint32_t y2 = static_cast<std::uint32_t>(a >> 32) ^ x3 ^ k1;
    x1 = static_cast<std::uint32_t>(b);
    x3 = static_cast<std::uint32_t>(a);
    x0 = y0;
    x2 = y2;
  }
  return {x0, x1, x2, x3};
}

/// Throws unless philox() gives Random123's Philox4x32-10 words, bit for bit, on a spread of
/// keys and counters. The benchmarks call it before they time anything.
inline void check_philox_against_random123() {
  r123::Philox4x32 reference;
  std::uint64_t x = 12345;
  for (int i = 0; i < 1000; ++i) {
    const std::uint64_t key = splitmix_finalise(x += 0x9E3779B97F4A7C15ULL);
    const std::uint64_t index = i < 500 ? static_cast<std::uint64_t>(i) : splitmix_finalise(x += 1);
    const std::uint64_t member = i < 500 ? 7 : splitmix_finalise(x += 2);
    const r123::Philox4x32::ctr_type c = {{static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32),
                                           static_cast<std::uint32_t>(member), static_cast<std::uint32_t>(member >> 32)}};
    const r123::Philox4x32::key_type k = {{static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
    const auto want = reference(c, k);
    const auto got = philox(key, index, member);
    for (int w = 0; w < 4; ++w) {
      if (got[static_cast<std::size_t>(w)] != want[static_cast<std::size_t>(w)]) {
        throw std::runtime_error("bench/independent.hpp: its Philox4x32-10 differs from Random123's at draw " +
                                 std::to_string(i));
      }
    }
  }
}

// ---- uniforms and normals ------------------------------------------------------------------

/// (m + 1/2) 2^-52 for the top 52 bits m of (high, low): in (0, 1), never 0 or 1.
inline double unit(std::uint32_t high, std::uint32_t low) {
  const std::uint64_t m = ((std::uint64_t{high} << 32) | low) >> 12;
  return static_cast<double>(static_cast<std::int64_t>(m)) * 0x1p-52 + 0x1p-53;
}

constexpr double ln2_high = 0x1.62e42fefa3800p-1;  // ln 2 to 43 bits, so e * ln2_high is exact
constexpr double ln2_low = 0x1.ef35793c76730p-45;
constexpr double two_pi = 6.283185307179586476925286766559;

/// 2 atanh(s) / s - 2 = sum over k >= 1 of 2 s^2k / (2k + 1), for |s| <= 0.172 (s^2 <= 0.0295):
/// eleven terms leave a truncation error below 1e-19.
inline double atanh_tail(double s2) {
  double p = 2.0 / 23;
  for (int k = 10; k >= 1; --k) p = 2.0 / (2 * k + 1) + s2 * p;
  return s2 * p;
}

/// ln x for a positive normal x: x = 2^e y with y in [sqrt(1/2), sqrt(2)), then
/// ln y = 2 atanh((y - 1) / (y + 1)).
inline double ln(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  const std::int64_t e0 = static_cast<std::int64_t>(b >> 52) - 1023;
  const std::uint64_t mb = (b & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;
  double y;
  std::memcpy(&y, &mb, sizeof y);  // in [1, 2)
  const bool fold = y > 1.4142135623730951;
  y = fold ? 0.5 * y : y;
  const double e = static_cast<double>(e0 + (fold ? 1 : 0));
  const double s = (y - 1.0) / (y + 1.0);
  return e * ln2_high + (e * ln2_low + (2.0 * s + s * atanh_tail(s * s)));
}

/// sin x and cos x for |x| <= pi/4 by their Taylor series to x^17 and x^18.
inline void sincos_small(double x, double& sine, double& cosine) {
  const double z = x * x;
  double sp = 1.0 / 355687428096000.0;   // +1/17!
  double cp = -1.0 / 6402373705728000.0;  // -1/18!
  const double inverse_factorials[] = {1.0,
                                       1.0,
                                       1.0 / 2,
                                       1.0 / 6,
                                       1.0 / 24,
                                       1.0 / 120,
                                       1.0 / 720,
                                       1.0 / 5040,
                                       1.0 / 40320,
                                       1.0 / 362880,
                                       1.0 / 3628800,
                                       1.0 / 39916800,
                                       1.0 / 479001600,
                                       1.0 / 6227020800,
                                       1.0 / 87178291200,
                                       1.0 / 1307674368000,
                                       1.0 / 20922789888000};
  for (int n = 15; n >= 3; n -= 2) sp = (((n - 1) / 2) % 2 == 0 ? 1.0 : -1.0) * inverse_factorials[n] + z * sp;
  for (int n = 16; n >= 2; n -= 2) cp = ((n / 2) % 2 == 0 ? 1.0 : -1.0) * inverse_factorials[n] + z * cp;
  sine = x + x * (z * sp);
  cosine = 1.0 + z * cp;
}

/// The two Box-Muller normals of (u1, u2): sqrt(-2 ln u1) (cos 2 pi u2, sin 2 pi u2). The angle
/// is 2 pi (q/4 + r) with q = round(4 u2) and |r| <= 1/8.
inline void box_muller(double u1, double u2, double& z0, double& z1) {
  const double radius = std::sqrt(-2.0 * ln(u1));
  const double q = std::nearbyint(4.0 * u2);
  double s, c;
  sincos_small(two_pi * (u2 - 0.25 * q), s, c);
  const int quarter = static_cast<int>(q) & 3;
  const double cosine = quarter == 0 ? c : quarter == 1 ? -s : quarter == 2 ? -c : s;
  const double sine = quarter == 0 ? s : quarter == 1 ? c : quarter == 2 ? -s : -c;
  z0 = radius * cosine;
  z1 = radius * sine;
}

/// The two normals of Philox block (key, index, member).
inline void normal_pair(std::uint64_t key, std::uint64_t index, std::uint64_t member, double& z0, double& z1) {
  const auto b = philox(key, index, member);
  box_muller(unit(b[0], b[1]), unit(b[2], b[3]), z0, z1);
}

// ---- the models ----------------------------------------------------------------------------

/// drift and drift-noisy (bench/models.hpp has the equations) with their constants.
struct drift_model {
  double bad_news_time = 1.0, good_news_time = 6.0;
  double noise_time = 2.0, sigma = 3.0;
  double initial = 100.0;
};

/// One member's uncertain parameters, drawn as the study draws them: ta ~ U(2, 6),
/// tg ~ U(5, 20), u ~ U(1, 3), each from draw 0 of its own named parameter stream.
struct member_parameters {
  double ta, tg, u;
  member_parameters(std::uint64_t seed, std::uint64_t member)
      : ta(uniform(seed, "ta", member, 2.0, 6.0)), tg(uniform(seed, "tg", member, 5.0, 20.0)),
        u(uniform(seed, "u", member, 1.0, 3.0)) {}
  static double uniform(std::uint64_t seed, const char* name, std::uint64_t member, double low, double high) {
    const auto w = philox(key_of(seed, kind_parameter, name), 0, member);
    const double x = low + unit(w[0], w[1]) * (high - low);
    return x < high ? x : high;
  }
};

/// The noise: white noise w held over each step of h, sd sqrt(2 tn / h), step k taking normal
/// k % 2 of Philox block k / 2 of the stream "w".
inline double noise_scale(const drift_model& m, double h) { return std::sqrt(2.0 * m.noise_time / h); }
inline std::uint64_t noise_key(std::uint64_t seed) { return key_of(seed, kind_noise, "w"); }

/// One RK4 (or Euler) step of h of drift(-noisy) in place, for one member (V = double) or one
/// register of members (V = __m512d), with the noise w held over the step. `rate(gap)` is the
/// perception's rate, 1 / tp: bad-news rate for gap < 0, good-news rate otherwise.
template <bool Noisy, bool Euler, class V, class Rate>
inline void step_in_place(V& S, V& P, V& D, V& N, V w, V rta, V rtg, V u, V sigma, V rn, V h, Rate rate) {
  auto f = [&](V s, V p, V d, V n, V& ds, V& dp, V& dd, V& dn) {
    ds = Noisy ? (d - p) * rta - (u - sigma * n) : (d - p) * rta - u;
    const V gap = s - p;
    dp = gap * rate(gap);
    dd = (p - d) * rtg;
    dn = (w - n) * rn;
  };
  const V s = S, p = P, d = D, n = N;
  V a1, b1, c1, e1;
  f(s, p, d, n, a1, b1, c1, e1);
  if (Euler) {
    S = s + h * a1;
    P = p + h * b1;
    D = d + h * c1;
    if (Noisy) N = n + h * e1;
    return;
  }
  const V h2 = 0.5 * h, h6 = h / 6.0, h3 = h / 3.0;
  V a2, b2, c2, e2, a3, b3, c3, e3, a4, b4, c4, e4;
  f(s + h2 * a1, p + h2 * b1, d + h2 * c1, n + h2 * e1, a2, b2, c2, e2);
  f(s + h2 * a2, p + h2 * b2, d + h2 * c2, n + h2 * e2, a3, b3, c3, e3);
  f(s + h * a3, p + h * b3, d + h * c3, n + h * e3, a4, b4, c4, e4);
  S = s + h6 * a1 + h3 * a2 + h3 * a3 + h6 * a4;
  P = p + h6 * b1 + h3 * b2 + h3 * b3 + h6 * b4;
  D = d + h6 * c1 + h3 * c2 + h3 * c3 + h6 * c4;
  if (Noisy) N = n + h6 * e1 + h3 * e2 + h3 * e3 + h6 * e4;
}

/// drift (Noisy = false) or drift-noisy for one member, RK4 (or Euler) with `steps` steps of h:
/// the final S. Plain scalar C++ on doubles.
template <bool Noisy, bool Euler>
double member_final_s(const drift_model& m, std::uint64_t seed, std::uint64_t member, std::size_t steps, double h) {
  const member_parameters q(seed, member);
  const double rta = 1.0 / q.ta, rtg = 1.0 / q.tg, u = q.u;
  const double rbad = 1.0 / m.bad_news_time, rgood = 1.0 / m.good_news_time, rn = 1.0 / m.noise_time;
  const double scale = Noisy ? noise_scale(m, h) : 0.0;
  const std::uint64_t key = noise_key(seed);
  double s = m.initial, p = m.initial, d = m.initial, n = 0.0;
  double z0 = 0.0, z1 = 0.0;
  for (std::size_t k = 0; k < steps; ++k) {
    double w = 0.0;
    if (Noisy) {
      if (k % 2 == 0) {
        normal_pair(key, k / 2, member, z0, z1);
      }
      w = 0.0 + scale * (k % 2 == 0 ? z0 : z1);
    }
    step_in_place<Noisy, Euler>(s, p, d, n, w, rta, rtg, u, m.sigma, rn, h,
                                [&](double gap) { return gap < 0.0 ? rbad : rgood; });
  }
  return s;
}

/// W members (ids[0..W)) at a time, structure of arrays: the noise of all lanes in one loop per
/// two steps, then one loop over the lanes that does a whole RK4 (or Euler) step per lane.
template <std::size_t W, bool Noisy, bool Euler>
void batch(const drift_model& m, std::uint64_t seed, const std::uint64_t* ids, double* final_s, std::size_t steps,
           double h) {
  alignas(64) double S[W], P[W], D[W], N[W], rta[W], rtg[W], u[W], z0[W], z1[W];
  for (std::size_t i = 0; i < W; ++i) {
    const member_parameters q(seed, ids[i]);
    rta[i] = 1.0 / q.ta;
    rtg[i] = 1.0 / q.tg;
    u[i] = q.u;
    S[i] = P[i] = D[i] = m.initial;
    N[i] = 0.0;
  }
  const double rbad = 1.0 / m.bad_news_time, rgood = 1.0 / m.good_news_time, rn = 1.0 / m.noise_time;
  const double sigma = m.sigma, scale = Noisy ? noise_scale(m, h) : 0.0;
  const std::uint64_t key = noise_key(seed);
  for (std::size_t k = 0; k < steps; ++k) {
    if (Noisy && k % 2 == 0) {
      alignas(64) std::uint32_t c0[W], c1[W], c2[W], c3[W];
      for (std::size_t i = 0; i < W; ++i) {
        c0[i] = static_cast<std::uint32_t>(k / 2);
        c1[i] = static_cast<std::uint32_t>(static_cast<std::uint64_t>(k / 2) >> 32);
        c2[i] = static_cast<std::uint32_t>(ids[i]);
        c3[i] = static_cast<std::uint32_t>(ids[i] >> 32);
      }
      std::uint32_t k0 = static_cast<std::uint32_t>(key), k1 = static_cast<std::uint32_t>(key >> 32);
      for (int round = 0; round < 10; ++round, k0 += philox_w0, k1 += philox_w1) {
        for (std::size_t i = 0; i < W; ++i) {
          const std::uint64_t a = std::uint64_t{philox_m0} * c0[i], b = std::uint64_t{philox_m1} * c2[i];
          const std::uint32_t y0 = static_cast<std::uint32_t>(b >> 32) ^ c1[i] ^ k0;
          const std::uint32_t y2 = static_cast<std::uint32_t>(a >> 32) ^ c3[i] ^ k1;
          c1[i] = static_cast<std::uint32_t>(b);
          c3[i] = static_cast<std::uint32_t>(a);
          c0[i] = y0;
          c2[i] = y2;
        }
      }
      for (std::size_t i = 0; i < W; ++i) box_muller(unit(c0[i], c1[i]), unit(c2[i], c3[i]), z0[i], z1[i]);
    }
    const double* z = k % 2 == 0 ? z0 : z1;
    for (std::size_t i = 0; i < W; ++i) {
      const double w = Noisy ? 0.0 + scale * z[i] : 0.0;
      step_in_place<Noisy, Euler>(S[i], P[i], D[i], N[i], w, rta[i], rtg[i], u[i], sigma, rn, h,
                                  [&](double gap) { return gap < 0.0 ? rbad : rgood; });
    }
  }
  for (std::size_t i = 0; i < W; ++i) final_s[i] = S[i];
}

#if INDEPENDENT_HAVE_AVX512
// g++ 12 warns that the "undefined" source operand inside the masked intrinsics' own
// definitions may be uninitialised (a known false positive of avx512fintrin.h).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#pragma GCC diagnostic ignored "-Wuninitialized"
#endif
namespace avx512 {

using vd = __m512d;
using vi = __m512i;

/// Philox4x32-10 on 8 blocks: each 64-bit lane holds one 32-bit word in its low half.
inline void philox8(vi& x0, vi& x1, vi& x2, vi& x3, std::uint64_t key) {
  const vi m0 = _mm512_set1_epi64(philox_m0), m1 = _mm512_set1_epi64(philox_m1);
  const vi low = _mm512_set1_epi64(0xffffffffLL);
  std::uint32_t k0 = static_cast<std::uint32_t>(key), k1 = static_cast<std::uint32_t>(key >> 32);
  for (int round = 0; round < 10; ++round, k0 += philox_w0, k1 += philox_w1) {
    const vi a = _mm512_mul_epu32(x0, m0), b = _mm512_mul_epu32(x2, m1);
    const vi y0 = _mm512_xor_si512(_mm512_xor_si512(_mm512_srli_epi64(b, 32), x1), _mm512_set1_epi64(k0));
    const vi y2 = _mm512_xor_si512(_mm512_xor_si512(_mm512_srli_epi64(a, 32), x3), _mm512_set1_epi64(k1));
    x1 = _mm512_and_si512(b, low);
    x3 = _mm512_and_si512(a, low);
    x0 = y0;
    x2 = y2;
  }
}

inline vd unit8(vi high, vi low) {
  const vi m = _mm512_srli_epi64(_mm512_or_si512(_mm512_slli_epi64(high, 32), low), 12);
  return _mm512_add_pd(_mm512_mul_pd(_mm512_cvtepi64_pd(m), _mm512_set1_pd(0x1p-52)), _mm512_set1_pd(0x1p-53));
}

inline vd ln8(vd x) {
  // getmant with interval [1, 2): y in [1, 2), getexp: floor(log2 x)
  vd y = _mm512_getmant_pd(x, _MM_MANT_NORM_1_2, _MM_MANT_SIGN_src);
  vd e = _mm512_getexp_pd(x);
  const __mmask8 fold = _mm512_cmp_pd_mask(y, _mm512_set1_pd(1.4142135623730951), _CMP_GT_OQ);
  y = _mm512_mask_mul_pd(y, fold, y, _mm512_set1_pd(0.5));
  e = _mm512_mask_add_pd(e, fold, e, _mm512_set1_pd(1.0));
  const vd one = _mm512_set1_pd(1.0);
  const vd s = _mm512_div_pd(_mm512_sub_pd(y, one), _mm512_add_pd(y, one));
  const vd s2 = _mm512_mul_pd(s, s);
  vd p = _mm512_set1_pd(2.0 / 23);
  for (int k = 10; k >= 1; --k) p = _mm512_add_pd(_mm512_set1_pd(2.0 / (2 * k + 1)), _mm512_mul_pd(s2, p));
  const vd tail = _mm512_mul_pd(s, _mm512_mul_pd(s2, p));
  const vd small = _mm512_add_pd(_mm512_mul_pd(e, _mm512_set1_pd(ln2_low)), _mm512_add_pd(_mm512_add_pd(s, s), tail));
  return _mm512_add_pd(_mm512_mul_pd(e, _mm512_set1_pd(ln2_high)), small);
}

inline void box_muller8(vd u1, vd u2, vd& z0, vd& z1) {
  const vd radius = _mm512_sqrt_pd(_mm512_mul_pd(_mm512_set1_pd(-2.0), ln8(u1)));
  const vd q = _mm512_roundscale_pd(_mm512_mul_pd(_mm512_set1_pd(4.0), u2), _MM_FROUND_TO_NEAREST_INT);
  const vd x = _mm512_mul_pd(_mm512_set1_pd(two_pi), _mm512_sub_pd(u2, _mm512_mul_pd(_mm512_set1_pd(0.25), q)));
  const vd z = _mm512_mul_pd(x, x);
  static constexpr double sin_c[] = {-1.0 / 6, 1.0 / 120, -1.0 / 5040, 1.0 / 362880, -1.0 / 39916800,
                                     1.0 / 6227020800, -1.0 / 1307674368000, 1.0 / 355687428096000};
  static constexpr double cos_c[] = {-1.0 / 2, 1.0 / 24, -1.0 / 720, 1.0 / 40320, -1.0 / 3628800,
                                     1.0 / 479001600, -1.0 / 87178291200, 1.0 / 20922789888000,
                                     -1.0 / 6402373705728000};
  vd sp = _mm512_set1_pd(sin_c[7]);
  for (int i = 6; i >= 0; --i) sp = _mm512_add_pd(_mm512_set1_pd(sin_c[i]), _mm512_mul_pd(z, sp));
  vd cp = _mm512_set1_pd(cos_c[8]);
  for (int i = 7; i >= 0; --i) cp = _mm512_add_pd(_mm512_set1_pd(cos_c[i]), _mm512_mul_pd(z, cp));
  const vd s = _mm512_add_pd(x, _mm512_mul_pd(x, _mm512_mul_pd(z, sp)));
  const vd c = _mm512_add_pd(_mm512_set1_pd(1.0), _mm512_mul_pd(z, cp));
  // quarter turns: 1 -> (cos, sin) = (-s, c), 2 -> (-c, -s), 3 -> (s, -c); 4 is 0
  const vi quarter = _mm512_and_si512(_mm512_cvtpd_epi64(q), _mm512_set1_epi64(3));
  const __mmask8 odd = _mm512_test_epi64_mask(quarter, _mm512_set1_epi64(1));
  const __mmask8 cos_negative = _mm512_cmpeq_epi64_mask(quarter, _mm512_set1_epi64(1)) |
                                _mm512_cmpeq_epi64_mask(quarter, _mm512_set1_epi64(2));
  const __mmask8 sin_negative = _mm512_cmpeq_epi64_mask(quarter, _mm512_set1_epi64(2)) |
                                _mm512_cmpeq_epi64_mask(quarter, _mm512_set1_epi64(3));
  vd cosine = _mm512_mask_blend_pd(odd, c, s);
  vd sine = _mm512_mask_blend_pd(odd, s, c);
  const vd zero = _mm512_setzero_pd();
  cosine = _mm512_mask_sub_pd(cosine, cos_negative, zero, cosine);
  sine = _mm512_mask_sub_pd(sine, sin_negative, zero, sine);
  z0 = _mm512_mul_pd(radius, cosine);
  z1 = _mm512_mul_pd(radius, sine);
}

/// The two normals of Philox block `pair` for members first, first + 1, ..., first + 63.
inline void normal_pairs64(std::uint64_t key, std::uint64_t pair, std::uint64_t first, double* z0, double* z1) {
  for (std::size_t v = 0; v < 8; ++v) {
    __m512i x0 = _mm512_set1_epi64(static_cast<std::int64_t>(pair & 0xffffffffULL));
    __m512i x1 = _mm512_set1_epi64(static_cast<std::int64_t>(pair >> 32));
    const std::uint64_t base = first + 8 * v;
    __m512i x2 = _mm512_add_epi64(_mm512_set1_epi64(static_cast<std::int64_t>(base & 0xffffffffULL)),
                                  _mm512_setr_epi64(0, 1, 2, 3, 4, 5, 6, 7));
    __m512i x3 = _mm512_set1_epi64(static_cast<std::int64_t>(base >> 32));  // (no carry: first + 63 < 2^32 here)
    philox8(x0, x1, x2, x3, key);
    __m512d a, b;
    box_muller8(unit8(x0, x1), unit8(x2, x3), a, b);
    _mm512_storeu_pd(z0 + 8 * v, a);
    _mm512_storeu_pd(z1 + 8 * v, b);
  }
}

}  // namespace avx512

/// batch() with AVX-512 intrinsics, W a multiple of 8.
template <std::size_t W, bool Noisy, bool Euler>
void batch_avx512(const drift_model& m, std::uint64_t seed, const std::uint64_t* ids, double* final_s,
                  std::size_t steps, double h) {
  static_assert(W % 8 == 0, "batch_avx512 works on groups of 8 members");
  using avx512::vd;
  constexpr std::size_t V = W / 8;
  vd S[V], P[V], D[V], N[V], rta[V], rtg[V], u[V], z0[V], z1[V];
  __m512i member_low[V], member_high[V];
  for (std::size_t v = 0; v < V; ++v) {
    alignas(64) double a[8], g[8], c[8];
    alignas(64) std::int64_t lo[8], hi[8];
    for (std::size_t l = 0; l < 8; ++l) {
      const member_parameters q(seed, ids[v * 8 + l]);
      a[l] = 1.0 / q.ta;
      g[l] = 1.0 / q.tg;
      c[l] = q.u;
      lo[l] = static_cast<std::int64_t>(ids[v * 8 + l] & 0xffffffffULL);
      hi[l] = static_cast<std::int64_t>(ids[v * 8 + l] >> 32);
    }
    rta[v] = _mm512_load_pd(a);
    rtg[v] = _mm512_load_pd(g);
    u[v] = _mm512_load_pd(c);
    member_low[v] = _mm512_load_si512(lo);
    member_high[v] = _mm512_load_si512(hi);
    S[v] = P[v] = D[v] = _mm512_set1_pd(m.initial);
    N[v] = z0[v] = z1[v] = _mm512_setzero_pd();
  }
  const vd rbad = _mm512_set1_pd(1.0 / m.bad_news_time), rgood = _mm512_set1_pd(1.0 / m.good_news_time);
  const vd rn = _mm512_set1_pd(1.0 / m.noise_time), sigma = _mm512_set1_pd(m.sigma);
  const vd scale = _mm512_set1_pd(Noisy ? noise_scale(m, h) : 0.0), zero = _mm512_setzero_pd();
  const vd hv = _mm512_set1_pd(h);
  const std::uint64_t key = noise_key(seed);
  for (std::size_t k = 0; k < steps; ++k) {
    if (Noisy && k % 2 == 0) {
      const auto pair = static_cast<std::uint64_t>(k / 2);
      for (std::size_t v = 0; v < V; ++v) {
        __m512i x0 = _mm512_set1_epi64(static_cast<std::int64_t>(pair & 0xffffffffULL));
        __m512i x1 = _mm512_set1_epi64(static_cast<std::int64_t>(pair >> 32));
        __m512i x2 = member_low[v], x3 = member_high[v];
        avx512::philox8(x0, x1, x2, x3, key);
        avx512::box_muller8(avx512::unit8(x0, x1), avx512::unit8(x2, x3), z0[v], z1[v]);
      }
    }
    for (std::size_t v = 0; v < V; ++v) {
      const vd w = Noisy ? zero + scale * (k % 2 == 0 ? z0[v] : z1[v]) : zero;
      step_in_place<Noisy, Euler>(S[v], P[v], D[v], N[v], w, rta[v], rtg[v], u[v], sigma, rn, hv, [&](vd gap) {
        return _mm512_mask_blend_pd(_mm512_cmp_pd_mask(gap, zero, _CMP_LT_OQ), rgood, rbad);
      });
    }
  }
  for (std::size_t v = 0; v < V; ++v) _mm512_storeu_pd(final_s + 8 * v, S[v]);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
#endif

/// Which organisation batch_range uses.
enum class layout { portable, avx512 };
inline constexpr bool have_avx512 = INDEPENDENT_HAVE_AVX512 != 0;

/// Members [first, first + count) of a study, 64 at a time (the last group padded with
/// repeats of its first member): final S of member i in final_s[i - first].
template <bool Noisy, bool Euler = false>
void batch_range(layout how, const drift_model& m, std::uint64_t seed, std::uint64_t first, std::uint64_t count,
                 double* final_s, std::size_t steps, double h) {
  constexpr std::size_t W = 64;
  std::uint64_t ids[W];
  double out[W];
  for (std::uint64_t g = first; g < first + count; g += W) {
    for (std::size_t i = 0; i < W; ++i) ids[i] = g + i < first + count ? g + i : g;
#if INDEPENDENT_HAVE_AVX512
    if (how == layout::avx512) {
      batch_avx512<W, Noisy, Euler>(m, seed, ids, out, steps, h);
    } else {
      batch<W, Noisy, Euler>(m, seed, ids, out, steps, h);
    }
#else
    (void)how;
    batch<W, Noisy, Euler>(m, seed, ids, out, steps, h);
#endif
    for (std::size_t i = 0; i < W && g + i < first + count; ++i) final_s[g + i - first] = out[i];
  }
}

}  // namespace independent
