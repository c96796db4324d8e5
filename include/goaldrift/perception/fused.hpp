// Fused channels: a weighted average of several perceptions (front line, middle, top).
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "../detail/hooks.hpp"
#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../run_context.hpp"
#include "../time_point.hpp"
#include "concept.hpp"

namespace goaldrift::perception {

/// One source of information in a fused perception: a name, a weight and how it perceives.
template <class P>
struct channel {
  using scalar_type = typename P::scalar_type;
  std::string name;
  scalar_type weight;
  P perception;

  /// Lists the parameters by name (goaldrift/parameters.hpp): the weight, then the
  /// perception's own at this level.
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("weight", self.weight, "share of this channel in the fused perception", "1");
    visit.part("", self.perception);
  }
};

template <class P>
channel(std::string, typename P::scalar_type, P) -> channel<P>;

/// Make a channel; `perception` is usually a distorted sensor feeding a smooth or a delay.
template <class P>
channel<P> make_channel(std::string name, typename P::scalar_type weight, P perception) {
  return channel<P>{std::move(name), weight, std::move(perception)};
}

/// P = sum of weight_i * P_i over the channels. Weights must be non-negative and sum to 1,
/// so P stays in the units of S. The state is the channels' states one after another.
template <class... Ps>
struct fused {
  static_assert(sizeof...(Ps) >= 1, "goaldrift::perception::fused needs at least one channel.");
  using scalar_type = typename std::tuple_element_t<0, std::tuple<Ps...>>::scalar_type;
  using T = scalar_type;
  static_assert((std::is_same_v<typename Ps::scalar_type, T> && ...),
                "All channels of a fused perception must use the same scalar type.");
  static constexpr std::size_t state_size = (std::size_t{0} + ... + Ps::state_size);
  static constexpr bool needs_fixed_step = (goaldrift::detail::needs_fixed_step_v<Ps> || ...);
  static constexpr const char* component = "goaldrift::perception::fused";

  std::tuple<channel<Ps>...> channels;

  explicit fused(channel<Ps>... chs) : channels(std::move(chs)...) { validate(); }

  /// Lists the parameters by name (goaldrift/parameters.hpp): each channel's under
  /// "channels[i].", counting from 0 in the order given.
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit_channels(self, visit, std::index_sequence_for<Ps...>{});
  }

  void validate() const {
    // A channel given integers has said so in its own sentence; checking its weight here would
    // only add errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      T total = T(0);
      each([&](auto, const auto& c) {
        const std::string parameter = "weight of channel '" + c.name + "'";
        goaldrift::detail::check_lanes(
            component, parameter.c_str(), c.weight,
            [](double w) { return std::isfinite(w) && w >= 0.0; },
            "must be non-negative and finite");
        goaldrift::detail::validate(c.perception);
        total = total + c.weight;
      });
      goaldrift::detail::check_lanes(
          component, "weights", total, [](double s) { return std::fabs(s - 1.0) <= 1e-9; },
          "must sum to 1 (their sum is the value shown)");
    }
  }

  std::array<std::string, state_size> state_names() const {
    std::array<std::string, state_size> names;
    each([&](auto offset, const auto& c) {
      const auto local = c.perception.state_names();
      for (std::size_t i = 0; i < local.size(); ++i) {
        names[offset + i] = c.name + "." + local[i];
      }
    });
    return names;
  }

  void breakpoints(double from, double to, std::vector<double>& out) const {
    each([&](auto, const auto& c) { goaldrift::detail::breakpoints(c.perception, from, to, out); });
  }
  template <class Key>
  void reseed(const Key& key) {
    each_mut([&](auto, auto& c) { goaldrift::detail::reseed(c.perception, key); });
  }
  void start(const run_context& ctx, const T& input, const time_point& when) {
    each_mut([&](auto, auto& c) { perception::start(c.perception, ctx, input, when); });
  }
  void advance(T* x, const T& input, const time_point& when) {
    each_mut([&](auto offset, auto& c) { perception::advance(c.perception, x + offset, input, when); });
  }
  void initialize(T* x, const T& input, const time_point& when) const {
    each([&](auto offset, const auto& c) { c.perception.initialize(x + offset, input, when); });
  }
  T value(const T* x, const T& input, const time_point& when) const {
    T sum = T(0);
    each([&](auto offset, const auto& c) {
      sum = sum + c.weight * c.perception.value(x + offset, input, when);
    });
    return sum;
  }
  void derivative(const T* x, const T& input, const time_point& when, T* dxdt) const {
    each([&](auto offset, const auto& c) {
      c.perception.derivative(x + offset, input, when, dxdt + offset);
    });
  }

 private:
  static constexpr std::array<std::size_t, sizeof...(Ps)> offsets() {
    std::array<std::size_t, sizeof...(Ps)> o{};
    const std::size_t sizes[] = {Ps::state_size...};
    std::size_t run = 0;
    for (std::size_t i = 0; i < sizeof...(Ps); ++i) {
      o[i] = run;
      run += sizes[i];
    }
    return o;
  }
  template <class Self, class Visitor, std::size_t... I>
  static void visit_channels(Self& self, Visitor& visit, std::index_sequence<I...>) {
    (visit.part("channels[" + std::to_string(I) + "]", std::get<I>(self.channels)), ...);
  }
  template <class F, std::size_t... I>
  void each_impl(F& f, std::index_sequence<I...>) const {
    (f(std::integral_constant<std::size_t, offsets()[I]>{}, std::get<I>(channels)), ...);
  }
  template <class F, std::size_t... I>
  void each_mut_impl(F& f, std::index_sequence<I...>) {
    (f(std::integral_constant<std::size_t, offsets()[I]>{}, std::get<I>(channels)), ...);
  }
  // Calls f(offset, channel) for each channel, offset being where its state starts in x.
  template <class F>
  void each(F&& f) const {
    each_impl(f, std::index_sequence_for<Ps...>{});
  }
  template <class F>
  void each_mut(F&& f) {
    each_mut_impl(f, std::index_sequence_for<Ps...>{});
  }
};

template <class... Ps>
fused(channel<Ps>...) -> fused<Ps...>;

}  // namespace goaldrift::perception
