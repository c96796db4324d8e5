// Pipeline delay: Vensim DELAY FIXED, for fixed-step integration.
#pragma once

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "../error.hpp"
#include "../math.hpp"
#include "../run_context.hpp"

namespace goaldrift::sd {

/// DELAY FIXED(input, delay_time, initial): the output at grid time t_k is the input recorded
/// at t_{k-n}, or `initial` while k < n, where n = round(delay_time / dt), at least 1.
/// As in Vensim, the delay time is read once, at start(), and rounded to whole steps (1.2 with
/// dt = 1 delays one step, 1.5 two, 0 one). It is a pipeline of recorded values, not an ODE,
/// so it is defined only for fixed steps: call advance() once at every grid time, first thing.
/// In a model's start(run_context) hook, start it with the run context: that refuses an
/// adaptive method, under which simulate() never calls advance() and the output would stay at
/// `initial` for the whole run.
template <class T = double>
class delay_fixed {
 public:
  static constexpr const char* component = "goaldrift::sd::delay_fixed";
  /// The longest pipeline start() allocates: 10^8 values, 800 MB of doubles.
  static constexpr double max_steps = 1e8;

  /// Throws invalid_parameter unless start() can build a pipeline for `delay_time` with step
  /// `dt`. The error names `owner` and `delay_time_name`: a part built on the pipeline passes
  /// its own, so that the user reads the name of the part they built, not this kernel's.
  static void check(double delay_time, double dt, const char* owner = component,
                    const char* delay_time_name = "delay_time") {
    if (!std::isfinite(delay_time) || delay_time < 0.0) {
      throw invalid_parameter(owner, delay_time_name, "must be non-negative and finite",
                              delay_time);
    }
    if (!std::isfinite(dt) || dt <= 0.0) {
      throw invalid_parameter(owner, "dt", "must be positive and finite", dt);
    }
    if (!(std::round(delay_time / dt) <= max_steps)) {
      throw invalid_parameter(owner, delay_time_name,
                              "must not exceed " + detail::format_number(max_steps) +
                                  " steps of dt (" + detail::format_number(dt) +
                                  "), the most a pipeline holds",
                              delay_time);
    }
  }

  /// Allocates the pipeline (outside any integration loop) and fills it with `initial`.
  void start(double delay_time, double dt, const T& initial) {
    check(delay_time, dt);
    const double steps = std::round(delay_time / dt);
    pipeline_.assign(steps < 1.0 ? 1u : static_cast<std::size_t>(steps), initial);
    head_ = 0;
    current_ = initial;
  }

  /// start() for a run of simulate(): throws invalid_parameter (parameter `method`) when the
  /// method is adaptive, and otherwise sizes the pipeline to the run's step.
  void start(double delay_time, const run_context& ctx, const T& initial) {
    if (!ctx.fixed_step) {
      throw invalid_parameter(component, "method",
                              "must be a fixed-step method such as euler or rk4, because DELAY "
                              "FIXED is a pipeline of values recorded once per step",
                              ctx.method);
    }
    start(delay_time, ctx.dt, initial);
  }

  /// At grid time t_k: makes the input of t_{k-n} the output and records `input` for t_{k+n}.
  /// Throws goaldrift::error before start(), when there is no pipeline to record into.
  void advance(const T& input) {
    if (pipeline_.empty()) {
      throw_not_started();
    }
    current_ = pipeline_[head_];
    pipeline_[head_] = input;
    head_ = head_ + 1 == pipeline_.size() ? 0 : head_ + 1;
  }

  const T& output() const noexcept { return current_; }

  /// The delay in whole steps (0 before start()).
  std::size_t steps() const noexcept { return pipeline_.size(); }

 private:
  // Out of line, so that a started pipeline pays one well-predicted comparison per step.
  [[noreturn]] static void throw_not_started() {
    throw error(std::string(component) +
                ": advance() called before start(), which allocates the pipeline of delayed "
                "values");
  }

  std::vector<T> pipeline_;
  std::size_t head_ = 0;
  T current_{};
};

}  // namespace goaldrift::sd
