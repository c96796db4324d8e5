// What white and pink noise share: a named stream, a noise interval, and the member it is for.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../../detail/validate.hpp"
#include "../../random/detail/philox_lanes.hpp"
#include "../../random/philox.hpp"
#include "../../run_context.hpp"
#include "../../time_point.hpp"

namespace goaldrift::noise::detail {

/// Noise that holds one value per interval [k h, (k + 1) h) of absolute time, k counted from
/// t = 0, so a member's noise at a given time does not depend on when its run starts. The
/// interval a time falls in is decided at time_point::jump_t: under fixed steps with
/// h = dt every stage of step k sees interval k, as Vensim's RANDOM functions do.
///
/// `Lanes` members draw at once (a SIMD pack), each from its own stream coordinates, through the
/// same code one member uses alone (Lanes = 1), so a lane draws exactly what its member would.
template <std::size_t Lanes>
struct interval_noise {
  using normals = std::array<double, Lanes>;

  double interval = 1.0;

  interval_noise(std::string_view stream_name, double noise_interval)
      : interval(noise_interval), name_(stream_name), stream_(random::stream_id(stream_name)) {
    reseed(random::member_keys<Lanes>{});
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("interval", self.interval, "time each value of the noise holds", "time");
  }

  /// The stream's name; draws are keyed by it, so two inputs with one name draw alike.
  const std::string& name() const noexcept { return name_; }
  std::uint64_t seed() const noexcept { return seed_; }
  const std::array<std::uint64_t, Lanes>& members() const noexcept { return members_; }

  /// Draw as the given members of the study seeded `keys.seed`, one per lane.
  /// (Deduced, so that a braced `{seed, member}` means one member_key, never this.)
  template <std::size_t L, std::enable_if_t<L == Lanes, int> = 0>
  void reseed(const random::member_keys<L>& keys) {
    seed_ = keys.seed;
    members_ = keys.members;
    noise_key_ = random::philox_key(keys.seed, random::domain::noise, stream_);
    start_key_ = random::philox_key(keys.seed, random::domain::noise_start, stream_);
    cached_first_pair_ = std::numeric_limits<std::int64_t>::min() / 2;
    last_jump_t_ = std::numeric_limits<double>::quiet_NaN();
  }
  /// Draw as one member (a single lane).
  template <std::size_t L = Lanes, std::enable_if_t<L == 1, int> = 0>
  void reseed(const random::member_key& k) {
    reseed(random::member_keys<1>{k.seed, {k.member}});
  }

  /// The interval `when` falls in. An interval so short that the count reaches 2^53 at this
  /// time cannot be counted exactly (nor cast to an integer past 2^63): refused by name.
  std::int64_t index(const time_point& when, const char* component) const {
    const double k = std::floor(when.jump_t / interval);
    if (!(std::fabs(k) < 9007199254740992.0)) too_many_intervals(when, component);
    return static_cast<std::int64_t>(k);
  }
  // Out of line and never returning: a model's derivative reads the noise at every step, and a
  // call that may return there makes the compiler keep the stepper's values in memory around it.
#if defined(__GNUC__)
  [[gnu::cold, gnu::noinline]]
#endif
  [[noreturn]] void too_many_intervals(const time_point& when, const char* component) const {
    throw invalid_parameter(component, "interval",
                            "must be long enough to count the intervals up to t = " +
                                goaldrift::detail::format_number(when.jump_t) + " exactly (fewer than 2^53)",
                            interval);
  }
  /// The standard normals in force at `when`, one per lane. Every stage of a fixed step shares
  /// one jump_t, so the interval is found once per step and remembered (as a position in the
  /// cache, which stays valid in a copy) for the other stages.
  const normals& normals_at(const time_point& when, const char* component) const {
    if (when.jump_t != last_jump_t_ || interval != last_interval_) {
      last_slot_ = slot(index(when, component));
      last_jump_t_ = when.jump_t;
      last_interval_ = interval;
    }
    return cached(last_slot_);
  }
  /// The standard normals of interval k, one per lane: z_k is the (k mod 2)-th normal of
  /// Philox block k / 2. Runs ask for intervals in order, so the blocks are drawn several at a
  /// time ahead (random::detail::pairs_ahead) and kept; each value still depends only on its
  /// coordinates.
  const normals& interval_normals(std::int64_t k) const { return cached(slot(k)); }
  /// The standard normals a stationary process starts from at interval k, one per lane.
  normals start_normals(std::int64_t k) const {
    normals z0, z1;
    random::detail::normal_pair_lanes<Lanes>(start_key_, static_cast<std::uint64_t>(k), members_, z0, z1);
    return z0;
  }

  /// Every interval boundary in (from, to): the value jumps there. At most max_breakpoints;
  /// an interval that would make more is refused by name before any is added.
  void breakpoints_of(double from, double to, std::vector<double>& out, const char* component) const {
    const double first = goaldrift::detail::first_repetition(component, "interval", interval, 0.0, from, to);
    for (double k = first + 1.0;; k += 1.0) {
      const double b = k * interval;
      if (!(b < to)) break;
      if (b > from) out.push_back(b);
    }
  }

  /// Refuses, before a run, an interval too short to count up to the run's times exactly.
  void check_run(const run_context& ctx, const char* component) const {
    (void)index(time_point{ctx.start}, component);
    (void)index(time_point{ctx.end}, component);
  }

  void check_interval(const char* component) const {
    goaldrift::detail::require_positive(component, "interval", interval);
    if (name_.empty()) {
      throw invalid_parameter(component, "name", "must not be empty (it names the random stream)",
                              "\"\"");
    }
  }

 private:
  // Where interval k's normals are in the cache, drawing the blocks from k's on if they are
  // not there: (k mod 2) * ahead + (k / 2 - first block).
  std::size_t slot(std::int64_t k) const {
    const std::int64_t pair = k >= 0 ? k / 2 : (k - 1) / 2;  // floor(k / 2)
    if (pair < cached_first_pair_ || pair >= cached_first_pair_ + static_cast<std::int64_t>(ahead)) refill(pair);
    return static_cast<std::size_t>(k - 2 * pair) * ahead + static_cast<std::size_t>(pair - cached_first_pair_);
  }
  // The next `ahead` pairs of intervals' normals: once per `ahead` pairs, out of line and
  // marked cold, so that the compiler keeps the stepper's values in registers on the path that
  // does not draw (a value live across a call that may happen must otherwise stay in memory).
#if defined(__GNUC__)
  [[gnu::noinline, gnu::cold]]
#endif
  void refill(std::int64_t pair) const {
    cached_first_pair_ = pair;
    random::detail::normal_pairs<Lanes, ahead>(noise_key_, static_cast<std::uint64_t>(pair), members_,
                                               cached_normals_[0], cached_normals_[1]);
  }
  const normals& cached(std::size_t slot) const { return cached_normals_[slot / ahead][slot % ahead]; }

  std::string name_;
  std::uint32_t stream_;
  std::uint64_t seed_ = 0;
  std::array<std::uint64_t, Lanes> members_{};
  std::uint64_t noise_key_ = 0;
  std::uint64_t start_key_ = 0;
  static constexpr std::size_t ahead = random::detail::pairs_ahead<Lanes>;
  mutable std::int64_t cached_first_pair_ = std::numeric_limits<std::int64_t>::min() / 2;
  mutable double last_jump_t_ = std::numeric_limits<double>::quiet_NaN();  // never equal: no index yet
  mutable double last_interval_ = 0.0;
  mutable std::size_t last_slot_ = 0;
  // [which normal of the pair][block - first block][lane]
  mutable std::array<std::array<normals, ahead>, 2> cached_normals_{};
};

}  // namespace goaldrift::noise::detail
