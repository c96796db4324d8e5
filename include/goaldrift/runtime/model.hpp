// A goal-erosion model whose parts are chosen when the program runs, not when it compiles.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "../detail/hooks.hpp"
#include "../ensemble/default_pack.hpp"
#include "../ensemble/detail/pack_group.hpp"
#include "../error.hpp"
#include "../goal/concept.hpp"
#include "../math.hpp"
#include "../model.hpp"
#include "../perception/concept.hpp"
#include "../random/philox.hpp"
#include "../run_context.hpp"
#include "../signals.hpp"
#include "../simulate.hpp"
#include "../state/concept.hpp"
#include "../time_point.hpp"
#include "detail/lanes.hpp"
#include "detail/state_slots.hpp"
#include "detail/visit.hpp"
#include "input.hpp"
#include "parts.hpp"

// A combination's derivative is compiled as one function with everything it calls inlined, as
// goal_erosion_model's is inside the stepper: left to its heuristics, g++ stops inlining once a
// translation unit has grown by the table of every combination (a distorted sensor's reading
// stayed a call, and a step of its model took 1.25 times as long).
#if defined(__GNUC__)
#define GOALDRIFT_RUNTIME_FLATTEN __attribute__((flatten))
#else
#define GOALDRIFT_RUNTIME_FLATTEN
#endif

namespace goaldrift::runtime {

namespace detail {
template <class Variant>
struct largest_state;
template <class... Parts>
struct largest_state<std::variant<Parts...>> : std::integral_constant<std::size_t, std::max({Parts::state_size...})> {};

/// How many state variables a part uses: its state_size, or what a fused perception's channels
/// hold (its state_size is the room kept for it).
template <class Part>
GOALDRIFT_HOT_INLINE std::size_t used_state(const Part& part) {
  if constexpr (std::is_same_v<Part, fused_perception>) {
    return part.size();
  } else {
    return Part::state_size;
  }
}
/// Whether a part works only under fixed steps (a fused perception asks its channels).
template <class Part>
bool uses_fixed_step(const Part& part) {
  if constexpr (std::is_same_v<Part, fused_perception>) {
    return part.uses_fixed_step();
  } else {
    return goaldrift::detail::needs_fixed_step_v<Part>;
  }
}
}  // namespace detail

/// S' = action(D, P) - pressure(t), as goal_erosion_model, with each part one of the built-in
/// parts of its family (any_state, any_perception, any_goal, any_input), chosen at run time.
///
/// It calls the parts themselves, in the order goal_erosion_model does, so a run gives the
/// compiled model's trajectory bit for bit: the same state names, columns and numbers. The
/// state is laid out as [state part | perception | goal] in room for the largest combination
/// (detail::state_slots); the layout is read from the parts on every call, so a part may be
/// swapped for another kind between runs.
///
/// The derivative and the grid-time update are compiled once for every combination of the
/// tabled kinds (2 x 10 x 7: detail::tabled_states, detail::tabled_perceptions,
/// detail::tabled_goals) and found in a
/// table by the three kinds, one call per evaluation: inside it, the parts are inlined as in
/// the compiled model. The kinds after those (a lookup-shaped action, a disturbed state, a fused
/// perception, an n-th order smooth, an alarm-modulated or blended goal)
/// share one more entry, which branches on each part's kind, so each such kind adds its code
/// once instead of multiplying the table and the time to compile it. Under euler and rk4 a whole
/// run of a tabled combination is compiled too (fixed_run), which makes a step cost what the
/// compiled model's does; an ensemble's members run a pack at a time through the compiled model
/// over SIMD packs of their combination (run_lanes). These take most of the time to compile
/// this header's users (GOALDRIFT_RUNTIME_EXTERN_RUNS compiles them once per program). Like the
/// noise inputs, an any_input keeps a small cache, so one model object must not be evaluated by
/// two threads at once (simulate() and the ensemble runner work on copies).
class model {
 public:
  using scalar_type = double;
  /// The most state variables any choice of parts needs.
  static constexpr std::size_t state_capacity = detail::largest_state<any_state>::value +
                                                detail::largest_state<any_perception>::value +
                                                detail::largest_state<any_goal>::value;
  using state_type = detail::state_slots<double, state_capacity>;
  static constexpr std::size_t observed_size = 5;

  any_state state;
  any_perception perception;
  any_goal goal;
  any_input pressure;

  model(any_state state_part, any_perception perception_part, any_goal goal_policy, any_input pressure_input = {})
      : state(std::move(state_part)),
        perception(std::move(perception_part)),
        goal(std::move(goal_policy)),
        pressure(std::move(pressure_input)) {}

  /// Lists the chosen parts' parameters under the same paths as goal_erosion_model
  /// ("state.action_time", "goal.signal.good_news_time"; a sum's terms as "pressure.terms[1].sd"),
  /// so goaldrift/parameters.hpp reads and sets them by path.
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    detail::visit([&visit](auto& part) { visit.part("state", part); }, self.state);
    detail::visit([&visit](auto& part) { visit.part("perception", part); }, self.perception);
    detail::visit([&visit](auto& part) { visit.part("goal", part); }, self.goal);
    visit.part("pressure", self.pressure);
  }

  /// How many state variables the chosen parts own together.
  std::size_t size() const { return goal_at() + visit_size(goal); }

  /// True when a part (a DELAY FIXED reporting delay) works only under fixed steps; that part
  /// refuses an adaptive method itself when the run starts.
  bool needs_fixed_step() const {
    auto declares = [](const auto& part) { return detail::uses_fixed_step(part); };
    return detail::visit(declares, state) || detail::visit(declares, perception) || detail::visit(declares, goal);
  }

  /// Re-checks every part's parameters (they are public, so they may have been changed).
  void validate() const {
    auto check = [](const auto& part) { goaldrift::detail::validate(part); };
    detail::visit(check, state);
    detail::visit(check, perception);
    detail::visit(check, goal);
    pressure.validate();
  }

  /// Prepares the parts for a run, as goal_erosion_model::start does.
  void start(const run_context& ctx) {
    const time_point when = first_moment(ctx);
    first_moment_ = when;
    detail::visit([&ctx](auto& part) { goaldrift::state::start(part, ctx); }, state);
    state_type x(size());
    const double s0 = initialize_state(x.data());
    const std::size_t p_at = perception_at();
    const double p0 = detail::visit(
        [&](auto& part) {
          goaldrift::perception::start(part, ctx, s0, when);
          part.initialize(x.data() + p_at, s0, when);
          return static_cast<double>(part.value(x.data() + p_at, s0, when));
        },
        perception);
    const signals<double> sig{s0, p0, when};
    detail::visit([&](auto& part) { goaldrift::goal::start(part, ctx, sig); }, goal);
    pressure.start(ctx);
    started_ = true;
  }

  /// The state at time t0, each part initialised from the values upstream of it.
  state_type initial_state(double t0) const {
    require_started();
    const time_point when = started_ && t0 == first_moment_.t ? first_moment_ : time_point{t0};
    state_type x(size());
    const double s0 = initialize_state(x.data());
    const std::size_t p_at = perception_at();
    const double p0 = detail::visit(
        [&](const auto& part) {
          part.initialize(x.data() + p_at, s0, when);
          return static_cast<double>(part.value(x.data() + p_at, s0, when));
        },
        perception);
    const signals<double> sig{s0, p0, when};
    const std::size_t g_at = goal_at();
    detail::visit([&](const auto& part) { part.initialize(x.data() + g_at, sig); }, goal);
    return x;
  }

  /// The odeint System call: dxdt = f(x, t), evaluated plainly at t.
  GOALDRIFT_HOT_INLINE void operator()(const state_type& x, state_type& dxdt, double t) const {
    rhs(x, dxdt, time_point{t});
  }

  /// dxdt = f(x, when): one call, through a table, of the derivative compiled for this
  /// combination of parts.
  GOALDRIFT_HOT_INLINE void rhs(const state_type& x, state_type& dxdt, const time_point& when) const {
    require_started();
    derivatives()[combination()](*this, x.data(), dxdt.data(), when);
  }

  /// At each grid time of a fixed-step run: apply floors, move pipelines on by one step.
  GOALDRIFT_HOT_INLINE void advance(state_type& x, const time_point& when) {
    advances()[combination()](*this, x.data(), when);
  }

  /// The fixed-step loop of integrate_on_grid() (goaldrift::detail::run_fixed) run over the
  /// typed state of this combination of parts, compiled for it: the loop, the stepper and the
  /// parts are inlined as in the compiled model, and the observer is the one call made through
  /// a pointer. Returns false, having done nothing, for the kinds outside the table and for any
  /// method but euler and rk4, which then run through the generic loop. Both give the same
  /// numbers: the same loop and stepper code, over the same values.
  template <class Method, class Observer>
  bool fixed_run(const run_options& o, const goaldrift::detail::grid& g, const state_type& x0, const Method&,
                 Observer& observer) {
    if constexpr (std::is_same_v<Method, method::euler> || std::is_same_v<Method, method::rk4>) {
      const std::size_t c = combination();
      if (c == combinations) return false;
      // (An observer passed as const stays const: Observer is then const, and so is the cast back.)
      const observer_ref call{const_cast<void*>(static_cast<const void*>(std::addressof(observer))),
                              [](void* f, double t, const state_type& x, const time_point& when) {
                                (*static_cast<Observer*>(f))(t, x, when);
                              }};
      fixed_runs<Method>()[c](*this, o, g, x0, call);
      return true;
    } else {
      return false;
    }
  }

  /// True: an ensemble of run-time models runs its members a pack at a time (run_lanes), as a
  /// study made from a factory does.
  static constexpr bool runs_lanes = true;

  /// Why the members of a study of this model cannot run a pack at a time, or "" when they can:
  /// parts outside the table, or an input that is a function of time.
  std::string lanes_refused() const {
    if (combination() == combinations) {
      return "its parts are not all among the kinds compiled for every combination (docs/model-file.md)";
    }
    if (has_function_input()) return "an input is a function of time, which has no form over SIMD packs";
    return {};
  }

  /// Runs K packs of L lanes of members together (L = the lanes of Pack; members[k L + l] is lane
  /// l of pack k, its noise drawing as member ids[k L + l] of `seed`) from run.start over
  /// `grid` with Method (euler or rk4), through the compiled model over packs of their
  /// combination of parts: ensemble::run's batched path (ensemble/detail/pack_group.hpp), which
  /// writes each lane's saved values to `out` and returns each pack's running sum of its state
  /// variables in `sums`. Every member must have the same kinds of parts, structure (a sum's
  /// terms, a noise's stream name) and values of what a pack holds once for every lane (a
  /// reporting delay's delay_time). Returns false, having run nothing, when they do not, or when
  /// their parts are not all tabled kinds: the caller then runs them one at a time. The lanes
  /// give what each member gives alone, bit for bit where the compiler contracts no
  /// multiply-add (docs/simd.md).
  template <class Method, class Pack, std::size_t K>
  static bool run_lanes(const std::array<const model*, K * math::lanes_v<Pack>>& members,
                        const std::array<std::uint64_t, K * math::lanes_v<Pack>>& ids, std::uint64_t seed,
                        const run_options& run, const goaldrift::detail::grid& g, const ensemble::detail::group_output& out,
                        std::array<Pack, K>& sums) {
    static_assert(std::is_same_v<Method, method::euler> || std::is_same_v<Method, method::rk4>,
                  "goaldrift::runtime::model::run_lanes: packs step under euler or rk4 only");
    const std::size_t c = members[0]->combination();
    if (c == combinations) return false;
    for (const model* m : members) {
      if (m->combination() != c) return false;
    }
    return lane_runs<Method, Pack, K>()[c](members, ids, seed, run, g, out, sums);
  }

  /// Makes every noise input in the model draw as ensemble member `key.member` of the study
  /// seeded with `key.seed` (random::member_key).
  template <class Key>
  void reseed(const Key& key) {
    auto to = [&key](auto& part) { goaldrift::detail::reseed(part, key); };
    detail::visit(to, state);
    detail::visit(to, perception);
    detail::visit(to, goal);
    pressure.reseed(key);
  }

  /// Times in (from, to) where an input jumps or kinks; adaptive runs stop at each.
  void breakpoints(double from, double to, std::vector<double>& out) const {
    auto add = [&](const auto& part) { goaldrift::detail::breakpoints(part, from, to, out); };
    detail::visit(add, state);
    detail::visit(add, perception);
    detail::visit(add, goal);
    pressure.breakpoints(from, to, out);
  }

  /// "state.level", "perception.level", "goal.level", "goal.memory", ...
  std::vector<std::string> state_names() const {
    std::vector<std::string> names;
    auto add = [&names](const char* prefix) {
      return [&names, prefix](const auto& part) {
        for (const auto& n : part.state_names()) names.push_back(prefix + n);
      };
    };
    detail::visit(add("state."), state);
    detail::visit(add("perception."), perception);
    detail::visit(add("goal."), goal);
    return names;
  }

  /// Names of observe()'s values: the actual, perceived and desired states, the corrective
  /// action and the pressure.
  static std::array<std::string, observed_size> observed_names() { return {"S", "P", "D", "action", "pressure"}; }

  /// S, P, D, corrective action and pressure at one moment.
  std::array<double, observed_size> observe(const state_type& x, const time_point& when) const {
    require_started();
    const double* xs = x.data();
    const double s = detail::visit([xs](const auto& part) { return static_cast<double>(part.value(xs)); }, state);
    const std::size_t p_at = perception_at();
    const double p = detail::visit(
        [&](const auto& part) { return static_cast<double>(part.value(xs + p_at, s, when)); }, perception);
    const std::size_t g_at = goal_at();
    const double d = detail::visit(
        [&](const auto& part) { return static_cast<double>(part.value(xs + g_at, signals<double>{s, p, when})); }, goal);
    const double action =
        detail::visit([&](const auto& part) { return static_cast<double>(part.action(xs, d, p)); }, state);
    return {s, p, d, action, pressure(when)};
  }

 private:
  static constexpr std::size_t state_kinds = std::variant_size_v<detail::tabled_states>;
  static constexpr std::size_t perception_kinds = std::variant_size_v<detail::tabled_perceptions>;
  static constexpr std::size_t goal_kinds = std::variant_size_v<detail::tabled_goals>;
  // The kinds (variant indices) of the parts of one tabled combination: the state's, then the
  // perception's, then the goal's, the last counting fastest.
  template <std::size_t Combination>
  struct kinds_of {
    static constexpr std::size_t state = Combination / (perception_kinds * goal_kinds);
    static constexpr std::size_t perception = Combination / goal_kinds % perception_kinds;
    static constexpr std::size_t goal = Combination % goal_kinds;
  };
  using derivative_function = void (*)(const model&, const double*, double*, const time_point&);

  // The body of goal_erosion_model::rhs for one combination of parts, given the parts.
  template <class StatePart, class PerceptionPart, class GoalPart>
  GOALDRIFT_HOT_INLINE static void parts_derivative(const StatePart& state_part, const PerceptionPart& perception_part,
                                                    const GoalPart& goal_part, const any_input& pressure, const double* x,
                                                    double* dxdt, const time_point& when) {
    constexpr std::size_t p_at = StatePart::state_size;
    constexpr std::size_t g_at = p_at + PerceptionPart::state_size;
    const double s = state_part.value(x);
    const double p = perception_part.value(x + p_at, s, when);
    const signals<double> sig{s, p, when};
    const double d = goal_part.value(x + g_at, sig);
    const double u = pressure(when);
    state_part.derivative(x, d, p, u, when, dxdt);
    perception_part.derivative(x + p_at, s, when, dxdt + p_at);
    goal_part.derivative(x + g_at, sig, dxdt + g_at);
  }
  template <std::size_t Combination>
  GOALDRIFT_RUNTIME_FLATTEN static void typed_derivative(const model& m, const double* x, double* dxdt, const time_point& when) {
    parts_derivative(*std::get_if<kinds_of<Combination>::state>(&m.state),
                     *std::get_if<kinds_of<Combination>::perception>(&m.perception),
                     *std::get_if<kinds_of<Combination>::goal>(&m.goal), m.pressure, x, dxdt, when);
  }
  // The same body for the kinds outside the table, each part visited on its own: a fused
  // perception or an alarm-modulated goal adds its code here once, not once per combination.
  GOALDRIFT_RUNTIME_FLATTEN static void visited_derivative(const model& m, const double* x, double* dxdt, const time_point& when) {
    const double s = detail::visit([x](const auto& part) { return static_cast<double>(part.value(x)); }, m.state);
    const std::size_t p_at = m.perception_at();
    const std::size_t g_at = p_at + visit_size(m.perception);
    const double p = detail::visit(
        [&](const auto& part) { return static_cast<double>(part.value(x + p_at, s, when)); }, m.perception);
    const signals<double> sig{s, p, when};
    const double d =
        detail::visit([&](const auto& part) { return static_cast<double>(part.value(x + g_at, sig)); }, m.goal);
    const double u = m.pressure(when);
    detail::visit([&](const auto& part) { part.derivative(x, d, p, u, when, dxdt); }, m.state);
    detail::visit([&](const auto& part) { part.derivative(x + p_at, s, when, dxdt + p_at); }, m.perception);
    detail::visit([&](const auto& part) { part.derivative(x + g_at, sig, dxdt + g_at); }, m.goal);
  }
  // The body of goal_erosion_model::advance for one combination of parts, given the parts.
  template <class StatePart, class PerceptionPart, class GoalPart>
  GOALDRIFT_HOT_INLINE static void parts_advance(StatePart& state_part, PerceptionPart& perception_part, GoalPart& goal_part,
                                                 double* x, const time_point& when) {
    constexpr std::size_t p_at = StatePart::state_size;
    constexpr std::size_t g_at = p_at + PerceptionPart::state_size;
    goaldrift::state::advance(state_part, x);
    const double s = state_part.value(x);
    goaldrift::perception::advance(perception_part, x + p_at, s, when);
    const signals<double> sig{s, perception_part.value(x + p_at, s, when), when};
    goaldrift::goal::advance(goal_part, x + g_at, sig);
  }
  template <std::size_t Combination>
  GOALDRIFT_RUNTIME_FLATTEN static void typed_advance(model& m, double* x, const time_point& when) {
    parts_advance(*std::get_if<kinds_of<Combination>::state>(&m.state),
                  *std::get_if<kinds_of<Combination>::perception>(&m.perception),
                  *std::get_if<kinds_of<Combination>::goal>(&m.goal), x, when);
  }
  static void visited_advance(model& m, double* x, const time_point& when) {
    detail::visit([x](auto& part) { goaldrift::state::advance(part, x); }, m.state);
    const double s = detail::visit([x](const auto& part) { return static_cast<double>(part.value(x)); }, m.state);
    const std::size_t p_at = m.perception_at();
    const std::size_t g_at = p_at + visit_size(m.perception);
    const double p = detail::visit(
        [&](auto& part) {
          goaldrift::perception::advance(part, x + p_at, s, when);
          return static_cast<double>(part.value(x + p_at, s, when));
        },
        m.perception);
    const signals<double> sig{s, p, when};
    detail::visit([&](auto& part) { goaldrift::goal::advance(part, x + g_at, sig); }, m.goal);
  }
  using advance_function = void (*)(model&, double*, const time_point&);

  // Every combination of the tabled kinds, then one entry for all the others.
  static constexpr std::size_t combinations = state_kinds * perception_kinds * goal_kinds;

  template <std::size_t... Combinations>
  static constexpr std::array<derivative_function, combinations + 1> derivative_table(std::index_sequence<Combinations...>) {
    return {&typed_derivative<Combinations>..., &visited_derivative};
  }
  template <std::size_t... Combinations>
  static constexpr std::array<advance_function, combinations + 1> advance_table(std::index_sequence<Combinations...>) {
    return {&typed_advance<Combinations>..., &visited_advance};
  }
  // Defined below the class, inline unless GOALDRIFT_RUNTIME_EXTERN_RUNS leaves them to one
  // source file.
  using derivative_functions = std::array<derivative_function, combinations + 1>;
  using advance_functions = std::array<advance_function, combinations + 1>;
  static const derivative_functions& derivatives();
  static const advance_functions& advances();
  // An observer called through a pointer: the one call of a typed run that is not inlined.
  struct observer_ref {
    void* observer;
    void (*call)(void*, double, const state_type&, const time_point&);
  };
  // One combination of the tabled parts as a model of fixed size for run_fixed: its derivative
  // and advance are the combination's own, on a std::array of exactly its state variables.
  template <std::size_t Combination>
  struct typed_parts {
    using state_part = std::variant_alternative_t<kinds_of<Combination>::state, detail::tabled_states>;
    using perception_part = std::variant_alternative_t<kinds_of<Combination>::perception, detail::tabled_perceptions>;
    using goal_part = std::variant_alternative_t<kinds_of<Combination>::goal, detail::tabled_goals>;
    static constexpr std::size_t size = state_part::state_size + perception_part::state_size + goal_part::state_size;
    using state_type = std::array<double, size>;
    // The model's parts, found once for the whole run: looked up in their variants at every
    // step, each lookup would test the variant's kind again.
    state_part& state;
    perception_part& perception;
    goal_part& goal;
    const any_input& pressure;
    explicit typed_parts(model& m)
        : state(*std::get_if<kinds_of<Combination>::state>(&m.state)),
          perception(*std::get_if<kinds_of<Combination>::perception>(&m.perception)),
          goal(*std::get_if<kinds_of<Combination>::goal>(&m.goal)),
          pressure(m.pressure) {}
    GOALDRIFT_HOT_INLINE void advance(state_type& x, const time_point& when) {
      parts_advance(state, perception, goal, x.data(), when);
    }
    GOALDRIFT_HOT_INLINE void rhs(const state_type& x, state_type& dxdt, const time_point& when) const {
      parts_derivative(state, perception, goal, pressure, x.data(), dxdt.data(), when);
    }
  };
  template <std::size_t Combination, class Method>
  GOALDRIFT_RUNTIME_FLATTEN static void typed_fixed_run(model& m, const run_options& o, const goaldrift::detail::grid& g,
                                                        const state_type& x0, observer_ref observer) {
    using parts = typed_parts<Combination>;
    using typed_state = typename parts::state_type;
    parts typed(m);
    typed_state x;
    std::copy_n(x0.data(), parts::size, x.data());
    state_type seen(parts::size);
    auto observe = [&seen, observer](double t, const typed_state& xs, const time_point& when) {
      std::copy_n(xs.data(), parts::size, seen.data());
      observer.call(observer.observer, t, seen, when);
    };
    goaldrift::detail::run_fixed(typed, o, g, x, method::detail::traits<Method, typed_state>::make(Method{}, o), observe,
                                 [&m](const typed_state& xs, double t) { goaldrift::detail::require_finite_state(m, xs, t); });
  }
  using fixed_run_function = void (*)(model&, const run_options&, const goaldrift::detail::grid&, const state_type&,
                                      observer_ref);
  template <class Method, std::size_t... Combinations>
  static constexpr std::array<fixed_run_function, combinations> make_fixed_runs(std::index_sequence<Combinations...>) {
    return {&typed_fixed_run<Combinations, Method>...};
  }
  // Defined below the class, and not inline, so that GOALDRIFT_RUNTIME_EXTERN_RUNS can leave
  // its instantiation to one source file.
  using fixed_run_table = std::array<fixed_run_function, combinations>;
  template <class Method>
  static const fixed_run_table& fixed_runs();
  // One combination of the tabled parts as the compiled model over packs, its lanes' parameters
  // gathered from the members' run-time models.
  template <class Pack, class Part>
  using pack_part = decltype(detail::pack_form<Pack>(std::declval<const Part&>()));
  template <std::size_t Combination, class Pack>
  using pack_model_of = goal_erosion_model<pack_part<Pack, typename typed_parts<Combination>::state_part>,
                                           pack_part<Pack, typename typed_parts<Combination>::perception_part>,
                                           pack_part<Pack, typename typed_parts<Combination>::goal_part>, detail::pack_input<Pack>>;
  template <std::size_t Combination, class Method, class Pack, std::size_t K>
  static bool typed_lane_run(const std::array<const model*, K * math::lanes_v<Pack>>& members,
                             const std::array<std::uint64_t, K * math::lanes_v<Pack>>& ids, std::uint64_t seed,
                             const run_options& run, const goaldrift::detail::grid& g,
                             const ensemble::detail::group_output& out, std::array<Pack, K>& sums) {
    constexpr std::size_t L = math::lanes_v<Pack>;
    using pack_model = pack_model_of<Combination, Pack>;
    using kinds = kinds_of<Combination>;
    std::vector<pack_model> models;
    models.reserve(K);
    std::array<detail::lane_walk, L> walks;
    std::array<const detail::lane_walk*, L> lanes{};
    detail::lane_walk first;
    first.part(std::string_view(), *members[0]);
    try {
      for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t lane = 0; lane < L; ++lane) {
          walks[lane].clear();
          walks[lane].part(std::string_view(), *members[k * L + lane]);
          if (!walks[lane].same_shape(first)) return false;
          lanes[lane] = &walks[lane];
        }
        const model& m = *members[k * L];
        pack_model pm(detail::pack_form<Pack>(*std::get_if<kinds::state>(&m.state)),
                      detail::pack_form<Pack>(*std::get_if<kinds::perception>(&m.perception)),
                      detail::pack_form<Pack>(*std::get_if<kinds::goal>(&m.goal)), detail::pack_input<Pack>(m.pressure));
        detail::lane_fill<L> fill{lanes};
        fill.part(std::string_view(), pm);
        if (!fill.fits || fill.at != first.values.size()) return false;
        random::member_keys<L> keys{seed, {}};
        for (std::size_t lane = 0; lane < L; ++lane) keys.members[lane] = ids[k * L + lane];
        goaldrift::detail::reseed(pm, keys);
        models.push_back(std::move(pm));
      }
    } catch (const detail::no_pack_form&) {
      return false;
    }
    sums = ensemble::detail::run_pack_group<Method, pack_model, K>(std::move(models), run, g, out);
    return true;
  }
  template <class Pack, std::size_t K>
  using lane_run_function = bool (*)(const std::array<const model*, K * math::lanes_v<Pack>>&,
                                     const std::array<std::uint64_t, K * math::lanes_v<Pack>>&, std::uint64_t,
                                     const run_options&, const goaldrift::detail::grid&, const ensemble::detail::group_output&,
                                     std::array<Pack, K>&);
  template <class Pack, std::size_t K>
  using lane_run_table = std::array<lane_run_function<Pack, K>, combinations>;
  template <class Method, class Pack, std::size_t K, std::size_t... Combinations>
  static constexpr lane_run_table<Pack, K> make_lane_runs(std::index_sequence<Combinations...>) {
    return {&typed_lane_run<Combinations, Method, Pack, K>...};
  }
  // Defined below the class, not inline, as fixed_runs.
  template <class Method, class Pack, std::size_t K>
  static const lane_run_table<Pack, K>& lane_runs();
  bool has_function_input() const {
    bool found = false;
    auto look = [&found](const any_input& in) { found = found || holds_function(in); };
    look(pressure);
    detail::visit(
        [&look](const auto& p) {
          if constexpr (detail::distorted_parts<std::decay_t<decltype(p)>>::value) {
            look(p.bias);
          }
        },
        perception);
    return found;
  }
  static bool holds_function(const any_input& in) {
    return detail::visit(
        [](const auto& x) {
          using kind = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<kind, input::function<time_function>>) {
            return true;
          } else if constexpr (std::is_same_v<kind, input_sum> || std::is_same_v<kind, input_operation>) {
            for (const auto& t : x.inputs()) {
              if (holds_function(t)) return true;
            }
            return false;
          } else {
            return false;
          }
        },
        in.held);
  }
  // A valueless variant (an alternative whose construction threw) has index variant_npos, so
  // one test of the three indices together covers all three.
  GOALDRIFT_HOT_INLINE std::size_t combination() const {
    static_assert(std::variant_size_v<any_state> <= 256 && std::variant_size_v<any_perception> <= 256 &&
                  std::variant_size_v<any_goal> <= 256);
    const std::size_t s = state.index(), p = perception.index(), g = goal.index();
    if ((s | p | g) > 255) throw_valueless();
    if (s >= state_kinds || p >= perception_kinds || g >= goal_kinds) return combinations;
    return (s * perception_kinds + p) * goal_kinds + g;
  }
#if defined(__GNUC__)
  [[gnu::cold, gnu::noinline]]
#endif
  [[noreturn]] static void throw_valueless() {
    throw error("goaldrift::runtime::model: a part was left without a value by an exception while it was being replaced");
  }

  template <class Variant>
  static std::size_t visit_size(const Variant& v) {
    return detail::visit([](const auto& part) { return detail::used_state(part); }, v);
  }
  std::size_t perception_at() const { return visit_size(state); }
  std::size_t goal_at() const { return perception_at() + visit_size(perception); }

  double initialize_state(double* x) const {
    return detail::visit(
        [x](const auto& part) {
          part.initialize(x);
          return static_cast<double>(part.value(x));
        },
        state);
  }
  static time_point first_moment(const run_context& ctx) {
    return ctx.fixed_step ? time_point{ctx.start, ctx.start + 0.5 * ctx.dt, 0.5 * ctx.dt} : time_point{ctx.start};
  }
  void require_started() const {
    if (!started_ && needs_fixed_step()) {
      throw error(
          "goaldrift::runtime::model: this model has a DELAY FIXED pipeline; call start(run_context) before "
          "evaluating it (simulate() does this for you)");
    }
  }

  bool started_ = false;
  time_point first_moment_{};
};

// The tables of compiled code for every combination of the tabled parts: in every source file
// that uses them (inline), or, where GOALDRIFT_RUNTIME_EXTERN_RUNS is defined, only in the one
// that defines GOALDRIFT_RUNTIME_DEFINE_RUNS (docs/model-file.md), and not inline there.
#if defined(GOALDRIFT_RUNTIME_EXTERN_RUNS) || defined(GOALDRIFT_RUNTIME_DEFINE_RUNS)
#define GOALDRIFT_RUNTIME_TABLE_LINKAGE
#else
#define GOALDRIFT_RUNTIME_TABLE_LINKAGE inline
#endif
#if !defined(GOALDRIFT_RUNTIME_EXTERN_RUNS) || defined(GOALDRIFT_RUNTIME_DEFINE_RUNS)
GOALDRIFT_RUNTIME_TABLE_LINKAGE auto model::derivatives() -> const derivative_functions& {
  static constexpr auto table = derivative_table(std::make_index_sequence<combinations>{});
  return table;
}
GOALDRIFT_RUNTIME_TABLE_LINKAGE auto model::advances() -> const advance_functions& {
  static constexpr auto table = advance_table(std::make_index_sequence<combinations>{});
  return table;
}
#endif
#undef GOALDRIFT_RUNTIME_TABLE_LINKAGE

template <class Method>
auto model::fixed_runs() -> const fixed_run_table& {
  static constexpr auto table = make_fixed_runs<Method>(std::make_index_sequence<combinations>{});
  return table;
}
template <class Method, class Pack, std::size_t K>
auto model::lane_runs() -> const lane_run_table<Pack, K>& {
  static constexpr auto table = make_lane_runs<Method, Pack, K>(std::make_index_sequence<combinations>{});
  return table;
}
#if defined(GOALDRIFT_RUNTIME_DEFINE_RUNS)
template auto model::fixed_runs<method::euler>() -> const model::fixed_run_table&;
template auto model::fixed_runs<method::rk4>() -> const model::fixed_run_table&;
template auto model::lane_runs<method::euler, ensemble::default_pack, ensemble::detail::bundle_parts<ensemble::default_lanes>>()
    -> const model::lane_run_table<ensemble::default_pack, ensemble::detail::bundle_parts<ensemble::default_lanes>>&;
template auto model::lane_runs<method::rk4, ensemble::default_pack, ensemble::detail::bundle_parts<ensemble::default_lanes>>()
    -> const model::lane_run_table<ensemble::default_pack, ensemble::detail::bundle_parts<ensemble::default_lanes>>&;
#elif defined(GOALDRIFT_RUNTIME_EXTERN_RUNS)
extern template auto model::fixed_runs<method::euler>() -> const model::fixed_run_table&;
extern template auto model::fixed_runs<method::rk4>() -> const model::fixed_run_table&;
extern template auto model::lane_runs<method::euler, ensemble::default_pack, ensemble::detail::bundle_parts<ensemble::default_lanes>>()
    -> const model::lane_run_table<ensemble::default_pack, ensemble::detail::bundle_parts<ensemble::default_lanes>>&;
extern template auto model::lane_runs<method::rk4, ensemble::default_pack, ensemble::detail::bundle_parts<ensemble::default_lanes>>()
    -> const model::lane_run_table<ensemble::default_pack, ensemble::detail::bundle_parts<ensemble::default_lanes>>&;
#endif

// g++ 12 at -O2 and above, inlining the moves of the parts' variants into one another, takes
// the storage of a noise input that is not the one held for uninitialised (-Wmaybe-uninitialized
// on noise::detail::interval_noise); the variants' moves read only the alternative held.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
/// A run-time model from typed parts (or from parts already held as run-time choices): each
/// part becomes its family's run-time choice, `pressure` an any_input (a number, an input, a
/// function of t, or a sum). Leave `pressure` out for none.
template <class State, class Perception, class Goal, class Pressure = double>
model make_model(State&& state_part, Perception&& perception_part, Goal&& goal_policy, Pressure&& pressure = 0.0) {
  return model(to_any_state(std::forward<State>(state_part)), to_any_perception(std::forward<Perception>(perception_part)),
               to_any_goal(std::forward<Goal>(goal_policy)), any_input(std::forward<Pressure>(pressure)));
}

/// The run-time form of a compiled model: the same parts, chosen at run time.
template <class State, class Perception, class Goal, class Pressure>
model make_model(const goal_erosion_model<State, Perception, Goal, Pressure>& compiled) {
  return make_model(compiled.state, compiled.perception, compiled.goal, compiled.pressure);
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace goaldrift::runtime
