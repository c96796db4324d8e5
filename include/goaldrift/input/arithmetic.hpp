// Sums, differences and products of inputs, written with + - * on inputs and numbers.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../detail/hooks.hpp"
#include "concept.hpp"
#include "constant.hpp"
#include "function.hpp"

namespace goaldrift::input {

/// Turns a number into a constant, a callable into a function, and leaves inputs as they are.
template <class X>
auto make_input(X&& x) {
  using D = std::decay_t<X>;
  if constexpr (is_input_v<D>) {
    return D(std::forward<X>(x));
  } else if constexpr (std::is_arithmetic_v<D>) {
    return constant<double>(static_cast<double>(x));
  } else if constexpr (std::is_invocable_v<const D&, double> ||
                       std::is_invocable_v<const D&, const time_point&>) {
    return function<D>(std::forward<X>(x));
  } else {
    return constant<D>(std::forward<X>(x));
  }
}

template <class X>
using input_of_t = decltype(make_input(std::declval<X>()));

/// Two inputs combined point by point with `Op` (std::plus, std::minus, std::multiplies).
template <class Op, class A, class B>
struct combined;

template <class X>
struct is_sum : std::false_type {};
template <class A, class B>
struct is_sum<combined<std::plus<>, A, B>> : std::true_type {};

template <class Op, class A, class B>
struct combined {
  using value_type =
      std::decay_t<decltype(Op{}(std::declval<typename A::value_type>(),
                                 std::declval<typename B::value_type>()))>;

  A a;
  B b;

  combined(A left, B right) : a(std::move(left)), b(std::move(right)) {}

  /// Lists the parameters by name (goaldrift/parameters.hpp). A sum lists its terms as
  /// "terms[0].", "terms[1].", ... (a + b + c has three, as a model file writes it); a
  /// difference or product its operands under "left." and "right.".
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    if constexpr (std::is_same_v<Op, std::plus<>>) {
      std::size_t term = 0;
      visit_terms(self, visit, term);
    } else {
      visit.part("left", self.a);
      visit.part("right", self.b);
    }
  }
  /// The terms of a sum, a sum on the left (a + b, then + c) read as its own terms.
  template <class Self, class Visitor>
  static void visit_terms(Self& self, Visitor& visit, std::size_t& term) {
    if constexpr (is_sum<A>::value) {
      A::visit_terms(self.a, visit, term);
    } else {
      visit.part("terms[" + std::to_string(term++) + "]", self.a);
    }
    visit.part("terms[" + std::to_string(term++) + "]", self.b);
  }

  void validate() const {
    detail::validate(a);
    detail::validate(b);
  }
  value_type operator()(const time_point& when) const { return Op{}(a(when), b(when)); }
  void breakpoints(double from, double to, std::vector<double>& out) const {
    detail::breakpoints(a, from, to, out);
    detail::breakpoints(b, from, to, out);
  }
  void start(const run_context& ctx) {
    detail::start_input(a, ctx);
    detail::start_input(b, ctx);
  }
  template <class Key>
  void reseed(const Key& key) {
    detail::reseed(a, key);
    detail::reseed(b, key);
  }
};

template <class A>
struct negated {
  using value_type = typename A::value_type;
  A a;

  explicit negated(A inner) : a(std::move(inner)) {}

  /// Lists the parameters by name (goaldrift/parameters.hpp): the operand's, at this level.
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit.part("", self.a);
  }

  void validate() const { detail::validate(a); }
  value_type operator()(const time_point& when) const { return -a(when); }
  void breakpoints(double from, double to, std::vector<double>& out) const {
    detail::breakpoints(a, from, to, out);
  }
  void start(const run_context& ctx) { detail::start_input(a, ctx); }
  template <class Key>
  void reseed(const Key& key) {
    detail::reseed(a, key);
  }
};

namespace detail_ops {
// An operator applies when one side is an input and the other an input or a number.
template <class A, class B>
inline constexpr bool operands_v =
    (is_input_v<A> && (is_input_v<B> || std::is_arithmetic_v<std::decay_t<B>>)) ||
    (std::is_arithmetic_v<std::decay_t<A>> && is_input_v<B>);

template <class Op, class A, class B>
auto combine(A&& a, B&& b) {
  using L = input_of_t<A>;
  using R = input_of_t<B>;
  return combined<Op, L, R>(make_input(std::forward<A>(a)), make_input(std::forward<B>(b)));
}
}  // namespace detail_ops

template <class A, class B, std::enable_if_t<detail_ops::operands_v<A, B>, int> = 0>
auto operator+(A&& a, B&& b) {
  return detail_ops::combine<std::plus<>>(std::forward<A>(a), std::forward<B>(b));
}

template <class A, class B, std::enable_if_t<detail_ops::operands_v<A, B>, int> = 0>
auto operator-(A&& a, B&& b) {
  return detail_ops::combine<std::minus<>>(std::forward<A>(a), std::forward<B>(b));
}

template <class A, class B, std::enable_if_t<detail_ops::operands_v<A, B>, int> = 0>
auto operator*(A&& a, B&& b) {
  return detail_ops::combine<std::multiplies<>>(std::forward<A>(a), std::forward<B>(b));
}

template <class A, std::enable_if_t<is_input_v<A>, int> = 0>
auto operator-(A&& a) {
  return negated<std::decay_t<A>>(std::forward<A>(a));
}

}  // namespace goaldrift::input
