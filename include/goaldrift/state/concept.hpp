// The StatePart concept: how the part that owns the actual state S must look.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "../detail/part_traits.hpp"
#include "../run_context.hpp"
#include "../time_point.hpp"

namespace goaldrift::state {

namespace detail {
template <class S, class T, class = void>
struct has_value : std::false_type {};
template <class S, class T>
struct has_value<S, T,
                 std::void_t<decltype(T(std::declval<const S&>().value(std::declval<const T*>())))>>
    : std::true_type {};

template <class S, class T, class = void>
struct has_action : std::false_type {};
template <class S, class T>
struct has_action<S, T,
                  std::void_t<decltype(T(std::declval<const S&>().action(
                      std::declval<const T*>(), std::declval<const T&>(),
                      std::declval<const T&>())))>> : std::true_type {};

template <class S, class T, class = void>
struct has_derivative : std::false_type {};
template <class S, class T>
struct has_derivative<S, T,
                      std::void_t<decltype(std::declval<const S&>().derivative(
                          std::declval<const T*>(), std::declval<const T&>(),
                          std::declval<const T&>(), std::declval<const T&>(),
                          std::declval<const time_point&>(), std::declval<T*>()))>> : std::true_type {};

template <class S, class T, class = void>
struct has_initialize : std::false_type {};
template <class S, class T>
struct has_initialize<S, T,
                      std::void_t<decltype(std::declval<const S&>().initialize(
                          std::declval<T*>()))>> : std::true_type {};

template <class S, class = void>
struct has_start : std::false_type {};
template <class S>
struct has_start<S, std::void_t<decltype(std::declval<S&>().start(
                        std::declval<const run_context&>()))>> : std::true_type {};

template <class S, class T, class = void>
struct has_advance : std::false_type {};
template <class S, class T>
struct has_advance<S, T, std::void_t<decltype(std::declval<S&>().advance(std::declval<T*>()))>>
    : std::true_type {};
}  // namespace detail

/// Checks a state part at compile time and says in a sentence what is missing.
template <class S>
constexpr bool check() {
  static_assert(goaldrift::detail::has_scalar_type<S>::value,
                "A state part must declare `using scalar_type = ...;`, the number type of its "
                "state and parameters (double, or a SIMD pack). See docs/concepts.md.");
  static_assert(goaldrift::detail::has_state_size<S>::value,
                "A state part must declare `static constexpr std::size_t state_size` (at least "
                "1: it owns S). See docs/concepts.md.");
  using T = typename S::scalar_type;
  static_assert(S::state_size >= 1, "A state part owns the actual state S, so state_size >= 1.");
  static_assert(goaldrift::detail::has_state_names<S>::value,
                "A state part must provide `state_names() const` returning exactly "
                "std::array<std::string, state_size>: one name per state variable.");
  static_assert(detail::has_initialize<S, T>::value,
                "A state part must provide `void initialize(T* x) const` that sets S at the "
                "start of a run.");
  static_assert(detail::has_value<S, T>::value,
                "A state part must provide `T value(const T* x) const` returning the actual "
                "state S.");
  static_assert(detail::has_action<S, T>::value,
                "A state part must provide `T action(const T* x, const T& desired, const T& "
                "perceived) const` returning the corrective action (a rate).");
  static_assert(detail::has_derivative<S, T>::value,
                "A state part must provide `void derivative(const T* x, const T& desired, const "
                "T& perceived, const T& pressure, const time_point& when, T* dxdt) const` writing "
                "dS/dt.");
  return true;
}

template <class S>
void start(S& s, const run_context& ctx) {
  if constexpr (detail::has_start<S>::value) {
    s.start(ctx);
  }
}

template <class S, class T>
void advance(S& s, T* x) {
  if constexpr (detail::has_advance<S, T>::value) {
    s.advance(x);
  }
}

}  // namespace goaldrift::state
