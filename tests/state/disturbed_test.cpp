// state::disturbed: the noise stock's analytic response, its size, and its run-time parameters.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include <goaldrift/goaldrift.hpp>
#include <goaldrift/noise.hpp>

namespace gd = goaldrift;

namespace {
// A state that does not act (action time 1e9) and feels no pressure, disturbed by `w`.
template <class W>
auto quiet_model(double sigma, double correlation_time, W w) {
  return gd::make_model(gd::state::disturbed(gd::state::actual(100.0, 1e9), sigma, correlation_time, std::move(w)),
                        gd::perception::instant{}, gd::goal::absolute(100.0), gd::input::constant(0.0));
}
}  // namespace

TEST_CASE("state::disturbed: a constant input w gives N = w (1 - exp(-t / tn)) and S = S0 + sigma * integral N") {
  const double w = 2.0, tn = 3.0, sigma = 0.5;
  const auto r = gd::simulate(quiet_model(sigma, tn, gd::input::constant(w)),
                              gd::run_options(0.0, 12.0, 0.01).saving_every(1.0), gd::method::rk4{});
  for (std::size_t i = 0; i < r.size(); ++i) {
    const double t = r.time()[i];
    const double n = w * (1.0 - std::exp(-t / tn));
    const double s = 100.0 + sigma * w * (t - tn * (1.0 - std::exp(-t / tn)));
    CHECK(r["state.disturbance"][i] == doctest::Approx(n).epsilon(1e-9));
    CHECK(r.actual()[i] == doctest::Approx(s).epsilon(1e-9));
  }
}

TEST_CASE("state::disturbed: white noise of sd sqrt(2 tn / dt) gives N a standard deviation near 1") {
  // N is the first-order smooth of held white noise: var N = sd^2 dt / (2 tn) to first order in
  // dt / tn, so with sd = sqrt(2 tn / dt) N has unit variance whatever dt is.
  for (const double dt : {0.25, 0.0625}) {
    const double tn = 2.0;
    const auto model = quiet_model(1.0, tn, gd::noise::white("w", 0.0, std::sqrt(2.0 * tn / dt), dt));
    const auto r = gd::simulate(model, gd::run_options(0.0, 20000.0, dt).saving_every(1.0), gd::method::euler{});
    const auto& n = r["state.disturbance"];
    const std::vector<double> tail(n.begin() + 100, n.end());  // past the start-up from N = 0
    const double mean = std::accumulate(tail.begin(), tail.end(), 0.0) / static_cast<double>(tail.size());
    double var = 0.0;
    for (double v : tail) var += (v - mean) * (v - mean);
    var /= static_cast<double>(tail.size() - 1);
    INFO("dt = " << dt << ", sd of N = " << std::sqrt(var));
    // Euler's smooth of held noise has variance dt/tn / (2 - dt/tn) * 2 tn / dt = 2 / (2 - dt / tn).
    CHECK(std::sqrt(var) == doctest::Approx(std::sqrt(2.0 / (2.0 - dt / tn))).epsilon(0.05));
  }
}

TEST_CASE("state::disturbed: a correlation_time changed after construction is the one the run uses") {
  // The part keeps 1 / correlation_time for speed; a study sets the public member after building
  // the model, so the run must take up the new value, bit for bit as if built with it.
  auto changed = quiet_model(0.5, 7.0, gd::input::constant(2.0));
  changed.state.correlation_time = 3.0;
  const auto built = quiet_model(0.5, 3.0, gd::input::constant(2.0));
  const auto options = gd::run_options(0.0, 10.0, 0.125).saving_every(1.0);
  const auto a = gd::simulate(changed, options, gd::method::rk4{});
  const auto b = gd::simulate(built, options, gd::method::rk4{});
  CHECK(a["state.disturbance"] == b["state.disturbance"]);
  CHECK(a.actual() == b.actual());
}

TEST_CASE("state::disturbed: its noise stock is named, and bad parameters are refused by name") {
  const auto model = quiet_model(1.0, 2.0, gd::input::constant(0.0));
  const auto names = model.state_names();
  CHECK(std::find(names.begin(), names.end(), "state.disturbance") != names.end());
  CHECK_THROWS_WITH_AS(quiet_model(-1.0, 2.0, gd::input::constant(0.0)),
                       doctest::Contains("goaldrift::state::disturbed: sigma"), gd::invalid_parameter);
  CHECK_THROWS_WITH_AS(quiet_model(1.0, 0.0, gd::input::constant(0.0)),
                       doctest::Contains("goaldrift::state::disturbed: correlation_time"), gd::invalid_parameter);
}
