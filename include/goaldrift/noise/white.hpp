// White noise held constant over each noise interval, as a random input.
#pragma once

#include <string_view>
#include <vector>

#include "../detail/validate.hpp"
#include "../math.hpp"
#include "detail/interval_noise.hpp"

namespace goaldrift::noise {

/// mean + sd * z_k on [k h, (k + 1) h), with z_k independent standard normals drawn from the
/// named stream for (seed, member, k): the same member gets the same noise alone or inside
/// any ensemble. Reseed it through the model (model.reseed(...), done by the ensemble runner).
template <class T = double>
struct white : detail::interval_noise<math::lanes_v<T>> {
  using value_type = T;
  static constexpr const char* component = "goaldrift::noise::white";

  T mean{};
  T sd{};

  white(std::string_view stream_name, T mean_value, T standard_deviation, double noise_interval)
      : detail::interval_noise<math::lanes_v<T>>(stream_name, noise_interval),
        mean(mean_value),
        sd(standard_deviation) {
    validate();
  }

  /// Every interval boundary in (from, to), where the noise jumps (adaptive runs stop there).
  void breakpoints(double from, double to, std::vector<double>& out) const {
    this->breakpoints_of(from, to, out, component);
  }

  void validate() const {
    this->check_interval(component);
    goaldrift::detail::require_finite(component, "mean", mean);
    goaldrift::detail::require_non_negative(component, "sd", sd);
  }

  T operator()(const time_point& when) const {
    return mean + sd * math::scalar_ops<T>::from_lanes(this->normals_at(when, component).data());
  }
};

template <class T>
white(std::string_view, T, T, double) -> white<T>;

}  // namespace goaldrift::noise
