// Information smooths: Vensim SMOOTH, SMOOTHI, SMOOTH3, SMOOTH3I and SMOOTH N.
#pragma once

#include <cstddef>
#include <string>
#include <type_traits>

#include "../detail/validate.hpp"
#include "../error.hpp"
#include "../math.hpp"

namespace goaldrift::sd {

/// A cascade of `Order` first-order exponential smooths of an input, each stage with time
/// smoothing_time / Order; the output is the last stage. Order 1 is SMOOTH, order 3 SMOOTH3.
/// Every stage uses the smoothing time given at the current call, as Vensim does when the
/// smoothing time varies. SMOOTH and SMOOTH3 initialise every stage to the input at the start;
/// SMOOTHI and SMOOTH3I to a given value: pass that to initialize(). The smoothing time is an
/// argument of every derivative() call, so the kernel cannot check it before integration by
/// itself: call validate(smoothing_time) first (the parts built on it check their own times).
template <std::size_t Order>
struct smooth_chain {
  static_assert(Order >= 1, "goaldrift::sd::smooth_chain needs at least one stage (Order >= 1).");
  static constexpr std::size_t state_size = Order;
  static constexpr const char* component = Order == 1   ? "goaldrift::sd::smooth"
                                           : Order == 3 ? "goaldrift::sd::smooth3"
                                                        : "goaldrift::sd::smooth_chain";

  /// Throws invalid_parameter unless the smoothing time is positive and finite.
  template <class T>
  static void validate(const T& smoothing_time) {
    goaldrift::detail::require_positive(component, "smoothing_time", smoothing_time);
  }

  template <class T>
  static void initialize(T* x, const T& initial) {
    for (std::size_t i = 0; i < Order; ++i) {
      x[i] = initial;
    }
  }

  template <class T>
  static T output(const T* x) {
    return x[Order - 1];
  }

  template <class T>
  static void derivative(const T* x, const T& input, const T& smoothing_time, T* dxdt) {
    const T stage_time = smoothing_time / T(static_cast<double>(Order));
    T upstream = input;
    for (std::size_t i = 0; i < Order; ++i) {
      dxdt[i] = (upstream - x[i]) / stage_time;
      upstream = x[i];
    }
  }
  /// The same with each stage's rate, Order / smoothing_time, given (parts with a fixed
  /// smoothing time compute it once: detail::cached_rate). Every stage multiplies by the rate
  /// instead of dividing by its time; the result differs from derivative() by at most a
  /// rounding.
  template <class T>
  static void derivative_at_rate(const T* x, const T& input, const T& rate, T* dxdt) {
    T upstream = input;
    for (std::size_t i = 0; i < Order; ++i) {
      dxdt[i] = (upstream - x[i]) * rate;
      upstream = x[i];
    }
  }
};

/// SMOOTH / SMOOTHI.
using smooth = smooth_chain<1>;
/// SMOOTH3 / SMOOTH3I.
using smooth3 = smooth_chain<3>;

/// SMOOTH N with an order chosen at run time, up to `MaxOrder`. The state holds MaxOrder
/// values so its size is known at compile time; stages beyond `order` stay constant.
/// Vensim reads the order once, at initialisation; so does this: it is a plain member.
/// validate() checks the order; validate(smoothing_time) the order and a smoothing time.
template <std::size_t MaxOrder>
struct smooth_n {
  static_assert(MaxOrder >= 1, "goaldrift::sd::smooth_n needs room for at least one stage.");
  static constexpr std::size_t state_size = MaxOrder;
  static constexpr const char* component = "goaldrift::sd::smooth_n";

  int order = 1;

  smooth_n() = default;
  explicit smooth_n(int smoothing_order) : order(smoothing_order) { validate(); }

  void validate() const {
    if (order < 1 || order > static_cast<int>(MaxOrder)) {
      throw invalid_parameter(component, "order",
                              "must lie in [1, " + std::to_string(MaxOrder) + "]",
                              std::to_string(order));
    }
  }
  template <class T>
  void validate(const T& smoothing_time) const {
    validate();
    goaldrift::detail::require_positive(component, "smoothing_time", smoothing_time);
  }

  template <class T>
  void initialize(T* x, const T& initial) const {
    for (std::size_t i = 0; i < MaxOrder; ++i) {
      x[i] = initial;
    }
  }

  template <class T>
  T output(const T* x) const {
    return x[order - 1];
  }

  template <class T>
  void derivative(const T* x, const T& input, const T& smoothing_time, T* dxdt) const {
    const auto n = static_cast<std::size_t>(order);
    const T stage_time = smoothing_time / T(static_cast<double>(order));
    T upstream = input;
    for (std::size_t i = 0; i < n; ++i) {
      dxdt[i] = (upstream - x[i]) / stage_time;
      upstream = x[i];
    }
    for (std::size_t i = n; i < MaxOrder; ++i) {
      dxdt[i] = T(0);
    }
  }
  /// As smooth_chain, with each stage's rate, order / smoothing_time, given.
  template <class T>
  void derivative_at_rate(const T* x, const T& input, const T& rate, T* dxdt) const {
    const auto n = static_cast<std::size_t>(order);
    T upstream = input;
    for (std::size_t i = 0; i < n; ++i) {
      dxdt[i] = (upstream - x[i]) * rate;
      upstream = x[i];
    }
    for (std::size_t i = n; i < MaxOrder; ++i) {
      dxdt[i] = T(0);
    }
  }
};

/// A first-order smooth that believes falling and rising inputs at different speeds: it moves
/// toward the input with `falling_time` while the input is below it (bad news) and with
/// `rising_time` while above (good news). Equal times give SMOOTH. The choice is a select,
/// not a branch, so every lane of a SIMD pack can take its own side. Call validate() with the
/// two times before integrating.
struct asymmetric_smooth {
  static constexpr std::size_t state_size = 1;
  static constexpr const char* component = "goaldrift::sd::asymmetric_smooth";

  template <class T>
  static void validate(const T& falling_time, const T& rising_time) {
    goaldrift::detail::require_positive(component, "falling_time", falling_time);
    goaldrift::detail::require_positive(component, "rising_time", rising_time);
  }

  template <class T>
  static void initialize(T* x, const T& initial) {
    x[0] = initial;
  }

  template <class T>
  static T output(const T* x) {
    return x[0];
  }

  template <class T>
  static void derivative(const T* x, const T& input, const T& falling_time,
                         const T& rising_time, T* dxdt) {
    const T gap = input - x[0];
    dxdt[0] = gap / math::select(gap < T(0), falling_time, rising_time);
  }
  /// The same with the reciprocals of the two times, computed once (see smooth_chain).
  template <class T>
  static void derivative_at_rates(const T* x, const T& input, const T& falling_rate,
                                  const T& rising_rate, T* dxdt) {
    const T gap = input - x[0];
    if constexpr (std::is_floating_point_v<T>) {
      // One run steps a chain of these, gap -> rate -> next gap, and the choice of rate sits on
      // it. Both products are formed while the comparison runs, so only the pick is left on the
      // chain (a fifth shorter per Euler step of the drift model); the bits are the same.
      dxdt[0] = math::select(gap < T(0), gap * falling_rate, gap * rising_rate);
    } else {
      dxdt[0] = gap * math::select(gap < T(0), falling_rate, rising_rate);
    }
  }
};

}  // namespace goaldrift::sd
