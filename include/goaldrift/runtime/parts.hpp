// The built-in parts a run-time model can choose from, family by family, as std::variants.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>
#include <variant>

#include "../goal/absolute.hpp"
#include "../goal/alarm_modulated.hpp"
#include "../goal/best_past.hpp"
#include "../goal/blended.hpp"
#include "../goal/floating.hpp"
#include "../goal/signal.hpp"
#include "../goal/slip_only.hpp"
#include "../input/constant.hpp"
#include "../perception/asymmetric.hpp"
#include "../perception/distorted.hpp"
#include "../perception/instant.hpp"
#include "../perception/reporting_delay.hpp"
#include "../perception/smooth.hpp"
#include "../state/actual.hpp"
#include "../state/corrective_action.hpp"
#include "../state/disturbed.hpp"
#include "detail/visit.hpp"
#include "fused.hpp"
#include "input.hpp"

namespace goaldrift::runtime {

namespace detail {
template <class Variant, class... More>
struct with_more;
template <class... Parts, class... More>
struct with_more<std::variant<Parts...>, More...> {
  using type = std::variant<Parts..., More...>;
};

/// The state parts runtime::model compiles for every combination with the other parts.
using tabled_states = std::variant<state::actual<double, state::proportional<double>>,
                                   state::actual<double, state::capacity_limited<double>>>;
/// Each actual state, disturbed by the smooth of an input (state::disturbed).
template <class Variant>
struct disturbed_states;
template <class... States>
struct disturbed_states<std::variant<States...>> {
  template <class Input>
  using of = std::variant<state::disturbed<States, Input>...>;
};
using actual_states = with_more<tabled_states, state::actual<double, state::lookup_shaped<double>>>::type;
template <class A, class B>
struct joined;
template <class... A, class... B>
struct joined<std::variant<A...>, std::variant<B...>> {
  using type = std::variant<A..., B...>;
};

/// The perceptions and goals runtime::model compiles for every combination with the other
/// parts (fast, but each kind added there multiplies the code); any_perception and any_goal
/// put the others after them, which the model runs through one shared, branching function.
using tabled_perceptions = any_sensor;
using tabled_goals = std::variant<goal::absolute<double>, goal::floating<double, goal::perceived<double>>,
                                  goal::floating<double, goal::remembered<double>>,
                                  goal::slip_only<double, goal::perceived<double>>,
                                  goal::slip_only<double, goal::remembered<double>>,
                                  goal::best_past<double, goal::perceived<double>>,
                                  goal::best_past<double, goal::remembered<double>>>;
}  // namespace detail

namespace detail {
/// The largest order of an n-th order smooth a run-time model holds (the room a fused
/// perception keeps anyway).
inline constexpr std::size_t max_smooth_order = 6;
template <class Sequence>
struct smooths_n;
template <std::size_t... Less>
struct smooths_n<std::index_sequence<Less...>> {
  template <class Variant>
  using after = typename with_more<Variant, perception::smooth_n<Less + 1, double>...>::type;
};
}  // namespace detail

/// The actual state: proportional, capacity-limited or lookup-shaped corrective action, with
/// or without a floor (a parameter of state::actual, not a type), alone or disturbed by the
/// smooth of an input (state::disturbed).
using any_state =
    detail::joined<detail::actual_states, detail::disturbed_states<detail::actual_states>::of<any_input>>::type;

namespace detail {
/// Each plain perception behind a distorted sensor whose offset is an input too (a sensor with
/// a constant offset is one of any_sensor's).
template <class... Plain>
using offset_sensors_of = std::variant<perception::distorted<Plain, any_input, any_input>...>;
using offset_sensors = offset_sensors_of<perception::instant<double>, perception::smooth<double>, perception::smooth3<double>,
                                         perception::asymmetric<double>, perception::reporting_delay<double>>;
}  // namespace detail

/// How the actor perceives S: a plain or distorted perception (any_sensor), a fused
/// perception of up to four of them, an n-th order smooth with room for 1 to
/// detail::max_smooth_order stages (perception::smooth_n<MaxOrder>), or a distorted sensor
/// whose offset is an input.
using any_perception =
    detail::joined<detail::smooths_n<std::make_index_sequence<detail::max_smooth_order>>::after<
                       detail::with_more<detail::tabled_perceptions, fused_perception>::type>,
                   detail::offset_sensors>::type;

/// How the goal moves; a moving goal follows the perceived state or a remembered one. A blended
/// goal mixes an absolute standard with a smoothed memory of the perceived state.
using any_goal = detail::with_more<detail::tabled_goals, goal::alarm_modulated<double, goal::perceived<double>>,
                                   goal::alarm_modulated<double, goal::remembered<double>>, goal::blended<double>>::type;

namespace detail {
template <class S>
struct disturbed_parts : std::false_type {};
template <class Inner, class Noise>
struct disturbed_parts<state::disturbed<Inner, Noise>> : std::true_type {
  using inner_type = Inner;
};
}  // namespace detail

/// The state part as a run-time choice (an any_state is passed on as it is); a disturbed
/// state's input becomes an any_input.
template <class S>
any_state to_any_state(S&& part) {
  using D = std::decay_t<S>;
  if constexpr (detail::disturbed_parts<D>::value && !detail::is_alternative<D, any_state>::value) {
    using inner_type = typename detail::disturbed_parts<D>::inner_type;
    static_assert(detail::is_alternative<inner_type, detail::actual_states>::value,
                  "goaldrift::runtime: a disturbed state must disturb state::actual on doubles with "
                  "proportional, capacity_limited or lookup_shaped action.");
    return state::disturbed<inner_type, any_input>(part.inner, part.sigma, part.correlation_time, any_input(part.noise));
  } else {
    static_assert(std::is_same_v<D, any_state> || detail::is_alternative<D, any_state>::value,
                  "goaldrift::runtime: the state part must be state::actual on doubles with proportional, "
                  "capacity_limited or lookup_shaped action, or such a state disturbed (state::disturbed); "
                  "other state parts have no run-time form yet.");
    return any_state(std::forward<S>(part));
  }
}

/// The perception as a run-time choice; a distorted sensor's bias becomes an any_input, and a
/// compiled fused perception a fused_perception of the same channels.
template <class P>
any_perception to_any_perception(P&& part) {
  using D = std::decay_t<P>;
  if constexpr (std::is_same_v<D, any_perception> || detail::is_alternative<D, any_perception>::value) {
    return any_perception(std::forward<P>(part));
  } else if constexpr (detail::is_compiled_fused<D>::value) {
    return any_perception(to_fused_perception(part));
  } else if constexpr (detail::distorted_parts<D>::value) {
    // straight into the perception's variant (an offset that is an input is no any_sensor)
    return any_perception(detail::runtime_distorted(part));
  } else {
    any_sensor sensor = to_any_sensor(std::forward<P>(part));
    return detail::visit([](auto& held) { return any_perception(std::move(held)); }, sensor);
  }
}

/// The goal policy as a run-time choice (an any_goal is passed on as it is).
template <class G>
any_goal to_any_goal(G&& part) {
  static_assert(std::is_same_v<std::decay_t<G>, any_goal> || detail::is_alternative<std::decay_t<G>, any_goal>::value,
                "goaldrift::runtime: the goal must be absolute, blended, or floating, slip_only, best_past or "
                "alarm_modulated following the perceived or a remembered state, on doubles; other goals have no "
                "run-time form yet.");
  return any_goal(std::forward<G>(part));
}

}  // namespace goaldrift::runtime
