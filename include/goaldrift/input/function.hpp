// Any user callable of time as an input.
#pragma once

#include <cmath>
#include <type_traits>
#include <utility>
#include <vector>

#include "../detail/validate.hpp"
#include "../error.hpp"
#include "../time_point.hpp"

namespace goaldrift::input {

/// Wraps a callable `f(double t)` or `f(const time_point&)`. If it jumps or kinks, list those
/// times in `jumps`: adaptive steppers then stop there. A callable of plain t cannot know the
/// fixed-step jump rule, so a jump inside a fixed step is seen by some stages and not others;
/// take f(const time_point&) and test `when.jump_t` to get Vensim's behaviour.
template <class F>
struct function {
 private:
  static constexpr bool takes_time_point = std::is_invocable_v<const F&, const time_point&>;
  static_assert(takes_time_point || std::is_invocable_v<const F&, double>,
                "goaldrift::input::function needs a callable f(double t) or "
                "f(const goaldrift::time_point&) that returns the input's value.");
  static auto call(const F& f, const time_point& when) {
    if constexpr (takes_time_point) {
      return f(when);
    } else {
      return f(when.t);
    }
  }

 public:
  using value_type = std::decay_t<decltype(call(std::declval<const F&>(), time_point{}))>;
  static constexpr const char* component = "goaldrift::input::function";

  F f;
  std::vector<double> jumps;

  explicit function(F callable) : f(std::move(callable)) {}
  function(F callable, std::vector<double> jump_times)
      : f(std::move(callable)), jumps(std::move(jump_times)) {
    validate();
  }

  void validate() const {
    for (double b : jumps) {
      if (!std::isfinite(b)) {
        throw invalid_parameter(component, "jumps", "must all be finite", b);
      }
    }
  }

  value_type operator()(const time_point& when) const { return call(f, when); }

  void breakpoints(double from, double to, std::vector<double>& out) const {
    detail::require_breakpoint_count(component, "jumps", jumps.size());
    for (double b : jumps) {
      if (b > from && b < to) {
        out.push_back(b);
      }
    }
  }
};

template <class F>
function(F) -> function<F>;
template <class F>
function(F, std::vector<double>) -> function<F>;

}  // namespace goaldrift::input
