// Calibration speed: fitting four parameters of the eroding model to 120 monthly observations
// with automatic derivatives (ceres::Jet through the parts), beside the same fit with central
// differences. One start without profiles is the fit itself; eight starts with profile
// intervals is what calibrate() does by default. Single-threaded.
#include <benchmark/benchmark.h>

#include <cmath>
#include <vector>

#include <goaldrift/calibration.hpp>
#include <goaldrift/goaldrift.hpp>
#include <goaldrift/random/philox.hpp>

namespace {

namespace gd = goaldrift;
namespace cal = goaldrift::calibration;

auto eroding() {
  return [](auto zero) {
    using T = decltype(zero);
    return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::asymmetric(T(1.0), T(6.0)),
                          gd::goal::floating(T(100.0), T(12.0), gd::goal::remembered(T(1.0), T(12.0))),
                          gd::input::constant(T(1.0)));
  };
}

gd::run_options monthly() { return gd::run_options(0.0, 120.0, 0.25).saving_every(1.0); }

/// S at months 1..120 with measurement noise of sd 0.5.
const cal::observations& data() {
  static const cal::observations d = [] {
    const auto run = gd::simulate(eroding()(0.0), monthly(), gd::method::euler{});
    const auto key = gd::random::philox_key(7, gd::random::domain::noise, gd::random::stream_id("calibration bench"));
    std::vector<double> times;
    std::vector<double> s;
    for (std::size_t i = 1; i < run.size(); ++i) {
      times.push_back(run.time()[i]);
      s.push_back(run["S"][i] + 0.5 * gd::random::normal(key, i, 0));
    }
    cal::observations out(times);
    out.add("S", s);
    return out;
  }();
  return d;
}

auto problem() {
  cal::problem p(eroding(), monthly());
  p.fit("goal.adjustment_time", 1.0, 100.0, 20.0)
      .fit("state.action_time", 0.5, 50.0, 2.0)
      .fit("pressure.value", -5.0, 5.0, 0.5)
      .fit("goal.signal.bad_news_time", 0.5, 10.0, 3.0);
  return p;
}

void fit(benchmark::State& state, cal::derivatives how, bool full) {
  const auto p = problem();
  cal::options o;
  o.derivatives = how;
  o.threads = 1;
  if (!full) {
    o.starts = 1;
    o.profile = false;
  }
  double goal_time = 0.0;
  for (auto _ : state) {
    const auto r = cal::calibrate(p, data(), o);
    goal_time = r.value("goal.adjustment_time");
    benchmark::DoNotOptimize(goal_time);
  }
  state.counters["goal_time"] = goal_time;
}

void calibration_fit4_automatic(benchmark::State& s) { fit(s, cal::derivatives::automatic, false); }
void calibration_fit4_numeric(benchmark::State& s) { fit(s, cal::derivatives::numeric, false); }
void calibration_fit4_automatic_8starts_profiles(benchmark::State& s) { fit(s, cal::derivatives::automatic, true); }
void calibration_fit4_numeric_8starts_profiles(benchmark::State& s) { fit(s, cal::derivatives::numeric, true); }

}  // namespace

BENCHMARK(calibration_fit4_automatic)->Name("calibration/fit4_automatic")->Unit(benchmark::kMillisecond);
BENCHMARK(calibration_fit4_numeric)->Name("calibration/fit4_numeric")->Unit(benchmark::kMillisecond);
BENCHMARK(calibration_fit4_automatic_8starts_profiles)
    ->Name("calibration/fit4_automatic_8starts_profiles")
    ->Unit(benchmark::kMillisecond);
BENCHMARK(calibration_fit4_numeric_8starts_profiles)->Name("calibration/fit4_numeric_8starts_profiles")->Unit(benchmark::kMillisecond);
