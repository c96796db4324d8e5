// A run-time model's fused perception: a weighted average of up to four channels, each a plain
// or distorted perception chosen at run time.
#pragma once

#include <cmath>
#include <cstddef>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "../config.hpp"
#include "../detail/hooks.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "../input/constant.hpp"
#include "../perception/asymmetric.hpp"
#include "../perception/concept.hpp"
#include "../perception/distorted.hpp"
#include "../perception/fused.hpp"
#include "../perception/instant.hpp"
#include "../perception/reporting_delay.hpp"
#include "../perception/smooth.hpp"
#include "../run_context.hpp"
#include "../time_point.hpp"
#include "detail/visit.hpp"
#include "input.hpp"

namespace goaldrift::runtime {

namespace detail {
// Every plain perception, then each behind a distorted sensor whose bias is any input: a closed
// list, since distorted over distorted is no sensor anyone has asked for.
template <class... Plain>
using plain_or_distorted = std::variant<Plain..., perception::distorted<Plain, any_input>...>;

template <class X>
struct distorted_parts {
  static constexpr bool value = false;
};
template <class Inner, class Bias, class Offset>
struct distorted_parts<perception::distorted<Inner, Bias, Offset>> {
  static constexpr bool value = true;
  using inner_type = Inner;
  using offset_type = Offset;
};
}  // namespace detail

/// One perception as a run-time choice, plain or behind a distorted sensor: what a fused
/// perception's channel holds (any_perception adds the fused perception itself).
using any_sensor =
    detail::plain_or_distorted<perception::instant<double>, perception::smooth<double>, perception::smooth3<double>,
                               perception::asymmetric<double>, perception::reporting_delay<double>>;

namespace detail {
/// Whether a compiled distorted sensor's offset is a constant (the run-time sensor of
/// any_sensor) rather than an input.
template <class D>
inline constexpr bool constant_offset_v = std::is_same_v<typename distorted_parts<D>::offset_type, input::constant<double>>;

/// A compiled distorted sensor as the run-time one: the same inner perception, its bias an
/// any_input, and its offset the same constant or an any_input.
template <class D>
auto runtime_distorted(const D& part) {
  using inner_type = typename distorted_parts<D>::inner_type;
  static_assert(is_alternative<inner_type, any_sensor>::value && !distorted_parts<inner_type>::value,
                "goaldrift::runtime: a distorted sensor must feed instant, smooth, smooth3, asymmetric "
                "or reporting_delay perception on doubles.");
  if constexpr (constant_offset_v<D>) {
    return perception::distorted<inner_type, any_input>(part.inner, any_input(part.bias), part.offset);
  } else {
    return perception::distorted<inner_type, any_input, any_input>(part.inner, any_input(part.bias), any_input(part.offset));
  }
}
}  // namespace detail

/// A plain or distorted perception as a run-time choice; a distorted sensor's bias becomes an
/// any_input.
template <class P>
any_sensor to_any_sensor(P&& part) {
  using D = std::decay_t<P>;
  if constexpr (std::is_same_v<D, any_sensor> || detail::is_alternative<D, any_sensor>::value) {
    return any_sensor(std::forward<P>(part));
  } else if constexpr (detail::distorted_parts<D>::value) {
    static_assert(detail::constant_offset_v<D>,
                  "goaldrift::runtime: a distorted sensor's offset must be a constant (a number) in a "
                  "fused perception's channel.");
    return detail::runtime_distorted(part);
  } else {
    static_assert(detail::always_false_v<D>,
                  "goaldrift::runtime: the perception must be instant, smooth, smooth3, asymmetric or "
                  "reporting_delay on doubles, one of them behind a distorted sensor, a fused perception "
                  "of such channels, or smooth_n with a MaxOrder of at most 6; other perceptions have no "
                  "run-time form yet.");
  }
}

/// One channel of a fused_perception, as perception::channel: a name, a weight and how it
/// perceives.
struct fused_channel {
  std::string name;
  double weight = 1.0;
  any_sensor perception;

  /// The weight, then the perception's parameters at this level, as perception::channel lists
  /// them ("perception.channels[1].delay_time").
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("weight", self.weight, "share of this channel in the fused perception", "1");
    detail::visit([&visit](auto& part) { visit.part("", part); }, self.perception);
  }
};

/// perception::fused with its channels chosen at run time: P = sum of weight_i * P_i, added in
/// the channels' order, with each channel's states after the previous one's and named
/// "<channel>.<state>", so a run gives the compiled fused perception's numbers bit for bit.
///
/// It is one alternative of any_perception that visits each channel's kind at run time, so the
/// run-time model's table of combinations grows by one perception kind, not by every choice of
/// channels. The price is a bound: at most max_channels channels holding at most max_state
/// state variables together, the room every run-time model's state keeps for its perception.
class fused_perception {
 public:
  using scalar_type = double;
  static constexpr std::size_t max_channels = 4;
  /// Two third-order smooths, or a smooth3 and three first-order channels.
  static constexpr std::size_t max_state = 6;
  /// The room reserved in a run-time model's state; size() is what the channels use.
  static constexpr std::size_t state_size = max_state;
  /// Its own checks read as the compiled part's ("goaldrift::perception::fused: weights must
  /// sum to 1"); the run-time bounds name the run-time part.
  static constexpr const char* component = perception::fused<perception::instant<double>>::component;
  static constexpr const char* runtime_component = "goaldrift::runtime::fused_perception";

  std::vector<fused_channel> channels;

  fused_perception() = default;
  explicit fused_perception(std::vector<fused_channel> chs) : channels(std::move(chs)) { validate(); }

  /// Each channel's parameters under "channels[i]." (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    for (std::size_t i = 0; i < self.channels.size(); ++i) {
      visit.part("channels[" + std::to_string(i) + "]", self.channels[i]);
    }
  }

  /// How many state variables the channels hold together.
  std::size_t size() const {
    std::size_t n = 0;
    for (const auto& c : channels) n += size_of(c.perception);
    return n;
  }
  /// True when a channel is a DELAY FIXED reporting delay (which refuses an adaptive method
  /// itself when the run starts).
  bool uses_fixed_step() const {
    bool any = false;
    for (const auto& c : channels) {
      any = any || detail::visit(
                       [](const auto& p) { return goaldrift::detail::needs_fixed_step_v<std::decay_t<decltype(p)>>; },
                       c.perception);
    }
    return any;
  }

  void validate() const {
    if (channels.empty() || channels.size() > max_channels) {
      throw invalid_parameter(runtime_component, "channels",
                              "must hold 1 to " + std::to_string(max_channels) + " channels in a run-time model",
                              std::to_string(channels.size()));
    }
    if (size() > max_state) {
      throw invalid_parameter(runtime_component, "channels",
                              "must hold at most " + std::to_string(max_state) +
                                  " state variables together in a run-time model (a smooth3 holds 3)",
                              std::to_string(size()));
    }
    double total = 0.0;
    for (const auto& c : channels) {
      const std::string parameter = "weight of channel '" + c.name + "'";
      if (!(std::isfinite(c.weight) && c.weight >= 0.0)) {
        throw invalid_parameter(component, parameter.c_str(), "must be non-negative and finite", c.weight);
      }
      detail::visit([](const auto& p) { goaldrift::detail::validate(p); }, c.perception);
      total = total + c.weight;
    }
    if (!(std::fabs(total - 1.0) <= 1e-9)) {
      throw invalid_parameter(component, "weights", "must sum to 1 (their sum is the value shown)", total);
    }
  }

  std::vector<std::string> state_names() const {
    std::vector<std::string> names;
    for (const auto& c : channels) {
      detail::visit(
          [&](const auto& p) {
            for (const auto& n : p.state_names()) names.push_back(c.name + "." + n);
          },
          c.perception);
    }
    return names;
  }

  void breakpoints(double from, double to, std::vector<double>& out) const {
    for (const auto& c : channels) {
      detail::visit([&](const auto& p) { goaldrift::detail::breakpoints(p, from, to, out); }, c.perception);
    }
  }
  template <class Key>
  void reseed(const Key& key) {
    for (auto& c : channels) {
      detail::visit([&key](auto& p) { goaldrift::detail::reseed(p, key); }, c.perception);
    }
  }
  void start(const run_context& ctx, const double& input, const time_point& when) {
    for (auto& c : channels) {
      detail::visit([&](auto& p) { perception::start(p, ctx, input, when); }, c.perception);
    }
  }
  void advance(double* x, const double& input, const time_point& when) {
    std::size_t at = 0;
    for (auto& c : channels) {
      detail::visit(
          [&](auto& p) {
            perception::advance(p, x + at, input, when);
            at += std::decay_t<decltype(p)>::state_size;
          },
          c.perception);
    }
  }
  void initialize(double* x, const double& input, const time_point& when) const {
    std::size_t at = 0;
    for (const auto& c : channels) {
      detail::visit(
          [&](const auto& p) {
            p.initialize(x + at, input, when);
            at += std::decay_t<decltype(p)>::state_size;
          },
          c.perception);
    }
  }

  // value() and derivative() are one call each: inlined into every combination of the run-time
  // model's table, each channel's branch on ten kinds would multiply that table's code.
#if defined(__GNUC__)
  [[gnu::noinline]]
#endif
  double value(const double* x, const double& input, const time_point& when) const {
    double sum = 0.0;
    std::size_t at = 0;
    for (const auto& c : channels) {
      sum = sum + c.weight * detail::visit(
                                 [&](const auto& p) {
                                   const double v = static_cast<double>(p.value(x + at, input, when));
                                   at += std::decay_t<decltype(p)>::state_size;
                                   return v;
                                 },
                                 c.perception);
    }
    return sum;
  }
#if defined(__GNUC__)
  [[gnu::noinline]]
#endif
  void derivative(const double* x, const double& input, const time_point& when, double* dxdt) const {
    std::size_t at = 0;
    for (const auto& c : channels) {
      detail::visit(
          [&](const auto& p) {
            p.derivative(x + at, input, when, dxdt + at);
            at += std::decay_t<decltype(p)>::state_size;
          },
          c.perception);
    }
  }

 private:
  static std::size_t size_of(const any_sensor& p) {
    return detail::visit([](const auto& part) { return std::decay_t<decltype(part)>::state_size; }, p);
  }
};

namespace detail {
template <class X>
struct is_compiled_fused : std::false_type {};
template <class... Ps>
struct is_compiled_fused<perception::fused<Ps...>> : std::true_type {};
}  // namespace detail

/// The run-time form of a compiled perception::fused: the same channels, in the same order.
template <class... Ps>
fused_perception to_fused_perception(const perception::fused<Ps...>& compiled) {
  static_assert(sizeof...(Ps) <= fused_perception::max_channels,
                "goaldrift::runtime: a fused perception has room for at most 4 channels in a run-time model.");
  static_assert((std::size_t{0} + ... + Ps::state_size) <= fused_perception::max_state,
                "goaldrift::runtime: a fused perception's channels may hold at most 6 state variables "
                "together in a run-time model (a smooth3 holds 3).");
  std::vector<fused_channel> channels;
  std::apply(
      [&channels](const auto&... c) {
        (channels.push_back(fused_channel{c.name, c.weight, to_any_sensor(c.perception)}), ...);
      },
      compiled.channels);
  return fused_perception(std::move(channels));
}

}  // namespace goaldrift::runtime
