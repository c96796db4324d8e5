// Test functions of sensitivity analysis (Ishigami, linear, Sobol' G) as goaldrift models, so
// that their indices come through the same machinery as a model's: a study, its design, and
// ensemble::run. The function's value is the model's pressure, an input that reads the
// parameters x[0..7]; the outcome "y" is its value at the end of one Euler step.
#pragma once

#include <array>
#include <cmath>
#include <string>

#include <goaldrift/sensitivity.hpp>

namespace support {

using point = std::array<double, 8>;

struct function_input {
  using value_type = double;
  point x{};
  double (*f)(const point&) = nullptr;
  double operator()(const goaldrift::time_point&) const { return f(x); }
};

inline auto function_model(double (*f)(const point&)) {
  namespace gd = goaldrift;
  return gd::make_model(gd::state::actual(0.0, 1.0), gd::perception::smooth(1.0), gd::goal::absolute(0.0),
                        function_input{{}, f});
}
using function_model_type = decltype(function_model(nullptr));
using function_study = goaldrift::ensemble::study<function_model_type>;

/// Adds parameter x[i] under `name`, drawn from `d`.
template <class Distribution>
void vary_x(function_study& s, const std::string& name, std::size_t i, Distribution d) {
  s.vary(name, d, [i](auto& m) -> double& { return m.pressure.x[i]; });
}

inline goaldrift::run_options one_step() { return goaldrift::run_options(0.0, 1.0, 1.0); }

inline goaldrift::ensemble::options function_options(std::uint64_t seed) {
  goaldrift::ensemble::options o;
  o.seed = seed;
  o.variables = {"S"};
  o.outcomes = {goaldrift::outcome::final_value("pressure").named("y")};
  return o;
}

inline constexpr double pi = 3.141592653589793;

/// Ishigami and Homma (1990), a = 7, b = 0.1, on x ~ U(-pi, pi)^3.
inline double ishigami(const point& x) {
  return std::sin(x[0]) + 7.0 * std::sin(x[1]) * std::sin(x[1]) + 0.1 * std::pow(x[2], 4) * std::sin(x[0]);
}
inline function_study ishigami_study() {
  function_study s(function_model(ishigami));
  for (std::size_t i = 0; i < 3; ++i) {
    vary_x(s, "x" + std::to_string(i + 1), i, goaldrift::distribution::uniform(-pi, pi));
  }
  return s;
}
/// Its indices, from the variances V1 = b pi^4/5 + b^2 pi^8/50 + 1/2, V2 = a^2/8,
/// V13 = b^2 pi^8 (1/18 - 1/50), V = V1 + V2 + V13.
struct ishigami_truth {
  double v1, v2, v13, v;
  ishigami_truth() {
    const double a = 7.0, b = 0.1, pi4 = std::pow(pi, 4), pi8 = std::pow(pi, 8);
    v1 = b * pi4 / 5.0 + b * b * pi8 / 50.0 + 0.5;
    v2 = a * a / 8.0;
    v13 = b * b * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
    v = v1 + v2 + v13;
  }
  std::array<double, 3> first() const { return {v1 / v, v2 / v, 0.0}; }
  std::array<double, 3> total() const { return {(v1 + v13) / v, v2 / v, v13 / v}; }
};

}  // namespace support
