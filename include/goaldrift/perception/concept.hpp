// The Perception concept: how a part that models "how the actor sees S" must look.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "../detail/part_traits.hpp"
#include "../run_context.hpp"
#include "../time_point.hpp"

namespace goaldrift::perception {

namespace detail {
template <class P, class T, class = void>
struct has_value : std::false_type {};
template <class P, class T>
struct has_value<P, T,
                 std::void_t<decltype(T(std::declval<const P&>().value(
                     std::declval<const T*>(), std::declval<const T&>(),
                     std::declval<const time_point&>())))>> : std::true_type {};

template <class P, class T, class = void>
struct has_derivative : std::false_type {};
template <class P, class T>
struct has_derivative<P, T,
                      std::void_t<decltype(std::declval<const P&>().derivative(
                          std::declval<const T*>(), std::declval<const T&>(),
                          std::declval<const time_point&>(), std::declval<T*>()))>>
    : std::true_type {};

template <class P, class T, class = void>
struct has_initialize : std::false_type {};
template <class P, class T>
struct has_initialize<P, T,
                      std::void_t<decltype(std::declval<const P&>().initialize(
                          std::declval<T*>(), std::declval<const T&>(),
                          std::declval<const time_point&>()))>> : std::true_type {};

template <class P, class T, class = void>
struct has_start : std::false_type {};
template <class P, class T>
struct has_start<P, T,
                 std::void_t<decltype(std::declval<P&>().start(
                     std::declval<const run_context&>(), std::declval<const T&>(),
                     std::declval<const time_point&>()))>> : std::true_type {};

template <class P, class T, class = void>
struct has_advance : std::false_type {};
template <class P, class T>
struct has_advance<P, T,
                   std::void_t<decltype(std::declval<P&>().advance(
                       std::declval<T*>(), std::declval<const T&>(),
                       std::declval<const time_point&>()))>> : std::true_type {};
}  // namespace detail

/// Checks a perception type at compile time and says in a sentence what is missing.
template <class P>
constexpr bool check() {
  static_assert(goaldrift::detail::has_scalar_type<P>::value,
                "A perception must declare `using scalar_type = ...;`, the number type of its "
                "state and parameters (double, or a SIMD pack). See docs/concepts.md.");
  static_assert(goaldrift::detail::has_state_size<P>::value,
                "A perception must declare `static constexpr std::size_t state_size`: how many "
                "state variables it owns (0 is fine). See docs/concepts.md.");
  using T = typename P::scalar_type;
  static_assert(goaldrift::detail::has_state_names<P>::value,
                "A perception must provide `state_names() const` returning exactly "
                "std::array<std::string, state_size>: one name per state variable.");
  static_assert(detail::has_initialize<P, T>::value,
                "A perception must provide `void initialize(T* x, const T& input, const "
                "time_point& when) const` that sets its state from the first input it sees.");
  static_assert(detail::has_value<P, T>::value,
                "A perception must provide `T value(const T* x, const T& input, const "
                "time_point& when) const` returning the perceived state.");
  static_assert(detail::has_derivative<P, T>::value,
                "A perception must provide `void derivative(const T* x, const T& input, const "
                "time_point& when, T* dxdt) const` writing the rates of its own states.");
  return true;
}

/// Calls p.start(ctx, input, when) if the perception has it.
template <class P, class T>
void start(P& p, const run_context& ctx, const T& input, const time_point& when) {
  if constexpr (detail::has_start<P, T>::value) {
    p.start(ctx, input, when);
  }
}

/// Calls p.advance(x, input, when) if the perception has it.
template <class P, class T>
void advance(P& p, T* x, const T& input, const time_point& when) {
  if constexpr (detail::has_advance<P, T>::value) {
    p.advance(x, input, when);
  }
}

}  // namespace goaldrift::perception
