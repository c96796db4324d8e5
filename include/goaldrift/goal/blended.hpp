// A blended goal: part absolute standard, part smoothed memory of performance (Sterman).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>

#include "../detail/cached_rate.hpp"
#include "../detail/validate.hpp"
#include "../run_context.hpp"
#include "../sd/smooth.hpp"
#include "../signals.hpp"

namespace goaldrift::goal {

/// D = weight * standard + (1 - weight) * M, with M = SMOOTH(P, memory_time): the floating-goal
/// formulation of Sterman's Business Dynamics (2000). weight 1 is an absolute standard; weight
/// 0 a goal that is only past performance.
template <class T = double>
struct blended {
  using scalar_type = T;
  static constexpr std::size_t state_size = 1;
  static constexpr const char* component = "goaldrift::goal::blended";

  T standard{};
  T weight{};
  T memory_time{};
  /// Where the memory starts; empty means "at the first perceived state".
  std::optional<T> initial_memory;

  blended(T standard_value, T weight_on_standard, T memory)
      : standard(standard_value), weight(weight_on_standard), memory_time(memory) {
    validate();
    prepare();
  }
  blended(T standard_value, T weight_on_standard, T memory, T initial)
      : standard(standard_value),
        weight(weight_on_standard),
        memory_time(memory),
        initial_memory(initial) {
    validate();
    prepare();
  }

  void validate() const {
    goaldrift::detail::require_finite(component, "standard", standard);
    goaldrift::detail::require_unit_interval(component, "weight", weight);
    goaldrift::detail::require_positive(component, "memory_time", memory_time);
    if (initial_memory) {
      goaldrift::detail::require_finite(component, "initial_memory", *initial_memory);
    }
  }
  std::array<std::string, 1> state_names() const { return {"memory"}; }
  void initialize(T* x, const signals<T>& s) const {
    sd::smooth::initialize(x, initial_memory ? *initial_memory : s.perceived);
  }
  T value(const T* x, const signals<T>&) const {
    return weight * standard + (T(1) - weight) * x[0];
  }
  /// Takes up memory_time (it is public, so a study may have changed it); the constructors
  /// and start() call it.
  void prepare() { memory_rate_.update(memory_time); }
  void start(const run_context&, const signals<T>&) { prepare(); }
  void derivative(const T* x, const signals<T>& s, T* dxdt) const {
    sd::smooth::derivative_at_rate(x, s.perceived, memory_rate_.of(memory_time), dxdt);
  }

 private:
  goaldrift::detail::cached_rate<T> memory_rate_;
};

template <class T>
blended(T, T, T) -> blended<T>;
template <class T>
blended(T, T, T, T) -> blended<T>;

}  // namespace goaldrift::goal
