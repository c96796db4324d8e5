// Several pack models stepped as one system: what lets a batched run keep 64 members in flight
// per step, the width at which a hand-written structure-of-arrays loop is fastest, while every
// model keeps the SIMD width of one pack.
#pragma once

#include <array>
#include <cstddef>
#include <utility>
#include <vector>

#include <boost/numeric/odeint/stepper/euler.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta4_classic.hpp>
#include <boost/numeric/odeint/util/is_resizeable.hpp>

#include "../../math.hpp"
#include "../../simulate.hpp"
#include "../../method.hpp"
#include "../../run_context.hpp"
#include "../../time_point.hpp"

// The loops over the packs of a bundle stay loops: unrolled eight times with every model's
// derivative inlined, the step's code outgrows the CPU's decoded-instruction cache, and a
// batched run measured 25 % slower (GCC 12, -O3).
#if defined(__clang__)
#define GOALDRIFT_NO_UNROLL _Pragma("clang loop unroll(disable)")
#elif defined(__GNUC__)
#define GOALDRIFT_NO_UNROLL _Pragma("GCC unroll 1")
#else
#define GOALDRIFT_NO_UNROLL
#endif

namespace goaldrift::ensemble::detail {

/// How many packs of L lanes a batched run steps together: enough for 64 members in flight,
/// where the hand-written structure-of-arrays baseline in bench/ is fastest (bench/README.md).
template <std::size_t L>
inline constexpr std::size_t bundle_parts = L >= 64 ? 1 : 64 / L;

/// The states of K pack models side by side.
template <class PackState, std::size_t K>
struct bundle_state {
  std::array<PackState, K> part{};
};

/// odeint's algebra for a bundle_state: every operation applied to every variable of every
/// part, in the order array_algebra applies it to one part, so that each part's arithmetic is
/// exactly what stepping it alone performs.
struct bundle_algebra {
 private:
  template <class Op, class... States>
  static void apply(Op& op, States&... s) {
    using first = std::decay_t<decltype((std::get<0>(std::tie(s...))))>;
    constexpr std::size_t K = std::tuple_size<decltype(first::part)>::value;
    constexpr std::size_t N = std::tuple_size<typename decltype(first::part)::value_type>::value;
    GOALDRIFT_NO_UNROLL
    for (std::size_t k = 0; k < K; ++k) {
      for (std::size_t i = 0; i < N; ++i) op(s.part[k][i]...);
    }
  }

 public:
  template <class S1, class Op>
  static void for_each1(S1& s1, Op op) { apply(op, s1); }
  template <class S1, class S2, class Op>
  static void for_each2(S1& s1, S2& s2, Op op) { apply(op, s1, s2); }
  template <class S1, class S2, class S3, class Op>
  static void for_each3(S1& s1, S2& s2, S3& s3, Op op) { apply(op, s1, s2, s3); }
  template <class S1, class S2, class S3, class S4, class Op>
  static void for_each4(S1& s1, S2& s2, S3& s3, S4& s4, Op op) { apply(op, s1, s2, s3, s4); }
  template <class S1, class S2, class S3, class S4, class S5, class Op>
  static void for_each5(S1& s1, S2& s2, S3& s3, S4& s4, S5& s5, Op op) { apply(op, s1, s2, s3, s4, s5); }
  template <class S1, class S2, class S3, class S4, class S5, class S6, class Op>
  static void for_each6(S1& s1, S2& s2, S3& s3, S4& s4, S5& s5, S6& s6, Op op) {
    apply(op, s1, s2, s3, s4, s5, s6);
  }
};

/// The odeint stepper a batched run uses for a bundle: euler or rk4 over bundle_algebra.
template <class Method, class State>
struct bundle_stepper;
template <class State>
struct bundle_stepper<method::euler, State> {
  using type = boost::numeric::odeint::euler<State, double, State, double, bundle_algebra>;
};
template <class State>
struct bundle_stepper<method::rk4, State> {
  using type = boost::numeric::odeint::runge_kutta4_classic<State, double, State, double, bundle_algebra>;
};

/// The fixed step a batched run takes over a bundle, fused: each part's whole step (Euler's one
/// stage, or RK4's four) is done before the next part's, by the fused step simulate() takes
/// (method::detail::fused_step: odeint's arithmetic in odeint's order, the stages in locals),
/// so a part's stages stay in registers instead of passing through memory once per stage for
/// the whole bundle as odeint's steppers over bundle_algebra do, and each lane computes what
/// the scalar path computes for its member. Each part's new state is also added into its
/// running sum (see accumulate), in accumulate's order. A stepper for detail::run_fixed:
/// do_step ignores the system run_fixed builds and calls the parts' own derivatives, with the
/// time point run_fixed would give them.
template <class Method, class PackModel, std::size_t K>
struct fused_bundle_stepper {
  using pack = typename PackModel::scalar_type;
  using pack_state = typename PackModel::state_type;
  static constexpr std::size_t N = std::tuple_size<pack_state>::value;

  const std::vector<PackModel>* models;
  std::array<pack, K>* sums;

  template <class System, class State>
  void do_step(System&&, State& x, double t, double dt) const {
    const double half = 0.5 * dt;
    const double jump_t = t + half;
    const method::detail::fused_step<Method, pack_state> step;
    GOALDRIFT_NO_UNROLL
    for (std::size_t k = 0; k < K; ++k) {
      const PackModel& m = (*models)[k];
      pack_state xs = x.part[k];
      step.do_step([&m, jump_t, half](const pack_state& xi, pack_state& dxdt,
                                      double ts) { m.rhs(xi, dxdt, time_point{ts, jump_t, half}); },
                   xs, t, dt);
      x.part[k] = xs;
      pack sum = (*sums)[k];
      for (std::size_t i = 0; i < N; ++i) sum = sum + xs[i];
      (*sums)[k] = sum;
    }
  }
};

/// Adds every variable of every part of `x` into that part's running sum: a lane whose state
/// is ever NaN or infinite leaves its sum non-finite for good (NaN and infinities survive any
/// sum), so one look at the sums after a run finds every lane that failed at any step. A sum
/// may also overflow with finite states; the caller's check of such a lane settles it.
template <class Pack, class PackState, std::size_t K>
void accumulate(std::array<Pack, K>& sums, const bundle_state<PackState, K>& x) {
  constexpr std::size_t N = std::tuple_size<PackState>::value;
  for (std::size_t v = 0; v < N; ++v) {
    for (std::size_t k = 0; k < K; ++k) sums[k] = sums[k] + x.part[k][v];
  }
}

/// K pack models as one model for detail::run_fixed: the derivative, the per-step projection
/// and the observation of each part are those of its own model.
template <class PackModel, std::size_t K>
struct bundle {
  using pack_state = typename PackModel::state_type;
  using state_type = bundle_state<pack_state, K>;
  static constexpr std::size_t parts = K;

  std::vector<PackModel> models;  // K of them

  void start(const run_context& c) {
    if constexpr (goaldrift::detail::has_start<PackModel>::value) {
      for (auto& m : models) m.start(c);
    }
  }
  state_type initial_state(double t0) const {
    state_type x;
    for (std::size_t k = 0; k < K; ++k) x.part[k] = models[k].initial_state(t0);
    return x;
  }
  void advance(state_type& x, const time_point& when) {
    if constexpr (goaldrift::detail::has_advance<PackModel>::value) {
      for (std::size_t k = 0; k < K; ++k) models[k].advance(x.part[k], when);
    }
  }
  void rhs(const state_type& x, state_type& dxdt, const time_point& when) const {
    GOALDRIFT_NO_UNROLL
    for (std::size_t k = 0; k < K; ++k) models[k].rhs(x.part[k], dxdt.part[k], when);
  }
};

}  // namespace goaldrift::ensemble::detail

namespace boost::numeric::odeint {
template <class PackState, std::size_t K>
struct is_resizeable<goaldrift::ensemble::detail::bundle_state<PackState, K>> {
  typedef boost::false_type type;
  static const bool value = false;
};
}  // namespace boost::numeric::odeint
