// A state vector with room for any run-time model's variables, and the odeint algebra over it.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <type_traits>

#include <boost/numeric/odeint/algebra/algebra_dispatcher.hpp>

#include "../../config.hpp"

namespace goaldrift::runtime::detail {

/// The first size() of Capacity slots hold a model's state; the rest stay 0. odeint steps every
/// slot (a loop of fixed length, which the compiler unrolls, where a std::vector's loop runs a
/// few iterations of unknown count), and 0 stays 0: no part writes a rate there. simulate()
/// and the trajectory see only size() values.
///
/// There is deliberately no `iterator` type: odeint then copies a state by assignment, size
/// included, instead of element by element into a state of unknown size.
template <class T, std::size_t Capacity>
class state_slots {
 public:
  using value_type = T;
  static constexpr std::size_t capacity = Capacity;

  state_slots() = default;
  explicit state_slots(std::size_t used) : used_(used) {}

  std::size_t size() const noexcept { return used_; }
  /// Takes the larger of its size and `other` (what the slots_algebra does for an output).
  void cover(std::size_t other) noexcept { used_ = std::max(used_, other); }

  T& operator[](std::size_t i) noexcept { return slots_[opaque(i)]; }
  const T& operator[](std::size_t i) const noexcept { return slots_[opaque(i)]; }
  T* data() noexcept { return slots_.data(); }
  const T* data() const noexcept { return slots_.data(); }
  T* begin() noexcept { return slots_.data(); }
  T* end() noexcept { return slots_.data() + used_; }
  const T* begin() const noexcept { return slots_.data(); }
  const T* end() const noexcept { return slots_.data() + used_; }

  friend bool operator==(const state_slots& a, const state_slots& b) {
    return a.used_ == b.used_ && std::equal(a.begin(), a.end(), b.begin());
  }

 private:
  // An index the compiler cannot see through, so that it reads and writes one slot at a time.
  // A part writes its rates one double at a time behind a call; a loop that read them back two
  // at a time (vectorised) waited for each pair to reach memory (a failed store-to-load
  // forwarding): a step of examples/sensor_fault's model took 1.6 times as long.
  static std::size_t opaque(std::size_t i) noexcept {
#if defined(__GNUC__)
    __asm__("" : "+r"(i));
#endif
    return i;
  }
  std::array<T, Capacity> slots_{};
  std::size_t used_ = 0;
};

/// odeint's algebra for state_slots: every operation runs over all slots, and an output takes
/// the size of its operands. odeint's own temporaries (and simulate()'s, for dense output) start
/// empty; the first operation that writes them gives them the model's size.
struct slots_algebra {
  template <class S1, class Op>
  static void for_each1(S1& s1, Op op) {
    each(op, s1);
  }
  template <class S1, class S2, class Op>
  static void for_each2(S1& s1, S2& s2, Op op) {
    each(op, s1, s2);
  }
  template <class S1, class S2, class S3, class Op>
  static void for_each3(S1& s1, S2& s2, S3& s3, Op op) {
    each(op, s1, s2, s3);
  }
  template <class S1, class S2, class S3, class S4, class Op>
  static void for_each4(S1& s1, S2& s2, S3& s3, S4& s4, Op op) {
    each(op, s1, s2, s3, s4);
  }
  template <class S1, class S2, class S3, class S4, class S5, class Op>
  static void for_each5(S1& s1, S2& s2, S3& s3, S4& s4, S5& s5, Op op) {
    each(op, s1, s2, s3, s4, s5);
  }
  template <class S1, class S2, class S3, class S4, class S5, class S6, class Op>
  static void for_each6(S1& s1, S2& s2, S3& s3, S4& s4, S5& s5, S6& s6, Op op) {
    each(op, s1, s2, s3, s4, s5, s6);
  }
  template <class S1, class S2, class S3, class S4, class S5, class S6, class S7, class Op>
  static void for_each7(S1& s1, S2& s2, S3& s3, S4& s4, S5& s5, S6& s6, S7& s7, Op op) {
    each(op, s1, s2, s3, s4, s5, s6, s7);
  }
  template <class S1, class S2, class S3, class S4, class S5, class S6, class S7, class S8, class Op>
  static void for_each8(S1& s1, S2& s2, S3& s3, S4& s4, S5& s5, S6& s6, S7& s7, S8& s8, Op op) {
    each(op, s1, s2, s3, s4, s5, s6, s7, s8);
  }
  template <class S1, class S2, class S3, class S4, class S5, class S6, class S7, class S8, class S9, class Op>
  static void for_each9(S1& s1, S2& s2, S3& s3, S4& s4, S5& s5, S6& s6, S7& s7, S8& s8, S9& s9, Op op) {
    each(op, s1, s2, s3, s4, s5, s6, s7, s8, s9);
  }

  /// The largest |x_i|, as odeint's array_algebra computes it (unused slots are 0).
  template <class S>
  static typename S::value_type norm_inf(const S& s) {
    using std::abs;
    using std::max;
    typename S::value_type init = 0;
    for (std::size_t i = 0; i < S::capacity; ++i) init = max(init, abs(s[i]));
    return init;
  }

 private:
  template <class Op, class Out, class... In>
  GOALDRIFT_HOT_INLINE static void each(Op& op, Out& out, In&... in) {
    using slots = std::remove_const_t<Out>;
    if constexpr (!std::is_const_v<Out>) {
      (out.cover(in.size()), ...);
    }
    for (std::size_t i = 0; i < slots::capacity; ++i) op(out[i], in[i]...);
  }
};

}  // namespace goaldrift::runtime::detail

namespace boost::numeric::odeint {
template <class T, std::size_t Capacity>
struct algebra_dispatcher<goaldrift::runtime::detail::state_slots<T, Capacity>> {
  using algebra_type = goaldrift::runtime::detail::slots_algebra;
};
}  // namespace boost::numeric::odeint
