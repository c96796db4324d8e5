// Smoothed perception: first-order (SMOOTH, SMOOTHI), third-order (SMOOTH3) and N-th order.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>

#include "../detail/cached_rate.hpp"
#include "../detail/scalar_type.hpp"
#include "../detail/smoothing_parameters.hpp"
#include "../run_context.hpp"
#include "../sd/smooth.hpp"
#include "../time_point.hpp"

namespace goaldrift::perception {

namespace detail {
inline std::string stage_name(std::size_t i) { return "stage" + std::to_string(i + 1); }

// SMOOTH and SMOOTH3 differ only in their kernel and names; Derived gives the constructors
// (so that smooth(4.0) deduces its type) and the component name.
template <class Derived, class Kernel, class T>
struct smoothed : goaldrift::detail::smoothing_parameters<T> {
  using scalar_type = T;
  static constexpr std::size_t state_size = Kernel::state_size;

  void validate() const { this->check(Derived::component); }
  std::array<std::string, state_size> state_names() const {
    std::array<std::string, state_size> names;
    for (std::size_t i = 0; i < state_size; ++i) {
      names[i] = state_size == 1 ? std::string("level") : stage_name(i);
    }
    return names;
  }
  void initialize(T* x, const T& input, const time_point&) const {
    Kernel::initialize(x, this->start_value(input));
  }
  T value(const T* x, const T&, const time_point&) const { return Kernel::output(x); }
  /// Takes up smoothing_time (it is public, so a study may have changed it); the
  /// constructors and start() call it.
  void prepare() {
    // An integer time is refused by Derived's static_assert; taking it up here would only add
    // errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      rate_.update(this->smoothing_time);
    }
  }
  void start(const run_context&, const T&, const time_point&) { prepare(); }
  void derivative(const T* x, const T& input, const time_point&, T* dxdt) const {
    Kernel::derivative_at_rate(x, input, T(double(Kernel::state_size)) * rate_.of(this->smoothing_time), dxdt);
  }

 protected:
  smoothed(T smoothing_time, std::optional<T> initial)
      : goaldrift::detail::smoothing_parameters<T>{smoothing_time, initial} {}

 private:
  goaldrift::detail::cached_rate<T> rate_;  // 1 / smoothing_time
};
}  // namespace detail

/// First-order exponential smoothing of the input (Vensim SMOOTH, or SMOOTHI with `initial`).
template <class T = double>
struct smooth : detail::smoothed<smooth<T>, sd::smooth, T> {
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::perception::smooth: the smoothing time must be a floating-point value "
                "or a SIMD pack (write 3.0), not an integer.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::perception::smooth: the smoothing time and the initial value must "
                "have the same floating-point type (write 3.0, 100.0, not 3.0, 100; for a SIMD "
                "pack T, T(3.0), T(100.0)).");
  static constexpr const char* component = "goaldrift::perception::smooth";

  explicit smooth(T smoothing_time) : detail::smoothed<smooth<T>, sd::smooth, T>(smoothing_time, {}) {
    this->validate();
    this->prepare();
  }
  smooth(T smoothing_time, T initial)
      : detail::smoothed<smooth<T>, sd::smooth, T>(smoothing_time, initial) {
    this->validate();
    this->prepare();
  }
};

template <class T>
smooth(T) -> smooth<T>;
template <class T>
smooth(T, T) -> smooth<T>;
/// smooth(3.0, 100) or smooth(3.0f, 100.0): refused by the static_assert above in one
/// sentence, where deduction would fail with a list of candidates.
template <class A, class B, std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
smooth(A, B) -> smooth<goaldrift::detail::mismatched_numbers<A, B>>;

/// Third-order smoothing (Vensim SMOOTH3, or SMOOTH3I with `initial`): three first-order
/// stages, each with a third of the smoothing time. Reacts later but more sharply than SMOOTH.
template <class T = double>
struct smooth3 : detail::smoothed<smooth3<T>, sd::smooth3, T> {
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::perception::smooth3: the smoothing time must be a floating-point value "
                "or a SIMD pack (write 3.0), not an integer.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::perception::smooth3: the smoothing time and the initial value must "
                "have the same floating-point type (write 3.0, 100.0, not 3.0, 100; for a SIMD "
                "pack T, T(3.0), T(100.0)).");
  static constexpr const char* component = "goaldrift::perception::smooth3";

  explicit smooth3(T smoothing_time)
      : detail::smoothed<smooth3<T>, sd::smooth3, T>(smoothing_time, {}) {
    this->validate();
    this->prepare();
  }
  smooth3(T smoothing_time, T initial)
      : detail::smoothed<smooth3<T>, sd::smooth3, T>(smoothing_time, initial) {
    this->validate();
    this->prepare();
  }
};

template <class T>
smooth3(T) -> smooth3<T>;
template <class T>
smooth3(T, T) -> smooth3<T>;
/// smooth3(3.0, 100) or smooth3(3.0f, 100.0): refused by the static_assert above in one
/// sentence, where deduction would fail with a list of candidates.
template <class A, class B, std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B>, int> = 0>
smooth3(A, B) -> smooth3<goaldrift::detail::mismatched_numbers<A, B>>;

/// N-th order smoothing (Vensim SMOOTH N) with the order chosen at run time, 1..MaxOrder.
/// The state always holds MaxOrder stages, so its size is fixed at compile time.
template <std::size_t MaxOrder, class T = double>
struct smooth_n : goaldrift::detail::smoothing_parameters<T> {
  static_assert(goaldrift::detail::is_scalar_v<T>,
                "goaldrift::perception::smooth_n: the scalar type must be a floating-point type "
                "or a SIMD pack (smooth_n<4>(3.0, 2), or smooth_n<4, T>), not an integer.");
  using scalar_type = T;
  static constexpr std::size_t state_size = MaxOrder;
  static constexpr const char* component = "goaldrift::perception::smooth_n";

  sd::smooth_n<MaxOrder> chain;

  smooth_n(T smoothing_time, int order)
      : goaldrift::detail::smoothing_parameters<T>{smoothing_time, {}}, chain(checked(order)) {
    validate();
    prepare();
  }
  smooth_n(T smoothing_time, int order, T initial)
      : goaldrift::detail::smoothing_parameters<T>{smoothing_time, initial}, chain(checked(order)) {
    validate();
    prepare();
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    goaldrift::detail::smoothing_parameters<T>::visit_parameters(self, visit);
    visit("order", self.chain.order, "number of first-order stages", "1");
  }

  void validate() const {
    this->check(component);
    checked(chain.order);
  }
  std::array<std::string, MaxOrder> state_names() const {
    std::array<std::string, MaxOrder> names;
    for (std::size_t i = 0; i < MaxOrder; ++i) {
      names[i] = detail::stage_name(i);
    }
    return names;
  }
  void initialize(T* x, const T& input, const time_point&) const {
    chain.initialize(x, this->start_value(input));
  }
  T value(const T* x, const T&, const time_point&) const { return chain.output(x); }
  /// Takes up smoothing_time (it is public, so a study may have changed it); the constructors
  /// and start() call it.
  void prepare() {
    if constexpr (goaldrift::detail::is_scalar_v<T>) {  // see detail::smoothed::prepare
      rate_.update(this->smoothing_time);
    }
  }
  void start(const run_context&, const T&, const time_point&) { prepare(); }
  void derivative(const T* x, const T& input, const time_point&, T* dxdt) const {
    chain.derivative_at_rate(x, input, T(double(chain.order)) * rate_.of(this->smoothing_time), dxdt);
  }

 private:
  goaldrift::detail::cached_rate<T> rate_;  // 1 / smoothing_time

  static int checked(int order) {
    if (order < 1 || order > static_cast<int>(MaxOrder)) {
      throw invalid_parameter(component, "order",
                              "must lie in [1, " + std::to_string(MaxOrder) +
                                  "] (raise the MaxOrder template argument for more)",
                              std::to_string(order));
    }
    return order;
  }
};

}  // namespace goaldrift::perception
