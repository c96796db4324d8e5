// One trajectory on the scalar path: goaldrift's simulate() against a hand-written loop of the
// same method; both record the same row (t, S, P, D, the action, the pressure and every state
// variable) every unit of time: 201 rows.
#include <array>
#include <vector>

#include <boost/numeric/odeint/integrate/integrate_times.hpp>

#include "compare.hpp"
#include "models.hpp"

namespace db = drift_bench;
namespace odeint = boost::numeric::odeint;

namespace {

constexpr std::uint64_t seed = 11;
constexpr std::uint64_t member = 5;

template <class Factory>
auto member_model() {
  const auto s = db::make_study<Factory>();
  return s.member_model(s.sample(member, 100, goaldrift::ensemble::design::independent, seed), member, seed);
}

const goaldrift::run_options grid = goaldrift::run_options(0.0, db::t_end, db::dt).saving_every(1.0);

template <class Method, bool Euler>
void trajectory_noisy(benchmark::State& state) {
  const auto model = member_model<db::noisy_factory>();
  const auto s = db::make_study<db::noisy_factory>();
  const auto q = db::member_parameters(s, member, 100, seed);
  std::vector<double> saves;
  db::compare(
      state, "step", static_cast<double>(db::steps),
      [&] { benchmark::DoNotOptimize(goaldrift::simulate(model, grid, Method{})); },
      [&] {
        saves.clear();
        benchmark::DoNotOptimize(db::noisy_member<Euler>(q, member, seed, db::steps, db::dt, &saves));
        benchmark::DoNotOptimize(saves.data());
      });
}

template <class Method, bool Euler>
void trajectory_quiet(benchmark::State& state) {
  const auto model = member_model<db::quiet_factory>();
  const auto q = db::member_parameters(db::make_study<db::quiet_factory>(), member, 100, seed);
  std::vector<double> saves;
  db::compare(
      state, "step", static_cast<double>(db::steps),
      [&] { benchmark::DoNotOptimize(goaldrift::simulate(model, grid, Method{})); },
      [&] {
        saves.clear();
        benchmark::DoNotOptimize(db::quiet_member<Euler>(q, db::steps, db::dt, &saves));
        benchmark::DoNotOptimize(saves.data());
      });
}

// dopri5 with dense output on the save grid, tolerances 1e-9 as run_options' defaults: the
// baseline drives odeint itself with the hand-written right-hand side.
void trajectory_quiet_dopri5(benchmark::State& state) {
  const auto model = member_model<db::quiet_factory>();
  const auto q = db::member_parameters(db::make_study<db::quiet_factory>(), member, 100, seed);
  using state_type = std::array<double, 3>;
  std::vector<double> times;
  for (int j = 0; j <= 200; ++j) times.push_back(j);
  std::vector<double> saves;
  std::size_t steps = 0;
  const db::quiet_rhs f{q.ta, q.tg, q.u};
  db::compare(
      state, "run", 1.0,
      [&] { benchmark::DoNotOptimize(goaldrift::simulate(model, grid, goaldrift::method::dopri5{})); },
      [&] {
        saves.clear();
        state_type x{db::initial, db::initial, db::initial};
        steps = odeint::integrate_times(
            odeint::make_dense_output(grid.abs_tolerance, grid.rel_tolerance, odeint::runge_kutta_dopri5<state_type>()),
            [&](const state_type& y, state_type& dy, double) { f(y.data(), 0.0, dy.data()); }, x, times.begin(),
            times.end(), db::dt, [&](const state_type& y, double t) { saves.insert(saves.end(), {t, y[0], y[1], y[2]}); });
        benchmark::DoNotOptimize(saves.data());
      });
  state.counters["baseline_steps"] = static_cast<double>(steps);
}

}  // namespace

BENCHMARK(trajectory_noisy<goaldrift::method::euler, true>)->Name("trajectory/drift_noisy/euler")->UseManualTime();
BENCHMARK(trajectory_noisy<goaldrift::method::rk4, false>)->Name("trajectory/drift_noisy/rk4")->UseManualTime();
BENCHMARK(trajectory_quiet<goaldrift::method::euler, true>)->Name("trajectory/drift/euler")->UseManualTime();
BENCHMARK(trajectory_quiet<goaldrift::method::rk4, false>)->Name("trajectory/drift/rk4")->UseManualTime();
BENCHMARK(trajectory_quiet_dopri5)->Name("trajectory/drift/dopri5")->UseManualTime();
