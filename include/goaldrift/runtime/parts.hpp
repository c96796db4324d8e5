// The built-in parts a run-time model can choose from, family by family, as std::variants.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "../goal/absolute.hpp"
#include "../goal/best_past.hpp"
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
#include "input.hpp"

namespace goaldrift::runtime {

/// The actual state: proportional or capacity-limited corrective action, with or without a
/// floor (a parameter of state::actual, not a type).
using any_state = std::variant<state::actual<double, state::proportional<double>>,
                               state::actual<double, state::capacity_limited<double>>>;

namespace detail {
// Every plain perception, then each behind a distorted sensor whose bias is any input: a closed
// list, since distorted over distorted is no sensor anyone has asked for.
template <class... Plain>
using plain_or_distorted = std::variant<Plain..., perception::distorted<Plain, any_input>...>;
}  // namespace detail

/// How the actor perceives S.
using any_perception =
    detail::plain_or_distorted<perception::instant<double>, perception::smooth<double>, perception::smooth3<double>,
                               perception::asymmetric<double>, perception::reporting_delay<double>>;

/// How the goal moves; a moving goal follows the perceived state or a remembered one.
using any_goal = std::variant<goal::absolute<double>, goal::floating<double, goal::perceived<double>>,
                              goal::floating<double, goal::remembered<double>>,
                              goal::slip_only<double, goal::perceived<double>>,
                              goal::slip_only<double, goal::remembered<double>>,
                              goal::best_past<double, goal::perceived<double>>,
                              goal::best_past<double, goal::remembered<double>>>;

namespace detail {
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

/// The state part as a run-time choice (an any_state is passed on as it is).
template <class S>
any_state to_any_state(S&& part) {
  static_assert(std::is_same_v<std::decay_t<S>, any_state> || detail::is_alternative<std::decay_t<S>, any_state>::value,
                "goaldrift::runtime: the state part must be state::actual on doubles with proportional "
                "or capacity_limited action; other state parts have no run-time form yet.");
  return any_state(std::forward<S>(part));
}

/// The perception as a run-time choice; a distorted sensor's bias becomes an any_input.
template <class P>
any_perception to_any_perception(P&& part) {
  using D = std::decay_t<P>;
  if constexpr (std::is_same_v<D, any_perception> || detail::is_alternative<D, any_perception>::value) {
    return any_perception(std::forward<P>(part));
  } else if constexpr (detail::distorted_parts<D>::value) {
    using inner_type = typename detail::distorted_parts<D>::inner_type;
    static_assert(detail::is_alternative<inner_type, any_perception>::value &&
                      !detail::distorted_parts<inner_type>::value,
                  "goaldrift::runtime: a distorted sensor must feed instant, smooth, smooth3, asymmetric "
                  "or reporting_delay perception on doubles.");
    static_assert(std::is_same_v<typename detail::distorted_parts<D>::offset_type, input::constant<double>>,
                  "goaldrift::runtime: a distorted sensor's offset must be a constant (a number) in a "
                  "run-time model.");
    return perception::distorted<inner_type, any_input>(part.inner, any_input(part.bias), part.offset);
  } else {
    static_assert(detail::always_false_v<D>,
                  "goaldrift::runtime: the perception must be instant, smooth, smooth3, asymmetric or "
                  "reporting_delay on doubles, or one of them behind a distorted sensor; other "
                  "perceptions have no run-time form yet.");
  }
}

/// The goal policy as a run-time choice (an any_goal is passed on as it is).
template <class G>
any_goal to_any_goal(G&& part) {
  static_assert(std::is_same_v<std::decay_t<G>, any_goal> || detail::is_alternative<std::decay_t<G>, any_goal>::value,
                "goaldrift::runtime: the goal must be absolute, or floating, slip_only or best_past "
                "following the perceived or a remembered state, on doubles; other goals have no "
                "run-time form yet.");
  return any_goal(std::forward<G>(part));
}

}  // namespace goaldrift::runtime
