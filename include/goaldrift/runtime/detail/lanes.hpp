// The tabled parts of a run-time model over SIMD packs: what lets runtime::model run an ensemble's
// members several at a time (runtime::model::run_lanes), through the compiled parts' own code.
#pragma once

#include <array>
#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "../../goal/absolute.hpp"
#include "../../goal/best_past.hpp"
#include "../../goal/floating.hpp"
#include "../../goal/signal.hpp"
#include "../../goal/slip_only.hpp"
#include "../../input/constant.hpp"
#include "../../input/pulse.hpp"
#include "../../input/ramp.hpp"
#include "../../input/sine_wave.hpp"
#include "../../input/step.hpp"
#include "../../input/table.hpp"
#include "../../noise/pink.hpp"
#include "../../noise/white.hpp"
#include "../../parameters.hpp"
#include "../../perception/asymmetric.hpp"
#include "../../perception/distorted.hpp"
#include "../../perception/instant.hpp"
#include "../../perception/reporting_delay.hpp"
#include "../../perception/smooth.hpp"
#include "../../state/actual.hpp"
#include "../../state/corrective_action.hpp"
#include "../input.hpp"
#include "visit.hpp"

namespace goaldrift::runtime::detail {

/// Thrown (and caught by runtime::model::run_lanes, which then runs the members one at a time)
/// for a part with no pack form: an input that is a function of time.
struct no_pack_form {};

template <class P>
class pack_input;

/// input_sum over packs: the terms added left to right, as input_sum adds them.
template <class P>
struct pack_sum : input_list_hooks<pack_sum<P>> {
  std::vector<pack_input<P>> terms;
  const std::vector<pack_input<P>>& inputs() const { return terms; }
  std::vector<pack_input<P>>& inputs() { return terms; }

  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    for (std::size_t i = 0; i < self.terms.size(); ++i) visit.part("terms[" + std::to_string(i) + "]", self.terms[i]);
  }
  P operator()(const time_point& when) const;
};

/// input_operation over packs.
template <class P>
struct pack_operation : input_list_hooks<pack_operation<P>> {
  input_operation::kind op = input_operation::kind::difference;
  std::vector<pack_input<P>> operands;
  const std::vector<pack_input<P>>& inputs() const { return operands; }
  std::vector<pack_input<P>>& inputs() { return operands; }

  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    if (self.op == input_operation::kind::negation) {
      for (auto& operand : self.operands) visit.part("", operand);
    } else {
      for (std::size_t i = 0; i < self.operands.size(); ++i) visit.part(i == 0 ? "left" : "right", self.operands[i]);
    }
  }
  P operator()(const time_point& when) const;
};

/// any_input over packs: the same kinds but a function of time, each the typed input over P,
/// listing its parameters as any_input does (so a model over packs lists the same paths in the
/// same order as the run-time model it was made from).
template <class P>
class pack_input : public held_input_hooks<pack_input<P>> {
 public:
  using value_type = P;
  using alternatives = std::variant<input::constant<P>, input::step<P>, input::ramp<P>, input::pulse<P>, input::sine_wave<P>,
                                    noise::white<P>, noise::pink<P>, input::table<P>, pack_sum<P>, pack_operation<P>>;
  alternatives held;

  /// The pack form of `in`, its parameters in every lane (run_lanes then sets each lane's).
  explicit pack_input(const any_input& in) : held(convert(in.held)) {}

  template <class Self, class Visitor>
  static void visit_parameters(Self& self, Visitor& visit) {
    detail::visit([&visit](auto& in) { visit.part("", in); }, self.held);
  }
  GOALDRIFT_HOT_INLINE P operator()(const time_point& when) const {
    return detail::visit([&when](const auto& in) -> P { return P(in(when)); }, held);
  }

 private:
  static alternatives convert(const any_input::alternatives& in) {
    return detail::visit([](const auto& x) { return alternatives(pack_form(x)); }, in);
  }
  // Each kind's pack form, with any valid value: every listed parameter is set afterwards.
  static input::constant<P> pack_form(const input::constant<double>&) { return input::constant<P>(P(0.0)); }
  static input::step<P> pack_form(const input::step<double>&) { return input::step<P>(P(0.0), 0.0); }
  static input::ramp<P> pack_form(const input::ramp<double>&) { return input::ramp<P>(); }
  static input::pulse<P> pack_form(const input::pulse<double>&) { return input::pulse<P>(); }
  static input::sine_wave<P> pack_form(const input::sine_wave<double>&) { return input::sine_wave<P>(); }
  static noise::white<P> pack_form(const noise::white<double>& n) {
    return noise::white<P>(n.name(), P(0.0), P(0.0), n.interval);
  }
  static noise::pink<P> pack_form(const noise::pink<double>& n) {
    return noise::pink<P>(n.name(), P(0.0), P(0.0), n.correlation_time, n.interval);
  }
  static input::table<P> pack_form(const input::table<double>& t) { return input::table<P>(t.curve); }
  static pack_sum<P> pack_form(const input_sum& s) {
    pack_sum<P> out;
    for (const auto& term : s.terms) out.terms.emplace_back(term);
    return out;
  }
  static pack_operation<P> pack_form(const input_operation& o) {
    pack_operation<P> out;
    out.op = o.op;
    for (const auto& operand : o.operands) out.operands.emplace_back(operand);
    return out;
  }
  [[noreturn]] static alternatives pack_form(const input::function<time_function>&) { throw no_pack_form{}; }
};

template <class P>
P pack_sum<P>::operator()(const time_point& when) const {
  if (terms.empty()) return P(0.0);
  P total = terms.front()(when);
  for (std::size_t i = 1; i < terms.size(); ++i) total = total + terms[i](when);
  return total;
}

template <class P>
P pack_operation<P>::operator()(const time_point& when) const {
  switch (op) {
    case input_operation::kind::negation: return -operands[0](when);
    case input_operation::kind::product: return operands[0](when) * operands[1](when);
    default: return operands[0](when) - operands[1](when);
  }
}

// The pack form of each tabled part, with any valid values (every listed parameter is set
// afterwards, lane by lane): the same kind, over P, its signal, inner perception and inputs
// too.
template <class P>
state::actual<P, state::proportional<P>> pack_form(const state::actual<double, state::proportional<double>>&) {
  return state::actual<P, state::proportional<P>>(P(1.0), P(1.0));
}
template <class P>
state::actual<P, state::capacity_limited<P>> pack_form(const state::actual<double, state::capacity_limited<double>>&) {
  return state::actual<P, state::capacity_limited<P>>(P(1.0), state::capacity_limited<P>(P(1.0), P(1.0)));
}
template <class P>
perception::instant<P> pack_form(const perception::instant<double>&) {
  return perception::instant<P>();
}
template <class P>
perception::smooth<P> pack_form(const perception::smooth<double>&) {
  return perception::smooth<P>(P(1.0));
}
template <class P>
perception::smooth3<P> pack_form(const perception::smooth3<double>&) {
  return perception::smooth3<P>(P(1.0));
}
template <class P>
perception::asymmetric<P> pack_form(const perception::asymmetric<double>&) {
  return perception::asymmetric<P>(P(1.0), P(1.0));
}
template <class P>
perception::reporting_delay<P> pack_form(const perception::reporting_delay<double>& d) {
  return perception::reporting_delay<P>(d.delay_time);
}
template <class P, class Inner>
auto pack_form(const perception::distorted<Inner, any_input>& d) {
  using inner = decltype(pack_form<P>(d.inner));
  return perception::distorted<inner, pack_input<P>, input::constant<P>>(pack_form<P>(d.inner), pack_input<P>(d.bias),
                                                                         input::constant<P>(P(0.0)));
}
template <class P>
goal::perceived<P> pack_form(const goal::perceived<double>&) {
  return goal::perceived<P>();
}
template <class P>
goal::remembered<P> pack_form(const goal::remembered<double>&) {
  return goal::remembered<P>(P(1.0), P(1.0));
}
template <class P>
goal::absolute<P> pack_form(const goal::absolute<double>&) {
  return goal::absolute<P>(P(1.0));
}
template <class P, class Signal>
auto pack_form(const goal::floating<double, Signal>& g) {
  return goal::floating<P, decltype(pack_form<P>(g.signal))>(P(1.0), P(1.0), pack_form<P>(g.signal));
}
template <class P, class Signal>
auto pack_form(const goal::slip_only<double, Signal>& g) {
  return goal::slip_only<P, decltype(pack_form<P>(g.signal))>(P(1.0), P(1.0), pack_form<P>(g.signal));
}
template <class P, class Signal>
auto pack_form(const goal::best_past<double, Signal>& g) {
  return goal::best_past<P, decltype(pack_form<P>(g.signal))>(P(1.0), P(1.0), pack_form<P>(g.signal));
}

template <class Part>
struct part_token {
  static constexpr char id = 0;
};

/// One member's model taken apart: every listed parameter in visit order (and whether it is
/// set), the kinds of its parts in the order they were entered, and what else fixes a part
/// without being a number (a noise stream's name, a table's points). Members whose kinds and
/// structure agree run as the lanes of one pack model.
struct lane_walk {
  std::vector<double> values;
  std::vector<unsigned char> present;
  std::vector<const void*> kinds;
  std::string structure;

  void clear() {
    values.clear();
    present.clear();
    kinds.clear();
    structure.clear();
  }
  bool same_shape(const lane_walk& other) const {
    return kinds == other.kinds && structure == other.structure && values.size() == other.values.size();
  }

  template <class V>
  void operator()(std::string_view, const V& value, const char*, const char*) {
    using slot = goaldrift::detail::parameter_slot<V>;
    const bool set = slot::present(value);
    present.push_back(set ? 1 : 0);
    values.push_back(set ? slot::read(value, 0) : 0.0);
  }
  template <class Part>
  void part(std::string_view, const Part& p) {
    kinds.push_back(&part_token<Part>::id);
    if constexpr (std::is_base_of_v<noise::detail::interval_noise<1>, Part>) {
      structure += p.name();
      structure.push_back('\0');
    } else if constexpr (std::is_same_v<Part, input::table<double>>) {
      append(p.curve.xs());
      append(p.curve.ys());
    }
    if constexpr (goaldrift::detail::has_parameters_v<Part>) Part::visit_parameters(p, *this);
    kinds.push_back(nullptr);
  }

 private:
  void append(const std::vector<double>& v) {
    const std::size_t n = v.size();
    structure.append(reinterpret_cast<const char*>(&n), sizeof n);
    structure.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(double));
  }
};

/// Sets every listed parameter of a pack model, lane by lane, from the walks of its members. A
/// parameter that a pack model holds once for every lane (a reporting delay's delay_time) must
/// be the same in every member, and an optional one set in all or none: `fits` is false
/// otherwise.
template <std::size_t L>
struct lane_fill {
  const std::array<const lane_walk*, L>& lanes;
  std::size_t at = 0;
  bool fits = true;

  template <class V>
  void operator()(std::string_view, V& value, const char*, const char*) {
    using slot = goaldrift::detail::parameter_slot<V>;
    if (at >= lanes[0]->values.size()) {
      fits = false;
      return;
    }
    std::size_t set = 0;
    for (const lane_walk* lane : lanes) set += lane->present[at];
    if (set == 0) {
      if constexpr (slot::optional) value.reset();
    } else if (set != L) {
      fits = false;
    } else if constexpr (slot::lanes > 1) {
      for (std::size_t lane = 0; lane < L; ++lane) slot::write_lane(value, lane, lanes[lane]->values[at]);
    } else {
      const double first = lanes[0]->values[at];
      for (const lane_walk* lane : lanes) {
        if (std::memcmp(&lane->values[at], &first, sizeof first) != 0) fits = false;
      }
      slot::write(value, first);
    }
    ++at;
  }
  template <class Part>
  void part(std::string_view, Part& p) {
    if constexpr (goaldrift::detail::has_parameters_v<Part>) Part::visit_parameters(p, *this);
  }
};

}  // namespace goaldrift::runtime::detail
