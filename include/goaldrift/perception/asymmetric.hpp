// Asymmetric perception: bad news is believed at one speed, good news at another.
#pragma once

#include <array>
#include <cstddef>
#include <string>

#include "../detail/smoothing_parameters.hpp"
#include "../run_context.hpp"
#include "../sd/smooth.hpp"
#include "../time_point.hpp"

namespace goaldrift::perception {

/// First-order smoothing that moves with `bad_news_time` while the input is below the
/// perception (S < P: things are worse than believed) and with `good_news_time` while above.
/// Meadows' actor "believes bad news more than good news": bad_news_time < good_news_time.
/// `initial` (optional) is where the perception starts; by default, at the first input.
template <class T = double>
struct asymmetric : goaldrift::detail::news_parameters<T> {
  using scalar_type = T;
  static constexpr std::size_t state_size = 1;
  static constexpr const char* component = "goaldrift::perception::asymmetric";

  asymmetric(T bad_news, T good_news)
      : goaldrift::detail::news_parameters<T>{bad_news, good_news, {}} {
    validate();
    this->prepare();
  }
  asymmetric(T bad_news, T good_news, T initial_value)
      : goaldrift::detail::news_parameters<T>{bad_news, good_news, initial_value} {
    validate();
    this->prepare();
  }

  void validate() const { this->check(component); }
  std::array<std::string, 1> state_names() const { return {"level"}; }
  void initialize(T* x, const T& input, const time_point&) const {
    sd::asymmetric_smooth::initialize(x, this->start_value(input));
  }
  T value(const T* x, const T&, const time_point&) const { return x[0]; }
  void start(const run_context&, const T&, const time_point&) { this->prepare(); }
  void derivative(const T* x, const T& input, const time_point&, T* dxdt) const {
    sd::asymmetric_smooth::derivative_at_rates(x, input, this->bad_news_rate(), this->good_news_rate(), dxdt);
  }
};

template <class T>
asymmetric(T, T) -> asymmetric<T>;
template <class T>
asymmetric(T, T, T) -> asymmetric<T>;

}  // namespace goaldrift::perception
