// The parameters smoothed perceptions and memories share: their times and an optional start.
#pragma once

#include <optional>

#include "validate.hpp"

namespace goaldrift::detail {

/// A smoothing time and where to start; no start value means "at the first input" (SMOOTH,
/// not SMOOTHI).
template <class T>
struct smoothing_parameters {
  T smoothing_time{};
  std::optional<T> initial;

  void check(const char* component) const {
    require_positive(component, "smoothing_time", smoothing_time);
    if (initial) {
      require_finite(component, "initial", *initial);
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

  void check(const char* component) const {
    require_positive(component, "bad_news_time", bad_news_time);
    require_positive(component, "good_news_time", good_news_time);
    if (initial) {
      require_finite(component, "initial", *initial);
    }
  }
  T start_value(const T& first_input) const { return initial ? *initial : first_input; }
};

}  // namespace goaldrift::detail
