// An input chosen at run time: one of the built-in inputs, a function of time, or a sum.
#pragma once

#include <cstddef>
#include <functional>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "../config.hpp"
#include "../detail/hooks.hpp"
#include "../error.hpp"
#include "../input/arithmetic.hpp"
#include "../input/constant.hpp"
#include "../input/function.hpp"
#include "../input/pulse.hpp"
#include "../input/ramp.hpp"
#include "../input/sine_wave.hpp"
#include "../input/step.hpp"
#include "../input/table.hpp"
#include "../noise/pink.hpp"
#include "../noise/white.hpp"
#include "../run_context.hpp"
#include "../time_point.hpp"
#include "detail/visit.hpp"

namespace goaldrift::runtime {

/// A function of time handed over from C++ (a season, a scenario): what a model file cannot
/// write, but a program that builds its model at run time can.
using time_function = std::function<double(const time_point&)>;

class any_input;

namespace detail {
/// The hooks of an input made of other inputs (Derived::inputs(): a sum's terms, an operation's
/// operands), each passed on to every one of them.
template <class Derived>
struct input_list_hooks {
  void validate() const {
    for (const auto& in : self().inputs()) in.validate();
  }
  void breakpoints(double from, double to, std::vector<double>& out) const {
    for (const auto& in : self().inputs()) in.breakpoints(from, to, out);
  }
  void start(const run_context& ctx) {
    for (auto& in : self().inputs()) in.start(ctx);
  }
  template <class Key>
  void reseed(const Key& key) {
    for (auto& in : self().inputs()) in.reseed(key);
  }

 private:
  const Derived& self() const { return static_cast<const Derived&>(*this); }
  Derived& self() { return static_cast<Derived&>(*this); }
};

/// The hooks of an input that holds one of several kinds (Derived::held, a variant), each passed
/// on to the kind held.
template <class Derived>
struct held_input_hooks {
  void validate() const {
    runtime::detail::visit([](const auto& in) { goaldrift::detail::validate(in); }, self().held);
  }
  void breakpoints(double from, double to, std::vector<double>& out) const {
    runtime::detail::visit([&](const auto& in) { goaldrift::detail::breakpoints(in, from, to, out); }, self().held);
  }
  void start(const run_context& ctx) {
    runtime::detail::visit([&ctx](auto& in) { goaldrift::detail::start_input(in, ctx); }, self().held);
  }
  template <class Key>
  void reseed(const Key& key) {
    runtime::detail::visit([&key](auto& in) { goaldrift::detail::reseed(in, key); }, self().held);
  }

 private:
  const Derived& self() const { return static_cast<const Derived&>(*this); }
  Derived& self() { return static_cast<Derived&>(*this); }
};
}  // namespace detail

/// terms[0] + terms[1] + ... added left to right, as `a + b + c` adds typed inputs; a term may
/// itself be a sum, so any tree of sums keeps its order of additions and its bits.
struct input_sum : detail::input_list_hooks<input_sum> {
  static constexpr const char* component = "goaldrift::runtime::input_sum";

  std::vector<any_input> terms;
  const std::vector<any_input>& inputs() const { return terms; }
  std::vector<any_input>& inputs() { return terms; }

  /// Lists each term's parameters under "terms[i]." (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    for (std::size_t i = 0; i < self.terms.size(); ++i) visit.part("terms[" + std::to_string(i) + "]", self.terms[i]);
  }

  double operator()(const time_point& when) const;
  /// Refuses a sum of nothing, then checks each term.
  void validate() const;
};

/// left - right, left * right, or -left, as `a - b`, `a * b` and `-a` combine typed inputs.
struct input_operation : detail::input_list_hooks<input_operation> {
  static constexpr const char* component = "goaldrift::runtime::input_operation";
  enum class kind { difference, product, negation };

  kind op = kind::difference;
  /// left and right; a negation's one operand.
  std::vector<any_input> operands;
  const std::vector<any_input>& inputs() const { return operands; }
  std::vector<any_input>& inputs() { return operands; }

  /// Lists the operands' parameters as the typed inputs do: "left." and "right.", a negation's
  /// at this level.
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    if (self.op == kind::negation) {
      for (auto& operand : self.operands) visit.part("", operand);
    } else {
      for (std::size_t i = 0; i < self.operands.size(); ++i) visit.part(i == 0 ? "left" : "right", self.operands[i]);
    }
  }

  double operator()(const time_point& when) const;
  /// Refuses a wrong number of operands, then checks each.
  void validate() const;
};

namespace detail {
template <class X, class Variant>
struct is_alternative;
template <class X, class... Alternatives>
struct is_alternative<X, std::variant<Alternatives...>> : std::disjunction<std::is_same<X, Alternatives>...> {};

/// The index of X among a variant's alternatives (the first, if it is there more than once).
template <class X, class Variant>
struct index_of;
template <class X, class... Alternatives>
struct index_of<X, std::variant<Alternatives...>> {
  static constexpr std::size_t value = [] {
    constexpr bool same[] = {std::is_same_v<X, Alternatives>...};
    for (std::size_t i = 0; i < sizeof...(Alternatives); ++i) {
      if (same[i]) return i;
    }
    return std::variant_npos;
  }();
};

template <class X>
struct is_function_input : std::false_type {};
template <class F>
struct is_function_input<input::function<F>> : std::true_type {};

template <class X>
struct is_input_sum : std::false_type {};
template <class A, class B>
struct is_input_sum<input::combined<std::plus<>, A, B>> : std::true_type {};

template <class X>
struct operation_of {
  static constexpr bool value = false;
};
template <class A, class B>
struct operation_of<input::combined<std::minus<>, A, B>> {
  static constexpr bool value = true;
  static constexpr input_operation::kind kind = input_operation::kind::difference;
};
template <class A, class B>
struct operation_of<input::combined<std::multiplies<>, A, B>> {
  static constexpr bool value = true;
  static constexpr input_operation::kind kind = input_operation::kind::product;
};
template <class A>
struct operation_of<input::negated<A>> {
  static constexpr bool value = true;
  static constexpr input_operation::kind kind = input_operation::kind::negation;
};

template <class X>
inline constexpr bool always_false_v = false;

/// A sine wave's last value, for the stages of a step that read it at the same time (RK4's two
/// middle stages): where the compiled model inlines the wave and the compiler computes std::sin
/// once for both, the run-time model's separate calls would compute it twice. Keyed by the
/// time and every parameter, so a changed parameter is never read stale.
class last_sine {
 public:
  double of(const input::sine_wave<double>& wave, const time_point& when) const {
    if (!(when.t == t_ && wave.mean == mean_ && wave.amplitude == amplitude_ && wave.period == period_ &&
          wave.phase == phase_)) {
      value_ = wave(when);
      t_ = when.t;
      mean_ = wave.mean;
      amplitude_ = wave.amplitude;
      period_ = wave.period;
      phase_ = wave.phase;
    }
    return value_;
  }

 private:
  // NaN: equal to nothing, so the first call computes.
  mutable double t_ = std::numeric_limits<double>::quiet_NaN();
  mutable double mean_ = 0.0, amplitude_ = 0.0, period_ = 0.0, phase_ = 0.0, value_ = 0.0;
};
}  // namespace detail

/// An input whose kind is chosen at run time: constant, step, ramp, pulse, sine wave, table,
/// white or pink noise, a function of time, or a sum, difference, product or negation of these. It holds the built-in input itself and
/// calls it, so it gives the typed input's values bit for bit, and it is an input in turn (a
/// distorted sensor's bias). The cheap kinds are evaluated inline, the others through one call.
class any_input : public detail::held_input_hooks<any_input> {
 public:
  using value_type = double;
  using alternatives = std::variant<input::constant<double>, input::step<double>, input::ramp<double>,
                                    input::pulse<double>, input::sine_wave<double>, noise::white<double>,
                                    noise::pink<double>, input::function<time_function>, input_sum,
                                    input::table<double>, input_operation>;

  alternatives held;

 private:
  // The index of a kind evaluated inline.
  template <class X>
  static constexpr std::size_t light = detail::index_of<X, alternatives>::value;

 public:

  /// No input: a constant 0.
  any_input() : held(input::constant<double>(0.0)) {}
  /// A number (a constant), one of the built-in inputs above, input::function of any callable
  /// of t or of a time_point, or sums, differences, products and negations of these written
  /// with + - * (`constant + step`, `-ramp`).
  template <class I, std::enable_if_t<!std::is_same_v<std::decay_t<I>, any_input>, int> = 0>
  any_input(I&& in) : held(convert(std::forward<I>(in))) {}  // NOLINT: converts like a typed input

  /// Lists the held input's parameters at this level, as the typed input would.
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    detail::visit([&visit](auto& in) { visit.part("", in); }, self.held);
  }

  GOALDRIFT_HOT_INLINE double operator()(const time_point& when) const {
    // One jump on the kind, where a chain of tests on it would take one test per kind before.
    switch (held.index()) {
      case light<input::constant<double>>: return light_value<input::constant<double>>(when);
      case light<input::step<double>>: return light_value<input::step<double>>(when);
      case light<input::ramp<double>>: return light_value<input::ramp<double>>(when);
      case light<input::pulse<double>>: return light_value<input::pulse<double>>(when);
      case light<input::sine_wave<double>>: return last_sine_.of(*std::get_if<input::sine_wave<double>>(&held), when);
      default: return evaluate_out_of_line(when);
    }
  }

 private:
  detail::last_sine last_sine_;

  template <class X>
  GOALDRIFT_HOT_INLINE double light_value(const time_point& when) const {
    return static_cast<double>((*std::get_if<X>(&held))(when));
  }

  template <class I>
  static alternatives convert(I&& in) {
    using D = std::decay_t<I>;
    if constexpr (std::is_arithmetic_v<D>) {
      return input::constant<double>(static_cast<double>(in));
    } else if constexpr (detail::is_alternative<D, alternatives>::value) {
      return alternatives(std::forward<I>(in));
    } else if constexpr (detail::is_function_input<D>::value) {
      return input::function<time_function>(erase(in.f), in.jumps);
    } else if constexpr (detail::is_input_sum<D>::value) {
      // Only a sum on the left is flattened: (a + b) + c adds as a + b + c does.
      any_input left(in.a);
      if (auto* sum = std::get_if<input_sum>(&left.held)) {
        sum->terms.emplace_back(in.b);
        return std::move(left.held);
      }
      input_sum sum;
      sum.terms.push_back(std::move(left));
      sum.terms.emplace_back(in.b);
      return sum;
    } else if constexpr (detail::operation_of<D>::value) {
      input_operation operation;
      operation.op = detail::operation_of<D>::kind;
      operation.operands.emplace_back(in.a);
      if constexpr (operation_of_pair<D>()) operation.operands.emplace_back(in.b);
      return operation;
    } else if constexpr (std::is_invocable_v<const D&, double> || std::is_invocable_v<const D&, const time_point&>) {
      return input::function<time_function>(erase(in), {});
    } else {
      static_assert(detail::always_false_v<D>,
                    "goaldrift::runtime::any_input holds a number, input::constant, step, ramp, pulse, "
                    "sine_wave or table, noise::white or pink, input::function, or sums, differences, products "
                    "and negations of these; other inputs have no run-time form yet.");
    }
  }
  template <class D>
  static constexpr bool operation_of_pair() {
    return detail::operation_of<D>::kind != input_operation::kind::negation;
  }
  // Noise, functions, tables, sums and operations are one call of their own: inlined at every use, they would make
  // a part that reads an input (a distorted sensor) too large for the compiler to inline, and
  // the cheap inputs could no longer be shared between its value and its derivative.
#if defined(__GNUC__)
  [[gnu::noinline, gnu::cold]]
#endif
  double evaluate_out_of_line(const time_point& when) const {
    return detail::visit([&when](const auto& in) -> double { return static_cast<double>(in(when)); }, held);
  }
  template <class F>
  static time_function erase(const F& f) {
    if constexpr (std::is_invocable_v<const F&, const time_point&>) {
      return [f](const time_point& when) { return static_cast<double>(f(when)); };
    } else {
      return [f](const time_point& when) { return static_cast<double>(f(when.t)); };
    }
  }
};

inline double input_sum::operator()(const time_point& when) const {
  if (terms.empty()) return 0.0;
  double total = terms.front()(when);
  for (std::size_t i = 1; i < terms.size(); ++i) total = total + terms[i](when);
  return total;
}
inline void input_sum::validate() const {
  if (terms.empty()) {
    throw invalid_parameter(component, "terms", "must hold at least one input", "none");
  }
  input_list_hooks::validate();
}

inline double input_operation::operator()(const time_point& when) const {
  switch (op) {
    case kind::negation: return -operands[0](when);
    case kind::product: return operands[0](when) * operands[1](when);
    default: return operands[0](when) - operands[1](when);
  }
}
inline void input_operation::validate() const {
  const std::size_t needed = op == kind::negation ? 1 : 2;
  if (operands.size() != needed) {
    throw invalid_parameter(component, "operands", "must hold " + std::to_string(needed) + " inputs",
                            std::to_string(operands.size()));
  }
  input_list_hooks::validate();
}

}  // namespace goaldrift::runtime
