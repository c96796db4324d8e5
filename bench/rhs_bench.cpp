// One evaluation of drift-noisy's right-hand side: goaldrift's composed model (state part,
// perception, goal policy, pressure and held noise) against the formulas written out by hand;
// for one member on double, and for eight members on a SIMD pack against an 8-lane loop.
#include <array>
#include <vector>

#include "compare.hpp"
#include "models.hpp"

namespace db = drift_bench;
namespace gd = goaldrift;

namespace {

constexpr std::size_t states = 256;  // distinct states per pass, so nothing is constant-folded
const gd::time_point when{1.25, 1.25 + 0.5 * db::dt, 0.5 * db::dt};

void rhs_scalar(benchmark::State& state) {
  auto model = db::noisy_factory{}(0.0);
  db::action_time(model) = 3.0;
  model.goal.adjustment_time = 9.0;
  std::vector<std::array<double, 4>> x(states), dx(states);
  for (std::size_t i = 0; i < states; ++i) x[i] = {100.0 - 0.1 * i, 99.0 + 0.05 * i, 100.0, 0.01 * i - 1.0};
  const double w = model.state.noise(when);  // the held noise the model reads at `when`
  const db::noisy_rhs f{3.0, 9.0, 2.0};
  db::compare(
      state, "call", static_cast<double>(states),
      [&] {
        for (std::size_t i = 0; i < states; ++i) model.rhs(x[i], dx[i], when);
        benchmark::DoNotOptimize(dx.data());
      },
      [&] {
        for (std::size_t i = 0; i < states; ++i) f(x[i].data(), w, dx[i].data());
        benchmark::DoNotOptimize(dx.data());
      });
}

void rhs_pack(benchmark::State& state) {
  using pack = gd::ensemble::default_pack;
  constexpr std::size_t L = pack::width;
  auto model = db::noisy_factory{}(pack{});
  db::action_time(model) = pack(3.0);
  model.goal.adjustment_time = pack(9.0);
  std::vector<std::array<pack, 4>> x(states), dx(states);
  std::vector<std::array<std::array<double, L>, 4>> xs(states), dxs(states);
  for (std::size_t i = 0; i < states; ++i) {
    for (std::size_t v = 0; v < 4; ++v) {
      for (std::size_t l = 0; l < L; ++l) {
        xs[i][v][l] = 100.0 - 0.1 * static_cast<double>(i + l) + static_cast<double>(v);
        gd::math::scalar_ops<pack>::set_lane(x[i][v], l, xs[i][v][l]);
      }
    }
  }
  const pack w = model.state.noise(when);
  std::array<double, L> wl;
  for (std::size_t l = 0; l < L; ++l) wl[l] = w[l];
  const double rta = 1.0 / 3.0, rtg = 1.0 / 9.0, u = 2.0;  // ta = 3, tg = 9, as reciprocals
  db::compare(
      state, "member_call", static_cast<double>(states * L),
      [&] {
        for (std::size_t i = 0; i < states; ++i) model.rhs(x[i], dx[i], when);
        benchmark::DoNotOptimize(dx.data());
      },
      [&] {
        for (std::size_t i = 0; i < states; ++i) {
          const auto& s = xs[i][0];
          const auto& p = xs[i][1];
          const auto& d = xs[i][2];
          const auto& n = xs[i][3];
          auto& out = dxs[i];
          for (std::size_t l = 0; l < L; ++l) {
            out[0][l] = (d[l] - p[l]) * rta - (u - db::sigma * n[l]);
            const double gap = s[l] - p[l];
            out[1][l] = gap * (gap < 0.0 ? db::bad_news_rate : db::good_news_rate);
            out[2][l] = (p[l] - d[l]) * rtg;
            out[3][l] = (wl[l] - n[l]) * db::noise_rate;
          }
        }
        benchmark::DoNotOptimize(dxs.data());
      });
}

}  // namespace

BENCHMARK(rhs_scalar)->Name("rhs/drift_noisy/double")->UseManualTime();
BENCHMARK(rhs_pack)->Name("rhs/drift_noisy/pack")->UseManualTime();
