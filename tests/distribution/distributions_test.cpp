// Distributions: inverse-transform samples against moments and the cdf, quantile/cdf agreement,
// closed forms checked against independent formulas, the far-tail truncated normal, bad input.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <goaldrift/distribution.hpp>
#include <limits>
#include <vector>

#include "support/invalid_parameter.hpp"

namespace dist = goaldrift::distribution;

namespace {

constexpr double infinity = std::numeric_limits<double>::infinity();
constexpr double quiet_nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t sample_size = 200000;

/// splitmix64 (Steele, Lea and Flood 2014): a few lines, identical on every platform, so each
/// check below sees the same samples everywhere and cannot flake.
class splitmix64 {
 public:
  explicit splitmix64(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }

  /// The top 52 bits, centred in their cell: u lies strictly inside (0, 1). With 53 bits, k + 0.5
  /// needs 54 and rounds, and k = 2^53 - 1 gives u = 1 exactly (a normal quantile of +inf).
  double unit() { return (static_cast<double>(next() >> 12) + 0.5) * 0x1p-52; }

 private:
  std::uint64_t state_;
};

template <class D>
std::vector<double> draw(const D& d, std::uint64_t seed, std::size_t n = sample_size) {
  splitmix64 rng(seed);
  std::vector<double> xs(n);
  for (double& x : xs) {
    x = quantile(d, rng.unit());
  }
  return xs;
}

/// Sample mean and variance against mean(d) and variance(d). By the central limit theorem the
/// sample mean has standard error sqrt(variance / n) and the sample variance about
/// sqrt((mu4 - variance^2) / n), mu4 the fourth central moment (estimated from the sample). Five
/// standard errors: a correct distribution fails this for fewer than one seed in a million,
/// while a wrong shape parameter or a quantile off by a few percent fails it by far.
template <class D>
void check_moments(const D& d, const std::vector<double>& xs) {
  const auto n = static_cast<double>(xs.size());
  double sum = 0.0;
  for (double x : xs) {
    sum += x;
  }
  const double sample_mean = sum / n;
  double m2 = 0.0;
  double m4 = 0.0;
  for (double x : xs) {
    const double dev = x - sample_mean;
    m2 += dev * dev;
    m4 += dev * dev * dev * dev;
  }
  const double sample_variance = m2 / (n - 1.0);
  m4 /= n;
  const double sigma2 = variance(d);
  CHECK(std::fabs(sample_mean - mean(d)) <= 5.0 * std::sqrt(sigma2 / n));
  CHECK(std::fabs(sample_variance - sigma2) <= 5.0 * std::sqrt((m4 - sigma2 * sigma2) / n));
}

/// Kolmogorov-Smirnov distance sup |F_n(x) - F(x)| between the samples and a cdf.
template <class F>
double ks_distance(std::vector<double> xs, F cdf_of) {
  std::sort(xs.begin(), xs.end());
  const auto n = static_cast<double>(xs.size());
  double d = 0.0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double f = cdf_of(xs[i]);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

/// The 1% critical value of the KS statistic, 1.63 / sqrt(n) for large n.
double ks_critical(std::size_t n) { return 1.63 / std::sqrt(static_cast<double>(n)); }

/// The KS test against the distribution's own cdf, and against an independent formula where one
/// is given: the first catches quantile and cdf disagreeing, the second both being wrong alike.
template <class D>
void check_fit(const D& d, const std::vector<double>& xs) {
  const double ks = ks_distance(xs, [&](double x) { return cdf(d, x); });
  CHECK(ks < ks_critical(xs.size()));
}

template <class D, class F>
void check_fit(const D& d, const std::vector<double>& xs, F reference_cdf) {
  check_fit(d, xs);
  const double ks = ks_distance(xs, reference_cdf);
  CHECK(ks < ks_critical(xs.size()));
}

/// cdf(quantile(p)) == p over a grid reaching 1e-10 into each tail, quantile increasing.
/// `last` cuts the grid short for a density that is infinite at a bound away from zero.
template <class D>
void check_quantile_inverts_cdf(const D& d, double last = 1.0) {
  const double grid[] = {1e-10, 1e-6, 1e-3, 0.01,  0.1,      0.25,     0.5,
                         0.75,  0.9,  0.99, 0.999, 1 - 1e-6, 1 - 1e-10};
  double previous = -infinity;
  for (double p : grid) {
    if (p > last) {
      break;
    }
    const double x = quantile(d, p);
    CAPTURE(p);
    CAPTURE(x);
    CHECK(std::isfinite(x));
    CHECK(x >= previous);
    CHECK(std::fabs(cdf(d, x) - p) <= 1e-12);
    previous = x;
  }
}

/// |a - b| / |b|. doctest::Approx adds 1 to the scale, which makes it absolute for small values.
double relative_error(double a, double b) { return std::fabs(a - b) / std::fabs(b); }

/// Phi(z) from the C library's erfc: independent of Boost.Math.
double phi_reference(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

/// P(X <= x) for the standard normal restricted to [a, b], a > 0, from erfc (accurate in the
/// upper tail where 1 - erf would be 0).
double upper_tail_truncated_reference(double a, double b, double x) {
  const double qa = std::erfc(a / std::sqrt(2.0));
  const double qb = std::erfc(b / std::sqrt(2.0));
  return (qa - std::erfc(x / std::sqrt(2.0))) / (qa - qb);
}

template <class D>
void check_bad_p(const D& d) {
  GD_CHECK_INVALID(D::component, "p", "-0.1", quantile(d, -0.1));
  GD_CHECK_INVALID(D::component, "p", "1.5", quantile(d, 1.5));
  GD_CHECK_INVALID(D::component, "p", "nan", quantile(d, quiet_nan));
}

}  // namespace

TEST_CASE("distribution uniform: samples, closed forms and bounds") {
  const dist::uniform d(2.0, 5.0);
  CHECK(mean(d) == 3.5);
  CHECK(variance(d) == doctest::Approx(0.75).epsilon(1e-15));
  CHECK(quantile(d, 0.0) == 2.0);
  CHECK(quantile(d, 1.0) == 5.0);
  CHECK(quantile(d, 0.25) == 2.75);
  CHECK(cdf(d, 3.5) == 0.5);
  CHECK(cdf(d, 1.0) == 0.0);
  CHECK(cdf(d, 6.0) == 1.0);
  CHECK(std::isnan(cdf(d, quiet_nan)));
  check_quantile_inverts_cdf(d);
  const auto xs = draw(d, 1);
  check_moments(d, xs);
  check_fit(d, xs, [](double x) { return std::clamp((x - 2.0) / 3.0, 0.0, 1.0); });
}

TEST_CASE("distribution normal: samples, known quantiles and infinite ends") {
  const dist::normal standard(0.0, 1.0);
  CHECK(quantile(standard, 0.975) == doctest::Approx(1.959963984540054).epsilon(1e-15));
  CHECK(quantile(standard, 0.5) == 0.0);
  CHECK(quantile(standard, 0.0) == -infinity);
  CHECK(quantile(standard, 1.0) == infinity);
  CHECK(cdf(standard, 1.959963984540054) == doctest::Approx(0.975).epsilon(1e-15));
  CHECK(cdf(standard, -infinity) == 0.0);
  CHECK(cdf(standard, infinity) == 1.0);
  CHECK(std::isnan(cdf(standard, quiet_nan)));

  const dist::normal d(10.0, 3.0);
  CHECK(mean(d) == 10.0);
  CHECK(variance(d) == 9.0);
  CHECK(quantile(d, 0.975) == doctest::Approx(10.0 + 3.0 * 1.959963984540054).epsilon(1e-15));
  for (double z : {-5.0, -2.0, -0.5, 0.0, 1.0, 3.0, 6.0}) {
    CAPTURE(z);
    CHECK(relative_error(cdf(d, 10.0 + 3.0 * z), phi_reference(z)) <= 1e-13);
  }
  check_quantile_inverts_cdf(d);
  const auto xs = draw(d, 2);
  check_moments(d, xs);
  check_fit(d, xs, [](double x) { return phi_reference((x - 10.0) / 3.0); });
}

TEST_CASE("distribution truncated_normal: one-sided, two-sided and central intervals") {
  SUBCASE("half-normal, truncated at the mean") {
    const dist::truncated_normal d(0.0, 1.0, 0.0, infinity);
    const double pi = 3.14159265358979323846;
    CHECK(mean(d) == doctest::Approx(std::sqrt(2.0 / pi)).epsilon(1e-14));
    CHECK(variance(d) == doctest::Approx(1.0 - 2.0 / pi).epsilon(1e-14));
    // Phi^-1(0.75): the half-normal median.
    CHECK(quantile(d, 0.5) == doctest::Approx(0.6744897501960817).epsilon(1e-14));
    CHECK(quantile(d, 0.0) == 0.0);
    CHECK(quantile(d, 1.0) == infinity);
    check_quantile_inverts_cdf(d);
    const auto xs = draw(d, 3);
    check_moments(d, xs);
    check_fit(d, xs, [](double x) { return std::max(0.0, 2.0 * phi_reference(x) - 1.0); });
  }
  SUBCASE("two-sided around the mean") {
    const dist::truncated_normal d(5.0, 2.0, 3.0, 9.0);
    CHECK(quantile(d, 0.0) == 3.0);
    CHECK(quantile(d, 1.0) == 9.0);
    check_quantile_inverts_cdf(d);
    const auto xs = draw(d, 4);
    CHECK(*std::min_element(xs.begin(), xs.end()) >= 3.0);
    CHECK(*std::max_element(xs.begin(), xs.end()) <= 9.0);
    check_moments(d, xs);
    const double lo = phi_reference(-1.0);
    const double hi = phi_reference(2.0);
    check_fit(d, xs, [&](double x) {
      return std::clamp((phi_reference((x - 5.0) / 2.0) - lo) / (hi - lo), 0.0, 1.0);
    });
  }
  SUBCASE("lower tail, mirror image of an upper-tail interval") {
    const dist::truncated_normal d(1.0, 0.5, -infinity, -1.0);  // below mean - 4 sd
    const dist::truncated_normal mirror(-1.0, 0.5, 1.0, infinity);
    // Dyadic p, so that 1 - p is exact and both sides ask for the same probability.
    for (double p : {0x1p-33, 0.125, 0.5, 0.875, 1 - 0x1p-33}) {
      CAPTURE(p);
      CHECK(relative_error(quantile(d, p), -quantile(mirror, 1.0 - p)) <= 1e-13);
    }
    CHECK(quantile(d, 0.0) == -infinity);
    check_quantile_inverts_cdf(d);
    const auto xs = draw(d, 5);
    check_moments(d, xs);
    check_fit(d, xs);
  }
  SUBCASE("moments against quadrature, on both sides of the narrow-interval switch") {
    // mpmath quad at 50 digits: {a, b, mean, variance} of the standard normal on [a, b].
    const double reference[][4] = {{-1e-6, 1e-6, 0.0, 3.3333333333328888889e-13},
                                   {0.5, 2.5, 1.1065371595026002168, 0.2128885240600277594},
                                   {1.0, 3.1, 1.5137767883261014105, 0.17875087023102101813},
                                   {3.0, 4.0, 3.2604542855900211539, 0.049277793777393127176},
                                   {2.0, 3.0, 2.3158213267437818381, 0.061520779574489969895},
                                   {-2.0, 3.0, 0.05078298967487897428, 0.87314863997540567955},
                                   {8.0, 9.0, 8.1211889929797971226, 0.014148542782748111039},
                                   {4.5, 4.5001, 4.5000499962499583472, 8.3333332461786813039e-10}};
    for (const auto& r : reference) {
      const dist::truncated_normal d(0.0, 1.0, r[0], r[1]);
      CAPTURE(r[0]);
      CAPTURE(r[1]);
      CHECK(std::fabs(mean(d) - r[2]) <= 1e-14 * std::max(1.0, std::fabs(r[2])));
      CHECK(relative_error(variance(d), r[3]) <= 1e-10);
    }
    // Scaled: mean 3 + 2 z, variance 4 v.
    const dist::truncated_normal scaled(3.0, 2.0, 4.0, 8.0);
    CHECK(mean(scaled) == doctest::Approx(3.0 + 2.0 * 1.1065371595026002168).epsilon(1e-14));
    CHECK(relative_error(variance(scaled), 4.0 * 0.2128885240600277594) <= 1e-12);
  }
  SUBCASE("narrow interval at the mean is nearly uniform") {
    const dist::truncated_normal d(0.0, 1.0, -1e-6, 1e-6);
    // The density varies by 5e-13 across the interval: uniform to that precision.
    CHECK(relative_error(quantile(d, 0.25), -0.5e-6) <= 1e-9);
    CHECK(std::fabs(quantile(d, 0.5)) <= 1e-18);
    CHECK(cdf(d, 0.5e-6) == doctest::Approx(0.75).epsilon(1e-9));
    CHECK(relative_error(variance(d), 4e-12 / 12.0) <= 1e-6);
    check_quantile_inverts_cdf(d);
  }
}

TEST_CASE("distribution truncated_normal far in the upper tail: 0, 1 on 8 to 9") {
  // P(8 <= Z <= 9) = 6.2e-16 is below the spacing of doubles near 1, so any computation through
  // Phi would find no mass at all. The complements keep the shape: an exponential-like decay
  // with rate about 8, so most mass sits just above 8.
  const dist::truncated_normal d(0.0, 1.0, 8.0, 9.0);
  CHECK(quantile(d, 0.0) == 8.0);
  CHECK(quantile(d, 1.0) == 9.0);
  const double q = quantile(d, 1e-10);
  CHECK(q > 8.0);
  CHECK(q < 8.0 + 1e-9);
  for (double p : {1e-6, 0.1, 0.5, 0.9, 0.999, 1 - 1e-10}) {
    const double x = quantile(d, p);
    CAPTURE(p);
    CAPTURE(x);
    CHECK(x > 8.0);
    CHECK(x < 9.0);
    CHECK(upper_tail_truncated_reference(8.0, 9.0, x) == doctest::Approx(p).epsilon(1e-12));
  }
  // The median solves Q(x) = (Q(8) + Q(9)) / 2, computed here by bisection on erfc.
  double lo = 8.0;
  double hi = 9.0;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (upper_tail_truncated_reference(8.0, 9.0, mid) < 0.5 ? lo : hi) = mid;
  }
  CHECK(quantile(d, 0.5) == doctest::Approx(lo).epsilon(1e-14));
  // Reference moments from the closed forms evaluated with mpmath at 40 digits.
  CHECK(mean(d) == doctest::Approx(8.121188992979797).epsilon(1e-13));
  CHECK(relative_error(variance(d), 0.01414854278274811) <= 1e-9);
  CHECK(variance(d) > 0.0);
  CHECK(variance(d) < 1.0 / 64.0);
  check_quantile_inverts_cdf(d);
  const auto xs = draw(d, 6);
  CHECK(*std::min_element(xs.begin(), xs.end()) >= 8.0);
  CHECK(*std::max_element(xs.begin(), xs.end()) <= 9.0);
  check_moments(d, xs);
  check_fit(d, xs, [](double x) {
    return std::clamp(upper_tail_truncated_reference(8.0, 9.0, x), 0.0, 1.0);
  });
}

TEST_CASE("distribution lognormal: samples, median, and the mean-sd factory") {
  const dist::lognormal d(0.5, 0.5);
  CHECK(quantile(d, 0.5) == doctest::Approx(std::exp(0.5)).epsilon(1e-15));
  CHECK(quantile(d, 0.0) == 0.0);
  CHECK(quantile(d, 1.0) == infinity);
  CHECK(cdf(d, 0.0) == 0.0);
  CHECK(cdf(d, -1.0) == 0.0);
  CHECK(cdf(d, std::exp(0.5)) == doctest::Approx(0.5).epsilon(1e-15));
  CHECK(mean(d) == doctest::Approx(std::exp(0.625)).epsilon(1e-15));
  CHECK(variance(d) == doctest::Approx((std::exp(0.25) - 1.0) * std::exp(1.25)).epsilon(1e-14));
  for (double x : {0.3, 1.0, 2.0, 5.0, 20.0}) {
    CAPTURE(x);
    CHECK(relative_error(cdf(d, x), phi_reference((std::log(x) - 0.5) / 0.5)) <= 1e-13);
  }
  check_quantile_inverts_cdf(d);
  const auto xs = draw(d, 7);
  check_moments(d, xs);
  check_fit(d, xs,
            [](double x) { return x <= 0 ? 0.0 : phi_reference((std::log(x) - 0.5) / 0.5); });

  const auto f = dist::lognormal::from_mean_sd(100.0, 20.0);
  CHECK(f.log_sd == doctest::Approx(std::sqrt(std::log(1.04))).epsilon(1e-15));
  CHECK(f.log_mean == doctest::Approx(std::log(100.0) - 0.5 * std::log(1.04)).epsilon(1e-15));
  CHECK(mean(f) == doctest::Approx(100.0).epsilon(1e-14));
  CHECK(variance(f) == doctest::Approx(400.0).epsilon(1e-13));
  const auto fs = draw(f, 8);
  check_moments(f, fs);
  check_fit(f, fs);
}

TEST_CASE("distribution triangular: closed forms, right triangles and samples") {
  const dist::triangular d(1.0, 2.0, 6.0);
  CHECK(mean(d) == 3.0);
  CHECK(variance(d) == doctest::Approx(21.0 / 18.0).epsilon(1e-15));
  CHECK(quantile(d, 0.0) == 1.0);
  CHECK(quantile(d, 1.0) == 6.0);
  CHECK(quantile(d, 0.2) == doctest::Approx(2.0).epsilon(1e-15));  // cdf(mode) = 1/5
  CHECK(quantile(d, 0.1) == doctest::Approx(1.0 + std::sqrt(0.5)).epsilon(1e-15));
  CHECK(quantile(d, 0.6) == doctest::Approx(6.0 - std::sqrt(8.0)).epsilon(1e-15));
  CHECK(cdf(d, 1.5) == doctest::Approx(0.05).epsilon(1e-15));
  CHECK(cdf(d, 4.0) == doctest::Approx(1.0 - 4.0 / 20.0).epsilon(1e-15));
  check_quantile_inverts_cdf(d);
  const auto xs = draw(d, 9);
  check_moments(d, xs);
  check_fit(d, xs, [](double x) {
    if (x <= 1.0) return 0.0;
    if (x >= 6.0) return 1.0;
    return x <= 2.0 ? (x - 1.0) * (x - 1.0) / 5.0 : 1.0 - (6.0 - x) * (6.0 - x) / 20.0;
  });

  SUBCASE("mode at the lower bound") {
    const dist::triangular left(0.0, 0.0, 1.0);
    CHECK(quantile(left, 0.75) == doctest::Approx(0.5).epsilon(1e-15));
    CHECK(variance(left) == doctest::Approx(1.0 / 18.0).epsilon(1e-15));
    check_quantile_inverts_cdf(left);
    const auto ls = draw(left, 10);
    check_moments(left, ls);
    check_fit(left, ls);
  }
  SUBCASE("mode at the upper bound, far from zero") {
    const dist::triangular right(1000.0, 1001.0, 1001.0);
    CHECK(quantile(right, 0.25) == doctest::Approx(1000.5).epsilon(1e-15));
    CHECK(variance(right) == doctest::Approx(1.0 / 18.0).epsilon(1e-12));
    check_quantile_inverts_cdf(right);
  }
}

TEST_CASE("distribution beta: symmetric, skewed, U-shaped and scaled") {
  SUBCASE("beta 2, 2 has cdf 3x^2 - 2x^3") {
    const dist::beta d(2.0, 2.0);
    CHECK(quantile(d, 0.5) == doctest::Approx(0.5).epsilon(1e-15));
    CHECK(cdf(d, 0.25) == doctest::Approx(0.15625).epsilon(1e-15));
    CHECK(mean(d) == 0.5);
    CHECK(variance(d) == doctest::Approx(0.05).epsilon(1e-15));
    check_quantile_inverts_cdf(d);
    const auto xs = draw(d, 11);
    check_moments(d, xs);
    check_fit(d, xs, [](double x) {
      const double z = std::clamp(x, 0.0, 1.0);
      return z * z * (3.0 - 2.0 * z);
    });
  }
  SUBCASE("beta 0.5, 0.5 is the arcsine law, steep at both ends") {
    const dist::beta d(0.5, 0.5);
    const double pi = 3.14159265358979323846;
    for (double p : {1e-10, 0.01, 0.3, 0.5, 0.8, 1 - 1e-10}) {
      const double expected = std::pow(std::sin(pi * p / 2.0), 2.0);
      CAPTURE(p);
      CHECK(relative_error(quantile(d, p), expected) <= 1e-12);
    }
    // Near 1 the density is infinite and doubles are 1e-16 apart, so x itself cannot carry
    // cdf(x) to 1e-12 (cdf(1 - 1e-16) is already 1 - 6e-9). Mirrored onto [-1, 0] the upper end
    // is where doubles are dense, and there the complement path keeps full precision:
    // -x = sin^2(pi (1 - p) / 2), with 1 - p exact.
    const dist::beta mirrored(0.5, 0.5, -1.0, 0.0);
    for (double p : {0.75, 1 - 1e-6, 1 - 1e-10, 1 - 1e-15}) {
      const double expected = -std::pow(std::sin(pi * (1.0 - p) / 2.0), 2.0);
      CAPTURE(p);
      CHECK(relative_error(quantile(mirrored, p), expected) <= 1e-12);
    }
    check_quantile_inverts_cdf(d, 0.999);
    const auto xs = draw(d, 12);
    check_moments(d, xs);
    check_fit(d, xs,
              [&](double x) { return 2.0 / pi * std::asin(std::sqrt(std::clamp(x, 0.0, 1.0))); });
  }
  SUBCASE("beta 2, 5 scaled to 10 to 20") {
    const dist::beta d(2.0, 5.0, 10.0, 20.0);
    CHECK(quantile(d, 0.0) == 10.0);
    CHECK(quantile(d, 1.0) == 20.0);
    CHECK(mean(d) == doctest::Approx(10.0 + 10.0 * 2.0 / 7.0).epsilon(1e-15));
    CHECK(variance(d) == doctest::Approx(100.0 * 10.0 / (49.0 * 8.0)).epsilon(1e-15));
    // I_x(2, 5) = 1 - (1 - x)^5 (1 + 5x) at x = 0.3.
    CHECK(cdf(d, 13.0) == doctest::Approx(1.0 - std::pow(0.7, 5.0) * 2.5).epsilon(1e-14));
    const dist::beta scaled_median(2.0, 2.0, 10.0, 20.0);
    CHECK(quantile(scaled_median, 0.5) == doctest::Approx(15.0).epsilon(1e-15));
    check_quantile_inverts_cdf(d);
    const auto xs = draw(d, 13);
    check_moments(d, xs);
    check_fit(d, xs);
  }
}

TEST_CASE("distribution discrete: sorted values, frequencies and step quantiles") {
  // Values out of order, as a user might list scenarios.
  const dist::discrete d({3.0, 1.0, 2.0}, {1.0, 2.0, 1.0});
  CHECK(d.values() == std::vector<double>{1.0, 2.0, 3.0});
  CHECK(d.probabilities() == std::vector<double>{0.5, 0.25, 0.25});
  CHECK(d.cumulative().back() == 1.0);
  CHECK(quantile(d, 0.0) == 1.0);
  CHECK(quantile(d, 0.5) == 1.0);  // the first value whose cumulative probability reaches p
  CHECK(quantile(d, std::nextafter(0.5, 1.0)) == 2.0);
  CHECK(quantile(d, 0.75) == 2.0);
  CHECK(quantile(d, 0.8) == 3.0);
  CHECK(quantile(d, 1.0) == 3.0);
  CHECK(cdf(d, 0.5) == 0.0);
  CHECK(cdf(d, 1.0) == 0.5);
  CHECK(cdf(d, 2.5) == 0.75);
  CHECK(cdf(d, 3.0) == 1.0);
  CHECK(std::isnan(cdf(d, quiet_nan)));
  CHECK(mean(d) == 1.75);
  CHECK(variance(d) == doctest::Approx(0.6875).epsilon(1e-15));

  // Each value's sample frequency is binomial: standard error sqrt(w (1 - w) / n); 4 of them.
  const auto xs = draw(d, 14);
  const auto n = static_cast<double>(xs.size());
  for (std::size_t i = 0; i < d.size(); ++i) {
    const double v = d.values()[i];
    const double w = d.probabilities()[i];
    const double freq = static_cast<double>(std::count(xs.begin(), xs.end(), v)) / n;
    CAPTURE(v);
    CHECK(std::fabs(freq - w) <= 4.0 * std::sqrt(w * (1.0 - w) / n));
  }
  check_moments(d, xs);

  SUBCASE("zero weights are never drawn, even at p = 0 or 1") {
    const dist::discrete z({0.0, 1.0, 2.0, 3.0}, {0.0, 1.0, 1.0, 0.0});
    CHECK(quantile(z, 0.0) == 1.0);
    CHECK(quantile(z, 1e-300) == 1.0);
    CHECK(quantile(z, 1.0) == 2.0);
    CHECK(cdf(z, 2.0) == 1.0);
  }
  SUBCASE("no weights means equal weights, repeats add up") {
    const dist::discrete e({5.0, 7.0, 5.0, 9.0});
    CHECK(cdf(e, 5.0) == 0.5);
    CHECK(quantile(e, 0.5) == 5.0);
    CHECK(quantile(e, 0.6) == 7.0);
    CHECK(mean(e) == 6.5);
  }
  SUBCASE("huge weights do not overflow the sum") {
    const dist::discrete h({1.0, 2.0}, {1e308, 1e308});
    CHECK(cdf(h, 1.0) == 0.5);
  }
}

TEST_CASE("distribution discrete: Pearson's chi-square goodness of fit at 1 percent") {
  // Six values with unequal weights, out of order; 200,000 draws, so every expected count is
  // above 6,000 and the chi-square approximation is excellent. df = 6 - 1 = 5; the 1% critical
  // value of chi-square(5) is 15.0863 (P(X <= 15.0863) = 0.99000, from the incomplete gamma).
  const dist::discrete d({8.0, 0.5, 2.0, 1.0, 5.0, 3.0}, {10.0, 1.0, 3.0, 2.0, 5.0, 4.0});
  const double critical = 15.0863;
  const auto xs = draw(d, 23);
  const auto n = static_cast<double>(xs.size());
  auto chi_square = [&](const std::vector<double>& probabilities) {
    double x2 = 0.0;
    for (std::size_t i = 0; i < d.size(); ++i) {
      const double observed = static_cast<double>(std::count(xs.begin(), xs.end(), d.values()[i]));
      const double expected = n * probabilities[i];
      x2 += (observed - expected) * (observed - expected) / expected;
    }
    return x2;
  };
  const double x2 = chi_square(d.probabilities());
  CAPTURE(x2);
  CHECK(x2 < critical);
  // Every draw is one of the values: nothing falls outside the six cells.
  CHECK(static_cast<std::size_t>(std::count_if(xs.begin(), xs.end(), [&](double x) {
          return std::find(d.values().begin(), d.values().end(), x) != d.values().end();
        })) == xs.size());
  // The test has power: moving 1% of the probability from the largest weight to the smallest
  // is rejected.
  auto shifted = d.probabilities();
  shifted.front() += 0.01;
  shifted.back() -= 0.01;
  CHECK(chi_square(shifted) > critical);
}

TEST_CASE("distribution parameters are refused with the component, parameter and value") {
  const char* n = dist::normal::component;
  GD_CHECK_INVALID(n, "sd", "-1", dist::normal(0.0, -1.0));
  GD_CHECK_INVALID(n, "sd", "0", dist::normal(0.0, 0.0));
  GD_CHECK_INVALID(n, "sd", "inf", dist::normal(0.0, infinity));
  GD_CHECK_INVALID(n, "mean", "nan", dist::normal(quiet_nan, 1.0));

  const char* u = dist::uniform::component;
  GD_CHECK_INVALID(u, "upper", "1", dist::uniform(3.0, 1.0));
  GD_CHECK_INVALID(u, "upper", "2", dist::uniform(2.0, 2.0));
  GD_CHECK_INVALID(u, "lower", "nan", dist::uniform(quiet_nan, 1.0));
  GD_CHECK_INVALID(u, "upper", "inf", dist::uniform(0.0, infinity));

  const char* t = dist::truncated_normal::component;
  GD_CHECK_INVALID(t, "sd", "-1", dist::truncated_normal(0.0, -1.0, 0.0, 1.0));
  GD_CHECK_INVALID(t, "sd", "0", dist::truncated_normal(0.0, 0.0, 0.0, 1.0));
  GD_CHECK_INVALID(t, "mean", "nan", dist::truncated_normal(quiet_nan, 1.0, 0.0, 1.0));
  GD_CHECK_INVALID(t, "upper", "2", dist::truncated_normal(0.0, 1.0, 2.0, 2.0));
  GD_CHECK_INVALID(t, "upper", "1", dist::truncated_normal(0.0, 1.0, 3.0, 1.0));
  GD_CHECK_INVALID(t, "upper", "-inf", dist::truncated_normal(0.0, 1.0, -infinity, -infinity));
  GD_CHECK_INVALID(t, "lower", "nan", dist::truncated_normal(0.0, 1.0, quiet_nan, 1.0));
  GD_CHECK_INVALID(t, "upper", "nan", dist::truncated_normal(0.0, 1.0, 0.0, quiet_nan));
  // From about 37.5 sd out the probability is below the smallest normal double: no shape left.
  GD_CHECK_INVALID(t, "lower", "40", dist::truncated_normal(0.0, 1.0, 40.0, 41.0));
  GD_CHECK_INVALID(t, "lower", "38", dist::truncated_normal(0.0, 1.0, 38.0, 39.0));
  CHECK_NOTHROW(dist::truncated_normal(0.0, 1.0, 37.0, 38.0));
  // ...and 37 sd out the shape is still right: median from mpmath at 50 digits.
  CHECK(quantile(dist::truncated_normal(0.0, 1.0, 37.0, 38.0), 0.5) ==
        doctest::Approx(37.018715326832193).epsilon(1e-15));
  GD_CHECK_INVALID(t, "upper", "-40", dist::truncated_normal(0.0, 1.0, -41.0, -40.0));

  const char* l = dist::lognormal::component;
  GD_CHECK_INVALID(l, "log_sd", "-1", dist::lognormal(0.0, -1.0));
  GD_CHECK_INVALID(l, "log_sd", "0", dist::lognormal(0.0, 0.0));
  GD_CHECK_INVALID(l, "log_mean", "nan", dist::lognormal(quiet_nan, 1.0));
  GD_CHECK_INVALID(l, "mean", "0", dist::lognormal::from_mean_sd(0.0, 1.0));
  GD_CHECK_INVALID(l, "mean", "-1", dist::lognormal::from_mean_sd(-1.0, 1.0));
  GD_CHECK_INVALID(l, "sd", "0", dist::lognormal::from_mean_sd(1.0, 0.0));
  GD_CHECK_INVALID(l, "sd", "-2", dist::lognormal::from_mean_sd(1.0, -2.0));
  GD_CHECK_INVALID(l, "sd", "1e+200", dist::lognormal::from_mean_sd(1e-200, 1e200));

  const char* tr = dist::triangular::component;
  GD_CHECK_INVALID(tr, "mode", "2", dist::triangular(0.0, 2.0, 1.0));
  GD_CHECK_INVALID(tr, "mode", "-1", dist::triangular(0.0, -1.0, 1.0));
  GD_CHECK_INVALID(tr, "upper", "0", dist::triangular(1.0, 0.5, 0.0));
  GD_CHECK_INVALID(tr, "upper", "1", dist::triangular(1.0, 1.0, 1.0));
  GD_CHECK_INVALID(tr, "lower", "nan", dist::triangular(quiet_nan, 0.0, 1.0));

  const char* b = dist::beta::component;
  GD_CHECK_INVALID(b, "alpha", "0", dist::beta(0.0, 1.0));
  GD_CHECK_INVALID(b, "alpha", "-1", dist::beta(-1.0, 1.0));
  GD_CHECK_INVALID(b, "beta", "0", dist::beta(1.0, 0.0));
  GD_CHECK_INVALID(b, "beta", "-2", dist::beta(1.0, -2.0));
  GD_CHECK_INVALID(b, "beta", "nan", dist::beta(1.0, quiet_nan));
  GD_CHECK_INVALID(b, "upper", "1", dist::beta(2.0, 2.0, 1.0, 1.0));

  const char* di = dist::discrete::component;
  GD_CHECK_INVALID(di, "weights[1]", "-0.5", dist::discrete({1.0, 2.0}, {1.0, -0.5}));
  GD_CHECK_INVALID(di, "weights[0]", "nan", dist::discrete({1.0, 2.0}, {quiet_nan, 1.0}));
  GD_CHECK_INVALID(di, "weights", "0", dist::discrete({1.0, 2.0}, {0.0, 0.0}));
  GD_CHECK_INVALID(di, "values", "0", dist::discrete(std::vector<double>{}));
  GD_CHECK_INVALID(di, "weights", "2", dist::discrete({1.0, 2.0, 3.0}, {1.0, 2.0}));
  GD_CHECK_INVALID(di, "values[1]", "nan", dist::discrete({1.0, quiet_nan}));
  GD_CHECK_INVALID(di, "values[2]", "inf", dist::discrete({1.0, 2.0, infinity}, {1.0, 1.0, 1.0}));
}

TEST_CASE("distribution quantile refuses p outside 0 to 1 and NaN") {
  check_bad_p(dist::uniform(0.0, 1.0));
  check_bad_p(dist::normal(0.0, 1.0));
  check_bad_p(dist::truncated_normal(0.0, 1.0, -1.0, 1.0));
  check_bad_p(dist::lognormal(0.0, 1.0));
  check_bad_p(dist::triangular(0.0, 0.5, 1.0));
  check_bad_p(dist::beta(2.0, 3.0));
  check_bad_p(dist::discrete({1.0, 2.0}));
}

TEST_CASE("distribution types re-validate after their public fields change") {
  dist::normal d(0.0, 1.0);
  d.sd = -3.0;
  GD_CHECK_INVALID(dist::normal::component, "sd", "-3", d.validate());
  dist::beta b(2.0, 2.0);
  b.beta_shape = 0.0;
  GD_CHECK_INVALID(dist::beta::component, "beta", "0", b.validate());
}
