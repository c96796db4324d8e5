// Whether a type can be a part's scalar type, so that a part given integers can refuse them in
// one sentence instead of pages of errors about math::scalar_ops<int>.
#pragma once

#include <cstddef>
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

/// The type a part's deduction guide gives for numbers of different types (floating(100.0, 12),
/// capacity_limited(4.0f, 2.0)), where deduction would otherwise fail with a list of
/// candidates. It is no scalar, so the part's guarded code skips it as it skips an integer, and
/// the part's static_assert says in one sentence that the numbers must share one type. It
/// converts from anything so that the part's constructor still matches and adds no error.
template <class... Numbers>
struct mismatched_numbers {
  mismatched_numbers() = default;
  template <class X>
  mismatched_numbers(const X&) {}  // implicit on purpose: see above
};

template <class T>
struct is_mismatched : std::false_type {};
template <class... Numbers>
struct is_mismatched<mismatched_numbers<Numbers...>> : std::true_type {};

template <class T>
inline constexpr bool is_mismatched_v = is_mismatched<T>::value;

/// True when every argument is a number and not all have the same type: where a part's
/// deduction guide sends them to mismatched_numbers. False for numbers of one type, which the
/// part's own guides deduce as before.
template <class First, class... Rest>
inline constexpr bool mixed_numbers_v = (is_number_v<First> && ... && is_number_v<Rest>) &&
                                        !(std::is_same_v<First, Rest> && ...);

/// True for a part or policy whose scalar_type is no scalar (it was given integers, or numbers
/// of two types): it has refused them in its own sentence, and a part holding it adds none.
template <class P, class = void>
struct has_refused_scalar : std::false_type {};
template <class P>
struct has_refused_scalar<P, std::void_t<typename P::scalar_type>>
    : std::bool_constant<!is_scalar_v<typename P::scalar_type>> {};

template <class P>
inline constexpr bool has_refused_scalar_v = has_refused_scalar<P>::value;

/// math::lanes_v<T> for a scalar type and 1 for anything else: for a part's base classes, which
/// are instantiated before the part's static_assert can refuse an integer.
template <class T>
constexpr std::size_t lanes_or_one() {
  if constexpr (is_scalar_v<T>) {
    return math::lanes_v<T>;
  } else {
    return 1;
  }
}

/// T where it is a scalar type, double otherwise: the type of an input a composite part makes
/// for itself (a default offset, a zero pressure), so that it adds no sentence of its own to
/// the one of the part that was given integers.
template <class T>
using scalar_or_double_t = std::conditional_t<is_scalar_v<T>, T, double>;

}  // namespace goaldrift::detail
