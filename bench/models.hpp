// The benchmark's models, each written twice: with goaldrift's parts, and by hand.
//
// "drift-noisy" (the canonical Monte Carlo model):
//   S' = (D - P)/ta - u + sigma N      P' = (S - P)/tp, tp = 1 if S < P else 6
//   D' = (P - D)/tg                    N' = (w - N)/tn, tn = 2, sigma = 3
// with w white noise held over each step of dt = 0.125 (sd sqrt(2 tn / dt)), S = P = D = 100,
// N = 0, and per member ta ~ U(2, 6), tg ~ U(5, 20), u ~ U(1, 3). "drift" is the same model
// without N. The hand-written versions draw the same parameters and the same noise (the same
// Philox coordinates) with bench/independent.hpp's own generator and Box-Muller, which share no
// code with goaldrift, and use the same formulas, so both compute the same numbers to rounding;
// tests/bench/crosscheck_test.cpp holds them to it. They differ only in how the work is
// organised, which is what the benchmarks measure. The fastest baselines, one fused loop per
// step over a batch, are in independent.hpp itself.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include <goaldrift/ensemble.hpp>

#include "independent.hpp"

namespace drift_bench {

namespace gd = goaldrift;
namespace ens = goaldrift::ensemble;

constexpr double dt = 0.125;
constexpr double t_end = 200.0;  // 1600 steps of dt
constexpr std::size_t steps = 1600;
constexpr double noise_time = 2.0;  // tn
constexpr double sigma = 3.0;
constexpr double bad_news_time = 1.0;
constexpr double good_news_time = 6.0;
constexpr double initial = 100.0;
inline double noise_sd(double step = dt) { return std::sqrt(2.0 * noise_time / step); }
constexpr const char* noise_stream = "w";

/// drift-noisy as a goaldrift factory: the model for any scalar type (double or a SIMD pack).
struct noisy_factory {
  double step = dt;  // the noise interval, held over each step
  template <class T>
  auto operator()(T) const {
    namespace p = gd::perception;
    return gd::make_model(gd::state::disturbed(gd::state::actual(T(initial), T(4.0)), T(sigma), T(noise_time),
                                               gd::noise::white<T>(noise_stream, T(0.0), T(noise_sd(step)), step)),
                          p::asymmetric(T(bad_news_time), T(good_news_time)), gd::goal::floating(T(initial), T(12.0)),
                          gd::input::constant<T>(T(2.0)));
  }
};

/// drift (no noise) as a goaldrift factory.
struct quiet_factory {
  template <class T>
  auto operator()(T) const {
    namespace p = gd::perception;
    return gd::make_model(gd::state::actual(T(initial), T(4.0)), p::asymmetric(T(bad_news_time), T(good_news_time)),
                          gd::goal::floating(T(initial), T(12.0)), gd::input::constant<T>(T(2.0)));
  }
};

template <class Model>
auto& action_time(Model& m) {
  if constexpr (Model::state_part_size == 2) {
    return m.state.inner.corrective.action_time;  // disturbed(actual)
  } else {
    return m.state.corrective.action_time;
  }
}

/// The study: ta, tg and u uncertain, drawn by name from the study's seed.
template <class Factory, class Pack = ens::default_pack>
ens::study<Factory, Pack> make_study(Factory f = {}) {
  namespace dist = gd::distribution;
  ens::study<Factory, Pack> s(f);
  s.vary("ta", dist::uniform(2.0, 6.0), [](auto& m) -> auto& { return action_time(m); });
  s.vary("tg", dist::uniform(5.0, 20.0), [](auto& m) -> auto& { return m.goal.adjustment_time; });
  s.vary("u", dist::uniform(1.0, 3.0), [](auto& m) -> auto& { return m.pressure.value; });
  return s;
}

/// One member's parameters, as the study draws them, drawn by bench/independent.hpp (the
/// study only says how many members there are, which an independent design does not use).
struct parameters {
  double ta, tg, u;
};
template <class Study>
parameters member_parameters(const Study&, std::uint64_t member, std::uint64_t, std::uint64_t seed) {
  const independent::member_parameters p(seed, member);
  return {p.ta, p.tg, p.u};
}

/// The Philox key white noise named `noise_stream` draws with in a study seeded `seed`.
inline std::uint64_t noise_key(std::uint64_t seed) { return independent::noise_key(seed); }

/// The two normals of Philox block `pair` for `member`, by independent.hpp's generator.
inline std::array<double, 2> normal_pair(std::uint64_t key, std::uint64_t pair, std::uint64_t member) {
  std::array<double, 2> z;
  independent::normal_pair(key, pair, member, z[0], z[1]);
  return z;
}

// ---- hand-written: one member at a time ---------------------------------------------------

// The hand-written loops multiply by reciprocals computed once, as a programmer who knows that
// a division is the costliest operation of the loop writes them (and as goaldrift's parts do).
constexpr double bad_news_rate = 1.0 / bad_news_time;
constexpr double good_news_rate = 1.0 / good_news_time;
constexpr double noise_rate = 1.0 / noise_time;

/// The derivative of drift-noisy at (s, p, d, n) with held noise w.
struct noisy_rhs {
  double rta, rtg, u;  // 1 / ta, 1 / tg
  noisy_rhs(double ta, double tg, double pressure) : rta(1.0 / ta), rtg(1.0 / tg), u(pressure) {}
  void operator()(const double* x, double w, double* dx) const {
    const double s = x[0], p = x[1], d = x[2], n = x[3];
    dx[0] = (d - p) * rta - (u - sigma * n);
    const double gap = s - p;
    dx[1] = gap * (gap < 0.0 ? bad_news_rate : good_news_rate);
    dx[2] = (p - d) * rtg;
    dx[3] = (w - n) * noise_rate;
  }
};

/// One classical RK4 step of `f` (x, w, dx) from x with step h, as odeint orders the arithmetic.
template <std::size_t N, class F>
void rk4_step(std::array<double, N>& x, double w, double h, const F& f) {
  std::array<double, N> k1, k2, k3, k4, y;
  f(x.data(), w, k1.data());
  for (std::size_t i = 0; i < N; ++i) y[i] = x[i] + 0.5 * h * k1[i];
  f(y.data(), w, k2.data());
  for (std::size_t i = 0; i < N; ++i) y[i] = x[i] + 0.5 * h * k2[i];
  f(y.data(), w, k3.data());
  for (std::size_t i = 0; i < N; ++i) y[i] = x[i] + h * k3[i];
  f(y.data(), w, k4.data());
  for (std::size_t i = 0; i < N; ++i) x[i] = x[i] + h / 6.0 * k1[i] + h / 3.0 * k2[i] + h / 3.0 * k3[i] + h / 6.0 * k4[i];
}

template <std::size_t N, class F>
void euler_step(std::array<double, N>& x, double w, double h, const F& f) {
  std::array<double, N> k;
  f(x.data(), w, k.data());
  for (std::size_t i = 0; i < N; ++i) x[i] = x[i] + h * k[i];
}

/// drift-noisy for one member with RK4 (or Euler), `steps` steps of `h`: returns the final
/// state; with `saves`, also appends every `save_every` steps the row simulate() records
/// (t, S, P, D, the action, the pressure, the state variables).
template <bool Euler = false>
std::array<double, 4> noisy_member(const parameters& q, std::uint64_t member, std::uint64_t seed,
                                   std::size_t n_steps = steps, double h = dt, std::vector<double>* saves = nullptr,
                                   std::size_t save_every = 8) {
  const noisy_rhs f{q.ta, q.tg, q.u};
  const std::uint64_t key = noise_key(seed);
  const double scale = noise_sd(h);
  std::array<double, 4> x{initial, initial, initial, 0.0};
  std::array<double, 2> z{};
  for (std::size_t k = 0;; ++k) {
    if (saves != nullptr && k % save_every == 0) {  // what simulate() records: t, S, P, D, action, pressure, state
      saves->insert(saves->end(), {static_cast<double>(k) * h, x[0], x[1], x[2], (x[2] - x[1]) * f.rta, q.u, x[0], x[3],
                                   x[1], x[2]});
    }
    if (k == n_steps) break;
    if (k % 2 == 0) z = normal_pair(key, k / 2, member);
    const double w = 0.0 + scale * z[k % 2];
    if constexpr (Euler) {
      euler_step(x, w, h, f);
    } else {
      rk4_step(x, w, h, f);
    }
  }
  return x;
}

/// The derivative of drift at (s, p, d).
struct quiet_rhs {
  double rta, rtg, u;  // 1 / ta, 1 / tg
  quiet_rhs(double ta, double tg, double pressure) : rta(1.0 / ta), rtg(1.0 / tg), u(pressure) {}
  void operator()(const double* x, double, double* dx) const {
    const double s = x[0], p = x[1], d = x[2];
    dx[0] = (d - p) * rta - u;
    const double gap = s - p;
    dx[1] = gap * (gap < 0.0 ? bad_news_rate : good_news_rate);
    dx[2] = (p - d) * rtg;
  }
};

/// drift for one member, RK4 or Euler: the final state.
template <bool Euler = false>
std::array<double, 3> quiet_member(const parameters& q, std::size_t n_steps = steps, double h = dt,
                                   std::vector<double>* saves = nullptr, std::size_t save_every = 8) {
  const quiet_rhs f{q.ta, q.tg, q.u};
  std::array<double, 3> x{initial, initial, initial};
  for (std::size_t k = 0;; ++k) {
    if (saves != nullptr && k % save_every == 0) {
      saves->insert(saves->end(),
                    {static_cast<double>(k) * h, x[0], x[1], x[2], (x[2] - x[1]) * f.rta, q.u, x[0], x[1], x[2]});
    }
    if (k == n_steps) break;
    if constexpr (Euler) {
      euler_step(x, 0.0, h, f);
    } else {
      rk4_step(x, 0.0, h, f);
    }
  }
  return x;
}

// ---- hand-written: W members at a time, structure of arrays --------------------------------

/// drift-noisy (or drift, with Noisy = false) for members ids[0..W) with RK4 over arrays of W
/// lanes, one pass over the lanes per RK4 stage as odeint's stepper makes them (independent.hpp
/// has the faster fused loop); the noise of all W members is drawn in one loop every other
/// step. Writes each member's final S.
template <std::size_t W, bool Noisy = true, bool Euler = false>
void batch_members(const std::array<parameters, W>& q, const std::array<std::uint64_t, W>& ids, std::uint64_t seed,
                   double* final_s, std::size_t n_steps = steps, double h = dt) {
  alignas(64) std::array<double, W> S, P, D, N, rta, rtg, u, w, z0, z1;  // rta = 1 / ta, rtg = 1 / tg
  alignas(64) std::array<std::array<double, W>, 4> k1, k2, k3, k4, y;
  for (std::size_t i = 0; i < W; ++i) {
    S[i] = P[i] = D[i] = initial;
    N[i] = 0.0;
    rta[i] = 1.0 / q[i].ta;
    rtg[i] = 1.0 / q[i].tg;
    u[i] = q[i].u;
    w[i] = 0.0;
  }
  const std::uint64_t key = noise_key(seed);
  const double scale = noise_sd(h);
  auto f = [&](const double* s, const double* p, const double* d, const double* n, double* ds, double* dp, double* dd,
               double* dn) {
    for (std::size_t i = 0; i < W; ++i) {
      if constexpr (Noisy) {
        ds[i] = (d[i] - p[i]) * rta[i] - (u[i] - sigma * n[i]);
        dn[i] = (w[i] - n[i]) * noise_rate;
      } else {
        ds[i] = (d[i] - p[i]) * rta[i] - u[i];
      }
      const double gap = s[i] - p[i];
      dp[i] = gap * (gap < 0.0 ? bad_news_rate : good_news_rate);
      dd[i] = (p[i] - d[i]) * rtg[i];
    }
  };
  auto stage = [&](auto& k, double a) {
    for (std::size_t i = 0; i < W; ++i) {
      y[0][i] = S[i] + a * k[0][i];
      y[1][i] = P[i] + a * k[1][i];
      y[2][i] = D[i] + a * k[2][i];
      if constexpr (Noisy) y[3][i] = N[i] + a * k[3][i];
    }
  };
  for (std::size_t k = 0; k < n_steps; ++k) {
    if constexpr (Noisy) {
      if (k % 2 == 0) {
        for (std::size_t i = 0; i < W; ++i) independent::normal_pair(key, k / 2, ids[i], z0[i], z1[i]);
      }
      const auto& z = k % 2 == 0 ? z0 : z1;
      for (std::size_t i = 0; i < W; ++i) w[i] = 0.0 + scale * z[i];
    }
    f(S.data(), P.data(), D.data(), N.data(), k1[0].data(), k1[1].data(), k1[2].data(), k1[3].data());
    if constexpr (Euler) {
      for (std::size_t i = 0; i < W; ++i) {
        S[i] = S[i] + h * k1[0][i];
        P[i] = P[i] + h * k1[1][i];
        D[i] = D[i] + h * k1[2][i];
        if constexpr (Noisy) N[i] = N[i] + h * k1[3][i];
      }
      continue;
    }
    stage(k1, 0.5 * h);
    f(y[0].data(), y[1].data(), y[2].data(), y[3].data(), k2[0].data(), k2[1].data(), k2[2].data(), k2[3].data());
    stage(k2, 0.5 * h);
    f(y[0].data(), y[1].data(), y[2].data(), y[3].data(), k3[0].data(), k3[1].data(), k3[2].data(), k3[3].data());
    stage(k3, h);
    f(y[0].data(), y[1].data(), y[2].data(), y[3].data(), k4[0].data(), k4[1].data(), k4[2].data(), k4[3].data());
    const double a = h / 6.0, b = h / 3.0;
    for (std::size_t i = 0; i < W; ++i) {
      S[i] = S[i] + a * k1[0][i] + b * k2[0][i] + b * k3[0][i] + a * k4[0][i];
      P[i] = P[i] + a * k1[1][i] + b * k2[1][i] + b * k3[1][i] + a * k4[1][i];
      D[i] = D[i] + a * k1[2][i] + b * k2[2][i] + b * k3[2][i] + a * k4[2][i];
      if constexpr (Noisy) N[i] = N[i] + a * k1[3][i] + b * k2[3][i] + b * k3[3][i] + a * k4[3][i];
    }
  }
  for (std::size_t i = 0; i < W; ++i) final_s[i] = S[i];
}

/// Members [first, first + count) of a study of `members`, W at a time (the last group padded
/// with repeats of its first member): each member's final S in final_s[member - first].
template <std::size_t W, bool Noisy = true, bool Euler = false, class Study>
void batch_range(const Study& s, std::uint64_t first, std::uint64_t count, std::uint64_t members, std::uint64_t seed,
                 double* final_s, std::size_t n_steps = steps, double h = dt) {
  std::array<double, W> out;
  for (std::uint64_t g = first; g < first + count; g += W) {
    std::array<parameters, W> q;
    std::array<std::uint64_t, W> ids;
    for (std::size_t i = 0; i < W; ++i) {
      ids[i] = g + i < first + count ? g + i : g;
      q[i] = member_parameters(s, ids[i], members, seed);
    }
    batch_members<W, Noisy, Euler>(q, ids, seed, out.data(), n_steps, h);
    for (std::size_t i = 0; i < W && g + i < first + count; ++i) final_s[g + i - first] = out[i];
  }
}

}  // namespace drift_bench
