// Parameters by name: read and change any listed parameter of a model through its path.
#pragma once

#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "detail/hooks.hpp"
#include "detail/names.hpp"
#include "detail/scalar_type.hpp"
#include "error.hpp"
#include "io/text.hpp"
#include "math.hpp"

namespace goaldrift {

/// One parameter of a model, as parameter_list() reports it.
struct parameter_info {
  /// "goal.signal.good_news_time": the part names from the model down, then the parameter.
  std::string path;
  /// What the parameter does, in a few words.
  std::string meaning;
  /// "time", "level" (the unit of the state), "level/time", "1" (a pure number), "input" (the
  /// unit of the input it belongs to), ...
  std::string unit;
  /// True for a whole number (a smoothing order).
  bool integer = false;
  /// True for a parameter a part may leave unset (a floor, an initial value that defaults to
  /// the first input).
  bool optional = false;
  /// False for an optional parameter the model leaves unset: set() sets it.
  bool is_set = true;
};

namespace detail {

/// Finds nothing; only used to ask whether a part declares visit_parameters.
struct parameter_probe {
  template <class V>
  void operator()(std::string_view, V&, const char*, const char*) {}
  template <class P>
  void part(std::string_view, P&) {}
};

template <class P, class = void>
struct has_parameters : std::false_type {};
template <class P>
struct has_parameters<P, std::void_t<decltype(P::visit_parameters(std::declval<P&>(),
                                                                   std::declval<parameter_probe&>()))>>
    : std::true_type {};
template <class P>
inline constexpr bool has_parameters_v = has_parameters<std::remove_const_t<P>>::value;

/// What a listed value may be: a scalar of the model (double, float, a SIMD pack), a plain
/// double or whole number shared by every lane, or an optional one of those (listed while set).
template <class V>
struct parameter_slot {
  static_assert(is_scalar_v<V> || std::is_integral_v<V>,
                "A listed parameter must be a floating-point value, a SIMD pack, a whole number "
                "or a std::optional of one of them.");
  static constexpr bool integer = std::is_integral_v<V>;
  static constexpr std::size_t lanes = [] {
    if constexpr (integer) {
      return std::size_t{1};
    } else {
      return math::lanes_v<V>;
    }
  }();
  static constexpr bool optional = false;

  static bool present(const V&) { return true; }
  static double read(const V& v, std::size_t lane) {
    if constexpr (integer) {
      (void)lane;
      return static_cast<double>(v);
    } else {
      return math::scalar_ops<V>::lane(v, lane);
    }
  }
  static void write(V& v, double x) {
    if constexpr (integer) {
      v = static_cast<V>(x);
    } else {
      v = V(x);
    }
  }
  static void write_lane(V& v, std::size_t lane, double x) {
    if constexpr (integer) {
      (void)lane;
      v = static_cast<V>(x);
    } else {
      math::scalar_ops<V>::set_lane(v, lane, x);
    }
  }
};

template <class V>
struct parameter_slot<std::optional<V>> {
  using inner = parameter_slot<V>;
  static constexpr bool integer = inner::integer;
  static constexpr std::size_t lanes = inner::lanes;
  static constexpr bool optional = true;

  static bool present(const std::optional<V>& v) { return v.has_value(); }
  // find_parameter refuses to read an unset optional, so value() never throws in practice; it
  // also tells g++ that the read is guarded (it warned "may be used uninitialized" on *v).
  static double read(const std::optional<V>& v, std::size_t lane) {
    return inner::read(v.value(), lane);
  }
  static void write(std::optional<V>& v, double x) {
    if (!v) v.emplace();
    inner::write(*v, x);
  }
  static void write_lane(std::optional<V>& v, std::size_t lane, double x) {
    if (!v) v.emplace();
    inner::write_lane(*v, lane, x);
  }
};

/// Walks every listed parameter of a part, calling f(path, value, meaning, unit) with the full
/// path ("goal.signal.good_news_time"); nested parts add their name and a dot. A nested part
/// that lists nothing is recorded in `silent` (for error messages).
template <class F>
struct parameter_walker {
  F& f;
  std::string prefix;
  std::vector<std::string>* silent = nullptr;

  template <class V>
  void operator()(std::string_view name, V& value, const char* meaning, const char* unit) {
    f(prefix + std::string(name), value, meaning, unit);
  }
  template <class P>
  void part(std::string_view name, P& p) {
    if constexpr (has_parameters_v<P>) {
      const std::size_t n = prefix.size();
      if (!name.empty()) {
        prefix.append(name);
        prefix.push_back('.');
      }
      std::remove_const_t<P>::visit_parameters(p, *this);
      prefix.resize(n);
    } else if (silent != nullptr && !name.empty()) {
      // (A merged part that lists nothing leaves no path of its own to blame.)
      silent->push_back(prefix + std::string(name));
    }
  }
};

/// Calls f(path, value, meaning, unit) for every parameter `part` lists, in its order.
template <class Part, class F>
void for_each_parameter(Part& part, F&& f, std::vector<std::string>* silent = nullptr) {
  parameter_walker<std::remove_reference_t<F>> walk{f, std::string(), silent};
  walk.part(std::string_view(), part);
}

inline constexpr const char* parameters_component = "goaldrift::parameters";

/// The position of the parameter at `path` in visit order (what apply_parameter takes), or an
/// invalid_parameter naming the closest paths. Reading an optional parameter left unset is
/// refused too; writing sets it.
template <class Model>
std::size_t find_parameter(const Model& model, std::string_view path, bool reading) {
  std::size_t index = 0;
  std::optional<std::size_t> found;
  bool unset = false;
  std::vector<std::string> names;
  std::vector<std::string> silent;
  for_each_parameter(
      model,
      [&](const std::string& p, const auto& value, const char*, const char*) {
        using slot = parameter_slot<std::decay_t<decltype(value)>>;
        if (p == path) {
          found = index;
          unset = !slot::present(value);
        }
        names.push_back(p);
        ++index;
      },
      &silent);
  if (found && unset && reading) {
    throw invalid_parameter(parameters_component, std::string(path),
                            "is an optional parameter this model leaves unset (set it first)",
                            "no value");
  }
  if (!found) {
    std::string more;
    for (const auto& s : silent) {
      if (!s.empty() && path.substr(0, s.size()) == s) {
        more = "; the part at " + io::quote_excerpt(s) +
               " lists no parameters (a user-written part lists them with visit_parameters, "
               "docs/concepts.md)";
      }
    }
    throw invalid_parameter(parameters_component, "path",
                            "names no parameter of this model" + closest_hint(names, path) + more +
                                "; the model has: " + name_list(names),
                            io::quote_excerpt(path));
  }
  return *found;
}

/// Walks to the parameter at one position in visit order, counting, without building paths:
/// what a study does for every member.
template <class F>
struct counting_walker {
  F& f;
  std::size_t index;
  std::size_t seen = 0;

  template <class V>
  void operator()(std::string_view, V& value, const char*, const char*) {
    if (seen++ == index) f(value);
  }
  template <class P>
  void part(std::string_view, P& p) {
    if constexpr (has_parameters_v<P>) {
      if (seen <= index) std::remove_const_t<P>::visit_parameters(p, *this);
    }
  }
};

/// Calls f(value) on the parameter at position `index` (from find_parameter).
template <class Model, class F>
void apply_parameter(Model& model, std::size_t index, F&& f) {
  counting_walker<std::remove_reference_t<F>> walk{f, index};
  walk.part(std::string_view(), model);
}

/// Refuses, naming the path, a value its slot cannot hold.
template <class V>
void check_parameter_value(const std::string& path, double x) {
  using slot = parameter_slot<V>;
  if (std::isnan(x)) {
    throw invalid_parameter(parameters_component, path, "must be a number", x);
  }
  if constexpr (slot::integer) {
    if (x != std::floor(x) || std::fabs(x) > 1e9) {
      throw invalid_parameter(parameters_component, path, "must be a whole number", x);
    }
  }
}

}  // namespace detail

/// Every parameter of `model` (or of any part) with its meaning and unit, in a fixed order:
/// state, perception, goal, pressure, each part's own list from the top down.
template <class Model>
std::vector<parameter_info> parameter_list(const Model& model) {
  std::vector<parameter_info> out;
  detail::for_each_parameter(model, [&](const std::string& p, const auto& value, const char* meaning,
                                        const char* unit) {
    using slot = detail::parameter_slot<std::decay_t<decltype(value)>>;
    out.push_back(parameter_info{p, meaning, unit, slot::integer, slot::optional, slot::present(value)});
  });
  return out;
}

/// The paths of every parameter `model` lists and holds a value for ("state.action_time",
/// "goal.adjustment_time"; an optional parameter left unset is not among them).
template <class Model>
std::vector<std::string> parameter_names(const Model& model) {
  std::vector<std::string> out;
  for (auto& info : parameter_list(model)) {
    if (info.is_set) out.push_back(std::move(info.path));
  }
  return out;
}

/// The value of the parameter at `path` (lane `lane` of a SIMD pack model).
template <class Model>
double get(const Model& model, std::string_view path, std::size_t lane = 0) {
  static_assert(detail::has_parameters_v<Model>,
                "goaldrift::get: this type lists no parameters; give it a visit_parameters "
                "(docs/concepts.md).");
  const std::size_t index = detail::find_parameter(model, path, true);
  double out = 0.0;
  detail::apply_parameter(model, index, [&](const auto& value) {
    using slot = detail::parameter_slot<std::decay_t<decltype(value)>>;
    // A value shared by every lane of a pack model reads the same in each.
    if (lane >= slot::lanes && slot::lanes > 1) {
      throw invalid_parameter(detail::parameters_component, "lane of " + std::string(path),
                              "must be below the pack's " + std::to_string(slot::lanes) + " lanes",
                              std::to_string(lane));
    }
    out = slot::read(value, lane < slot::lanes ? lane : 0);
  });
  return out;
}

/// Sets the parameter at `path` to `value` (every lane of a SIMD pack model) and re-checks the
/// model: a value the part refuses throws its invalid_parameter and leaves the model as it was.
/// A SIMD pack model takes up new times at its next start() (simulate() and ensemble::run call
/// it); a double model at once.
template <class Model>
void set(Model& model, std::string_view path, double value) {
  static_assert(detail::has_parameters_v<Model>,
                "goaldrift::set: this type lists no parameters; give it a visit_parameters "
                "(docs/concepts.md).");
  const std::size_t index = detail::find_parameter(model, path, false);
  detail::apply_parameter(model, index, [&](auto& slot_value) {
    using V = std::decay_t<decltype(slot_value)>;
    detail::check_parameter_value<V>(std::string(path), value);
    V old = slot_value;
    detail::parameter_slot<V>::write(slot_value, value);
    try {
      detail::validate(model);
    } catch (...) {
      slot_value = std::move(old);
      throw;
    }
  });
}

}  // namespace goaldrift
