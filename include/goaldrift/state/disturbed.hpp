// An actual state shaken by autocorrelated noise integrated inside the model.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "../detail/cached_rate.hpp"
#include "../detail/hooks.hpp"
#include "../detail/scalar_type.hpp"
#include "../detail/validate.hpp"
#include "../input/arithmetic.hpp"
#include "../run_context.hpp"
#include "../time_point.hpp"
#include "concept.hpp"

namespace goaldrift::state {

/// dS/dt = inner's rate + sigma * N, dN/dt = (w(t) - N) / correlation_time: the actual state
/// of `Inner` disturbed by the first-order smooth of an input w, integrated with the rest of
/// the state (Fiddaman's pink noise written as a stock, as Vensim models do). With
/// w = noise::white(name, 0, sqrt(2 correlation_time / dt), dt), N has a standard deviation of
/// about 1, so sigma sets the disturbance's size. noise::pink is the alternative that holds an
/// exact AR(1) value over each interval instead.
template <class Inner, class Noise>
struct disturbed {
  using scalar_type = typename Inner::scalar_type;
  using T = scalar_type;
  static constexpr std::size_t state_size = Inner::state_size + 1;
  static constexpr std::size_t n = Inner::state_size;  // where N lives
  static constexpr const char* component = "goaldrift::state::disturbed";

  Inner inner;
  T sigma{};
  T correlation_time{};
  Noise noise;

  template <class W>
  disturbed(Inner inner_state, T disturbance_sd, T time, W&& white)
      : inner(std::move(inner_state)),
        sigma(disturbance_sd),
        correlation_time(time),
        noise(input::make_input(std::forward<W>(white))) {
    validate();
    if constexpr (goaldrift::detail::is_scalar_v<T>) {  // see validate
      rate_.update(correlation_time);
    }
  }

  /// Lists the parameters by name (goaldrift/parameters.hpp): the inner state's at this level,
  /// the noise input's under "noise.".
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit.part("", self.inner);
    visit("sigma", self.sigma, "size of the disturbance", "level/time");
    visit("correlation_time", self.correlation_time, "time over which the disturbance stays correlated", "time");
    visit.part("noise", self.noise);
  }

  void validate() const {
    // An inner state given integers has said so in its own sentence; checking sigma here would
    // only add errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      goaldrift::detail::validate(inner);
      goaldrift::detail::require_non_negative(component, "sigma", sigma);
      goaldrift::detail::require_positive(component, "correlation_time", correlation_time);
      goaldrift::detail::validate(noise);
    }
  }
  std::array<std::string, state_size> state_names() const {
    std::array<std::string, state_size> names;
    const auto local = inner.state_names();
    for (std::size_t i = 0; i < n; ++i) names[i] = local[i];
    names[n] = "disturbance";
    return names;
  }
  void initialize(T* x) const {
    inner.initialize(x);
    x[n] = T(0);
  }
  T value(const T* x) const { return inner.value(x); }
  T action(const T* x, const T& desired, const T& perceived) const { return inner.action(x, desired, perceived); }
  void derivative(const T* x, const T& desired, const T& perceived, const T& pressure,
                  const time_point& when, T* dxdt) const {
    // The disturbance acts like negative pressure, so a floor in the inner state still holds.
    inner.derivative(x, desired, perceived, pressure - sigma * x[n], when, dxdt);
    dxdt[n] = (T(noise(when)) - x[n]) * rate_.of(correlation_time);
  }
  void advance(T* x) { state::advance(inner, x); }
  /// Takes up the current correlation_time (it is public, so a study may have changed it).
  void start(const run_context& ctx) {
    state::start(inner, ctx);
    goaldrift::detail::start_input(noise, ctx);
    rate_.update(correlation_time);
  }
  template <class Key>
  void reseed(const Key& key) {
    goaldrift::detail::reseed(inner, key);
    goaldrift::detail::reseed(noise, key);
  }
  void breakpoints(double from, double to, std::vector<double>& out) const {
    goaldrift::detail::breakpoints(inner, from, to, out);
    goaldrift::detail::breakpoints(noise, from, to, out);
  }

 private:
  goaldrift::detail::cached_rate<T> rate_;  // 1 / correlation_time
};

template <class I, class W>
disturbed(I, typename I::scalar_type, typename I::scalar_type, W) -> disturbed<I, input::input_of_t<W>>;

}  // namespace goaldrift::state
