// Calls to the optional members of a part or input (validate, prepare, breakpoints), when it
// has them.
#pragma once

#include <type_traits>
#include <utility>
#include <vector>

#include "../run_context.hpp"

#include "../config.hpp"

namespace goaldrift::detail {

template <class X, class = void>
struct has_validate : std::false_type {};
template <class X>
struct has_validate<X, std::void_t<decltype(std::declval<const X&>().validate())>>
    : std::true_type {};

template <class X, class = void>
struct has_prepare : std::false_type {};
template <class X>
struct has_prepare<X, std::void_t<decltype(std::declval<X&>().prepare())>> : std::true_type {};

template <class X, class = void>
struct has_breakpoints : std::false_type {};
template <class X>
struct has_breakpoints<X, std::void_t<decltype(std::declval<const X&>().breakpoints(
                              0.0, 0.0, std::declval<std::vector<double>&>()))>>
    : std::true_type {};

template <class X, class = void>
struct declares_fixed_step : std::false_type {};
template <class X>
struct declares_fixed_step<X, std::enable_if_t<X::needs_fixed_step>> : std::true_type {};

template <class X, class Key, class = void>
struct has_reseed : std::false_type {};
template <class X, class Key>
struct has_reseed<X, Key, std::void_t<decltype(std::declval<X&>().reseed(std::declval<const Key&>()))>>
    : std::true_type {};

template <class X, class = void>
struct has_run_start : std::false_type {};
template <class X>
struct has_run_start<X, std::void_t<decltype(std::declval<X&>().start(std::declval<const run_context&>()))>>
    : std::true_type {};

/// Lets an input check itself against the run (its span and step) before integration starts,
/// if it has a start(run_context) member. Composite inputs and the parts holding inputs
/// forward it to every input inside them.
template <class X>
void start_input(X& x, const run_context& ctx) {
  if constexpr (has_run_start<X>::value) {
    x.start(ctx);
  }
}

/// Tells `x` which ensemble member it belongs to (random::member_key), if it draws noise.
/// Composite parts and inputs forward it to everything inside them.
template <class X, class Key>
void reseed(X& x, const Key& key) {
  if constexpr (has_reseed<X, Key>::value) {
    x.reseed(key);
  }
}

/// Throws invalid_parameter if `x` has a validate() member that rejects its parameters.
template <class X>
void validate(const X& x) {
  if constexpr (has_validate<X>::value) {
    x.validate();
  }
}

/// Lets `x` take up its public parameters before a run (the reciprocals of its times), if it
/// keeps anything derived from them.
template <class X>
void prepare(X& x) {
  if constexpr (has_prepare<X>::value) {
    x.prepare();
  }
}

/// Appends the times in (from, to) where `x` jumps or kinks, if it knows any.
template <class X>
void breakpoints(const X& x, double from, double to, std::vector<double>& out) {
  if constexpr (has_breakpoints<X>::value) {
    x.breakpoints(from, to, out);
  }
}

/// True for a part that only works under fixed-step integration (a DELAY FIXED pipeline).
template <class X>
inline constexpr bool needs_fixed_step_v = declares_fixed_step<X>::value;

}  // namespace goaldrift::detail
