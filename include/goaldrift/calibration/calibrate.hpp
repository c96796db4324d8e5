// calibrate(): maximum-likelihood estimates of a problem's parameters from observed series,
// with Ceres Solver's Levenberg-Marquardt from several starts, standard errors, profile
// intervals, an identifiability check and tests of the residuals.
#pragma once

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <limits>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <Eigen/Dense>
#include "detail/ceres_solver.hpp"

#include "../ensemble/design.hpp"
#include "../random/philox.hpp"
#include "../simulate.hpp"
#include "detail/statistics.hpp"
#include "observations.hpp"
#include "problem.hpp"
#include "result.hpp"

namespace goaldrift::calibration {

/// How calibrate() searches and what it reports.
struct options {
  /// Starting points: the problem's start, then starts - 1 more from a Latin hypercube over
  /// the bounds (on a log scale for a positive range spanning a factor of 100 or more). More
  /// than one needs finite bounds.
  std::size_t starts = 8;
  /// Seeds the Latin hypercube: the same seed gives the same starts.
  std::uint64_t seed = 1;
  /// Threads for the starts and the profiles; 0 for every hardware thread. Results do not
  /// depend on it.
  unsigned threads = 1;
  /// The confidence level of the intervals.
  double level = 0.95;
  /// Whether to compute likelihood-ratio (profile) intervals.
  bool profile = true;
  /// The parameters to profile (paths); empty for every fitted parameter.
  std::vector<std::string> profiled;
  calibration::derivatives derivatives = calibration::derivatives::automatic;
  /// Levenberg-Marquardt iterations per fit.
  int max_iterations = 200;
  /// Relative tolerance of the optimiser on the parameters' step and the cost's decrease.
  double tolerance = 1e-12;
  /// Singular values of the Jacobian (columns scaled by the estimates) below this fraction of
  /// the largest mark a direction the data do not fix: its parameters are not identifiable.
  double flat_direction = 1e-6;
};

namespace detail {

inline constexpr const char* calibrate_component = "goaldrift::calibration::calibrate";

/// The cost Ceres minimises, 1/2 sum r_i^2, over the free parameters: the others are held at
/// the values in `full`.
template <class Evaluator>
class cost_function final : public ceres::CostFunction {
 public:
  cost_function(const Evaluator& e, std::vector<double> full, std::vector<std::size_t> free, derivatives how)
      : e_(e), full_(std::move(full)), free_(std::move(free)), how_(how) {
    set_num_residuals(static_cast<int>(e_.residuals()));
    mutable_parameter_block_sizes()->push_back(static_cast<int>(free_.size()));
  }

  bool Evaluate(double const* const* parameters, double* residuals, double** jacobians) const override {
    std::vector<double> theta = full_;
    for (std::size_t i = 0; i < free_.size(); ++i) theta[free_[i]] = parameters[0][i];
    if (jacobians == nullptr || jacobians[0] == nullptr) return e_.residuals(theta.data(), residuals);
    const std::size_t n = e_.residuals();
    const std::size_t k = e_.parameters();
    std::vector<double> jac(n * k);
    if (!e_.jacobian(theta.data(), residuals, jac.data(), how_)) return false;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < free_.size(); ++j) jacobians[0][i * free_.size() + j] = jac[i * k + free_[j]];
    }
    return true;
  }

 private:
  const Evaluator& e_;
  std::vector<double> full_;
  std::vector<std::size_t> free_;
  derivatives how_;
};

/// -2 log L as a sum of squares over the free parameters and the logarithms s_g of the
/// estimated error scales: the residuals sqrt(w_i) e_i exp(-s_g) (or e_i / scale for a known
/// scale) and one more per group, sqrt(2 n_g (s_g - s_floor_g)), whose square adds the
/// 2 n_g log sigma_g of the Gaussian likelihood. Minimising it fits the parameters and every
/// scale at once, which alternating between them did only slowly where the parameters trade
/// one series' fit for another's.
template <class Evaluator>
class joint_cost final : public ceres::CostFunction {
 public:
  joint_cost(const Evaluator& e, std::vector<double> full, std::vector<std::size_t> free, std::vector<double> floors,
             derivatives how)
      : e_(e), full_(std::move(full)), free_(std::move(free)), floors_(std::move(floors)), how_(how) {
    counts_.assign(e_.groups(), 0);
    for (std::size_t i = 0; i < e_.residuals(); ++i) {
      const std::size_t s = e_.series_of(i);
      if (!e_.known_scale(s)) ++counts_[e_.group_of(s)];
    }
    set_num_residuals(static_cast<int>(e_.residuals() + e_.groups()));
    mutable_parameter_block_sizes()->push_back(static_cast<int>(free_.size()));
    mutable_parameter_block_sizes()->push_back(static_cast<int>(e_.groups()));
  }

  bool Evaluate(double const* const* parameters, double* residuals, double** jacobians) const override {
    const std::size_t n = e_.residuals();
    const std::size_t k = e_.parameters();
    const std::size_t groups = e_.groups();
    std::vector<double> theta = full_;
    for (std::size_t i = 0; i < free_.size(); ++i) theta[free_[i]] = parameters[0][i];
    const double* s = parameters[1];
    const bool want = jacobians != nullptr;
    std::vector<double> values(n);
    std::vector<double> jac(want && jacobians[0] != nullptr ? n * k : 0);
    if (jac.empty()) {
      if (!e_.predict(theta.data(), values.data())) return false;
    } else if (!e_.sensitivities(theta.data(), values.data(), jac.data(), how_)) {
      return false;
    }
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t series = e_.series_of(i);
      const bool known = e_.known_scale(series);
      const std::size_t g = known ? 0 : e_.group_of(series);
      const double factor = known ? 1.0 / e_.error_scale(series) : std::sqrt(e_.weight(series)) * std::exp(-s[g]);
      residuals[i] = factor * (values[i] - e_.observed(i));
      if (!want) continue;
      if (jacobians[0] != nullptr) {
        for (std::size_t j = 0; j < free_.size(); ++j) jacobians[0][i * free_.size() + j] = factor * jac[i * k + free_[j]];
      }
      if (jacobians[1] != nullptr) {
        for (std::size_t q = 0; q < groups; ++q) jacobians[1][i * groups + q] = !known && q == g ? -residuals[i] : 0.0;
      }
    }
    for (std::size_t g = 0; g < groups; ++g) {
      const double above = s[g] - floors_[g];
      if (!(above > 0.0)) return false;
      const double rho = std::sqrt(2.0 * static_cast<double>(counts_[g]) * above);
      residuals[n + g] = rho;
      if (!want) continue;
      if (jacobians[0] != nullptr) {
        for (std::size_t j = 0; j < free_.size(); ++j) jacobians[0][(n + g) * free_.size() + j] = 0.0;
      }
      if (jacobians[1] != nullptr) {
        for (std::size_t q = 0; q < groups; ++q) {
          jacobians[1][(n + g) * groups + q] = q == g ? static_cast<double>(counts_[g]) / rho : 0.0;
        }
      }
    }
    return true;
  }

 private:
  const Evaluator& e_;
  std::vector<double> full_;
  std::vector<std::size_t> free_;
  std::vector<double> floors_;
  std::vector<std::size_t> counts_;
  derivatives how_;
};

/// Levenberg-Marquardt as calibrate() runs it: dense QR, silent, one thread, the options'
/// tolerances.
inline ceres::Solver::Options solver_options(const options& o) {
  ceres::Solver::Options so;
  so.linear_solver_type = ceres::DENSE_QR;
  so.max_num_iterations = o.max_iterations;
  so.function_tolerance = o.tolerance;
  so.parameter_tolerance = o.tolerance;
  so.gradient_tolerance = o.tolerance * 1e-2;
  so.logging_type = ceres::SILENT;
  so.minimizer_progress_to_stdout = false;
  so.num_threads = 1;
  return so;
}

/// How one solve ended.
struct solution {
  std::vector<double> theta;
  int iterations = 0;
  bool converged = false;
  bool failed = false;
  std::string message;
};

/// Bounds the free parameters `x` (parameter block of `problem`), solves, and writes the
/// solution back into `theta`: the part every fit shares.
inline solution solve_bounded(ceres::Problem& problem, std::vector<double>& x, std::vector<double> theta,
                              const std::vector<fitted_parameter>& bounds, const std::vector<std::size_t>& free,
                              const options& o) {
  for (std::size_t j = 0; j < free.size(); ++j) {
    const auto& b = bounds[free[j]];
    if (std::isfinite(b.lower)) problem.SetParameterLowerBound(x.data(), static_cast<int>(j), b.lower);
    if (std::isfinite(b.upper)) problem.SetParameterUpperBound(x.data(), static_cast<int>(j), b.upper);
  }
  ceres::Solver::Summary summary;
  ceres::Solve(solver_options(o), &problem, &summary);
  solution out;
  out.iterations = static_cast<int>(summary.iterations.size()) - 1;
  out.converged = summary.termination_type == ceres::CONVERGENCE;
  out.failed = summary.termination_type == ceres::FAILURE || !summary.IsSolutionUsable();
  out.message = summary.message;
  for (std::size_t j = 0; j < free.size(); ++j) theta[free[j]] = x[j];
  out.theta = std::move(theta);
  return out;
}

/// The free parameters' values in `theta`.
inline std::vector<double> free_values(const std::vector<double>& theta, const std::vector<std::size_t>& free) {
  std::vector<double> x;
  for (std::size_t i : free) x.push_back(theta[i]);
  return x;
}

/// One least-squares solve from `theta` over the parameters in `free`, within the bounds.
template <class Evaluator>
solution least_squares(const Evaluator& e, const std::vector<fitted_parameter>& bounds, std::vector<double> theta,
                       const std::vector<std::size_t>& free, const options& o) {
  if (free.empty()) {
    solution out;
    out.theta = std::move(theta);
    out.converged = true;
    return out;
  }
  std::vector<double> x = free_values(theta, free);
  ceres::Problem problem;
  problem.AddResidualBlock(new cost_function<Evaluator>(e, theta, free, o.derivatives), nullptr, x.data());
  return solve_bounded(problem, x, std::move(theta), bounds, free, o);
}

/// -2 log L at `theta`, each estimated error scale set to its maximum-likelihood value there
/// (written to `sigmas`), or NaN when the run fails.
template <class Evaluator>
double deviance(const Evaluator& e, const std::vector<double>& theta, std::vector<double>* sigmas = nullptr) {
  const std::size_t n = e.residuals();
  std::vector<double> model(n);
  if (!e.predict(theta.data(), model.data())) return std::numeric_limits<double>::quiet_NaN();
  constexpr double two_pi = 6.283185307179586;
  double out = 0.0;
  std::vector<double> squares(e.groups(), 0.0);
  std::vector<double> log_weights(e.groups(), 0.0);
  std::vector<std::size_t> counts(e.groups(), 0);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t s = e.series_of(i);
    const double err = model[i] - e.observed(i);
    if (e.known_scale(s)) {
      const double z = err / e.error_scale(s);
      out += z * z + std::log(two_pi * e.error_scale(s) * e.error_scale(s));
    } else {
      const std::size_t g = e.group_of(s);
      squares[g] += e.weight(s) * err * err;
      log_weights[g] += std::log(e.weight(s));
      ++counts[g];
    }
  }
  if (sigmas != nullptr) sigmas->assign(e.groups(), 0.0);
  for (std::size_t g = 0; g < e.groups(); ++g) {
    const double n_g = static_cast<double>(counts[g]);
    const double variance = squares[g] / n_g;
    const double floor = e.scale_floor(g);
    if (variance >= floor * floor) {
      if (sigmas != nullptr) (*sigmas)[g] = std::sqrt(variance);
      // A perfect fit without a floor (variance 0) has an unbounded likelihood; -inf says so.
      out += n_g * (std::log(two_pi * variance) + 1.0) - log_weights[g];
    } else {
      // The scale held at its floor: the Gaussian -2 log L at that scale.
      if (sigmas != nullptr) (*sigmas)[g] = floor;
      out += squares[g] / (floor * floor) + n_g * std::log(two_pi * floor * floor) - log_weights[g];
    }
  }
  return std::isnan(out) ? std::numeric_limits<double>::quiet_NaN() : out;
}

/// A maximum-likelihood fit over `free`: least squares when one estimated error scale is
/// shared by every series (it does not move the optimum), otherwise the parameters and the
/// scales together (joint_cost).
struct ml_fit {
  solution solved;
  double deviance = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> sigmas;
};

template <class Evaluator>
ml_fit maximum_likelihood(Evaluator& e, const std::vector<fitted_parameter>& bounds, std::vector<double> theta,
                          const std::vector<std::size_t>& free, const options& o) {
  ml_fit out;
  const bool joint = e.groups() > 1 || (e.groups() == 1 && e.any_known());
  if (!joint || free.empty()) {
    out.solved = least_squares(e, bounds, std::move(theta), free, o);
    if (out.solved.failed) return out;
    std::vector<double> sigmas;
    out.deviance = deviance(e, out.solved.theta, &sigmas);
    for (std::size_t g = 0; g < sigmas.size(); ++g) {
      if (!(sigmas[g] > 0.0)) sigmas[g] = e.sigmas()[g];  // a perfect fit keeps the last scale
    }
    e.set_sigmas(sigmas);
    out.sigmas = sigmas;
    return out;
  }
  // Start each scale at its maximum-likelihood value at the start; its floor 20 orders of
  // magnitude below, where no fit of finite data lands.
  std::vector<double> sigmas;
  if (std::isnan(deviance(e, theta, &sigmas))) {
    out.solved.failed = true;
    out.solved.message = "the model fails at the start";
    return out;
  }
  std::vector<double> s(sigmas.size());
  std::vector<double> floors(sigmas.size());
  for (std::size_t g = 0; g < sigmas.size(); ++g) {
    const double sigma = sigmas[g] > 0.0 ? sigmas[g] : e.sigmas()[g];
    s[g] = std::log(sigma);
    floors[g] = s[g] - 46.0;
  }
  std::vector<double> x = free_values(theta, free);
  ceres::Problem problem;
  problem.AddResidualBlock(new joint_cost<Evaluator>(e, theta, free, floors, o.derivatives), nullptr, x.data(), s.data());
  for (std::size_t g = 0; g < s.size(); ++g) {
    const double least = e.scale_floor(g) > 0.0 ? std::max(floors[g] + 1e-3, std::log(e.scale_floor(g))) : floors[g] + 1e-3;
    s[g] = std::max(s[g], least);
    problem.SetParameterLowerBound(s.data(), static_cast<int>(g), least);
  }
  out.solved = solve_bounded(problem, x, theta, bounds, free, o);
  if (out.solved.failed) return out;
  theta = out.solved.theta;
  // The scales at their maximum-likelihood values for these parameters (where the joint
  // optimum has them, to the solver's tolerance), and -2 log L with them.
  out.deviance = deviance(e, theta, &sigmas);
  for (std::size_t g = 0; g < sigmas.size(); ++g) {
    if (!(sigmas[g] > 0.0)) sigmas[g] = std::exp(s[g]);
  }
  e.set_sigmas(sigmas);
  out.sigmas = sigmas;
  return out;
}

/// Runs f(i) for i in [0, count) on `threads` threads; the first exception is rethrown.
template <class F>
void parallel_for(std::size_t count, unsigned threads, F&& f) {
  const unsigned want = threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : threads;
  const std::size_t workers = std::min<std::size_t>(want, count);
  if (workers <= 1) {
    for (std::size_t i = 0; i < count; ++i) f(i);
    return;
  }
  std::atomic<std::size_t> next{0};
  std::exception_ptr failure;
  std::mutex guard;
  std::vector<std::thread> pool;
  for (std::size_t w = 0; w < workers; ++w) {
    pool.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++) {
        try {
          f(i);
        } catch (...) {
          std::lock_guard<std::mutex> lock(guard);
          if (!failure) failure = std::current_exception();
        }
      }
    });
  }
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

/// The starting points: the problem's start, then a Latin hypercube over the bounds.
inline std::vector<std::vector<double>> starting_points(const std::vector<fitted_parameter>& ps,
                                                        std::vector<double> first, const options& o) {
  std::vector<std::vector<double>> out{std::move(first)};
  const std::size_t more = o.starts > 1 ? o.starts - 1 : 0;
  if (more == 0) return out;
  for (const auto& p : ps) {
    if (!std::isfinite(p.lower) || !std::isfinite(p.upper)) {
      throw invalid_parameter(calibrate_component, "bounds of " + p.path,
                              "must be finite for a multi-start search (options::starts = " + std::to_string(o.starts) +
                                  "; set starts = 1 to start only from the model's value)",
                              "[" + goaldrift::detail::format_number(p.lower) + ", " +
                                  goaldrift::detail::format_number(p.upper) + "]");
    }
  }
  for (std::size_t m = 0; m < more; ++m) {
    std::vector<double> point;
    for (const auto& p : ps) {
      const std::uint32_t stream = random::stream_id(p.path);
      const std::uint64_t key = random::philox_key(o.seed, random::domain::calibration_starts, stream);
      const std::uint64_t stratum = ensemble::detail::permute(key, m, more);
      const double v = random::uniform(key, 1, m);
      const double u = ensemble::detail::latin_probability(stratum, v, more);
      const bool logarithmic = p.lower > 0.0 && p.upper >= 100.0 * p.lower;
      point.push_back(logarithmic ? std::exp(std::log(p.lower) + u * (std::log(p.upper) - std::log(p.lower)))
                                  : p.lower + u * (p.upper - p.lower));
      point.back() = std::clamp(point.back(), p.lower, p.upper);
    }
    out.push_back(std::move(point));
  }
  return out;
}

/// The rise of -2 log L that bounds a profile interval at the level asked.
inline double threshold_of(const options& o) { return chi_squared_quantile(1.0, o.level); }

/// One end of a profile interval.
struct profile_end {
  double value = std::numeric_limits<double>::quiet_NaN();
  bool at_bound = false;
  bool better_fit = false;  // the profile found a lower -2 log L than the fit
};

/// Walks parameter i from its estimate in `direction` (+1 or -1) until -2 log L, re-minimised
/// over the others, has risen by `threshold`; then finds the crossing by the secant method on
/// sqrt(rise), which is nearly linear in the parameter.
template <class Evaluator>
profile_end profile(Evaluator e, const std::vector<fitted_parameter>& bounds, const std::vector<double>& best,
                    double best_deviance, std::size_t i, int direction, double step, const options& o) {
  profile_end out;
  const std::size_t k = best.size();
  std::vector<std::size_t> free;
  for (std::size_t j = 0; j < k; ++j) {
    if (j != i) free.push_back(j);
  }
  const double bound = direction > 0 ? bounds[i].upper : bounds[i].lower;
  const double target = std::sqrt(threshold_of(o));
  std::vector<double> warm = best;
  auto rise_at = [&](double x) {
    std::vector<double> theta = warm;
    theta[i] = x;
    const ml_fit f = maximum_likelihood(e, bounds, theta, free, o);
    if (f.solved.failed || std::isnan(f.deviance)) return std::numeric_limits<double>::quiet_NaN();
    warm = f.solved.theta;
    const double rise = f.deviance - best_deviance;
    if (rise < -1e-6 * std::max(1.0, std::fabs(best_deviance))) out.better_fit = true;
    return std::sqrt(std::max(rise, 0.0));
  };
  double x0 = best[i];
  double g0 = -target;  // sqrt(rise) - target at the estimate
  double x1 = best[i] + direction * step;
  for (int expand = 0;; ++expand) {
    if ((direction > 0 && x1 >= bound) || (direction < 0 && x1 <= bound)) x1 = bound;
    const double g1 = rise_at(x1) - target;
    if (std::isnan(g1)) return out;
    if (g1 >= 0.0) {
      // Bracketed between x0 (below) and x1 (above): the Illinois variant of regula falsi.
      double fa = g0;
      double fb = g1;
      double a = x0;
      double b = x1;
      int side = 0;
      for (int it = 0; it < 60; ++it) {
        const double c = b - fb * (b - a) / (fb - fa);
        const double fc = rise_at(c) - target;
        if (std::isnan(fc)) return out;
        if (std::fabs(fc) <= 1e-6 * target || std::fabs(b - a) <= 1e-12 * std::max(1.0, std::fabs(c))) {
          out.value = c;
          return out;
        }
        if ((fc > 0.0) == (fb > 0.0)) {
          b = c;
          fb = fc;
          if (side == -1) fa *= 0.5;
          side = -1;
        } else {
          a = c;
          fa = fc;
          if (side == 1) fb *= 0.5;
          side = 1;
        }
      }
      out.value = b - fb * (b - a) / (fb - fa);
      return out;
    }
    if (x1 == bound || expand >= 40) {
      out.value = x1;
      out.at_bound = x1 == bound;
      return out;
    }
    // Still below: move on, further each time (sqrt(rise) grows about linearly, so aim at the
    // crossing the last two points point to, at least 1.5 and at most 4 steps on).
    const double slope = (g1 - g0) / (x1 - x0);
    double next = slope > 0.0 ? x1 - g1 / slope : x1 + 4.0 * (x1 - x0);
    const double span = x1 - x0;
    next = direction > 0 ? std::clamp(next, x1 + 1.5 * span, x1 + 4.0 * span) : std::clamp(next, x1 + 4.0 * span, x1 + 1.5 * span);
    x0 = x1;
    g0 = g1;
    x1 = next;
  }
}

}  // namespace detail

/// Fits the problem's parameters to `data` by maximum likelihood (Gaussian errors; see
/// calibration::series for the error model) and reports estimates, standard errors, asymptotic
/// and profile intervals, correlations, error scales, tests of the residuals and every start.
///
/// Bad input throws before any fitting: a series naming no variable of the model, a time
/// outside the run, no more observed values than parameters, a start outside its bounds (at
/// problem::fit), a weight or error scale that is not a positive number.
template <class Factory, class Method>
result calibrate(const problem<Factory, Method>& p, const observations& data, const options& o = {}) {
  using evaluator = detail::evaluator<problem<Factory, Method>>;
  if (!(o.level > 0.0 && o.level < 1.0)) {
    throw invalid_parameter(detail::calibrate_component, "level", "must lie strictly between 0 and 1", o.level);
  }
  if (!(o.tolerance > 0.0 && o.tolerance < 1.0)) {
    throw invalid_parameter(detail::calibrate_component, "tolerance", "must lie strictly between 0 and 1", o.tolerance);
  }
  if (o.max_iterations < 1) {
    throw invalid_parameter(detail::calibrate_component, "max_iterations", "must be at least 1", std::to_string(o.max_iterations));
  }
  if (!(o.flat_direction > 0.0 && o.flat_direction < 1.0)) {
    throw invalid_parameter(detail::calibrate_component, "flat_direction", "must lie strictly between 0 and 1", o.flat_direction);
  }
  const evaluator base(p, data);
  const auto& bounds = p.parameters();
  const std::size_t k = bounds.size();
  const std::size_t n = base.residuals();

  // The first start must run: a model that fails there has nothing to fit from.
  const std::vector<double> first = p.start();
  if (std::isnan(detail::deviance(base, first))) {
    try {
      (void)simulate(p.model_at(first), p.options(), p.method());
    } catch (const std::exception& ex) {
      throw error(std::string(detail::calibrate_component) + ": the model fails at the first start: " + ex.what());
    }
    throw error(std::string(detail::calibrate_component) +
                ": the model's values at the observations are not finite at the first start");
  }

  // Every start, on threads; each works on its own copy of the evaluator.
  const auto points = detail::starting_points(bounds, first, o);
  std::vector<detail::ml_fit> fits(points.size());
  detail::parallel_for(points.size(), o.threads, [&](std::size_t s) {
    evaluator e = base;
    fits[s] = detail::maximum_likelihood(e, bounds, points[s], [&] {
      std::vector<std::size_t> all(k);
      for (std::size_t j = 0; j < k; ++j) all[j] = j;
      return all;
    }(), o);
  });
  result out;
  out.level = o.level;
  out.method = Method::name;
  out.derivatives = o.derivatives == derivatives::automatic ? "automatic" : "numeric";
  std::size_t best = points.size();
  for (std::size_t s = 0; s < points.size(); ++s) {
    start_result sr;
    sr.from = points[s];
    sr.to = fits[s].solved.theta;
    sr.deviance = fits[s].solved.failed ? std::numeric_limits<double>::quiet_NaN() : fits[s].deviance;
    sr.iterations = fits[s].solved.iterations;
    sr.converged = fits[s].solved.converged;
    sr.message = fits[s].solved.message;
    if (!std::isnan(sr.deviance) && (best == points.size() || sr.deviance < out.starts[best].deviance)) best = s;
    out.starts.push_back(std::move(sr));
  }
  if (best == points.size()) {
    throw error(std::string(detail::calibrate_component) + ": every start failed; the first: " + out.starts[0].message);
  }
  out.best_start = best;
  const double best_deviance = out.starts[best].deviance;
  for (const auto& s : out.starts) {
    if (!std::isnan(s.deviance) && s.deviance - best_deviance <= 1e-6 * std::max(1.0, std::fabs(best_deviance))) ++out.starts_at_best;
  }
  const std::vector<double> theta = out.starts[best].to;
  evaluator e = base;
  e.set_sigmas(fits[best].sigmas);
  if (!out.starts[best].converged) {
    out.notes.push_back("the best start stopped without converging (" + out.starts[best].message +
                        "); raise options::max_iterations");
  }

  // The Jacobian of the scaled residuals at the estimates, its columns scaled by the
  // estimates' magnitudes for the identifiability check.
  std::vector<double> r(n);
  std::vector<double> jac(n * k);
  if (!e.jacobian(theta.data(), r.data(), jac.data(), o.derivatives)) {
    throw error(std::string(detail::calibrate_component) + ": the derivatives at the estimates are not finite");
  }
  Eigen::MatrixXd J(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(k));
  Eigen::VectorXd scale(static_cast<Eigen::Index>(k));
  for (std::size_t j = 0; j < k; ++j) {
    const double width = std::isfinite(bounds[j].upper - bounds[j].lower) ? bounds[j].upper - bounds[j].lower : 1.0;
    scale(static_cast<Eigen::Index>(j)) = std::fabs(theta[j]) > 0.0 ? std::fabs(theta[j]) : 1e-3 * width;
  }
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < k; ++j) {
      J(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = jac[i * k + j] * scale(static_cast<Eigen::Index>(j));
    }
  }
  Eigen::JacobiSVD<Eigen::MatrixXd> svd(J, Eigen::ComputeThinV);
  const Eigen::VectorXd sv = svd.singularValues();
  const Eigen::MatrixXd V = svd.matrixV();
  std::vector<bool> identifiable(k, true);
  Eigen::VectorXd inverse_squares(static_cast<Eigen::Index>(k));
  for (Eigen::Index c = 0; c < static_cast<Eigen::Index>(k); ++c) {
    const bool flat = !(sv(c) > o.flat_direction * sv(0));
    inverse_squares(c) = flat ? 0.0 : 1.0 / (sv(c) * sv(c));
    if (!flat) continue;
    std::vector<std::string> involved;
    double largest = 0.0;
    for (Eigen::Index j = 0; j < V.rows(); ++j) largest = std::max(largest, std::fabs(V(j, c)));
    for (Eigen::Index j = 0; j < V.rows(); ++j) {
      if (std::fabs(V(j, c)) >= 0.1 * largest) {
        identifiable[static_cast<std::size_t>(j)] = false;
        involved.push_back(bounds[static_cast<std::size_t>(j)].path);
      }
    }
    std::string names;
    for (std::size_t q = 0; q < involved.size(); ++q) {
      names += (q == 0 ? "" : q + 1 == involved.size() ? " and " : ", ") + involved[q];
    }
    out.notes.push_back(involved.size() == 1
                            ? names + " is not identifiable: these data do not depend on it (the likelihood is flat along it)"
                            : names + " cannot be told apart from these data: the likelihood is flat along a combination "
                                      "of them, so only that combination is determined; their standard errors and "
                                      "intervals are not reported");
  }
  // Covariance: (J^T J)^-1 in the scaled coordinates; with one estimated error scale and no
  // known ones, times n / (n - k), which makes it the classical s^2 (J^T J)^-1 with
  // s^2 = RSS / (n - k), and intervals from Student's t with n - k degrees of freedom.
  const bool one_scale = e.groups() == 1 && !e.any_known();
  const double dof = static_cast<double>(n) - static_cast<double>(k);
  const double variance_factor = one_scale ? static_cast<double>(n) / dof : 1.0;
  Eigen::MatrixXd cov = V * inverse_squares.asDiagonal() * V.transpose();
  cov = scale.asDiagonal() * cov * scale.asDiagonal() * variance_factor;
  const double q = detail::two_sided_quantile(o.level, one_scale ? dof : 0.0);
  out.correlation.assign(k * k, std::numeric_limits<double>::quiet_NaN());
  for (std::size_t i = 0; i < k; ++i) {
    parameter_estimate pe;
    pe.path = bounds[i].path;
    pe.estimate = theta[i];
    pe.lower_bound = bounds[i].lower;
    pe.upper_bound = bounds[i].upper;
    const double width = bounds[i].upper - bounds[i].lower;
    const double near = std::isfinite(width) ? 1e-9 * width : 1e-12 * std::max(1.0, std::fabs(theta[i]));
    pe.at_bound = theta[i] - bounds[i].lower <= near || bounds[i].upper - theta[i] <= near;
    pe.identifiable = identifiable[i];
    if (pe.identifiable) {
      pe.standard_error = std::sqrt(cov(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(i)));
      pe.low = theta[i] - q * pe.standard_error;
      pe.high = theta[i] + q * pe.standard_error;
      for (std::size_t j = 0; j < k; ++j) {
        if (!identifiable[j]) continue;
        const auto a = static_cast<Eigen::Index>(i);
        const auto b = static_cast<Eigen::Index>(j);
        out.correlation[i * k + j] = cov(a, b) / std::sqrt(cov(a, a) * cov(b, b));
      }
    }
    if (pe.at_bound) {
      out.notes.push_back(pe.path + " ended on a bound (" + goaldrift::detail::format_number(theta[i]) +
                          "): its standard error and asymptotic interval assume an optimum inside the bounds");
    }
    out.parameters.push_back(std::move(pe));
  }

  // Profile intervals, both ends of each identifiable parameter asked for, on threads.
  std::vector<bool> wanted(k, o.profiled.empty());
  for (const auto& path : o.profiled) {
    const auto at = std::find_if(bounds.begin(), bounds.end(), [&](const fitted_parameter& b) { return b.path == path; });
    if (at == bounds.end()) {
      throw invalid_parameter(detail::calibrate_component, "profiled", "must name fitted parameters", io::quote_excerpt(path));
    }
    wanted[static_cast<std::size_t>(at - bounds.begin())] = true;
  }
  if (o.profile) {
    std::vector<detail::profile_end> ends(2 * k);
    detail::parallel_for(2 * k, o.threads, [&](std::size_t job) {
      const std::size_t i = job / 2;
      if (!identifiable[i] || !wanted[i]) return;
      const int direction = job % 2 == 0 ? -1 : 1;
      const double se = out.parameters[i].standard_error;
      const double step = se > 0.0 && std::isfinite(se) ? std::sqrt(detail::threshold_of(o)) * se
                                                       : 0.1 * std::max(std::fabs(theta[i]), 1e-3);
      ends[job] = detail::profile(e, bounds, theta, best_deviance, i, direction, step, o);
    });
    bool better = false;
    for (std::size_t i = 0; i < k; ++i) {
      auto& pe = out.parameters[i];
      pe.profile_low = ends[2 * i].value;
      pe.profile_low_at_bound = ends[2 * i].at_bound;
      pe.profile_high = ends[2 * i + 1].value;
      pe.profile_high_at_bound = ends[2 * i + 1].at_bound;
      better = better || ends[2 * i].better_fit || ends[2 * i + 1].better_fit;
      if (pe.identifiable && (pe.profile_low_at_bound || pe.profile_high_at_bound)) {
        out.notes.push_back("the profile interval of " + pe.path + " reaches its " +
                            (pe.profile_low_at_bound && pe.profile_high_at_bound ? "bounds"
                             : pe.profile_low_at_bound                          ? "lower bound"
                                                                                : "upper bound") +
                            ": the data do not rule out values beyond it");
      }
    }
    if (better) {
      out.notes.push_back("profiling found a better fit than every start did: the estimates are a local optimum; "
                          "add starts (options::starts)");
    }
  }

  // The series: error scales, fitted values, residuals and their independence.
  std::vector<double> model(n);
  e.predict(theta.data(), model.data());
  out.observations = n;
  out.estimated = k + e.groups();
  out.log_likelihood = -0.5 * best_deviance;
  out.aic = 2.0 * static_cast<double>(out.estimated) + best_deviance;
  for (std::size_t s = 0; s < e.series_count(); ++s) {
    series_fit sf;
    sf.variable = data.all()[s].variable;
    sf.estimated_scale = !e.known_scale(s);
    sf.weight = e.weight(s);
    sf.error_scale = sf.estimated_scale ? e.sigmas()[e.group_of(s)] / std::sqrt(sf.weight) : e.error_scale(s);
    double squares = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
      if (e.series_of(i) != s) continue;
      sf.times.push_back(data.times()[e.time_of(i)]);
      sf.observed.push_back(e.observed(i));
      sf.fitted.push_back(model[i]);
      sf.residuals.push_back(e.observed(i) - model[i]);
      squares += sf.residuals.back() * sf.residuals.back();
    }
    sf.count = sf.residuals.size();
    sf.sum_of_squares = squares;
    const auto t = detail::test_independence(sf.residuals);
    sf.lag1_autocorrelation = t.lag1;
    sf.durbin_watson = t.durbin_watson;
    sf.ljung_box = t.ljung_box;
    sf.ljung_box_lags = t.lags;
    sf.ljung_box_p = t.p_value;
    if (t.lags > 0 && t.p_value < 0.01) {
      char p_value[32];
      std::snprintf(p_value, sizeof p_value, "%.2g", t.p_value);
      out.notes.push_back("the residuals of " + sf.variable + " are autocorrelated (lag-1 " +
                          goaldrift::detail::format_number(std::round(t.lag1 * 100.0) / 100.0) + ", Ljung-Box p = " + p_value +
                          "): the standard errors and intervals assume independent errors and are too narrow");
    }
    out.series.push_back(std::move(sf));
  }
  if (dof > 0.0 && dof < 5.0 * static_cast<double>(k)) {
    out.notes.push_back("few observations per parameter (" + std::to_string(n) + " for " + std::to_string(k) +
                        "): asymptotic standard errors may be poor; prefer the profile intervals");
  }
  out.fitted_trajectory = simulate(p.model_at(theta), p.options(), p.method());
  return out;
}

}  // namespace goaldrift::calibration
