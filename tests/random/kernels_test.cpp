// The vectorisable kernels against their references: philox_slots against Random123's
// Philox4x32-10 bit for bit, and the branch-free log, sin/cos of 2 pi u and sqrt against the C
// library within a stated number of ulps over the inputs Box-Muller gives them.
#include <doctest/doctest.h>

#include <Random123/philox.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <type_traits>
#include <vector>

#include <goaldrift/random/detail/kernels.hpp>
#include <goaldrift/random/detail/philox_lanes.hpp>
#include <goaldrift/random/philox.hpp>
#include "support/same_as_scalar.hpp"

namespace rd = goaldrift::random::detail;

namespace {

// splitmix64: inputs that are the same on every platform and independent of Philox itself.
struct splitmix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
};

// The distance in units in the last place: how many doubles lie between a and b (same sign).
std::uint64_t ulps(double a, double b) {
  auto ordered = [](double x) {
    std::int64_t i;
    std::memcpy(&i, &x, sizeof i);
    return i < 0 ? std::numeric_limits<std::int64_t>::min() - i : i;
  };
  const std::int64_t ia = ordered(a), ib = ordered(b);
  return ia > ib ? static_cast<std::uint64_t>(ia - ib) : static_cast<std::uint64_t>(ib - ia);
}

// The uniforms Box-Muller sees: random 64-bit words through unit_from_bits, both extremes, and
// values spread over every binade down to 2^-53.
std::vector<double> used_uniforms() {
  std::vector<double> u{rd::unit_from_bits(0, 0), rd::unit_from_bits(0xffffffffu, 0xffffffffu),
                        rd::unit_from_bits(0x80000000u, 0), rd::unit_from_bits(0x7fffffffu, 0xffffffffu)};
  splitmix64 rng{7};
  for (int k = 0; k < 1 << 20; ++k) {
    const std::uint64_t w = rng.next();
    u.push_back(rd::unit_from_bits(static_cast<std::uint32_t>(w >> 32), static_cast<std::uint32_t>(w)));
  }
  for (int e = 1; e <= 53; ++e) {
    for (int k = 0; k < 2000; ++k) {
      const double f = 1.0 + static_cast<double>(rng.next() >> 12) * 0x1.0p-52;  // [1, 2)
      u.push_back(std::ldexp(f, -e));  // [2^-e, 2^(1-e))
    }
  }
  return u;
}

template <std::size_t W>
void check_philox_width(splitmix64& rng, int trials) {
  std::size_t mismatches = 0;
  for (int trial = 0; trial < trials; ++trial) {
    // Every tenth trial uses all-zero or all-one words, where carries and wraps show.
    const bool edge = trial % 10 == 0;
    const std::uint64_t key = edge ? (trial % 20 == 0 ? 0 : ~std::uint64_t{0}) : rng.next();
    std::array<std::uint64_t, W> indices{}, members{};
    for (std::size_t i = 0; i < W; ++i) {
      indices[i] = edge && i % 2 == 0 ? ~std::uint64_t{0} : rng.next();
      members[i] = edge && i % 3 == 0 ? 0 : rng.next();
    }
    std::array<std::array<std::uint32_t, W>, 4> out{};
    rd::philox_slots<W>(key, indices, members, out);
    r123::Philox4x32 reference;
    const r123::Philox4x32::key_type k = {{static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
    for (std::size_t i = 0; i < W; ++i) {
      const r123::Philox4x32::ctr_type c = {
          {static_cast<std::uint32_t>(indices[i]), static_cast<std::uint32_t>(indices[i] >> 32),
           static_cast<std::uint32_t>(members[i]), static_cast<std::uint32_t>(members[i] >> 32)}};
      const auto r = reference(c, k);
      for (std::size_t word = 0; word < 4; ++word) mismatches += out[word][i] != r[word];
    }
  }
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("philox_slots is Random123's Philox4x32-10 in every slot, bit for bit") {
  splitmix64 rng{2024};
  SUBCASE("one slot") { check_philox_width<1>(rng, 20000); }
  SUBCASE("three slots") { check_philox_width<3>(rng, 5000); }
  SUBCASE("64 slots, as the noise streams use") { check_philox_width<64>(rng, 1000); }
}

TEST_CASE("log_positive is within 1 ulp of std::log on every uniform Box-Muller can see") {
  std::uint64_t worst = 0;
  double worst_at = 0.0;
  for (double u : used_uniforms()) {
    const std::uint64_t d = ulps(rd::log_positive(u), std::log(u));
    if (d > worst) {
      worst = d;
      worst_at = u;
    }
  }
  // And across fdlibm's two formulas' switch points (mantissas near 0x6147a and 0x6b851) and
  // the sqrt(2) range reduction, where a wrong selection would show.
  for (std::uint64_t high : {0x3fe6147aULL, 0x3fe6b851ULL, 0x3fe6a09eULL, 0x3fef6147ULL, 0x3fe0000fULL}) {
    for (std::int64_t step = -4096; step <= 4096; ++step) {
      const std::uint64_t bits = ((high << 32) + static_cast<std::uint64_t>(step * 0x100000001LL)) & ~(std::uint64_t{1} << 63);
      double u;
      std::memcpy(&u, &bits, sizeof u);
      if (!(u > 0.0 && u < 1.0)) continue;
      const std::uint64_t d = ulps(rd::log_positive(u), std::log(u));
      if (d > worst) {
        worst = d;
        worst_at = u;
      }
    }
  }
  CAPTURE(worst_at);
  CHECK(worst <= 1);
}

TEST_CASE("sincos_two_pi is within 1 ulp of std::sin and std::cos, and 2 ulps of the true sin and cos of 2 pi u") {
  // The quarter-turn reduction r = u - q/4 is exact (Sterbenz), so sin(2 pi u) is +-sin or
  // +-cos of 2 pi r: the kernel against std::sin and std::cos at the same argument a = 2 pi r
  // (the polynomials: 1 ulp), and against long double sin(2 pi r) (the rounding of a in double
  // included: 2 ulps).
  constexpr double two_pi = 6.283185307179586476925286766559;
  constexpr long double two_pi_long = 6.283185307179586476925286766559L;
  constexpr bool have_long = std::numeric_limits<long double>::digits >= 64;
  std::uint64_t worst_libm = 0, worst_true = 0;
  double worst_libm_at = 0.0, worst_true_at = 0.0;
  auto quarter = [](int q, auto sin_a, auto cos_a, auto& sine, auto& cosine) {
    const bool odd = q % 2 == 1;
    sine = odd ? cos_a : sin_a;
    cosine = odd ? sin_a : cos_a;
    if (q == 2 || q == 3) sine = -sine;
    if (q == 1 || q == 2) cosine = -cosine;
  };
  auto note = [](std::uint64_t d, double u, std::uint64_t& worst, double& at) {
    if (d > worst) {
      worst = d;
      at = u;
    }
  };
  std::vector<double> inputs = used_uniforms();
  for (double u : {0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875}) {  // quarter and eighth turns
    inputs.push_back(u);
    inputs.push_back(std::nextafter(u, 0.0));
    inputs.push_back(std::nextafter(u, 1.0));
  }
  for (double u : inputs) {
    double s, c;
    rd::sincos_two_pi(u, s, c);
    const int q = static_cast<int>(std::nearbyint(4.0 * u));
    const double r = u - 0.25 * q;
    REQUIRE(r + 0.25 * q == u);  // exact
    double libm_s, libm_c;
    quarter(q, std::sin(two_pi * r), std::cos(two_pi * r), libm_s, libm_c);
    note(std::max(ulps(s, libm_s), ulps(c, libm_c)), u, worst_libm, worst_libm_at);
    if constexpr (have_long) {
      const long double a = two_pi_long * static_cast<long double>(r);
      long double true_s, true_c;
      quarter(q, std::sin(a), std::cos(a), true_s, true_c);
      note(std::max(ulps(s, static_cast<double>(true_s)), ulps(c, static_cast<double>(true_c))), u, worst_true,
           worst_true_at);
    }
  }
  CAPTURE(worst_libm_at);
  CAPTURE(worst_true_at);
  CHECK(worst_libm <= 1);
  CHECK(worst_true <= 2);
}

TEST_CASE("sqrt_positive is within 1 ulp of std::sqrt on every -2 ln u, and beyond") {
  std::uint64_t worst = 0;
  double worst_at = 0.0;
  auto check = [&](double x) {
    const std::uint64_t d = ulps(rd::sqrt_positive(x), std::sqrt(x));
    if (d > worst) {
      worst = d;
      worst_at = x;
    }
  };
  for (double u : used_uniforms()) check(-2.0 * rd::log_positive(u));
  // Every binade from 2^-60 to 2^12: the estimate's bit trick differs with the exponent's parity.
  splitmix64 rng{11};
  for (int e = -60; e <= 12; ++e) {
    for (int k = 0; k < 4000; ++k) check(std::ldexp(1.0 + static_cast<double>(rng.next() >> 12) * 0x1.0p-52, e));
    check(std::ldexp(1.0, e));
  }
  CAPTURE(worst_at);
  CHECK(worst <= 1);
}

namespace {

// normal_pairs over `Lanes` members and `Ahead` pairs against random::normal_pair slot by slot:
// the vector kernel computes what the scalar functions compute, both through normal_slots (with
// its Philox on 64-bit lanes and its padding of the last vector) and, where `Lanes` is the
// width of the target's noise vector (2, 4 or 8), through the path that builds the counters of
// one pair per vector directly.
template <std::size_t Lanes, std::size_t Ahead>
void check_normal_pairs(splitmix64& rng, int trials) {
  std::size_t mismatches = 0;
  for (int trial = 0; trial < trials; ++trial) {
    const std::uint64_t key = trial == 0 ? ~std::uint64_t{0} : rng.next();
    const std::uint64_t first_pair = trial == 0 ? ~std::uint64_t{0} - Ahead : rng.next() >> (trial % 64);
    std::array<std::uint64_t, Lanes> members{};
    for (auto& m : members) m = trial % 3 == 0 ? rng.next() : rng.next() >> 40;
    std::array<std::array<double, Lanes>, Ahead> z0{}, z1{};
    rd::normal_pairs<Lanes, Ahead>(key, first_pair, members, z0, z1);
    for (std::size_t a = 0; a < Ahead; ++a) {
      for (std::size_t l = 0; l < Lanes; ++l) {
        const auto want = goaldrift::random::normal_pair(key, first_pair + a, members[l]);
        mismatches += !support::same_as_scalar(z0[a][l], want[0]) || !support::same_as_scalar(z1[a][l], want[1]);
      }
    }
  }
  CHECK(mismatches == 0);
}

}  // namespace

TEST_CASE("normal_pairs, the noise streams' vector kernel, gives random::normal_pair's numbers in every slot") {
  splitmix64 rng{77};
  SUBCASE("one member, 64 pairs ahead (a scalar noise stream)") { check_normal_pairs<1, 64>(rng, 200); }
  SUBCASE("8 lanes, 8 pairs ahead (a pack of 8)") { check_normal_pairs<8, 8>(rng, 200); }
  SUBCASE("3 lanes, 21 pairs ahead: 63 slots, the last vector padded") { check_normal_pairs<3, 21>(rng, 200); }
  SUBCASE("2 lanes, one pair") { check_normal_pairs<2, 1>(rng, 500); }
  SUBCASE("2 lanes, 32 pairs ahead (a pack of 2)") { check_normal_pairs<2, 32>(rng, 200); }
  SUBCASE("4 lanes, 16 pairs ahead (a pack of 4)") { check_normal_pairs<4, 16>(rng, 200); }
  SUBCASE("8 lanes, 2 pairs ahead") { check_normal_pairs<8, 2>(rng, 300); }
}
