// A study: a prototype model and the parameters that vary from member to member.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../detail/hooks.hpp"
#include "../error.hpp"
#include "../random/philox.hpp"
#include "design.hpp"
#include "member_table.hpp"

namespace goaldrift::ensemble {

/// One uncertain parameter: where its values come from and how a member's model takes one.
template <class Model>
struct uncertain_parameter {
  std::string name;
  /// Maps a probability in (0, 1) to a value (a distribution's quantile); empty for a
  /// parameter read from a member table.
  std::function<double(double)> quantile;
  /// The table and column a parameter is read from, if it is.
  const member_table* table = nullptr;
  std::size_t column = 0;
  std::function<void(Model&, double)> apply;
};

/// The prototype of every member and the parameters that vary. Any public parameter of any
/// part can be made uncertain by naming it and saying where it lives:
///
///     ensemble::study s(model);
///     s.vary("goal_time", distribution::uniform(5, 20),
///            [](auto& m) -> double& { return m.goal.adjustment_time; });
///
/// The third argument either returns a reference to the parameter or takes (model, value).
/// Each parameter's values are drawn from its own random stream, named by the parameter, so
/// adding a parameter does not change the draws of the others.
template <class Model>
class study {
 public:
  using model_type = Model;
  static constexpr const char* component = "goaldrift::ensemble::study";

  explicit study(Model prototype) : prototype_(std::move(prototype)) {}

  /// Draws the parameter `name` from `distribution` (anything with quantile(d, p)).
  template <class Distribution, class Access>
  study& vary(std::string name, Distribution distribution, Access access) {
    check_new_name(name);
    uncertain_parameter<Model> p;
    p.quantile = [d = std::move(distribution)](double probability) { return quantile(d, probability); };
    p.apply = make_apply(std::move(access));
    p.name = std::move(name);
    parameters_.push_back(std::move(p));
    return *this;
  }

  /// Reads the parameter `column` for member i from row i of `table`, which must outlive the
  /// study. Every member-table parameter must come from the same table.
  template <class Access>
  study& from_table(const member_table& table, const std::string& column, Access access) {
    check_new_name(column);
    if (table_ != nullptr && table_ != &table) {
      throw invalid_parameter(component, "table", "must be the same table for every column",
                              table.source());
    }
    table_ = &table;
    uncertain_parameter<Model> p;
    p.name = column;
    p.table = &table;
    p.column = table.column(column);
    p.apply = make_apply(std::move(access));
    parameters_.push_back(std::move(p));
    return *this;
  }

  const Model& prototype() const noexcept { return prototype_; }
  const std::vector<uncertain_parameter<Model>>& parameters() const noexcept { return parameters_; }
  /// The member table in use, if any; it fixes the number of members.
  const member_table* table() const noexcept { return table_; }

  /// The parameter values of member `member` of `members`, in the order they were declared.
  std::vector<double> sample(std::uint64_t member, std::uint64_t members, design d,
                             std::uint64_t seed) const {
    std::vector<double> values;
    values.reserve(parameters_.size());
    for (const auto& p : parameters_) {
      if (p.table != nullptr) {
        values.push_back(p.table->value(static_cast<std::size_t>(member), p.column));
      } else {
        values.push_back(p.quantile(design_probability(d, seed, random::stream_id(p.name), member, members)));
      }
    }
    return values;
  }

  /// The model of one member: the prototype with `values` applied and its noise drawing as
  /// (seed, member). Throws invalid_parameter if a value makes a part invalid (a negative
  /// time drawn from a normal, say).
  Model member_model(const std::vector<double>& values, std::uint64_t member, std::uint64_t seed) const {
    Model m = prototype_;
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
      parameters_[i].apply(m, values[i]);
    }
    goaldrift::detail::validate(m);
    goaldrift::detail::reseed(m, random::member_key{seed, member});
    return m;
  }

 private:
  void check_new_name(const std::string& name) const {
    if (name.empty()) {
      throw invalid_parameter(component, "name", "must not be empty (it names the random stream)", "\"\"");
    }
    for (const auto& p : parameters_) {
      if (p.name == name) {
        throw invalid_parameter(component, "name", "must be unique: a parameter already has it", "'" + name + "'");
      }
    }
  }

  // Accessors run on every worker thread at once, so they are called as const objects.
  template <class Access>
  static std::function<void(Model&, double)> make_apply(Access access) {
    if constexpr (std::is_invocable_v<const Access&, Model&, double>) {
      return [a = std::move(access)](Model& m, double v) { a(m, v); };
    } else {
      static_assert(std::is_invocable_v<const Access&, Model&>,
                    "A parameter accessor must either return a reference to the parameter "
                    "([](auto& m) -> double& { return m.goal.adjustment_time; }) or take "
                    "(model, value) and set it, and be callable as a const object.");
      return [a = std::move(access)](Model& m, double v) { a(m) = v; };
    }
  }

  Model prototype_;
  std::vector<uncertain_parameter<Model>> parameters_;
  const member_table* table_ = nullptr;
};

}  // namespace goaldrift::ensemble
