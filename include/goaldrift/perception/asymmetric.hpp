// Asymmetric perception: bad news is believed at one speed, good news at another.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>

#include "../detail/scalar_type.hpp"
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
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::perception::asymmetric: the bad-news and good-news times must be "
                "floating-point values or SIMD packs (write 2.0, 8.0), not integers.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::perception::asymmetric: the bad-news time, the good-news time and the "
                "initial value must have the same floating-point type (write 2.0, 8.0, not 2.0, "
                "8; for a SIMD pack T, T(2.0), T(8.0)).");
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
/// asymmetric(2.0, 8) and other numbers of more than one type: refused by the static_assert
/// above in one sentence, where deduction would fail with a list of candidates.
template <class A, class B, std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
asymmetric(A, B) -> asymmetric<goaldrift::detail::mismatched_numbers<A, B>>;
template <class A, class B, class C,
          std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B, C>, int> = 0>
asymmetric(A, B, C) -> asymmetric<goaldrift::detail::mismatched_numbers<A, B, C>>;

}  // namespace goaldrift::perception
