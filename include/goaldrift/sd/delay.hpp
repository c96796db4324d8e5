// Material delays: Vensim DELAY1, DELAY1I, DELAY3, DELAY3I and DELAY N.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <string>

#include "../detail/format.hpp"
#include "../detail/validate.hpp"
#include "../error.hpp"
#include "../math.hpp"

namespace goaldrift::detail {

/// The material each stage holds at the start, initial_output * stage_time, must be a finite
/// number: 1e300 per time unit for 1e300 time units is not, and the stocks would start at
/// +infinity and turn the first derivative into inf - inf = NaN.
template <class T>
void require_finite_stock(const char* component, const T& initial_output, const T& stage_time,
                          const T& stock) {
  for (std::size_t i = 0; i < math::lanes_v<T>; ++i) {
    if (!std::isfinite(math::scalar_ops<T>::lane(stock, i))) {
      throw invalid_parameter(
          component, "initial_output",
          "times the stage time (" +
              format_number(math::scalar_ops<T>::lane(stage_time, i)) +
              ") must be finite, as it is the material each stage holds",
          math::scalar_ops<T>::lane(initial_output, i));
    }
  }
}

}  // namespace goaldrift::detail

namespace goaldrift::sd {

/// A material delay of `Order` stocks in series, each draining at stock / (delay_time / Order);
/// the output is the outflow of the last stock. Order 1 is DELAY1, order 3 DELAY3. The state
/// holds the stocks (the material in transit), so when the delay time changes the output jumps
/// and nothing is lost, as in Vensim. DELAY1/DELAY3 start in equilibrium with the input;
/// DELAY1I/DELAY3I with a given initial output: pass that to initialize(), which also checks
/// the delay time. A delay time that varies is passed to each call and is the caller's to keep
/// positive.
template <std::size_t Order>
struct delay_chain {
  static_assert(Order >= 1, "goaldrift::sd::delay_chain needs at least one stock (Order >= 1).");
  static constexpr std::size_t state_size = Order;
  static constexpr const char* component = Order == 1   ? "goaldrift::sd::delay1"
                                           : Order == 3 ? "goaldrift::sd::delay3"
                                                        : "goaldrift::sd::delay_chain";

  /// Throws invalid_parameter unless the delay time is positive and finite.
  template <class T>
  static void validate(const T& delay_time) {
    goaldrift::detail::require_positive(component, "delay_time", delay_time);
  }

  /// Checks the delay time, then fills the stocks so that the outflow is `initial_output`.
  /// Throws invalid_parameter if a stock, initial_output * delay_time / Order, is not finite.
  template <class T>
  static void initialize(T* x, const T& initial_output, const T& delay_time) {
    validate(delay_time);
    const T stage_time = delay_time / T(static_cast<double>(Order));
    const T stock = initial_output * stage_time;
    goaldrift::detail::require_finite_stock(component, initial_output, stage_time, stock);
    for (std::size_t i = 0; i < Order; ++i) {
      x[i] = stock;
    }
  }

  template <class T>
  static T output(const T* x, const T& delay_time) {
    return x[Order - 1] / (delay_time / T(static_cast<double>(Order)));
  }

  template <class T>
  static void derivative(const T* x, const T& input, const T& delay_time, T* dxdt) {
    const T stage_time = delay_time / T(static_cast<double>(Order));
    T inflow = input;
    for (std::size_t i = 0; i < Order; ++i) {
      const T outflow = x[i] / stage_time;
      dxdt[i] = inflow - outflow;
      inflow = outflow;
    }
  }
};

/// DELAY1 / DELAY1I.
using delay1 = delay_chain<1>;
/// DELAY3 / DELAY3I.
using delay3 = delay_chain<3>;

/// DELAY N: a material delay whose order is chosen at run time, up to `MaxOrder`, read once at
/// initialisation. Unlike DELAY3, Vensim's DELAY N lets a changed delay time travel down the
/// chain one stage per time step: stage i drains with the delay time of i steps ago. This class
/// reproduces that by keeping the delay times of the last `order` steps; call advance() with
/// the current delay time at every grid time. With a constant delay time it is the ordinary
/// Erlang delay and advance() may be skipped, so it then also works under adaptive steps.
template <std::size_t MaxOrder, class T = double>
class delay_n {
 public:
  static_assert(MaxOrder >= 1, "goaldrift::sd::delay_n needs room for at least one stock.");
  static constexpr std::size_t state_size = MaxOrder;
  static constexpr const char* component = "goaldrift::sd::delay_n";

  delay_n() = default;
  explicit delay_n(int delay_order) : order_(delay_order) { validate(); }

  void validate() const {
    if (order_ < 1 || order_ > static_cast<int>(MaxOrder)) {
      throw invalid_parameter(component, "order",
                              "must lie in [1, " + std::to_string(MaxOrder) + "]",
                              std::to_string(order_));
    }
  }

  int order() const noexcept { return order_; }

  /// Vensim lowers the order of DELAY N until order * dt <= delay_time, so that no stage is
  /// shorter than one step (Euler would overshoot it); PySD does the same. Call this before
  /// initialize() in a fixed-step run to reproduce it. Returns the order now in use. Equality
  /// is judged with a relative tolerance of 1e-12, so 3 * 0.1 against 0.3 keeps order 3.
  /// Throws invalid_parameter unless both are positive and finite: with a NaN every comparison
  /// is false and the order would silently stay as it was.
  int fit_order_to_step(double dt, double delay_time) {
    goaldrift::detail::require_positive(component, "dt", dt);
    goaldrift::detail::require_positive(component, "delay_time", delay_time);
    while (order_ > 1 && static_cast<double>(order_) * dt > delay_time * (1.0 + 1e-12)) {
      --order_;
    }
    return order_;
  }

  /// Checks the order and the delay time, then fills the stocks so that the outflow is
  /// `initial_output`; every stage sees `delay_time`. Throws invalid_parameter if a stock,
  /// initial_output * delay_time / order, is not finite.
  void initialize(T* x, const T& initial_output, const T& delay_time) {
    validate();
    goaldrift::detail::require_positive(component, "delay_time", delay_time);
    const T stage_time = delay_time / T(static_cast<double>(order_));
    const T stock = initial_output * stage_time;
    goaldrift::detail::require_finite_stock(component, initial_output, stage_time, stock);
    stage_delay_.fill(delay_time);
    initialized_ = true;
    for (std::size_t i = 0; i < MaxOrder; ++i) {
      x[i] = stock;
    }
  }

  /// Moves the delay-time pipeline on by one step; the first stage now sees `delay_time`.
  void advance(const T& delay_time) {
    for (std::size_t i = MaxOrder - 1; i > 0; --i) {
      stage_delay_[i] = stage_delay_[i - 1];
    }
    stage_delay_[0] = delay_time;
  }

  /// The outflow of the last stage. Throws goaldrift::error before initialize(), which sets
  /// the stage delay times it divides by (all zero until then).
  T output(const T* x) const {
    if (!initialized_) {
      throw_not_initialized("output");
    }
    const auto last = static_cast<std::size_t>(order_ - 1);
    return x[last] / (stage_delay_[last] / T(static_cast<double>(order_)));
  }

  /// The stocks' rates of change; throws goaldrift::error before initialize(), as output().
  void derivative(const T* x, const T& input, T* dxdt) const {
    if (!initialized_) {
      throw_not_initialized("derivative");
    }
    const auto n = static_cast<std::size_t>(order_);
    const T order = T(static_cast<double>(order_));
    T inflow = input;
    for (std::size_t i = 0; i < n; ++i) {
      const T outflow = x[i] / (stage_delay_[i] / order);
      dxdt[i] = inflow - outflow;
      inflow = outflow;
    }
    for (std::size_t i = n; i < MaxOrder; ++i) {
      dxdt[i] = T(0);
    }
  }

 private:
  // Out of line, so that the started kernel's only cost is one well-predicted test of a bool.
  [[noreturn]] static void throw_not_initialized(const char* what) {
    throw error(std::string(component) + ": " + what +
                "() called before initialize(), which sets the delay time of every stage");
  }

  int order_ = 1;
  bool initialized_ = false;
  std::array<T, MaxOrder> stage_delay_{};
};

}  // namespace goaldrift::sd
