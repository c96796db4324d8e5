// Smoothed perception: first-order (SMOOTH, SMOOTHI), third-order (SMOOTH3) and N-th order.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>

#include "../detail/validate.hpp"
#include "../sd/smooth.hpp"
#include "../time_point.hpp"

namespace goaldrift::perception {

namespace detail {
inline std::string stage_name(std::size_t i) { return "stage" + std::to_string(i + 1); }

// The parameters every smoothed perception has: a smoothing time and an optional start value.
template <class T>
struct smoothing_parameters {
  T smoothing_time{};
  /// Where the perception starts; empty means "at the first input" (SMOOTH, not SMOOTHI).
  std::optional<T> initial;

  void check(const char* component) const {
    goaldrift::detail::require_positive(component, "smoothing_time", smoothing_time);
    if (initial) {
      goaldrift::detail::require_finite(component, "initial", *initial);
    }
  }
  T start_value(const T& input) const { return initial ? *initial : input; }
};
}  // namespace detail

/// First-order exponential smoothing of the input (Vensim SMOOTH, or SMOOTHI with `initial`).
template <class T = double>
struct smooth : detail::smoothing_parameters<T> {
  using scalar_type = T;
  static constexpr std::size_t state_size = 1;
  static constexpr const char* component = "goaldrift::perception::smooth";

  explicit smooth(T smoothing_time) : detail::smoothing_parameters<T>{smoothing_time, {}} {
    validate();
  }
  smooth(T smoothing_time, T initial)
      : detail::smoothing_parameters<T>{smoothing_time, initial} {
    validate();
  }

  void validate() const { this->check(component); }
  std::array<std::string, 1> state_names() const { return {"level"}; }
  void initialize(T* x, const T& input, const time_point&) const {
    sd::smooth::initialize(x, this->start_value(input));
  }
  T value(const T* x, const T&, const time_point&) const { return sd::smooth::output(x); }
  void derivative(const T* x, const T& input, const time_point&, T* dxdt) const {
    sd::smooth::derivative(x, input, this->smoothing_time, dxdt);
  }
};

template <class T>
smooth(T) -> smooth<T>;
template <class T>
smooth(T, T) -> smooth<T>;

/// Third-order smoothing (Vensim SMOOTH3, or SMOOTH3I with `initial`): three first-order
/// stages, each with a third of the smoothing time. Reacts later but more sharply than SMOOTH.
template <class T = double>
struct smooth3 : detail::smoothing_parameters<T> {
  using scalar_type = T;
  static constexpr std::size_t state_size = 3;
  static constexpr const char* component = "goaldrift::perception::smooth3";

  explicit smooth3(T smoothing_time) : detail::smoothing_parameters<T>{smoothing_time, {}} {
    validate();
  }
  smooth3(T smoothing_time, T initial)
      : detail::smoothing_parameters<T>{smoothing_time, initial} {
    validate();
  }

  void validate() const { this->check(component); }
  std::array<std::string, 3> state_names() const {
    return {detail::stage_name(0), detail::stage_name(1), detail::stage_name(2)};
  }
  void initialize(T* x, const T& input, const time_point&) const {
    sd::smooth3::initialize(x, this->start_value(input));
  }
  T value(const T* x, const T&, const time_point&) const { return sd::smooth3::output(x); }
  void derivative(const T* x, const T& input, const time_point&, T* dxdt) const {
    sd::smooth3::derivative(x, input, this->smoothing_time, dxdt);
  }
};

template <class T>
smooth3(T) -> smooth3<T>;
template <class T>
smooth3(T, T) -> smooth3<T>;

/// N-th order smoothing (Vensim SMOOTH N) with the order chosen at run time, 1..MaxOrder.
/// The state always holds MaxOrder stages, so its size is fixed at compile time.
template <std::size_t MaxOrder, class T = double>
struct smooth_n : detail::smoothing_parameters<T> {
  using scalar_type = T;
  static constexpr std::size_t state_size = MaxOrder;
  static constexpr const char* component = "goaldrift::perception::smooth_n";

  sd::smooth_n<MaxOrder> chain;

  smooth_n(T smoothing_time, int order)
      : detail::smoothing_parameters<T>{smoothing_time, {}}, chain(checked(order)) {
    validate();
  }
  smooth_n(T smoothing_time, int order, T initial)
      : detail::smoothing_parameters<T>{smoothing_time, initial}, chain(checked(order)) {
    validate();
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
  void derivative(const T* x, const T& input, const time_point&, T* dxdt) const {
    chain.derivative(x, input, this->smoothing_time, dxdt);
  }

 private:
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
