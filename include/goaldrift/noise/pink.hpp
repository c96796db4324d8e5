// Pink (first-order autocorrelated) noise with a given standard deviation and correlation time.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>
#include <type_traits>

#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../math.hpp"
#include "../error.hpp"
#include "detail/interval_noise.hpp"

namespace goaldrift::noise {

/// White noise smoothed with correlation time tau, held over each noise interval h: the
/// pink noise of Anderson and Fiddaman that SD practitioners use, with the scaling made exact.
///
/// With y the standardised value, y_{k+1} = e y_k + sqrt(1 - e^2) z_k and e = exp(-h / tau):
/// this is exactly what a first-order smooth with time tau makes of white noise held over
/// each interval, sampled at the interval boundaries, scaled so that the stationary standard
/// deviation is `sd` whatever h (no TIME STEP correction needed), and correlated as
/// exp(-lag / tau) at whole intervals. It starts stationary: y at the interval of `origin` is
/// itself a standard normal, so there is no warm-up. The value is mean + sd * y_k over
/// interval k. Keep h <= tau / 4 so that holding it over an interval is a fine approximation
/// of the continuous process.
template <class T = double>
struct pink : detail::interval_noise<goaldrift::detail::lanes_or_one<T>()> {
  // (lanes_or_one: the base is instantiated before these static_asserts can speak.)
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::noise::pink: the mean and the standard deviation must be "
                "floating-point values or SIMD packs (write 0.0, 1.0), not integers.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::noise::pink: the mean and the standard deviation must have the same "
                "floating-point type (write 0.0, 1.0, not 0.0, 1; for a SIMD pack T, T(0.0), "
                "T(1.0)).");
  static constexpr std::size_t lanes = goaldrift::detail::lanes_or_one<T>();
  using normals = std::array<double, lanes>;
  using value_type = T;
  static constexpr const char* component = "goaldrift::noise::pink";

  T mean{};
  T sd{};
  double correlation_time = 1.0;
  /// The noise is defined from the interval containing this time on.
  double origin = 0.0;

  pink(std::string_view stream_name, T mean_value, T standard_deviation, double correlation,
       double noise_interval)
      : detail::interval_noise<lanes>(stream_name, noise_interval),
        mean(mean_value),
        sd(standard_deviation),
        correlation_time(correlation) {
    validate();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("mean", self.mean, "mean of the noise", "input");
    visit("sd", self.sd, "standard deviation of the noise", "input");
    visit("correlation_time", self.correlation_time, "time over which the noise stays correlated", "time");
    detail::interval_noise<lanes>::visit_parameters(self, visit);
    visit("origin", self.origin, "time the noise is defined from", "time");
  }

  /// Every interval boundary in (from, to), where the noise jumps (adaptive runs stop there).
  void breakpoints(double from, double to, std::vector<double>& out) const {
    this->breakpoints_of(from, to, out, component);
  }

  /// Refuses, before a run, an origin after the run's start (the noise is not defined there)
  /// and an interval so short, or an origin so early, that reaching the run's end would walk
  /// more than max_noise_intervals intervals.
  void start(const run_context& ctx) {
    this->check_run(ctx, component);
    if (!(origin <= ctx.start)) {
      throw invalid_parameter(component, "origin",
                              "must not be after the start of the run (" + goaldrift::detail::format_number(ctx.start) + ")",
                              origin);
    }
    const double walk = (ctx.end - origin) / this->interval;
    if (!(walk <= max_noise_intervals)) {
      throw invalid_parameter(component, "interval",
                              "must be long enough to walk from origin (" + goaldrift::detail::format_number(origin) +
                                  ") to the end of the run (" + goaldrift::detail::format_number(ctx.end) +
                                  ") in at most " + goaldrift::detail::format_number(max_noise_intervals) +
                                  " intervals, not " + goaldrift::detail::format_number(walk),
                              this->interval);
    }
  }

  void validate() const {
    // An integer mean or sd is refused by the static_asserts above; checking it here too would
    // only add errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      this->check_interval(component);
      goaldrift::detail::require_finite(component, "mean", mean);
      goaldrift::detail::require_non_negative(component, "sd", sd);
      goaldrift::detail::require_positive(component, "correlation_time", correlation_time);
      goaldrift::detail::require_finite(component, "origin", origin);
    }
  }

  /// Draw as the given members, one per lane; the AR(1) recursion starts again.
  /// (Deduced, so that a braced `{seed, member}` means one member_key, never this.)
  template <std::size_t L, std::enable_if_t<L == lanes, int> = 0>
  void reseed(const random::member_keys<L>& keys) {
    detail::interval_noise<lanes>::reseed(keys);
    cached_index_ = none;
  }
  /// Draw as one member.
  template <std::size_t L = lanes, std::enable_if_t<L == 1, int> = 0>
  void reseed(const random::member_key& k) {
    reseed(random::member_keys<1>{k.seed, {k.member}});
  }

  T operator()(const time_point& when) const {
    return mean + sd * math::scalar_ops<T>::from_lanes(standardised(this->index(when, component)).data());
  }

  /// y_k, the standardised value over interval k, per lane (a standard normal for every k).
  const normals& standardised(std::int64_t k) const {
    // Every stage of a step, and every step within an interval, asks for the same k.
    return k == cached_index_ ? cached_value_ : advance_to(k);
  }

 private:
  // Runs move forward, so the AR(1) recursion continues from the last interval asked for;
  // an earlier one restarts it from the origin.
  const normals& advance_to(std::int64_t k) const {
    const double interval = this->interval;
    const std::int64_t first = this->index(time_point{origin}, component);
    if (k < first) {
      throw error(std::string(component) + ": evaluated at interval " + std::to_string(k) +
                  ", before its origin (t = " + goaldrift::detail::format_number(origin) +
                  "); set origin to the start of the run");
    }
    if (cached_index_ == none || k < cached_index_) {
      cached_index_ = first;
      cached_value_ = this->start_normals(first);
    }
    if (interval != coefficients_for_interval_ || correlation_time != coefficients_for_time_) {
      coefficients_for_interval_ = interval;
      coefficients_for_time_ = correlation_time;
      decay_ = std::exp(-interval / correlation_time);
      innovation_ = std::sqrt(1.0 - decay_ * decay_);
    }
    while (cached_index_ < k) {
      const normals& z = this->interval_normals(cached_index_);
      for (std::size_t i = 0; i < lanes; ++i) cached_value_[i] = decay_ * cached_value_[i] + innovation_ * z[i];
      ++cached_index_;
    }
    return cached_value_;
  }

  static constexpr std::int64_t none = std::numeric_limits<std::int64_t>::min();
  mutable std::int64_t cached_index_ = none;
  mutable normals cached_value_{};
  // exp(-h / tau) and sqrt(1 - e^2), recomputed only when h or tau change (they are public).
  mutable double coefficients_for_interval_ = std::numeric_limits<double>::quiet_NaN();
  mutable double coefficients_for_time_ = std::numeric_limits<double>::quiet_NaN();
  mutable double decay_ = 0.0;
  mutable double innovation_ = 0.0;
};

template <class T>
pink(std::string_view, T, T, double, double) -> pink<T>;
/// pink("p", 0.0, 1, tau, dt) or pink("p", 0.0f, 1.0, tau, dt): refused by the static_assert
/// above in one sentence, where deduction would fail with a list of candidates.
template <class A, class B, std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
pink(std::string_view, A, B, double, double)
    -> pink<goaldrift::detail::mismatched_numbers<A, B>>;

}  // namespace goaldrift::noise
