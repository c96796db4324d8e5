// Performance signals: what a floating goal moves toward (the perceived state, or a memory).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>

#include "../detail/scalar_type.hpp"
#include "../detail/smoothing_parameters.hpp"
#include "../run_context.hpp"
#include "../sd/smooth.hpp"
#include "../signals.hpp"

namespace goaldrift::goal {

/// The goal follows the perceived state P itself. Owns no state.
template <class T = double>
struct perceived {
  using scalar_type = T;
  static constexpr std::size_t state_size = 0;

  /// Lists the parameters by name (goaldrift/parameters.hpp): none, but a list all the same.
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    (void)self;
    (void)visit;
  }

  std::array<std::string, 0> state_names() const { return {}; }
  void initialize(T*, const signals<T>&) const {}
  T value(const T*, const signals<T>& s) const { return s.perceived; }
  void derivative(const T*, const signals<T>&, T*) const {}
};

/// The goal follows a remembered performance: a memory of P that takes in bad news (P below
/// the memory) with `bad_news_time` and good news with `good_news_time`. A pessimistic memory
/// (bad news fast, good news slow) is Meadows' eroding goal; an optimistic one ("take the best
/// results as the standard, the worst as a temporary setback") is her second antidote; equal
/// times give a symmetric memory. `initial` (optional) is where the memory starts; by default,
/// at the first perceived state.
template <class T = double>
struct remembered : goaldrift::detail::news_parameters<T> {
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::remembered: the bad-news and good-news times must be "
                "floating-point values or SIMD packs (write 2.0, 8.0), not integers.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::remembered: the bad-news time, the good-news time and the "
                "initial value must have the same floating-point type (write 2.0, 8.0, not 2.0, "
                "8; for a SIMD pack T, T(2.0), T(8.0)).");
  using scalar_type = T;
  static constexpr std::size_t state_size = 1;
  static constexpr const char* component = "goaldrift::goal::remembered";

  remembered(T bad_news, T good_news)
      : goaldrift::detail::news_parameters<T>{bad_news, good_news, {}} {
    validate();
    this->prepare();
  }
  remembered(T bad_news, T good_news, T initial_value)
      : goaldrift::detail::news_parameters<T>{bad_news, good_news, initial_value} {
    validate();
    this->prepare();
  }

  void validate() const { this->check(component); }
  std::array<std::string, 1> state_names() const { return {"memory"}; }
  void initialize(T* x, const signals<T>& s) const {
    sd::asymmetric_smooth::initialize(x, this->start_value(s.perceived));
  }
  T value(const T* x, const signals<T>&) const { return x[0]; }
  void start(const run_context&, const signals<T>&) { this->prepare(); }
  void derivative(const T* x, const signals<T>& s, T* dxdt) const {
    sd::asymmetric_smooth::derivative_at_rates(x, s.perceived, this->bad_news_rate(), this->good_news_rate(),
                                               dxdt);
  }
};

template <class T>
remembered(T, T) -> remembered<T>;
template <class T>
remembered(T, T, T) -> remembered<T>;
/// remembered(2.0, 8) and other numbers of more than one type: refused by the static_assert
/// above in one sentence, where deduction would fail with a list of candidates.
template <class A, class B, std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
remembered(A, B) -> remembered<goaldrift::detail::mismatched_numbers<A, B>>;
template <class A, class B, class C,
          std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B, C>, int> = 0>
remembered(A, B, C) -> remembered<goaldrift::detail::mismatched_numbers<A, B, C>>;

}  // namespace goaldrift::goal
