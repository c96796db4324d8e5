// A distorted sensor in front of any perception: the actor reads S*(1 - bias(t)) + offset(t).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "../detail/hooks.hpp"
#include "../detail/scalar_type.hpp"
#include "../input/arithmetic.hpp"
#include "../input/constant.hpp"
#include "../run_context.hpp"
#include "../time_point.hpp"
#include "concept.hpp"

namespace goaldrift::perception {

/// Feeds `inner` the reading input * (1 - bias(t)) + offset(t) instead of the input itself.
/// bias 0.2 reads 20 % low (a faulty meter, optimistic-looking reports have bias < 0); offset
/// adds a constant error. Both are inputs, so a fault can start and end (a pulse) or drift
/// (a ramp). (The default offset is a constant<double> when the inner perception was given
/// integers, so that only the inner perception's sentence refuses them.)
template <class Inner, class Bias,
          class Offset =
              input::constant<goaldrift::detail::scalar_or_double_t<typename Inner::scalar_type>>>
struct distorted {
  using scalar_type = typename Inner::scalar_type;
  using T = scalar_type;
  static constexpr std::size_t state_size = Inner::state_size;
  static constexpr bool needs_fixed_step = goaldrift::detail::needs_fixed_step_v<Inner>;

  Inner inner;
  Bias bias;
  Offset offset;

  /// `bias` and `offset` may be inputs, numbers or callables of t.
  template <class B>
  distorted(Inner inner_perception, B&& sensor_bias)
      : inner(std::move(inner_perception)), bias(input::make_input(std::forward<B>(sensor_bias))) {
    validate();
  }
  template <class B, class O>
  distorted(Inner inner_perception, B&& sensor_bias, O&& sensor_offset)
      : inner(std::move(inner_perception)),
        bias(input::make_input(std::forward<B>(sensor_bias))),
        offset(input::make_input(std::forward<O>(sensor_offset))) {
    validate();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp): the inner perception's at this
  /// level, the inputs' under "bias." and "offset.".
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit.part("", self.inner);
    visit.part("bias", self.bias);
    visit.part("offset", self.offset);
  }

  /// What the sensor shows when the actual state is `input`.
  T reading(const T& input, const time_point& when) const {
    return input * (T(1) - T(bias(when))) + T(offset(when));
  }

  void validate() const {
    goaldrift::detail::validate(inner);
    goaldrift::detail::validate(bias);
    goaldrift::detail::validate(offset);
  }
  auto state_names() const { return inner.state_names(); }
  void breakpoints(double from, double to, std::vector<double>& out) const {
    goaldrift::detail::breakpoints(inner, from, to, out);
    goaldrift::detail::breakpoints(bias, from, to, out);
    goaldrift::detail::breakpoints(offset, from, to, out);
  }
  template <class Key>
  void reseed(const Key& key) {
    goaldrift::detail::reseed(inner, key);
    goaldrift::detail::reseed(bias, key);
    goaldrift::detail::reseed(offset, key);
  }
  void start(const run_context& ctx, const T& input, const time_point& when) {
    goaldrift::detail::start_input(bias, ctx);
    goaldrift::detail::start_input(offset, ctx);
    perception::start(inner, ctx, reading(input, when), when);
  }
  void advance(T* x, const T& input, const time_point& when) {
    perception::advance(inner, x, reading(input, when), when);
  }
  void initialize(T* x, const T& input, const time_point& when) const {
    inner.initialize(x, reading(input, when), when);
  }
  T value(const T* x, const T& input, const time_point& when) const {
    return inner.value(x, reading(input, when), when);
  }
  void derivative(const T* x, const T& input, const time_point& when, T* dxdt) const {
    inner.derivative(x, reading(input, when), when, dxdt);
  }
};

template <class I, class B>
distorted(I, B) -> distorted<I, input::input_of_t<B>>;
template <class I, class B, class O>
distorted(I, B, O) -> distorted<I, input::input_of_t<B>, input::input_of_t<O>>;

}  // namespace goaldrift::perception
