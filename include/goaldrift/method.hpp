// The integration methods simulate() offers by name, and how they map to odeint steppers.
#pragma once

#include <type_traits>

#include <boost/numeric/odeint/stepper/euler.hpp>
#include <boost/numeric/odeint/stepper/generation.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta4_classic.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_dopri5.hpp>
#include <boost/numeric/odeint/stepper/stepper_categories.hpp>

#include "config.hpp"
#include "run_options.hpp"

namespace goaldrift::method {

/// Explicit Euler with the fixed step dt: Vensim's default, and what its reference output uses.
struct euler {
  static constexpr const char* name = "euler";
};
/// Classical fourth-order Runge-Kutta with the fixed step dt (odeint's runge_kutta4_classic:
/// the four stages written out, without the generic Butcher-tableau loop's multiplications by
/// zero, which cost about a third of a batched ensemble's time; the two give the same values).
struct rk4 {
  static constexpr const char* name = "rk4";
};
/// Dormand-Prince 5(4), adaptive, with dense output for the save grid; run_options gives the
/// first trial step and the tolerances. Stops at every input breakpoint.
struct dopri5 {
  static constexpr const char* name = "dopri5";
};

namespace detail {
namespace odeint = boost::numeric::odeint;

template <class M, class = void>
struct category {
  using type = void;
};
template <class M>
struct category<M, std::void_t<typename M::stepper_category>> {
  using type = typename M::stepper_category;
};

/// How a method runs: whether it is adaptive, and the odeint stepper it uses for a state type.
/// Besides the three tags, any odeint stepper object can be passed as the method: a stepper or
/// error stepper takes fixed steps, a dense-output stepper adapts its steps. (A bare controlled
/// stepper cannot fill a save grid; wrap it with make_dense_output.)
template <class Method, class State>
struct traits {
  using cat = typename category<Method>::type;
  // Error steppers (cash_karp54, a bare dopri5) also take plain fixed steps.
  static constexpr bool is_fixed = std::is_base_of_v<odeint::stepper_tag, cat>;
  static constexpr bool is_dense = std::is_base_of_v<odeint::dense_output_stepper_tag, cat>;
  static_assert(is_fixed || is_dense,
                "A method must be goaldrift::method::euler, rk4 or dopri5, or an odeint "
                "stepper (a fixed-step stepper such as runge_kutta_cash_karp54<state_type> or "
                "a dense-output stepper made with make_dense_output).");
  static_assert(std::is_same_v<typename Method::state_type, State>,
                "An odeint stepper passed as a method must have the model's state_type.");
  static constexpr bool adaptive = is_dense;
  static const char* name() { return "odeint stepper"; }
  static Method make(const Method& m, const run_options&) { return m; }
};

template <class State>
struct traits<euler, State> {
  static constexpr bool adaptive = false;
  static const char* name() { return euler::name; }
  static auto make(const euler&, const run_options&) { return odeint::euler<State>(); }
};

template <class State>
struct traits<rk4, State> {
  static constexpr bool adaptive = false;
  static const char* name() { return rk4::name; }
  static auto make(const rk4&, const run_options&) { return odeint::runge_kutta4_classic<State>(); }
};

template <class State>
struct traits<dopri5, State> {
  static constexpr bool adaptive = true;
  static const char* name() { return dopri5::name; }
  static auto make(const dopri5&, const run_options& o) {
    return odeint::make_dense_output(o.abs_tolerance, o.rel_tolerance,
                                     odeint::runge_kutta_dopri5<State>());
  }
};
}  // namespace detail

}  // namespace goaldrift::method
