// simulate(): run a model over a time grid with an odeint stepper and return its trajectory.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <boost/numeric/odeint/util/odeint_error.hpp>

#include "detail/hooks.hpp"
#include "detail/memory.hpp"
#include "error.hpp"
#include "math.hpp"
#include "method.hpp"
#include "run_context.hpp"
#include "run_options.hpp"
#include "time_point.hpp"
#include "trajectory.hpp"

namespace goaldrift {

namespace detail {

template <class M, class = void>
struct has_start : std::false_type {};
template <class M>
struct has_start<M, std::void_t<decltype(std::declval<M&>().start(
                        std::declval<const run_context&>()))>> : std::true_type {};

template <class M, class = void>
struct has_advance : std::false_type {};
template <class M>
struct has_advance<M, std::void_t<decltype(std::declval<M&>().advance(
                          std::declval<typename M::state_type&>(),
                          std::declval<const time_point&>()))>> : std::true_type {};

template <class M, class = void>
struct has_observe : std::false_type {};
template <class M>
struct has_observe<M, std::void_t<decltype(std::declval<const M&>().observe(
                          std::declval<const typename M::state_type&>(),
                          std::declval<const time_point&>())),
                                  decltype(std::declval<const M&>().observed_names())>>
    : std::true_type {};

/// How many values observe() returns when that is fixed at compile time (a std::array): a
/// trajectory row then lives on the stack. Absent for a model without observe() or with one
/// that returns another range.
template <class M, class = void>
struct fixed_observed_count {};
template <class M>
struct fixed_observed_count<M, std::enable_if_t<!has_observe<M>::value>> : std::integral_constant<std::size_t, 0> {};
template <class M>
struct fixed_observed_count<M, std::void_t<std::enable_if_t<has_observe<M>::value>,
                                           decltype(std::tuple_size<std::decay_t<decltype(std::declval<const M&>().observe(
                                                        std::declval<const typename M::state_type&>(),
                                                        std::declval<const time_point&>()))>>::value)>>
    : std::integral_constant<std::size_t,
                             std::tuple_size<std::decay_t<decltype(std::declval<const M&>().observe(
                                 std::declval<const typename M::state_type&>(), std::declval<const time_point&>()))>>::value> {
};
struct grid;
template <class M, class Method, class Observer, class = void>
struct has_fixed_run : std::false_type {};
template <class M, class Method, class Observer>
struct has_fixed_run<M, Method, Observer,
                     std::void_t<decltype(std::declval<M&>().fixed_run(
                         std::declval<const run_options&>(), std::declval<const grid&>(),
                         std::declval<const typename M::state_type&>(), std::declval<const Method&>(),
                         std::declval<Observer&>()))>> : std::true_type {};

template <class M, class = void>
struct has_fixed_row : std::false_type {};
template <class M>
struct has_fixed_row<M, std::void_t<decltype(fixed_observed_count<M>::value),
                                    decltype(std::tuple_size<typename M::state_type>::value)>> : std::true_type {};

inline constexpr const char* simulate_component = "goaldrift::simulate";

/// `span / step` as a whole number of at most `limit` (run_options::max_steps), or an
/// invalid_parameter that says why not. The count is checked before it is cast: infinity or
/// 2^64 steps would not fit a std::size_t.
inline std::size_t whole_steps(double span, double step, const char* parameter,
                               const char* of_what, std::size_t limit) {
  const double ratio = span / step;
  // Past 2^53 a double no longer counts steps exactly (and 2^64 would not fit the cast below);
  // check_options' time resolution keeps runs well under it, this keeps the function safe alone.
  if (!(ratio <= static_cast<double>(limit) && ratio < 9007199254740992.0)) {
    throw invalid_parameter(simulate_component, parameter,
                            std::string("must divide ") + of_what + " (" + format_number(span) +
                                ") into at most max_steps (" + std::to_string(limit) + ") steps, not " +
                                format_number(ratio) + "; raise run_options::max_steps for a longer run",
                            step);
  }
  const double n = std::round(ratio);
  if (!(n >= 1.0) || std::fabs(ratio - n) > 1e-9 * std::max(1.0, ratio)) {
    throw invalid_parameter(simulate_component, parameter,
                            std::string("must divide ") + of_what + " (" +
                                format_number(span) + ") into a whole number of steps",
                            step);
  }
  return static_cast<std::size_t>(n);
}

/// The finest relative tolerance an adaptive run accepts: 10 machine epsilons.
inline constexpr double finest_rel_tolerance = 10.0 * std::numeric_limits<double>::epsilon();

/// The spacing of doubles at the largest time of a run: no step can be shorter and move time.
inline double time_resolution(const run_options& o) {
  const double largest = std::max(std::fabs(o.start), std::fabs(o.end));
  return std::max(std::numeric_limits<double>::denorm_min(),
                  4.0 * std::numeric_limits<double>::epsilon() * largest);
}

struct grid {
  std::size_t steps = 0;   // fixed steps from start to end (fixed-step methods)
  std::size_t stride = 1;  // steps between saved points (fixed-step methods)
  std::size_t saves = 0;   // save intervals from start to end
  double save_every = 0.0;
};

inline grid check_options(const run_options& o, bool adaptive) {
  auto finite = [](const char* p, double v) {
    if (!std::isfinite(v)) throw invalid_parameter(simulate_component, p, "must be finite", v);
  };
  finite("start", o.start);
  finite("end", o.end);
  if (!(o.end > o.start)) {
    throw invalid_parameter(simulate_component, "end",
                            "must be later than start (" + format_number(o.start) + ")", o.end);
  }
  if (!std::isfinite(o.dt) || !(o.dt > 0.0)) {
    throw invalid_parameter(simulate_component, "dt", "must be positive and finite", o.dt);
  }
  // A step below the spacing of doubles near the run's times would not move time forward.
  const double resolution = time_resolution(o);
  if (!(o.dt > resolution)) {
    throw invalid_parameter(simulate_component, "dt",
                            "must be larger than the spacing of times near t = " +
                                format_number(std::max(std::fabs(o.start), std::fabs(o.end))) + " (" +
                                format_number(resolution) + ")",
                            o.dt);
  }
  if (o.max_steps == 0) {
    throw invalid_parameter(simulate_component, "max_steps", "must be at least 1", "0");
  }
  if (!std::isfinite(o.save_every) || o.save_every < 0.0) {
    throw invalid_parameter(simulate_component, "save_every",
                            "must be positive and finite (or 0 to save every dt)", o.save_every);
  }
  grid g;
  g.save_every = o.save_every > 0.0 ? o.save_every : o.dt;
  const double span = o.end - o.start;
  g.saves = whole_steps(span, g.save_every, o.save_every > 0.0 ? "save_every" : "dt",
                        "end - start", o.max_steps);
  if (!adaptive) {
    g.steps = whole_steps(span, o.dt, "dt", "end - start", o.max_steps);
    const double ratio = g.save_every / o.dt;
    g.stride = static_cast<std::size_t>(std::round(ratio));
    if (g.stride < 1 || std::fabs(ratio - std::round(ratio)) > 1e-9 * std::max(1.0, ratio) ||
        g.steps != g.saves * g.stride) {
      throw invalid_parameter(simulate_component, "save_every",
                              "must be a whole number of steps of dt (" + format_number(o.dt) + ")",
                              o.save_every);
    }
  } else {
    if (!(o.abs_tolerance > 0.0) || !std::isfinite(o.abs_tolerance)) {
      throw invalid_parameter(simulate_component, "abs_tolerance", "must be positive and finite",
                              o.abs_tolerance);
    }
    if (!(o.rel_tolerance > 0.0) || !std::isfinite(o.rel_tolerance)) {
      throw invalid_parameter(simulate_component, "rel_tolerance", "must be positive and finite",
                              o.rel_tolerance);
    }
    // What doubles can honour: an error estimate carries rounding of a few machine epsilons
    // of the state, so a finer relative tolerance is never met and the stepper shrinks its
    // step without end; an absolute tolerance must at least be a normal number.
    if (o.rel_tolerance < finest_rel_tolerance) {
      throw invalid_parameter(simulate_component, "rel_tolerance",
                              "must be at least " + format_number(finest_rel_tolerance) +
                                  " (10 machine epsilons), the finest relative accuracy doubles can honour",
                              o.rel_tolerance);
    }
    if (o.abs_tolerance < std::numeric_limits<double>::min()) {
      throw invalid_parameter(simulate_component, "abs_tolerance",
                              "must be at least " + format_number(std::numeric_limits<double>::min()) +
                                  " (the smallest normal double)",
                              o.abs_tolerance);
    }
  }
  return g;
}

/// The j-th save time: start + j * save_every, and exactly `end` for the last.
inline double save_time(const run_options& o, const grid& g, std::size_t j) {
  return j == g.saves ? o.end : o.start + static_cast<double>(j) * g.save_every;
}

/// Throws integration_error naming the first state variable that is not finite in x.
template <class Model, class State>
#if defined(__GNUC__)
[[gnu::cold, gnu::noinline]]
#endif
[[noreturn]] void throw_non_finite(const Model& m, State x, double t) {
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(math::value(x[i]))) {
      throw integration_error(m.state_names()[i], t,
                              "the state became " + format_number(math::value(x[i])));
    }
  }
  throw integration_error("", t, "the state became non-finite");
}

/// Throws integration_error naming the first state variable that is not finite.
template <class Model, class State>
void require_finite_state(const Model& m, const State& x, double t) {
  // Every step calls this: one sum of x[i] * 0 (0 for a finite x[i], NaN otherwise) and one
  // test, without a branch per variable. The state goes on by value to the code that names the
  // variable, so that its address never escapes and the compiler can keep it in registers.
  if (x.size() == 0) return;
  auto probe = x[0] * 0.0;
  for (std::size_t i = 1; i < x.size(); ++i) probe = probe + x[i] * 0.0;
  if (!math::all(probe == probe)) throw_non_finite(m, x, t);
}

inline bool same_time(double a, double b) {
  return std::fabs(a - b) <= 1e-12 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

/// The fixed-step loop: Vensim's jump timing, advance() at every grid time, the observer at
/// every save time, and `check(x, t)` after every step (simulate() throws on a non-finite
/// state; a batched ensemble marks the lanes that failed and carries on with the others).
template <class Model, class Stepper, class Observer, class Check>
void run_fixed(Model& m, const run_options& o, const grid& g, typename Model::state_type x,
               Stepper stepper, Observer& observer, Check&& check) {
  using state_type = typename Model::state_type;
  const double half = 0.5 * o.dt;
  auto grid_time = [&](std::size_t k) { return k == g.steps ? o.end : o.start + static_cast<double>(k) * o.dt; };
  // The step from grid time k (time t, time point `when`) and the check after it.
  auto step_from = [&](std::size_t k, double t, const time_point& when) {
    const Model& cm = m;
    auto sys = [&cm, when](const state_type& xs, state_type& dxdt, double ts) {
      cm.rhs(xs, dxdt, time_point{ts, when.jump_t, when.half_step});
    };
    stepper.do_step(sys, x, t, o.dt);
    check(static_cast<const state_type&>(x), k + 1 == g.steps ? o.end : t + o.dt);
  };
  // The steps between two save times run in an inner loop that calls nothing out of line: a
  // value live across a call must live in memory (no vector register survives a call), so with
  // the observer's call in the same loop the compiler kept the state in memory through every
  // step, and each step waited on the last one's stores (a one-trajectory Euler run took 2.4
  // times a plain loop). Now it keeps the state in registers between save times.
  for (std::size_t k = 0;;) {  // k: a save time
    const double t = grid_time(k);
    const time_point when{t, t + half, half};
    if constexpr (has_advance<Model>::value) {
      m.advance(x, when);
    }
    observer(t, static_cast<const state_type&>(x), when);
    if (k == g.steps) {
      break;
    }
    step_from(k, t, when);
    const std::size_t next_save = k + g.stride;
    for (++k; k < next_save; ++k) {
      const double tk = grid_time(k);
      const time_point at{tk, tk + half, half};
      if constexpr (has_advance<Model>::value) {
        m.advance(x, at);
      }
      step_from(k, tk, at);
    }
  }
}

/// run_fixed in a frame of its own, for integrate_on_grid: inlined into a large caller (a loop
/// over runs), the loop competed with the caller's values for registers and g++ kept a state
/// variable in memory through every step (one Euler run 1.2 times slower). Callers that run it
/// inside a function of their own (the run-time model's typed runs, which are flattened, and
/// the batched packs) call run_fixed directly.
template <class Model, class Stepper, class Observer, class Check>
GOALDRIFT_OWN_FRAME void run_fixed_in_own_frame(Model& m, const run_options& o, const grid& g,
                                                typename Model::state_type x, Stepper stepper, Observer& observer,
                                                Check&& check) {
  run_fixed(m, o, g, std::move(x), std::move(stepper), observer, std::forward<Check>(check));
}

template <class Model, class Dense, class Observer>
void run_dense(Model& m, const run_options& o, const grid& g, typename Model::state_type x,
               Dense dense, Observer& observer) {
  using state_type = typename Model::state_type;
  std::vector<double> breaks;
  detail::breakpoints(m, o.start, o.end, breaks);
  if (breaks.size() > max_breakpoints) {  // each part kept to its bound, but they add up
    throw invalid_parameter(simulate_component, "model",
                            "must not ask an adaptive run to stop at more than " + std::to_string(max_breakpoints) +
                                " breakpoints; use a fixed-step method such as euler or rk4",
                            std::to_string(breaks.size()) + " breakpoints");
  }
  std::sort(breaks.begin(), breaks.end());
  std::vector<double> segment_ends;
  for (double b : breaks) {
    const double last = segment_ends.empty() ? o.start : segment_ends.back();
    if (!same_time(b, last) && !same_time(b, o.end) && b > last && b < o.end) {
      segment_ends.push_back(b);
    }
  }
  segment_ends.push_back(o.end);

  auto save_time = [&](std::size_t j) { return detail::save_time(o, g, j); };
  std::size_t next_save = 0;
  state_type tmp = x;  // sized like x: a std::vector state is resized by nothing else
  double a = o.start;
  const Model& cm = m;
  const double resolution = time_resolution(o);
  std::size_t steps = 0;
  for (double b : segment_ends) {
    const double jump_t = 0.5 * (a + b);
    auto sys = [&cm, jump_t](const state_type& xs, state_type& dxdt, double ts) {
      cm.rhs(xs, dxdt, time_point{ts, jump_t, 0.0});
    };
    // A save time on a breakpoint belongs to the segment that starts there (right side).
    while (next_save <= g.saves && (save_time(next_save) < a || same_time(save_time(next_save), a))) {
      observer(a, static_cast<const state_type&>(x), time_point{a, jump_t, 0.0});
      ++next_save;
    }
    dense.initialize(x, a, std::min(o.dt, b - a));
    double t = a;
    try {
      while (t < b && !same_time(t, b)) {
        if (t + dense.current_time_step() > b) {
          tmp = dense.current_state();
          dense.initialize(tmp, t, b - t);
        }
        const auto span = dense.do_step(sys);
        // A stepper that cannot meet its tolerance shrinks its step until time stops moving at
        // the run's scale, or takes ever more steps: both end here, with what happened.
        if (!(span.second - span.first > resolution) && !same_time(span.second, b)) {
          throw integration_error("", span.second,
                                  "the adaptive step shrank to " + format_number(span.second - span.first) +
                                      ", below the time resolution of this run (" + format_number(resolution) +
                                      "), so time no longer advances; loosen the tolerances or use a fixed-step method");
        }
        if (++steps > o.max_steps) {
          throw integration_error("", span.second,
                                  "the adaptive stepper took max_steps (" + std::to_string(o.max_steps) +
                                      ") steps without reaching the end; loosen the tolerances or raise "
                                      "run_options::max_steps");
        }
        t = span.second;
        require_finite_state(m, dense.current_state(), t);
        while (next_save <= g.saves) {
          const double ts = save_time(next_save);
          if (!(ts < t) || same_time(ts, b)) {
            break;
          }
          dense.calc_state(ts, tmp);
          observer(ts, static_cast<const state_type&>(tmp), time_point{ts, jump_t, 0.0});
          ++next_save;
        }
      }
    } catch (const boost::numeric::odeint::step_adjustment_error& e) {
      throw integration_error("", t,
                              std::string("the adaptive stepper could not meet its tolerance: ") +
                                  e.what());
    }
    x = dense.current_state();
    a = b;
  }
  // The end point itself (and anything rounding left behind) gets the final state.
  while (next_save <= g.saves) {
    observer(o.end, static_cast<const state_type&>(x), time_point{o.end});
    ++next_save;
  }
}

}  // namespace detail

/// Runs `model` over the grid of `options` and calls `observer(t, x, when)` at every save time,
/// `x` being the state and `when` the moment to evaluate inputs at. The model itself is started
/// and advanced (its pipelines move), so pass a copy if you need it untouched; simulate() does.
///
/// Before integrating it checks the options and every part's parameters, lets the parts
/// refuse the method, and checks the initial state; a state that becomes NaN or infinite
/// during the run throws integration_error with the variable's name and the time.
template <class Model, class Method, class Observer>
void integrate_on_grid(Model& model, const run_options& options, const Method& method,
                       Observer&& observer) {
  using state_type = typename Model::state_type;
  using traits = method::detail::traits<Method, state_type>;
  const detail::grid g = detail::check_options(options, traits::adaptive);
  detail::validate(model);
  if constexpr (detail::has_start<Model>::value) {
    model.start(run_context{options.start, options.end, options.dt, !traits::adaptive,
                            traits::name()});
  }
  // A part that needs fixed steps has had the chance to refuse with its own message; this
  // catches one that only declares it.
  if constexpr (traits::adaptive && detail::needs_fixed_step_v<Model>) {
    throw invalid_parameter(detail::simulate_component, "method",
                            "must be a fixed-step method such as euler or rk4, because the model "
                            "declares needs_fixed_step",
                            traits::name());
  }
  const state_type x0 = model.initial_state(options.start);
  for (std::size_t i = 0; i < x0.size(); ++i) {
    if (!std::isfinite(math::value(x0[i]))) {
      throw invalid_parameter(detail::simulate_component, "initial value of '" + model.state_names()[i] + "'",
                              "must be finite", math::value(x0[i]));
    }
  }
  if constexpr (!traits::adaptive && detail::has_fixed_run<Model, Method, Observer>::value) {
    // A model that can run the fixed-step loop over its own typed state (runtime::model, for
    // the combinations of parts it compiled) does so; it returns false to leave it here.
    if (model.fixed_run(options, g, x0, method, observer)) return;
  }
  auto stepper = traits::make(method, options);
  if constexpr (traits::adaptive) {
    detail::run_dense(model, options, g, x0, stepper, observer);
  } else {
    detail::run_fixed_in_own_frame(model, options, g, x0, stepper, observer,
                                   [&model](const state_type& x, double t) { detail::require_finite_state(model, x, t); });
  }
}

/// Simulates a copy of `model` and returns its trajectory on the save grid of `options`:
/// time, then the model's observed quantities (S, P, D, action, pressure for make_model()
/// models), then every state variable by name.
template <class Model, class Method = method::rk4>
trajectory simulate(const Model& model, const run_options& options, const Method& method = {}) {
  Model m = model;
  std::vector<std::string> names;
  if constexpr (detail::has_observe<Model>::value) {
    for (const auto& n : m.observed_names()) names.push_back(n);
  }
  for (const auto& n : m.state_names()) names.push_back(n);
  using traits = method::detail::traits<Method, typename Model::state_type>;
  const std::size_t rows = detail::check_options(options, traits::adaptive).saves + 1;
  const bool by_dt = !(options.save_every > 0.0);
  detail::require_memory(
      detail::simulate_component, by_dt ? "dt" : "save_every", static_cast<double>(rows),
      8.0 * static_cast<double>(names.size() + 1), [&] { return "a trajectory of " + std::to_string(rows) + " saved points"; },
      [&] { return detail::format_number(by_dt ? options.dt : options.save_every); });
  trajectory result(std::move(names), rows);
  if constexpr (detail::has_fixed_row<Model>::value) {
    // One row on the stack per save time, appended to the trajectory's reserved columns.
    integrate_on_grid(m, options, method, [&](double t, const typename Model::state_type& x, const time_point& when) {
      constexpr std::size_t n = detail::fixed_observed_count<Model>::value;
      std::array<double, n + std::tuple_size<typename Model::state_type>::value> row;
      if constexpr (n > 0) {
        const auto observed = m.observe(x, when);
        for (std::size_t i = 0; i < n; ++i) row[i] = math::value(observed[i]);
      }
      for (std::size_t i = 0; i < x.size(); ++i) row[n + i] = math::value(x[i]);
      result.append(t, row);
    });
  } else {
    std::vector<double> row;
    integrate_on_grid(m, options, method, [&](double t, const typename Model::state_type& x, const time_point& when) {
      row.clear();
      if constexpr (detail::has_observe<Model>::value) {
        for (const auto& v : m.observe(x, when)) row.push_back(math::value(v));
      }
      for (const auto& v : x) row.push_back(math::value(v));
      result.append(t, row);
    });
  }
  return result;
}

}  // namespace goaldrift
