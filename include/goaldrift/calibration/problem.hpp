// What to fit: a model (made for any scalar type), the parameters to estimate with their
// bounds, the run, and the residuals of a trajectory against observations, with their
// derivatives by automatic differentiation through the parts (ceres::Jet) or by central
// differences.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../external/ceres.hpp"
#include "../io/text.hpp"
#include "../method.hpp"
#include "../parameters.hpp"
#include "../run_options.hpp"
#include "../simulate.hpp"
#include "observations.hpp"

namespace goaldrift::calibration {

/// How the fit gets the derivatives of the residuals with respect to the parameters.
enum class derivatives {
  /// ceres::Jet through the parts themselves: exact to rounding, one run per four parameters.
  automatic,
  /// Central differences: two runs per parameter, accurate to about 1e-8 relative.
  numeric,
};

/// One parameter to estimate: its path (goaldrift::parameter_names), bounds and start.
struct fitted_parameter {
  std::string path;
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
  /// Where the first start begins; the model's own value when unset.
  std::optional<double> start;
};

namespace detail {

inline constexpr const char* problem_component = "goaldrift::calibration::problem";

/// The number of derivatives one Jet run carries: k parameters take ceil(k / 4) runs.
inline constexpr int jet_width = 4;

template <class F, class = void>
struct is_factory : std::false_type {};
template <class F>
struct is_factory<F, std::void_t<typename decltype(std::declval<const F&>()(0.0))::state_type,
                                 typename decltype(std::declval<const F&>()(ceres::Jet<double, jet_width>()))::state_type>>
    : std::true_type {};

/// Whether a listed value over a Jet model can carry a derivative (it is the model's scalar).
template <class V>
struct differentiable_slot : std::false_type {};
template <class T, int N>
struct differentiable_slot<ceres::Jet<T, N>> : std::true_type {};
template <class T, int N>
struct differentiable_slot<std::optional<ceres::Jet<T, N>>> : std::true_type {};

template <class J>
void assign(J& slot, const J& value) {
  slot = value;
}
template <class J>
void assign(std::optional<J>& slot, const J& value) {
  slot = value;
}

}  // namespace detail

/// The model to fit and the parameters to estimate.
///
///     auto factory = [](auto zero) {
///       using T = decltype(zero);
///       return make_model(state::actual(T(100), T(4)), perception::smooth(T(1)),
///                         goal::floating(T(100), T(12)), input::constant(T(1)));
///     };
///     calibration::problem p(factory, run_options(0, 120, 0.25).saving_every(1));
///     p.fit("goal.adjustment_time", 1, 100).fit("state.action_time", 0.5, 50);
///
/// The factory makes the model for any scalar type, as a batched ensemble's does: double for
/// the runs, ceres::Jet for their derivatives. Fixed-step methods only (euler, rk4): an
/// adaptive stepper's step sizes would depend on the parameters and not be differentiated.
template <class Factory, class Method = method::euler>
class problem {
  static_assert(detail::is_factory<Factory>::value,
                "goaldrift::calibration::problem: give a factory that makes the model for any scalar type, "
                "[](auto zero) { using T = decltype(zero); return make_model(... T(...) ...); }, so that "
                "derivatives can run through the same parts as ceres::Jet");

 public:
  using model_type = decltype(std::declval<const Factory&>()(0.0));
  using jet_type = ceres::Jet<double, detail::jet_width>;
  using jet_model_type = decltype(std::declval<const Factory&>()(jet_type()));
  using method_type = Method;
  static constexpr const char* component = detail::problem_component;

  problem(Factory factory, run_options options, Method method = {})
      : factory_(std::move(factory)), options_(options), method_(method), model_(factory_(0.0)) {
    static_assert(!goaldrift::method::detail::traits<Method, typename model_type::state_type>::adaptive,
                  "goaldrift::calibration::problem: use a fixed-step method (method::euler or method::rk4)");
    goaldrift::detail::check_options(options_, false);
  }

  /// Estimates the parameter at `path` within [lower, upper], starting at the model's value.
  problem& fit(std::string path, double lower, double upper) { return add(std::move(path), lower, upper, std::nullopt); }
  /// Estimates the parameter at `path` within [lower, upper], starting at `start`.
  problem& fit(std::string path, double lower, double upper, double start) {
    return add(std::move(path), lower, upper, start);
  }

  const std::vector<fitted_parameter>& parameters() const noexcept { return parameters_; }
  const Factory& factory() const noexcept { return factory_; }
  /// The model as the factory makes it (every parameter not fitted keeps this value).
  const model_type& model() const noexcept { return model_; }
  const run_options& options() const noexcept { return options_; }
  const Method& method() const noexcept { return method_; }
  /// The first start: each parameter's start, or the model's value.
  std::vector<double> start() const {
    std::vector<double> out;
    for (const auto& p : parameters_) out.push_back(p.start ? *p.start : goaldrift::get(model_, p.path));
    return out;
  }
  /// The model with the fitted parameters set to `values` (in the order they were added).
  model_type model_at(const std::vector<double>& values) const {
    model_type m = model_;
    for (std::size_t i = 0; i < parameters_.size(); ++i) goaldrift::set(m, parameters_[i].path, values.at(i));
    return m;
  }

 private:
  Factory factory_;
  run_options options_;
  Method method_;
  model_type model_;
  std::vector<fitted_parameter> parameters_;

  problem& add(std::string path, double lower, double upper, std::optional<double> start) {
    for (const auto& p : parameters_) {
      if (p.path == path) throw invalid_parameter(component, "path", "must not be fitted twice", io::quote_excerpt(path));
    }
    const double value = goaldrift::get(model_, path);  // names the closest paths when it is none
    if (std::isnan(lower) || std::isnan(upper) || !(lower < upper)) {
      throw invalid_parameter(component, "bounds of " + path,
                              "must be numbers with lower < upper",
                              "[" + goaldrift::detail::format_number(lower) + ", " + goaldrift::detail::format_number(upper) + "]");
    }
    const double from = start ? *start : value;
    if (!(from >= lower && from <= upper)) {
      throw invalid_parameter(component, "start of " + path,
                              std::string("must lie within its bounds [") + goaldrift::detail::format_number(lower) + ", " +
                                  goaldrift::detail::format_number(upper) + "]" + (start ? "" : " (it is the model's value)"),
                              from);
    }
    // The parameter must carry a derivative in the model over Jets, and be a number at all.
    jet_model_type probe = factory_(jet_type());
    const std::size_t index = goaldrift::detail::find_parameter(probe, path, false);
    bool differentiable = false;
    bool integer = false;
    goaldrift::detail::apply_parameter(probe, index, [&](auto& v) {
      using V = std::decay_t<decltype(v)>;
      differentiable = detail::differentiable_slot<V>::value;
      integer = goaldrift::detail::parameter_slot<V>::integer;
    });
    if (integer) {
      throw invalid_parameter(component, path, "cannot be fitted: it is a whole number (an order or a count)", value);
    }
    if (!differentiable) {
      throw invalid_parameter(component, path,
                              "cannot be fitted: the model holds it as one plain number, not as its scalar type "
                              "(a fixed delay time, a noise's interval), so no derivative can run through it",
                              value);
    }
    parameters_.push_back(fitted_parameter{std::move(path), lower, upper, start});
    return *this;
  }
};

template <class Factory>
problem(Factory, run_options) -> problem<Factory, method::euler>;
template <class Factory, class Method>
problem(Factory, run_options, Method) -> problem<Factory, Method>;

namespace detail {

/// Where an observation time falls on the save grid: save index `lo`, and the fraction of the
/// way to the next save time (0 on a save time).
struct grid_position {
  std::size_t lo = 0;
  double fraction = 0.0;
};

/// The residuals of a problem against observations, and their derivatives. Residual i is
/// factor_i (model_i - observed_i): factor 1 / error_scale for a series with a known scale,
/// sqrt(weight) / sigma_g for the others, sigma_g the estimated scale of the series' group:
/// group 0 shared by every series without own_scale, one more group per series with it
/// (set_sigmas).
template <class Problem>
class evaluator {
 public:
  using model_type = typename Problem::model_type;
  using jet_type = typename Problem::jet_type;
  using jet_model_type = typename Problem::jet_model_type;

  evaluator(const Problem& p, const observations& data)
      : problem_(&p), jet_model_(p.factory()(jet_type())) {
    const auto& o = p.options();
    const goaldrift::detail::grid g = goaldrift::detail::check_options(o, false);
    saves_ = g.saves + 1;
    // The model's variables, as simulate() names its columns.
    std::vector<std::string> names;
    if constexpr (goaldrift::detail::has_observe<model_type>::value) {
      for (const auto& n : p.model().observed_names()) names.push_back(n);
      observed_count_ = names.size();
    }
    for (const auto& n : p.model().state_names()) names.push_back(n);
    if (data.all().empty()) {
      throw invalid_parameter(problem_component, "observations", "must hold at least one observed series", "none");
    }
    for (const auto& s : data.all()) {
      const auto at = std::find(names.begin(), names.end(), s.variable);
      if (at == names.end()) {
        std::string have;
        for (const auto& n : names) have += (have.empty() ? "" : ", ") + n;
        throw invalid_parameter(problem_component, "observed series " + io::quote_excerpt(s.variable) +
                                                       (data.source() != "observations" ? " (" + data.source() + ")" : ""),
                                "must name a variable of the model (" + have + ")", io::quote_excerpt(s.variable));
      }
      if (std::isnan(s.weight) || !(s.weight > 0.0) || !std::isfinite(s.weight)) {
        throw invalid_parameter(problem_component, "weight of " + io::quote_excerpt(s.variable),
                                "must be positive and finite", s.weight);
      }
      if (!std::isnan(s.error_scale) && !(s.error_scale > 0.0 && std::isfinite(s.error_scale))) {
        throw invalid_parameter(problem_component, "error_scale of " + io::quote_excerpt(s.variable),
                                "must be positive and finite (or NaN to estimate it)", s.error_scale);
      }
      columns_.push_back(static_cast<std::size_t>(at - names.begin()));
      known_.push_back(!std::isnan(s.error_scale));
      own_.push_back(s.own_scale);
      if (!(s.scale_floor >= 0.0 && std::isfinite(s.scale_floor))) {
        throw invalid_parameter(problem_component, "scale_floor of " + io::quote_excerpt(s.variable),
                                "must be 0 or a positive finite number", s.scale_floor);
      }
      floor_.push_back(s.scale_floor);
      scale_.push_back(s.error_scale);
      weight_.push_back(s.weight);
    }
    // Observation times on the run's save grid.
    const double every = g.save_every;
    needed_.assign(saves_, 0);
    for (double t : data.times()) {
      if (!(t >= o.start - 1e-9 * std::max(1.0, std::fabs(o.start)) && t <= o.end + 1e-9 * std::max(1.0, std::fabs(o.end)))) {
        throw invalid_parameter(problem_component, "observation time",
                                "must lie within the run, from " + goaldrift::detail::format_number(o.start) + " to " +
                                    goaldrift::detail::format_number(o.end) + " (set the run's start and end)",
                                t);
      }
      const double steps = (t - o.start) / every;
      std::size_t lo = static_cast<std::size_t>(std::max(0.0, std::floor(steps + 1e-9)));
      if (lo >= saves_ - 1) lo = saves_ - 1;
      grid_position at{lo, 0.0};
      const double t_lo = goaldrift::detail::save_time(o, g, lo);
      if (!goaldrift::detail::same_time(t, t_lo) && lo + 1 < saves_) {
        const double t_hi = goaldrift::detail::save_time(o, g, lo + 1);
        at.fraction = (t - t_lo) / (t_hi - t_lo);
        needed_[lo + 1] = 1;
      }
      needed_[lo] = 1;
      positions_.push_back(at);
    }
    slot_.assign(saves_, 0);
    std::size_t slots = 0;
    for (std::size_t j = 0; j < saves_; ++j) {
      if (needed_[j]) slot_[j] = slots++;
    }
    slots_ = slots;
    // The residuals: every value that is not missing, series by series, in time order.
    for (std::size_t s = 0; s < data.all().size(); ++s) {
      const auto& values = data.all()[s].values;
      for (std::size_t i = 0; i < values.size(); ++i) {
        if (std::isnan(values[i])) continue;
        residual_series_.push_back(s);
        residual_time_.push_back(i);
        observed_.push_back(values[i]);
      }
    }
    k_ = p.parameters().size();
    if (k_ == 0) throw invalid_parameter(problem_component, "parameters", "must name at least one parameter to fit (fit())", "none");
    if (observed_.size() <= k_) {
      throw invalid_parameter(problem_component, "observations",
                              "must outnumber the fitted parameters (" + std::to_string(k_) + "): there are " +
                                  std::to_string(observed_.size()) + " observed values that are not missing",
                              std::to_string(observed_.size()));
    }
    // Where each fitted parameter sits in both models.
    for (const auto& fp : p.parameters()) {
      index_.push_back(goaldrift::detail::find_parameter(p.model(), fp.path, false));
      jet_index_.push_back(goaldrift::detail::find_parameter(jet_model_, fp.path, false));
    }
    // Scale groups: the shared one first (when any series uses it), then one per own scale.
    bool shared = false;
    for (std::size_t s = 0; s < known_.size(); ++s) shared = shared || (!known_[s] && !own_[s]);
    std::size_t groups = shared ? 1 : 0;
    for (std::size_t s = 0; s < known_.size(); ++s) {
      group_.push_back(known_[s] ? npos : own_[s] ? groups++ : 0);
    }
    // A group's scale is at least the largest floor of its series (a weighted series' scale is
    // sigma / sqrt(weight)).
    group_floor_.assign(groups, 0.0);
    for (std::size_t s = 0; s < known_.size(); ++s) {
      if (!known_[s]) group_floor_[group_[s]] = std::max(group_floor_[group_[s]], floor_[s] * std::sqrt(weight_[s]));
    }
    set_sigmas(std::vector<double>(groups, 1.0));
  }

  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  std::size_t residuals() const noexcept { return observed_.size(); }
  std::size_t parameters() const noexcept { return k_; }
  std::size_t series_count() const noexcept { return columns_.size(); }
  bool known_scale(std::size_t s) const { return known_[s]; }
  double weight(std::size_t s) const { return weight_[s]; }
  double error_scale(std::size_t s) const { return scale_[s]; }
  /// The least the estimated scale of group g can be.
  double scale_floor(std::size_t g) const { return group_floor_[g]; }
  std::size_t series_of(std::size_t i) const { return residual_series_[i]; }
  std::size_t time_of(std::size_t i) const { return residual_time_[i]; }
  double observed(std::size_t i) const { return observed_[i]; }
  double factor(std::size_t i) const { return factor_[i]; }
  bool any_known() const { return std::find(known_.begin(), known_.end(), true) != known_.end(); }
  /// The scale group of series s (npos for a known scale), and how many groups are estimated.
  std::size_t group_of(std::size_t s) const { return group_[s]; }
  std::size_t groups() const noexcept { return sigmas_.size(); }

  /// Sets the estimated error scales the residuals of each group are divided by.
  void set_sigmas(std::vector<double> sigmas) {
    sigmas_ = std::move(sigmas);
    factor_.resize(observed_.size());
    for (std::size_t i = 0; i < observed_.size(); ++i) {
      const std::size_t s = residual_series_[i];
      factor_[i] = known_[s] ? 1.0 / scale_[s] : std::sqrt(weight_[s]) / sigmas_[group_[s]];
    }
  }
  const std::vector<double>& sigmas() const noexcept { return sigmas_; }

  /// The model's values at the observations (unscaled), for parameters `theta`; false when
  /// the run failed (a state became NaN or infinite, or a part refused the values).
  bool predict(const double* theta, double* out) const {
    model_type m = problem_->model();
    try {
      for (std::size_t i = 0; i < k_; ++i) {
        goaldrift::detail::apply_parameter(m, index_[i], [&](auto& v) {
          goaldrift::detail::parameter_slot<std::decay_t<decltype(v)>>::write(v, theta[i]);
        });
      }
      run(m, out);
    } catch (const goaldrift::error&) {
      return false;
    }
    return true;
  }

  /// Scaled residuals at `theta`.
  bool residuals(const double* theta, double* r) const {
    if (!predict(theta, r)) return false;
    for (std::size_t i = 0; i < observed_.size(); ++i) r[i] = factor_[i] * (r[i] - observed_[i]);
    return all_finite(r, observed_.size());
  }

  /// Scaled residuals and their Jacobian (row-major, residuals x parameters) at `theta`.
  bool jacobian(const double* theta, double* r, double* jac, derivatives how) const {
    const std::size_t n = observed_.size();
    if (!sensitivities(theta, r, jac, how)) return false;
    for (std::size_t i = 0; i < n; ++i) {
      r[i] = factor_[i] * (r[i] - observed_[i]);
      for (std::size_t j = 0; j < k_; ++j) jac[i * k_ + j] *= factor_[i];
    }
    return all_finite(r, n) && all_finite(jac, n * k_);
  }

  /// The model's values at the observations and their derivatives with respect to the
  /// parameters (row-major, observations x parameters), unscaled.
  bool sensitivities(const double* theta, double* values, double* jac, derivatives how) const {
    const std::size_t n = observed_.size();
    if (how == derivatives::numeric) {
      if (!predict(theta, values)) return false;
      std::vector<double> at(theta, theta + k_);
      std::vector<double> plus(n);
      std::vector<double> minus(n);
      for (std::size_t j = 0; j < k_; ++j) {
        const auto& fp = problem_->parameters()[j];
        // Central differences with a step near the cube root of the machine epsilon, kept
        // inside the bounds (one-sided at a bound).
        const double h = 6e-6 * std::max(std::fabs(theta[j]), 1e-3);
        const double up = std::min(theta[j] + h, fp.upper);
        const double down = std::max(theta[j] - h, fp.lower);
        at[j] = up;
        if (!predict(at.data(), plus.data())) return false;
        at[j] = down;
        if (!predict(at.data(), minus.data())) return false;
        at[j] = theta[j];
        for (std::size_t i = 0; i < n; ++i) jac[i * k_ + j] = (plus[i] - minus[i]) / (up - down);
      }
      return all_finite(values, n) && all_finite(jac, n * k_);
    }
    std::vector<jet_type> jets(n);
    for (std::size_t first = 0; first < k_; first += static_cast<std::size_t>(detail::jet_width)) {
      jet_model_type m = jet_model_;
      try {
        for (std::size_t i = 0; i < k_; ++i) {
          jet_type value(theta[i]);
          if (i >= first && i < first + static_cast<std::size_t>(detail::jet_width)) value.v[static_cast<int>(i - first)] = 1.0;
          goaldrift::detail::apply_parameter(m, jet_index_[i], [&](auto& v) {
            if constexpr (detail::differentiable_slot<std::decay_t<decltype(v)>>::value) detail::assign(v, value);
          });
        }
        run(m, jets.data());
      } catch (const goaldrift::error&) {
        return false;
      }
      for (std::size_t i = 0; i < n; ++i) {
        if (first == 0) values[i] = jets[i].a;
        for (std::size_t j = first; j < std::min(k_, first + static_cast<std::size_t>(detail::jet_width)); ++j) {
          jac[i * k_ + j] = jets[i].v[static_cast<int>(j - first)];
        }
      }
    }
    return all_finite(values, n) && all_finite(jac, n * k_);
  }

 private:
  const Problem* problem_;
  jet_model_type jet_model_;
  std::size_t saves_ = 0;
  std::size_t observed_count_ = 0;
  std::size_t k_ = 0;
  std::vector<std::size_t> columns_;
  std::vector<bool> known_;
  std::vector<bool> own_;
  std::vector<std::size_t> group_;
  std::vector<double> sigmas_;
  std::vector<double> scale_;
  std::vector<double> floor_;
  std::vector<double> group_floor_;
  std::vector<double> weight_;
  std::vector<unsigned char> needed_;
  std::vector<std::size_t> slot_;
  std::size_t slots_ = 0;
  std::vector<grid_position> positions_;
  std::vector<std::size_t> residual_series_;
  std::vector<std::size_t> residual_time_;
  std::vector<double> observed_;
  std::vector<double> factor_;
  std::vector<std::size_t> index_;
  std::vector<std::size_t> jet_index_;

  static bool all_finite(const double* v, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(v[i])) return false;
    }
    return true;
  }

  /// Runs `m` and writes the model's value at each observation (in residual order) to `out`.
  template <class M, class T>
  void run(M& m, T* out) const {
    const std::size_t columns = columns_.size();
    std::vector<T> kept(slots_ * columns);
    std::size_t j = 0;
    integrate_on_grid(m, problem_->options(), problem_->method(),
                      [&](double, const typename M::state_type& x, const time_point& when) {
                        if (j < saves_ && needed_[j]) {
                          T* row = kept.data() + slot_[j] * columns;
                          if constexpr (goaldrift::detail::has_observe<M>::value) {
                            const auto seen = m.observe(x, when);
                            for (std::size_t c = 0; c < columns; ++c) {
                              const std::size_t col = columns_[c];
                              row[c] = col < observed_count_ ? T(seen[col]) : T(x[col - observed_count_]);
                            }
                          } else {
                            for (std::size_t c = 0; c < columns; ++c) row[c] = T(x[columns_[c]]);
                          }
                        }
                        ++j;
                      });
    for (std::size_t i = 0; i < observed_.size(); ++i) {
      const grid_position& at = positions_[residual_time_[i]];
      const std::size_t c = residual_series_[i];
      const T& lo = kept[slot_[at.lo] * columns + c];
      if (at.fraction == 0.0) {
        out[i] = lo;
      } else {
        const T& hi = kept[slot_[at.lo + 1] * columns + c];
        out[i] = lo + (hi - lo) * at.fraction;
      }
    }
  }
};

}  // namespace detail

}  // namespace goaldrift::calibration
