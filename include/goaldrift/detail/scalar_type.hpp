// Whether a type can be a part's scalar type, so that a part given integers can refuse them in
// one sentence instead of pages of errors about math::scalar_ops<int>.
#pragma once

#include <type_traits>

#include "../math.hpp"

namespace goaldrift::detail {

/// True for float, double, long double and any type with a math::scalar_ops specialisation (a
/// SIMD pack); false for int and other integers, which have none. Ask it where the part is
/// instantiated, after the pack's header (and its specialisation) has been included.
template <class T, class = void>
struct is_scalar : std::false_type {};
template <class T>
struct is_scalar<T, std::void_t<decltype(math::scalar_ops<T>::lanes)>> : std::true_type {};

template <class T>
inline constexpr bool is_scalar_v = is_scalar<T>::value;

/// True for a plain number of any kind (int included) or a scalar type: what a user passes as a
/// time or a level, as opposed to a policy object.
template <class T>
inline constexpr bool is_number_v = std::is_arithmetic_v<T> || is_scalar_v<T>;

}  // namespace goaldrift::detail
