// What makes a type an input (a function of time), and how loose values become inputs.
#pragma once

#include <type_traits>
#include <utility>

#include "../time_point.hpp"

namespace goaldrift::input {

/// An input has a `value_type` and is callable with a time_point. See docs/concepts.md.
template <class I, class = void>
struct is_input : std::false_type {};

template <class I>
struct is_input<I, std::void_t<typename I::value_type,
                               decltype(std::declval<const I&>()(std::declval<const time_point&>()))>>
    : std::true_type {};

template <class I>
inline constexpr bool is_input_v = is_input<std::decay_t<I>>::value;

}  // namespace goaldrift::input
