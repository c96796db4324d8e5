// Compile-time questions every part family asks of a part: scalar type, state size, names.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>

#include "../config.hpp"

namespace goaldrift::detail {

template <class P, class = void>
struct has_scalar_type : std::false_type {};
template <class P>
struct has_scalar_type<P, std::void_t<typename P::scalar_type>> : std::true_type {};

template <class P, class = void>
struct has_state_size : std::false_type {};
template <class P>
struct has_state_size<P, std::void_t<decltype(std::size_t{P::state_size})>> : std::true_type {};

/// True when p.state_names() returns exactly std::array<std::string, P::state_size>.
template <class P, class = void>
struct has_state_names : std::false_type {};
template <class P>
struct has_state_names<P, std::void_t<decltype(std::declval<const P&>().state_names())>>
    : std::is_same<decltype(std::declval<const P&>().state_names()),
                   std::array<std::string, P::state_size>> {};

}  // namespace goaldrift::detail
