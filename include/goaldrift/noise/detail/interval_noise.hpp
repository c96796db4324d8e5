// What white and pink noise share: a named stream, a noise interval, and the member it is for.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../../detail/validate.hpp"
#include "../../random/philox.hpp"
#include "../../time_point.hpp"

namespace goaldrift::noise::detail {

/// Noise that holds one value per interval [k h, (k + 1) h) of absolute time, k counted from
/// t = 0, so a member's noise at a given time does not depend on when its run starts. The
/// interval a time falls in is decided at time_point::jump_t: under fixed steps with
/// h = dt every stage of step k sees interval k, as Vensim's RANDOM functions do.
struct interval_noise {
  double interval = 1.0;

  interval_noise(std::string_view stream_name, double noise_interval)
      : interval(noise_interval), name_(stream_name), stream_(random::stream_id(stream_name)) {
    reseed(random::member_key{});
  }

  /// The stream's name; draws are keyed by it, so two inputs with one name draw alike.
  const std::string& name() const noexcept { return name_; }
  const random::member_key& key() const noexcept { return key_; }

  void reseed(const random::member_key& k) {
    key_ = k;
    noise_key_ = random::philox_key(k.seed, random::domain::noise, stream_);
    start_key_ = random::philox_key(k.seed, random::domain::noise_start, stream_);
    cached_pair_ = std::numeric_limits<std::int64_t>::min();
  }

  std::int64_t index(const time_point& when) const {
    return static_cast<std::int64_t>(std::floor(when.jump_t / interval));
  }
  /// The standard normal of interval k: z_k, the (k mod 2)-th normal of Philox block k / 2.
  /// The last pair is kept, since runs ask for intervals in order.
  double interval_normal(std::int64_t k) const {
    const std::int64_t pair = k >= 0 ? k / 2 : (k - 1) / 2;  // floor(k / 2)
    if (pair != cached_pair_) {
      cached_pair_ = pair;
      cached_normals_ = random::normal_pair(noise_key_, static_cast<std::uint64_t>(pair), key_.member);
    }
    return cached_normals_[static_cast<std::size_t>(k - 2 * pair)];
  }
  /// The standard normal a stationary process starts from at interval k.
  double start_normal(std::int64_t k) const {
    return random::normal(start_key_, static_cast<std::uint64_t>(k), key_.member);
  }

  /// Every interval boundary in (from, to): the value jumps there.
  void breakpoints(double from, double to, std::vector<double>& out) const {
    for (double k = std::floor(from / interval) + 1.0;; k += 1.0) {
      const double b = k * interval;
      if (!(b < to)) break;
      if (b > from) out.push_back(b);
    }
  }

  void check_interval(const char* component) const {
    goaldrift::detail::require_positive(component, "interval", interval);
    if (name_.empty()) {
      throw invalid_parameter(component, "name", "must not be empty (it names the random stream)",
                              "\"\"");
    }
  }

 private:
  std::string name_;
  std::uint32_t stream_;
  random::member_key key_{};
  std::uint64_t noise_key_ = 0;
  std::uint64_t start_key_ = 0;
  mutable std::int64_t cached_pair_ = std::numeric_limits<std::int64_t>::min();
  mutable std::array<double, 2> cached_normals_{};
};

}  // namespace goaldrift::noise::detail
