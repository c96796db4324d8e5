// A blended goal: part absolute standard, part smoothed memory of performance (Sterman).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <type_traits>

#include "../detail/cached_rate.hpp"
#include "../detail/scalar_type.hpp"
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
  static_assert(goaldrift::detail::is_scalar_v<T> || goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::blended: the standard, the weight and the memory time must be "
                "floating-point values or SIMD packs (write 100.0, 0.5, 12.0), not integers.");
  static_assert(!goaldrift::detail::is_mismatched_v<T>,
                "goaldrift::goal::blended: the standard, the weight, the memory time and the "
                "initial memory must have the same floating-point type (write 100.0, 1.0, 12.0, "
                "not 100.0, 1, 12; for a SIMD pack T, T(100.0), T(1.0), T(12.0)).");
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

  /// Lists the parameters by name (goaldrift/parameters.hpp).
  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    visit("standard", self.standard, "the absolute part of the goal", "level");
    visit("weight", self.weight, "share of the standard in the goal", "1");
    visit("memory_time", self.memory_time, "time the memory of performance takes to follow it", "time");
    visit("initial_memory", self.initial_memory, "where the memory starts, unset for the first perceived state",
          "level");
  }

  void validate() const {
    // An integer goal is refused by the static_assert above; checking it here too would only
    // add errors about math::scalar_ops<int>.
    if constexpr (goaldrift::detail::is_scalar_v<T>) {
      goaldrift::detail::require_finite(component, "standard", standard);
      goaldrift::detail::require_unit_interval(component, "weight", weight);
      goaldrift::detail::require_positive(component, "memory_time", memory_time);
      if (initial_memory) {
        goaldrift::detail::require_finite(component, "initial_memory", *initial_memory);
      }
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
  void prepare() {
    if constexpr (goaldrift::detail::is_scalar_v<T>) {  // see validate
      memory_rate_.update(memory_time);
    }
  }
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
/// blended(100.0, 1, 12.0) and other numbers of more than one type: refused by the
/// static_assert above in one sentence, where deduction would fail with a list of candidates.
template <class A, class B, class C,
          std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B, C>, int> = 0>
blended(A, B, C) -> blended<goaldrift::detail::mismatched_numbers<A, B, C>>;
template <class A, class B, class C, class D,
          std::enable_if_t<goaldrift::detail::mixed_numbers_v<A, B, C, D>, int> = 0>
blended(A, B, C, D) -> blended<goaldrift::detail::mismatched_numbers<A, B, C, D>>;

}  // namespace goaldrift::goal
