// White noise held constant over each noise interval, as a random input.
#pragma once

#include <string_view>
#include <type_traits>
#include <vector>

#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../math.hpp"
#include "detail/interval_noise.hpp"

namespace goaldrift::noise {

/// mean + sd * z_k on [k h, (k + 1) h), with z_k independent standard normals drawn from the
/// named stream for (seed, member, k): the same member gets the same noise alone or inside
/// any ensemble. Reseed it through the model (model.reseed(...), done by the ensemble runner).
template <class T = double>
struct white : detail::interval_noise<goaldrift::detail::lanes_or_one<T>()> {
  // (lanes_or_one: the base is instantiated before these static_asserts can speak.)
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::noise::white: the mean and the standard deviation must be "
                "floating-point values or SIMD packs (write 0.0, 1.0), not integers.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::noise::white: the mean and the standard deviation must have the same "
                "floating-point type (write 0.0, 1.0, not 0.0, 1; for a SIMD pack T, T(0.0), "
                "T(1.0)).");
  using value_type = T;
  static constexpr const char* component = "goaldrift::noise::white";

  T mean{};
  T sd{};

  white(std::string_view stream_name, T mean_value, T standard_deviation, double noise_interval)
      : detail::interval_noise<goaldrift::detail::lanes_or_one<T>()>(stream_name, noise_interval),
        mean(mean_value),
        sd(standard_deviation) {
    validate();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("mean", self.mean, "mean of the noise", "input");
    visit("sd", self.sd, "standard deviation of the noise", "input");
    detail::interval_noise<goaldrift::detail::lanes_or_one<T>()>::visit_parameters(self, visit);
  }

  /// Every interval boundary in (from, to), where the noise jumps (adaptive runs stop there).
  void breakpoints(double from, double to, std::vector<double>& out) const {
    this->breakpoints_of(from, to, out, component);
  }

  /// Refuses, before a run, an interval too short to count up to the run's times exactly.
  void start(const run_context& ctx) { this->check_run(ctx, component); }

  void validate() const {
    // An integer mean or sd is refused by the static_asserts above; checking it here too would
    // only add errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      this->check_interval(component);
      goaldrift::detail::require_finite(component, "mean", mean);
      goaldrift::detail::require_non_negative(component, "sd", sd);
    }
  }

  T operator()(const time_point& when) const {
    return mean + sd * math::scalar_ops<T>::from_lanes(this->normals_at(when, component).data());
  }
};

template <class T>
white(std::string_view, T, T, double) -> white<T>;
/// white("w", 0.0, 1, dt) or white("w", 0.0f, 1.0, dt): refused by the static_assert above in
/// one sentence, where deduction would fail with a list of candidates.
template <class A, class B, std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
white(std::string_view, A, B, double) -> white<goaldrift::detail::mismatched_numbers<A, B>>;

}  // namespace goaldrift::noise
