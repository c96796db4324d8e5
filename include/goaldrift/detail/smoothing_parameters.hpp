// The parameters smoothed perceptions and memories share: their times and an optional start,
// and the reciprocals of the times that their derivatives multiply by.
#pragma once

#include <optional>
#include <utility>

#include "cached_rate.hpp"
#include "scalar_type.hpp"
#include "validate.hpp"

namespace goaldrift::detail {

/// A smoothing time and where to start; no start value means "at the first input" (SMOOTH,
/// not SMOOTHI).
template <class T>
struct smoothing_parameters {
  T smoothing_time{};
  std::optional<T> initial;

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("smoothing_time", self.smoothing_time, "time the smoothed value takes to follow its input", "time");
    visit("initial", self.initial, "where the smoothed value starts, unset for the first input", "level");
  }

  void check(const char* component) const {
    // An integer time is refused by the part's static_assert; checking it here too would only
    // add errors about math::scalar_ops<int>.
    if constexpr (is_scalar_v<T>) {
      require_positive(component, "smoothing_time", smoothing_time);
      if (initial) {
        require_finite(component, "initial", *initial);
      }
    }
  }
  T start_value(const T& first_input) const { return initial ? *initial : first_input; }
};

/// The times for believing bad news (the input below the level) and good news, and where to
/// start, for asymmetric perceptions and remembered performance.
template <class T>
struct news_parameters {
  T bad_news_time{};
  T good_news_time{};
  std::optional<T> initial;

  news_parameters(T bad_news, T good_news, std::optional<T> start)
      : bad_news_time(bad_news), good_news_time(good_news), initial(std::move(start)) {}

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("bad_news_time", self.bad_news_time, "time to take in news that things are worse", "time");
    visit("good_news_time", self.good_news_time, "time to take in news that things are better", "time");
    visit("initial", self.initial, "where the value starts, unset for the first input", "level");
  }

  /// Takes up the two times (they are public, so a study may have changed them): the
  /// constructors of the parts and their start() call it.
  void prepare() {
    if constexpr (is_scalar_v<T>) {  // see check
      bad_news_rate_.update(bad_news_time);
      good_news_rate_.update(good_news_time);
    }
  }

  void check(const char* component) const {
    // An integer time (or times of two types) is refused by the part's static_assert; checking
    // it here too would only add errors about math::scalar_ops<int>.
    if constexpr (is_scalar_v<T>) {
      require_positive(component, "bad_news_time", bad_news_time);
      require_positive(component, "good_news_time", good_news_time);
      if (initial) {
        require_finite(component, "initial", *initial);
      }
    }
  }
  T start_value(const T& first_input) const { return initial ? *initial : first_input; }

 protected:
  T bad_news_rate() const { return bad_news_rate_.of(bad_news_time); }
  T good_news_rate() const { return good_news_rate_.of(good_news_time); }

 private:
  cached_rate<T> bad_news_rate_;
  cached_rate<T> good_news_rate_;
};

}  // namespace goaldrift::detail
