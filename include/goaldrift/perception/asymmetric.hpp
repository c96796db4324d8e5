// Asymmetric perception: bad news is believed at one speed, good news at another.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>

#include "../detail/validate.hpp"
#include "../sd/smooth.hpp"
#include "../time_point.hpp"

namespace goaldrift::perception {

/// First-order smoothing that moves with `bad_news_time` while the input is below the
/// perception (S < P: things are worse than believed) and with `good_news_time` while above.
/// Meadows' actor "believes bad news more than good news": bad_news_time < good_news_time.
template <class T = double>
struct asymmetric {
  using scalar_type = T;
  static constexpr std::size_t state_size = 1;
  static constexpr const char* component = "goaldrift::perception::asymmetric";

  T bad_news_time{};
  T good_news_time{};
  /// Where the perception starts; empty means "at the first input".
  std::optional<T> initial;

  asymmetric(T bad_news, T good_news) : bad_news_time(bad_news), good_news_time(good_news) {
    validate();
  }
  asymmetric(T bad_news, T good_news, T initial_value)
      : bad_news_time(bad_news), good_news_time(good_news), initial(initial_value) {
    validate();
  }

  void validate() const {
    goaldrift::detail::require_positive(component, "bad_news_time", bad_news_time);
    goaldrift::detail::require_positive(component, "good_news_time", good_news_time);
    if (initial) {
      goaldrift::detail::require_finite(component, "initial", *initial);
    }
  }
  std::array<std::string, 1> state_names() const { return {"level"}; }
  void initialize(T* x, const T& input, const time_point&) const {
    sd::asymmetric_smooth::initialize(x, initial ? *initial : input);
  }
  T value(const T* x, const T&, const time_point&) const { return x[0]; }
  void derivative(const T* x, const T& input, const time_point&, T* dxdt) const {
    sd::asymmetric_smooth::derivative(x, input, bad_news_time, good_news_time, dxdt);
  }
};

template <class T>
asymmetric(T, T) -> asymmetric<T>;
template <class T>
asymmetric(T, T, T) -> asymmetric<T>;

}  // namespace goaldrift::perception
