// The rate 1 / time of a part's time constant, kept so that derivatives multiply instead of
// dividing in every stage of every step.
#pragma once

#include "../math.hpp"

namespace goaldrift::detail {

/// 1 / time for a part's public time constant.
/// A division in every stage of every step was the costliest operation of a batched ensemble
/// (bench/README.md), so parts keep the rate from update(), which their constructors, their
/// prepare() and their start() call, and multiply by it.
///
/// On a plain scalar (double, float, long double) of() also checks that the time is still the
/// one the rate was taken from, and divides on the spot if it is not: a time changed after
/// construction is never read stale, whoever drives the model, and the result has the same bits
/// either way. On a SIMD pack that check (a compare of every lane and a reduction) cost as much
/// as the division it saves, so a pack model must be started, or its parts prepared, after its
/// times change; the ensemble runner, the only user of pack models in goaldrift, starts every
/// one. A scalar that carries derivatives (ceres::Jet) is divided every time: it compares by
/// value alone, so a time seeded after update() would pass that check and lose its derivative.
template <class T>
class cached_rate {
 public:
  void update(const T& time) {
    time_ = time;
    rate_ = T(1) / time;
  }
  T of(const T& time) const {
    if constexpr (math::carries_derivatives_v<T>) {
      return T(1) / time;  // the value rate_ holds, with the derivatives `time` carries now
    } else {
      if constexpr (math::lanes_v<T> == 1) {
        if (!unchanged(time)) return divide(time);
      }
      return rate_;
    }
  }

 private:
  bool unchanged(const T& time) const {
#if defined(__GNUC__)
    return __builtin_expect(time == time_, 1);
#else
    return time == time_;
#endif
  }

  // Out of line and cold: the check adds a compare and a branch to a derivative, not a
  // division that the compiler might compute ahead of it, nor code that stops it inlining.
#if defined(__GNUC__)
  [[gnu::noinline, gnu::cold]]
#endif
  static T divide(const T& time) {
    return T(1) / time;
  }

  T time_{};  // 0 is never a valid time, so a scalar of() divides until the first update()
  T rate_{};
};

}  // namespace goaldrift::detail
