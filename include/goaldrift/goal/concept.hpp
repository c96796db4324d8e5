// The GoalPolicy concept: how a part that sets the desired state D must look.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

#include "../detail/part_traits.hpp"
#include "../run_context.hpp"
#include "../signals.hpp"

namespace goaldrift::goal {

namespace detail {
template <class G, class T, class = void>
struct has_value : std::false_type {};
template <class G, class T>
struct has_value<G, T,
                 std::void_t<decltype(T(std::declval<const G&>().value(
                     std::declval<const T*>(), std::declval<const signals<T>&>())))>>
    : std::true_type {};

template <class G, class T, class = void>
struct has_derivative : std::false_type {};
template <class G, class T>
struct has_derivative<G, T,
                      std::void_t<decltype(std::declval<const G&>().derivative(
                          std::declval<const T*>(), std::declval<const signals<T>&>(),
                          std::declval<T*>()))>> : std::true_type {};

template <class G, class T, class = void>
struct has_initialize : std::false_type {};
template <class G, class T>
struct has_initialize<G, T,
                      std::void_t<decltype(std::declval<const G&>().initialize(
                          std::declval<T*>(), std::declval<const signals<T>&>()))>>
    : std::true_type {};

template <class G, class T, class = void>
struct has_start : std::false_type {};
template <class G, class T>
struct has_start<G, T,
                 std::void_t<decltype(std::declval<G&>().start(
                     std::declval<const run_context&>(), std::declval<const signals<T>&>()))>>
    : std::true_type {};

template <class G, class T, class = void>
struct has_advance : std::false_type {};
template <class G, class T>
struct has_advance<G, T,
                   std::void_t<decltype(std::declval<G&>().advance(
                       std::declval<T*>(), std::declval<const signals<T>&>()))>>
    : std::true_type {};
}  // namespace detail

/// Checks a goal policy (or a performance signal, which has the same shape) at compile time.
template <class G>
constexpr bool check() {
  static_assert(goaldrift::detail::has_scalar_type<G>::value,
                "A goal policy must declare `using scalar_type = ...;`, the number type of its "
                "state and parameters (double, or a SIMD pack). See docs/concepts.md.");
  static_assert(goaldrift::detail::has_state_size<G>::value,
                "A goal policy must declare `static constexpr std::size_t state_size`: how many "
                "state variables it owns (0 for a fixed standard). See docs/concepts.md.");
  using T = typename G::scalar_type;
  static_assert(goaldrift::detail::has_state_names<G>::value,
                "A goal policy must provide `state_names() const` returning exactly "
                "std::array<std::string, state_size>: one name per state variable.");
  static_assert(detail::has_initialize<G, T>::value,
                "A goal policy must provide `void initialize(T* x, const signals<T>& s) const` "
                "that sets its state at the start of a run.");
  static_assert(detail::has_value<G, T>::value,
                "A goal policy must provide `T value(const T* x, const signals<T>& s) const` "
                "returning the desired state D.");
  static_assert(detail::has_derivative<G, T>::value,
                "A goal policy must provide `void derivative(const T* x, const signals<T>& s, "
                "T* dxdt) const` writing the rates of its own states.");
  return true;
}

/// Calls g.start(ctx, s) if the goal policy (or signal) has it.
template <class G, class T>
void start(G& g, const run_context& ctx, const signals<T>& s) {
  if constexpr (detail::has_start<G, T>::value) {
    g.start(ctx, s);
  }
}

/// Calls g.advance(x, s) if the goal policy (or signal) has it.
template <class G, class T>
void advance(G& g, T* x, const signals<T>& s) {
  if constexpr (detail::has_advance<G, T>::value) {
    g.advance(x, s);
  }
}

}  // namespace goaldrift::goal
