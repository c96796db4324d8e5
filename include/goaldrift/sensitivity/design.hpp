// The designs of a sensitivity analysis: which probability each run gives each parameter.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "../error.hpp"
#include "../io/text.hpp"
#include "../random/philox.hpp"
#include "sobol_sequence.hpp"

namespace goaldrift::sensitivity {

/// Where the points of a Sobol' design come from.
enum class sampler {
  /// The Sobol' sequence from its point 1 (point 0 is all zeros), as Saltelli (2010) and SALib
  /// use it: deterministic, balanced when the number of samples is a power of two.
  sobol_sequence,
  /// The Sobol' sequence scrambled by the seed (sobol_sequence's class comment): each seed a
  /// different, equally balanced design, from point 0.
  scrambled_sobol_sequence,
  /// Independent uniforms from Philox, drawn per parameter by its name (like the ensemble's
  /// draws), so adding a parameter leaves the others' draws alone.
  philox,
};

/// What a Sobol' analysis computes and how.
struct sobol_options {
  /// N, the base samples: the design runs N (k + 2) members for k parameters, N (2k + 2) with
  /// second-order indices.
  std::size_t samples = 1024;
  sampler sampling = sampler::sobol_sequence;
  /// Also the second-order indices S2 of every pair (Saltelli 2002).
  bool second_order = false;
  /// Bootstrap resamples for the confidence intervals (0: no intervals).
  std::size_t resamples = 1000;
  /// The intervals' level, in (0, 1): percentile intervals from the resampled estimates.
  double confidence = 0.95;
};

/// What a Morris screening computes and how.
struct morris_options {
  /// r, the trajectories: the design runs r (k + 1) members for k parameters.
  std::size_t trajectories = 20;
  /// p, the levels of Morris' grid (even, at least 2). Level l is the parameter's quantile at
  /// probability (l + 1/2) / p, the centre of the l-th of p equally likely strata, so a
  /// distribution without bounds keeps finite levels.
  std::size_t levels = 4;
  std::size_t resamples = 1000;
  double confidence = 0.95;
};

namespace detail {

inline void check_parameters(const char* component, const std::vector<std::string>& parameters) {
  if (parameters.empty()) {
    throw invalid_parameter(component, "parameters", "must name at least one uncertain parameter", "none");
  }
  for (std::size_t i = 0; i < parameters.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (parameters[i] == parameters[j]) {
        throw invalid_parameter(component, "parameters", "must differ from each other", io::quote_excerpt(parameters[i]));
      }
    }
  }
}

inline void check_interval(const char* component, std::size_t resamples, double confidence) {
  if (!(confidence > 0.0 && confidence < 1.0)) {
    throw invalid_parameter(component, "confidence", "must lie in (0, 1)", confidence);
  }
  if (resamples > 100000000) {
    throw invalid_parameter(component, "resamples", "must be at most 10^8", std::to_string(resamples));
  }
}

// a * b, refused past `limit` (runs of a design).
inline std::size_t checked_runs(const char* component, const char* parameter, std::size_t a, std::size_t b,
                                std::size_t limit) {
  if (a != 0 && b > limit / a) {
    throw invalid_parameter(component, parameter,
                            "gives a design of more than " + std::to_string(limit) + " runs",
                            std::to_string(a) + " x " + std::to_string(b));
  }
  return a * b;
}

inline constexpr std::size_t max_design_runs = std::size_t{1} << 40;

}  // namespace detail

/// Saltelli's design for Sobol' indices. Two N x k matrices of probabilities, A and B, are
/// taken from one 2k-dimensional sequence (A its first k coordinates, B its last k); AB_i is A
/// with column i from B, and BA_i (second order only) B with column i from A. The runs are laid
/// out sample by sample, as SALib lays them: sample j is runs j b .. j b + b - 1 with
/// b = k + 2 (or 2k + 2), in the order A_j, AB_1j .. AB_kj, [BA_1j .. BA_kj,] B_j.
///
/// Noise: the rows built mostly from A (A and every AB_i) draw the noise of A_j's run, those
/// built mostly from B (B and every BA_i) that of B_j's. The noise is then one more input, held
/// like the k columns are, and the estimators measure each parameter's share of the outcome's
/// variance over parameters and noise together: S1_i is exact for a noisy model, and ST_i
/// counts the parameter's interactions with the noise.
class saltelli_design {
 public:
  static constexpr const char* component = "goaldrift::sensitivity::saltelli_design";

  saltelli_design(std::vector<std::string> parameters, sobol_options options, std::uint64_t seed)
      : parameters_(std::move(parameters)), options_(options), seed_(seed) {
    detail::check_parameters(component, parameters_);
    detail::check_interval(component, options_.resamples, options_.confidence);
    const std::size_t k = parameters_.size();
    if (options_.samples < 2) {
      throw invalid_parameter(component, "samples", "must be at least 2", std::to_string(options_.samples));
    }
    block_ = options_.second_order ? 2 * k + 2 : k + 2;
    runs_ = detail::checked_runs(component, "samples", options_.samples, block_, detail::max_design_runs);
    if (options_.sampling != sampler::philox) {
      if (2 * k > sobol_sequence::max_dimensions) {
        throw invalid_parameter(component, "parameters",
                                "must number at most " + std::to_string(sobol_sequence::max_dimensions / 2) +
                                    " for a Sobol' sequence (2k dimensions); use sampler::philox",
                                std::to_string(k));
      }
      if (options_.samples >= (std::uint64_t{1} << 32)) {
        throw invalid_parameter(component, "samples", "must be below 2^32 for a Sobol' sequence",
                                std::to_string(options_.samples));
      }
      sequence_ = options_.sampling == sampler::scrambled_sobol_sequence ? sobol_sequence(2 * k, seed_)
                                                                          : sobol_sequence(2 * k);
    } else {
      for (const auto& p : parameters_) {
        keys_.push_back(random::philox_key(seed_, random::domain::sensitivity_design, random::stream_id(p)));
      }
    }
  }

  const std::vector<std::string>& parameters() const noexcept { return parameters_; }
  const sobol_options& options() const noexcept { return options_; }
  std::uint64_t seed() const noexcept { return seed_; }
  std::size_t samples() const noexcept { return options_.samples; }
  /// Runs per sample: k + 2, or 2k + 2 with second-order indices.
  std::size_t block() const noexcept { return block_; }
  std::size_t runs() const noexcept { return runs_; }

  /// The probability run `run` gives parameter `parameter` (its quantile is the value).
  double probability(std::size_t run, std::size_t parameter) const {
    check_run(run);
    if (parameter >= parameters_.size()) {
      throw invalid_parameter(component, "parameter",
                              "must be below the number of parameters (" + std::to_string(parameters_.size()) + ")",
                              std::to_string(parameter));
    }
    const std::size_t j = run / block_;
    return matrix_value(j, parameter, from_b(run % block_, parameter));
  }

  /// The run whose noise run `run` draws: A_j's for A and the AB_i, B_j's for B and the BA_i.
  std::uint64_t noise_run(std::uint64_t run) const {
    const std::uint64_t first = run - run % block_;
    return takes_b_noise(static_cast<std::size_t>(run % block_)) ? first + block_ - 1 : first;
  }

 private:
  void check_run(std::size_t run) const {
    if (run >= runs_) {
      throw invalid_parameter(component, "run", "must be below the design's runs (" + std::to_string(runs_) + ")",
                              std::to_string(run));
    }
  }
  bool takes_b_noise(std::size_t q) const {
    const std::size_t k = parameters_.size();
    return q == block_ - 1 || (options_.second_order && q > k && q <= 2 * k);
  }
  // Whether position q of a sample takes parameter p's column from B.
  bool from_b(std::size_t q, std::size_t p) const {
    const std::size_t k = parameters_.size();
    if (q == 0) return false;
    if (q == block_ - 1) return true;
    if (q <= k) return p == q - 1;   // AB_i: A with column i from B
    return p != q - k - 1;           // BA_i: B with column i from A
  }
  double matrix_value(std::size_t j, std::size_t p, bool b) const {
    const std::size_t k = parameters_.size();
    if (sequence_) {
      const std::uint64_t index = options_.sampling == sampler::sobol_sequence ? j + 1 : j;
      return sequence_->probability(index, b ? k + p : p);
    }
    return random::uniform(keys_[p], j, b ? 1 : 0);
  }

  std::vector<std::string> parameters_;
  sobol_options options_;
  std::uint64_t seed_;
  std::size_t block_ = 0;
  std::size_t runs_ = 0;
  std::optional<sobol_sequence> sequence_;
  std::vector<std::uint64_t> keys_;
};

/// Morris' design of r random one-at-a-time trajectories on a grid of p levels (Morris 1991).
/// Each trajectory starts from a random grid point and moves every parameter once, in random
/// order, by Delta = p / (2 (p - 1)) of the unit range (p/2 levels), up or down at random; the
/// runs are laid out trajectory by trajectory, k + 1 each. Every run of a trajectory draws the
/// noise of its first run, so an elementary effect measures the parameter, not the noise.
class morris_design {
 public:
  static constexpr const char* component = "goaldrift::sensitivity::morris_design";

  morris_design(std::vector<std::string> parameters, morris_options options, std::uint64_t seed)
      : parameters_(std::move(parameters)), options_(options), seed_(seed) {
    detail::check_parameters(component, parameters_);
    detail::check_interval(component, options_.resamples, options_.confidence);
    if (options_.levels < 2 || options_.levels % 2 != 0 || options_.levels > (std::size_t{1} << 20)) {
      throw invalid_parameter(component, "levels", "must be even and lie in [2, 2^20]", std::to_string(options_.levels));
    }
    if (options_.trajectories < 2) {
      throw invalid_parameter(component, "trajectories", "must be at least 2 (sigma needs two effects)",
                              std::to_string(options_.trajectories));
    }
    const std::size_t k = parameters_.size();
    runs_ = detail::checked_runs(component, "trajectories", options_.trajectories, k + 1, detail::max_design_runs);
    start_.resize(options_.trajectories * k);
    up_.resize(options_.trajectories * k);
    order_.resize(options_.trajectories * k);
    step_of_.resize(options_.trajectories * k);
    const std::uint64_t key = random::philox_key(seed_, random::domain::sensitivity_design, random::stream_id("morris"));
    const std::size_t half = options_.levels / 2;
    for (std::size_t t = 0; t < options_.trajectories; ++t) {
      for (std::size_t p = 0; p < k; ++p) {
        const auto w = random::philox_block(key, t, p);
        const auto base = static_cast<std::size_t>((std::uint64_t{w[0]} * half) >> 32);
        up_[t * k + p] = (w[1] & 1u) != 0;
        start_[t * k + p] = up_[t * k + p] ? base : base + half;
        order_[t * k + p] = p;
      }
      // Fisher-Yates with Philox words: the order in which the trajectory moves the parameters.
      for (std::size_t i = k; i > 1; --i) {
        const auto w = random::philox_block(key, t, k + i);
        const auto j = static_cast<std::size_t>((std::uint64_t{w[0]} * i) >> 32);
        std::swap(order_[t * k + i - 1], order_[t * k + j]);
      }
      for (std::size_t s = 0; s < k; ++s) step_of_[t * k + order_[t * k + s]] = s;
    }
  }

  const std::vector<std::string>& parameters() const noexcept { return parameters_; }
  const morris_options& options() const noexcept { return options_; }
  std::uint64_t seed() const noexcept { return seed_; }
  std::size_t trajectories() const noexcept { return options_.trajectories; }
  std::size_t runs() const noexcept { return runs_; }
  /// Delta on the unit range: p / (2 (p - 1)).
  double delta() const noexcept {
    return static_cast<double>(options_.levels) / (2.0 * static_cast<double>(options_.levels - 1));
  }

  /// The grid level (0 .. p - 1) of parameter `parameter` in run `run`.
  std::size_t level(std::size_t run, std::size_t parameter) const {
    const std::size_t k = parameters_.size();
    if (run >= runs_ || parameter >= k) {
      throw invalid_parameter(component, run >= runs_ ? "run" : "parameter", "is outside the design",
                              std::to_string(run >= runs_ ? run : parameter));
    }
    const std::size_t t = run / (k + 1);
    const std::size_t s = run % (k + 1);
    const std::size_t i = t * k + parameter;
    if (step_of_[i] >= s) return start_[i];
    return up_[i] ? start_[i] + options_.levels / 2 : start_[i] - options_.levels / 2;
  }
  double probability(std::size_t run, std::size_t parameter) const {
    return (static_cast<double>(level(run, parameter)) + 0.5) / static_cast<double>(options_.levels);
  }
  /// The parameter that step s (1 .. k) of trajectory t moves, between runs t (k+1) + s - 1 and
  /// t (k+1) + s, and whether it moves up.
  std::size_t moved(std::size_t trajectory, std::size_t step) const {
    return order_.at(trajectory * parameters_.size() + step - 1);
  }
  bool moves_up(std::size_t trajectory, std::size_t parameter) const {
    return up_.at(trajectory * parameters_.size() + parameter);
  }
  std::uint64_t noise_run(std::uint64_t run) const { return run - run % (parameters_.size() + 1); }

 private:
  std::vector<std::string> parameters_;
  morris_options options_;
  std::uint64_t seed_;
  std::size_t runs_ = 0;
  std::vector<std::size_t> start_;  // [trajectory][parameter] the level of the first run
  std::vector<bool> up_;
  std::vector<std::size_t> order_;    // [trajectory][step - 1] the parameter moved
  std::vector<std::size_t> step_of_;  // [trajectory][parameter] its step - 1
};

}  // namespace goaldrift::sensitivity
