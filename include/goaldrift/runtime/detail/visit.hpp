// The one place the run-time layer turns a variant's index into a call on the part it holds.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>
#include <variant>

#include "../../config.hpp"

namespace goaldrift::runtime::detail {

#if defined(__GNUC__)
[[gnu::cold, gnu::noinline]]
#endif
[[noreturn]] inline void throw_valueless() {
  throw std::bad_variant_access();
}

template <std::size_t I, class F, class Variant>
GOALDRIFT_HOT_INLINE decltype(auto) visit_from(F& f, Variant& v) {
  constexpr std::size_t last = std::variant_size_v<std::remove_const_t<Variant>> - 1;
  if constexpr (I == last) {
    if (v.valueless_by_exception()) throw_valueless();
    return f(*std::get_if<I>(&v));
  } else {
    if (v.index() == I) return f(*std::get_if<I>(&v));
    return visit_from<I + 1>(f, v);
  }
}

/// f(the alternative `v` holds). Every derivative goes through here several times, so the
/// branch is written out as a chain of index tests, which the compiler inlines (std::visit of
/// libstdc++ is a call for a variant of more than 11 alternatives, or for any under libc++).
template <class F, class Variant>
GOALDRIFT_HOT_INLINE decltype(auto) visit(F&& f, Variant& v) {
  return visit_from<0>(f, v);
}

}  // namespace goaldrift::runtime::detail
