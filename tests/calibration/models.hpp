// Models and synthetic data for the calibration tests.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <goaldrift/calibration.hpp>
#include <goaldrift/goaldrift.hpp>
#include <goaldrift/random/philox.hpp>

namespace calibration_models {

namespace gd = goaldrift;
namespace cal = goaldrift::calibration;

/// Meadows' eroding goal: a goal floating toward a pessimistic memory of performance, under a
/// steady pressure of 1 a month.
inline auto eroding() {
  return [](auto zero) {
    using T = decltype(zero);
    return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::asymmetric(T(1.0), T(6.0)),
                          gd::goal::floating(T(100.0), T(12.0), gd::goal::remembered(T(1.0), T(12.0))),
                          gd::input::constant(T(1.0)));
  };
}

/// A linear model: smoothed perception, a goal floating toward it, constant pressure. Its
/// trajectory is affine in the initial states and the pressure.
inline auto linear() {
  return [](auto zero) {
    using T = decltype(zero);
    return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::smooth(T(2.0)),
                          gd::goal::floating(T(100.0), T(12.0)), gd::input::constant(T(1.0)));
  };
}

/// Ten years, quarter-month Euler steps, saved every month.
inline gd::run_options monthly() { return gd::run_options(0.0, 120.0, 0.25).saving_every(1.0); }

/// Standard normal number i of stream `seed` (Philox: the same on every platform).
inline double normal(std::uint64_t seed, std::uint64_t i) {
  return gd::random::normal(gd::random::philox_key(seed, gd::random::domain::noise, gd::random::stream_id("calibration test")), i, 0);
}

/// `variable` of `model` at months 1..120 plus Gaussian noise of standard deviation `sd`
/// (AR(1) with correlation `rho` when rho > 0), every `gap`-th month missing (none for 0).
template <class Model>
cal::observations synthetic(const Model& model, double sd, std::uint64_t seed, std::size_t gap = 0,
                            const std::string& variable = "S", double rho = 0.0) {
  const auto run = gd::simulate(model, monthly(), gd::method::euler{});
  std::vector<double> times;
  std::vector<double> values;
  double e = 0.0;
  for (std::size_t i = 1; i < run.size(); ++i) {
    const double z = normal(seed, i);
    e = i == 1 ? z : rho * e + std::sqrt(1.0 - rho * rho) * z;
    times.push_back(run.time()[i]);
    values.push_back(gap > 0 && i % gap == 0 ? NAN : run[variable][i] + sd * e);
  }
  cal::observations data(times);
  data.add(variable, values);
  return data;
}

}  // namespace calibration_models
