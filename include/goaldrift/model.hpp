// The goal-erosion model: a state part, a perception and a goal policy under pressure.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/hooks.hpp"
#include "detail/scalar_type.hpp"
#include "error.hpp"
#include "goal/concept.hpp"
#include "input/arithmetic.hpp"
#include "input/concept.hpp"
#include "input/constant.hpp"
#include "perception/concept.hpp"
#include "run_context.hpp"
#include "signals.hpp"
#include "state/concept.hpp"
#include "time_point.hpp"

namespace goaldrift {

namespace detail {
/// Whether every part's scalar type is one (no integers): only then can the model's own checks
/// say anything the parts have not.
template <class... Parts>
inline constexpr bool parts_are_scalar_v = (is_scalar_v<typename Parts::scalar_type> && ...);
}  // namespace detail

/// S' = action(D, P) - pressure(t), with P from `Perception` watching S and D from `Goal`.
///
/// The state vector is a std::array laid out as [state part | perception | goal], each part
/// owning the number of variables it declares. The model is an odeint System: call it as
/// `model(x, dxdt, t)` with any odeint stepper. simulate() drives it and also applies the
/// fixed-step rules (Vensim's jump timing, DELAY FIXED pipelines, floors).
template <class State, class Perception, class Goal, class Pressure>
class goal_erosion_model {
 public:
  using scalar_type = typename State::scalar_type;
  using T = scalar_type;
  // A part given integers (or numbers of two types) has said so in its own sentence; this one
  // would only add to it.
  static_assert(!detail::parts_are_scalar_v<State, Perception, Goal> ||
                    (std::is_same_v<typename Perception::scalar_type, T> &&
                     std::is_same_v<typename Goal::scalar_type, T>),
                "The state part, perception and goal policy of a model must use the same "
                "scalar type.");

  static constexpr std::size_t state_part_size = State::state_size;
  static constexpr std::size_t perception_size = Perception::state_size;
  static constexpr std::size_t goal_size = Goal::state_size;
  static constexpr std::size_t state_size = state_part_size + perception_size + goal_size;
  using state_type = std::array<T, state_size>;

  /// True when a part (a DELAY FIXED reporting delay) works only under fixed steps.
  static constexpr bool needs_fixed_step = detail::needs_fixed_step_v<State> ||
                                           detail::needs_fixed_step_v<Perception> ||
                                           detail::needs_fixed_step_v<Goal>;

  /// The quantities recorded at every save time besides the state variables.
  static constexpr std::size_t observed_size = 5;

  State state;
  Perception perception;
  Goal goal;
  Pressure pressure;

  goal_erosion_model(State state_part, Perception perception_part, Goal goal_policy,
                     Pressure pressure_input)
      : state(std::move(state_part)),
        perception(std::move(perception_part)),
        goal(std::move(goal_policy)),
        pressure(std::move(pressure_input)) {}

  /// Lists every part's parameters under the part's name: "state.action_time",
  /// "perception.bad_news_time", "goal.signal.good_news_time", "pressure.mean"
  /// (goaldrift/parameters.hpp reads and sets them by these paths).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit.part("state", self.state);
    visit.part("perception", self.perception);
    visit.part("goal", self.goal);
    visit.part("pressure", self.pressure);
  }

  /// Re-checks every part's parameters (they are public, so they may have been changed).
  void validate() const {
    detail::validate(state);
    detail::validate(perception);
    detail::validate(goal);
    detail::validate(pressure);
  }

  /// Prepares the parts for a run (sizes DELAY FIXED pipelines, refuses unsuitable methods).
  void start(const run_context& ctx) {
    const time_point when = first_moment(ctx);
    first_moment_ = when;
    state::start(state, ctx);
    state_type x{};
    state.initialize(x.data());
    const T s0 = state.value(x.data());
    perception::start(perception, ctx, s0, when);
    perception.initialize(perception_part(x), s0, when);
    const signals<T> sig{s0, perception.value(perception_part(x), s0, when), when};
    goal::start(goal, ctx, sig);
    detail::start_input(pressure, ctx);
    started_ = true;
  }

  /// The state at time t0: each part initialised from the values upstream of it. Inputs are
  /// read as start() read them (at t0 + dt/2 for jumps under fixed steps, Vensim's rule).
  state_type initial_state(double t0) const {
    require_started();
    const time_point when = started_ && t0 == first_moment_.t ? first_moment_ : time_point{t0};
    state_type x{};
    state.initialize(x.data());
    const T s0 = state.value(x.data());
    perception.initialize(perception_part(x), s0, when);
    const signals<T> sig{s0, perception.value(perception_part(x), s0, when), when};
    goal.initialize(goal_part(x), sig);
    return x;
  }

  /// The odeint System call: dxdt = f(x, t), evaluated plainly at t.
  GOALDRIFT_HOT_INLINE void operator()(const state_type& x, state_type& dxdt, double t) const {
    rhs(x, dxdt, time_point{t});
  }

  /// dxdt = f(x, when); simulate() passes the jump_t that keeps a step on one side of a jump.
  GOALDRIFT_HOT_INLINE void rhs(const state_type& x, state_type& dxdt, const time_point& when) const {
    require_started();
    const T s = state.value(x.data());
    const T p = perception.value(perception_part(x), s, when);
    const signals<T> sig{s, p, when};
    const T d = goal.value(goal_part(x), sig);
    const T u = T(pressure(when));
    state.derivative(x.data(), d, p, u, when, dxdt.data());
    perception.derivative(perception_part(x), s, when, perception_part(dxdt));
    goal.derivative(goal_part(x), sig, goal_part(dxdt));
  }

  /// At each grid time of a fixed-step run: apply floors, move pipelines on by one step.
  void advance(state_type& x, const time_point& when) {
    state::advance(state, x.data());
    const T s = state.value(x.data());
    perception::advance(perception, perception_part(x), s, when);
    const signals<T> sig{s, perception.value(perception_part(x), s, when), when};
    goal::advance(goal, goal_part(x), sig);
  }

  /// Makes every noise input in the model draw as ensemble member `key.member` of the study
  /// seeded with `key.seed` (random::member_key). A model never reseeded draws as member 0 of
  /// seed 0.
  template <class Key>
  void reseed(const Key& key) {
    detail::reseed(state, key);
    detail::reseed(perception, key);
    detail::reseed(goal, key);
    detail::reseed(pressure, key);
  }

  /// Times in (from, to) where an input jumps or kinks; adaptive runs stop at each.
  void breakpoints(double from, double to, std::vector<double>& out) const {
    detail::breakpoints(state, from, to, out);
    detail::breakpoints(perception, from, to, out);
    detail::breakpoints(goal, from, to, out);
    detail::breakpoints(pressure, from, to, out);
  }

  /// "state.level", "perception.level", "goal.level", "goal.memory", ...
  std::array<std::string, state_size> state_names() const {
    std::array<std::string, state_size> names;
    std::size_t i = 0;
    for (const auto& n : state.state_names()) names[i++] = "state." + n;
    for (const auto& n : perception.state_names()) names[i++] = "perception." + n;
    for (const auto& n : goal.state_names()) names[i++] = "goal." + n;
    return names;
  }

  /// Names of observe()'s values: the actual, perceived and desired states, the corrective
  /// action and the pressure.
  static std::array<std::string, observed_size> observed_names() {
    return {"S", "P", "D", "action", "pressure"};
  }

  /// S, P, D, corrective action and pressure at one moment.
  std::array<T, observed_size> observe(const state_type& x, const time_point& when) const {
    require_started();
    const T s = state.value(x.data());
    const T p = perception.value(perception_part(x), s, when);
    const T d = goal.value(goal_part(x), signals<T>{s, p, when});
    return {s, p, d, state.action(x.data(), d, p), T(pressure(when))};
  }

 private:
  static time_point first_moment(const run_context& ctx) {
    return ctx.fixed_step ? time_point{ctx.start, ctx.start + 0.5 * ctx.dt, 0.5 * ctx.dt}
                          : time_point{ctx.start};
  }
  void require_started() const {
    if constexpr (needs_fixed_step) {
      if (!started_) {
        throw error(
            "goaldrift::goal_erosion_model: this model has a DELAY FIXED pipeline; call "
            "start(run_context) before evaluating it (simulate() does this for you)");
      }
    }
  }
  template <class X>
  static auto perception_part(X& x) {
    return x.data() + state_part_size;
  }
  template <class X>
  static auto goal_part(X& x) {
    return x.data() + state_part_size + perception_size;
  }

  bool started_ = false;
  time_point first_moment_{};
};

/// Composes a model, checking each part against its concept with a readable message.
/// `pressure` may be an input, a number or a callable of t; leave it out for no pressure.
template <class State, class Perception, class Goal, class Pressure>
auto make_model(State state_part, Perception perception_part, Goal goal_policy,
                Pressure&& pressure) {
  static_assert(state::check<State>());
  static_assert(perception::check<Perception>());
  static_assert(goal::check<Goal>());
  using T = typename State::scalar_type;
  // A part given integers (or numbers of two types) has said so in its own sentence; this one
  // would only add to it.
  static_assert(!detail::parts_are_scalar_v<State, Perception, Goal> ||
                    (std::is_same_v<typename Perception::scalar_type, T> &&
                     std::is_same_v<typename Goal::scalar_type, T>),
                "The state part, perception and goal policy of a model must use the same "
                "scalar_type.");
  auto u = input::make_input(std::forward<Pressure>(pressure));
  static_assert(input::is_input_v<decltype(u)>,
                "The pressure must be a goaldrift input, a number or a callable of time.");
  return goal_erosion_model<State, Perception, Goal, decltype(u)>(
      std::move(state_part), std::move(perception_part), std::move(goal_policy), std::move(u));
}

template <class State, class Perception, class Goal>
auto make_model(State state_part, Perception perception_part, Goal goal_policy) {
  // A double zero where the state was given integers, which its own sentence refuses.
  using T = detail::scalar_or_double_t<typename State::scalar_type>;
  return make_model(std::move(state_part), std::move(perception_part), std::move(goal_policy),
                    input::constant<T>(T(0)));
}

}  // namespace goaldrift
