// The integration methods simulate() offers by name, and how they map to odeint steppers.
#pragma once

#include <array>
#include <cstddef>
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

/// Euler and classical RK4 steps over a std::array state, fused: the stages' derivatives are
/// locals, not members of a stepper object, so with the model's derivative inlined the whole
/// step stays in registers (odeint's steppers keep their stages in members, and every step
/// then waits on stores and loads; a one-trajectory Euler run took twice as long). The
/// arithmetic is odeint's euler and runge_kutta4_classic over array_algebra, in odeint's
/// order: x + dt k1; x + dt/2 k1, x + dt/2 k2, x + dt k3 at t, t + dt/2, t + dt/2, t + dt,
/// then x + dt/6 k1 + dt/3 k2 + dt/3 k3 + dt/6 k4, so results are the same bits.
template <class Method, class State>
struct fused_step;
template <class T, std::size_t N>
struct fused_step<euler, std::array<T, N>> {
  template <class System>
  void do_step(System&& sys, std::array<T, N>& x, double t, double dt) const {
    std::array<T, N> k1;
    sys(static_cast<const std::array<T, N>&>(x), k1, t);
    for (std::size_t i = 0; i < N; ++i) x[i] = 1.0 * x[i] + dt * k1[i];
  }
};
template <class T, std::size_t N>
struct fused_step<rk4, std::array<T, N>> {
  template <class System>
  void do_step(System&& sys, std::array<T, N>& x, double t, double dt) const {
    using state = std::array<T, N>;
    const double dh = dt / 2.0, th = t + dh;
    state k1, k2, k3, k4, y;
    sys(static_cast<const state&>(x), k1, t);
    for (std::size_t i = 0; i < N; ++i) y[i] = 1.0 * x[i] + dh * k1[i];
    sys(static_cast<const state&>(y), k2, th);
    for (std::size_t i = 0; i < N; ++i) y[i] = 1.0 * x[i] + dh * k2[i];
    sys(static_cast<const state&>(y), k3, th);
    for (std::size_t i = 0; i < N; ++i) y[i] = 1.0 * x[i] + dt * k3[i];
    sys(static_cast<const state&>(y), k4, t + dt);
    const double dt6 = dt / 6.0, dt3 = dt / 3.0;
    for (std::size_t i = 0; i < N; ++i) x[i] = 1.0 * x[i] + dt6 * k1[i] + dt3 * k2[i] + dt3 * k3[i] + dt6 * k4[i];
  }
};

template <class State>
struct is_std_array : std::false_type {};
template <class T, std::size_t N>
struct is_std_array<std::array<T, N>> : std::true_type {};

template <class State>
struct traits<euler, State> {
  static constexpr bool adaptive = false;
  static const char* name() { return euler::name; }
  static auto make(const euler&, const run_options&) {
    if constexpr (is_std_array<State>::value) {
      return fused_step<euler, State>();
    } else {
      return odeint::euler<State>();
    }
  }
};

template <class State>
struct traits<rk4, State> {
  static constexpr bool adaptive = false;
  static const char* name() { return rk4::name; }
  static auto make(const rk4&, const run_options&) {
    if constexpr (is_std_array<State>::value) {
      return fused_step<rk4, State>();
    } else {
      return odeint::runge_kutta4_classic<State>();
    }
  }
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
