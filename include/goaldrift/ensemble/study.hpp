// A study: a prototype model and the parameters that vary from member to member.
#pragma once

#include <cmath>
#include <cstddef>
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../detail/hooks.hpp"
#include "../error.hpp"
#include "../random/philox.hpp"
#include "../simd/pack.hpp"
#include "default_pack.hpp"
#include "design.hpp"
#include "../io/text.hpp"
#include "../parameters.hpp"
#include "member_table.hpp"

namespace goaldrift::ensemble {

namespace detail {
// A factory makes the model for any scalar type: factory(T{}) returns a model over T.
template <class X, class = void>
struct is_factory : std::false_type {};
template <class X>
struct is_factory<X, std::void_t<typename decltype(std::declval<const X&>()(0.0))::state_type>>
    : std::true_type {};

template <class Source, class Pack, bool = is_factory<Source>::value>
struct models_of {
  using scalar = Source;
  using pack = void;
};
template <class Source, class Pack>
struct models_of<Source, Pack, true> {
  using scalar = decltype(std::declval<const Source&>()(0.0));
  using pack = decltype(std::declval<const Source&>()(Pack{}));
};
}  // namespace detail

/// One uncertain parameter: where its values come from and how a member's model takes one.
template <class Model, class PackModel = void>
struct uncertain_parameter {
  std::string name;
  /// Maps a probability in (0, 1) to a value (a distribution's quantile); empty for a
  /// parameter read from a member table.
  std::function<double(double)> quantile;
  /// The table and column a parameter is read from, if it is.
  const member_table* table = nullptr;
  std::size_t column = 0;
  std::function<void(Model&, double)> apply;
  /// Sets one lane of the parameter in a pack model (studies made from a factory only).
  std::function<void(std::conditional_t<std::is_void_v<PackModel>, Model, PackModel>&, std::size_t, double)> apply_lane;
  /// False for a parameter named by path that holds one value for every lane of a pack model
  /// (a reporting delay's delay_time): members then run one at a time.
  bool batchable = true;
};

/// The prototype of every member and the parameters that vary. A listed parameter is named by
/// its path (parameter_names(model)); any public field of any part, listed or not, can be
/// reached with an accessor:
///
///     ensemble::study s(model);
///     s.vary("goal.adjustment_time", distribution::uniform(5, 20));
///     s.vary("goal_time", distribution::uniform(5, 20),
///            [](auto& m) -> double& { return m.goal.adjustment_time; });
///
/// The accessor either returns a reference to the parameter or takes (model, value).
/// Each parameter's values are drawn from its own random stream, named by the parameter, so
/// adding a parameter does not change the draws of the others, and an accessor named
/// "goal.adjustment_time" draws exactly what the path does. Names must differ, and so must
/// their 32-bit stream ids (random::stream_id): a rare pair that collides is refused.
template <class Source, class Pack = default_pack>
class study {
 public:
  using model_type = typename detail::models_of<Source, Pack>::scalar;
  using Model = model_type;
  /// The scalar type of batched runs: `lanes` members per value.
  using pack_type = Pack;
  /// The model over Pack, or void for a study made from one model.
  using pack_model_type = typename detail::models_of<Source, Pack>::pack;
  static constexpr bool batched = detail::is_factory<Source>::value;
  static constexpr std::size_t lanes = math::lanes_v<Pack>;
  static constexpr std::size_t Lanes = lanes;
  static constexpr const char* component = "goaldrift::ensemble::study";

  /// From a prototype model: members run one at a time.
  /// From a factory, a generic callable that makes the model for any scalar type
  /// (`[](auto zero) { using T = decltype(zero); return make_model(state::actual(T(100), ...)); }`):
  /// members then also run `lanes` at a time through the same model code on SIMD packs.
  explicit study(Source source) : source_(std::move(source)), prototype_(make_prototype(source_)) {}

  /// Draws the parameter `name` from `distribution` (anything with quantile(d, p)).
  template <class Distribution, class Access, std::enable_if_t<!std::is_convertible_v<Access, std::string>, int> = 0>
  study& vary(std::string name, Distribution distribution, Access access) {
    check_new_name(name, true);
    uncertain_parameter<Model, pack_model_type> p;
    p.quantile = [d = std::move(distribution)](double probability) { return quantile(d, probability); };
    p.apply = make_apply(access);
    p.apply_lane = make_apply_lane(std::move(access));
    p.name = std::move(name);
    parameters_.push_back(std::move(p));
    return *this;
  }

  /// Draws the parameter at `path` (one of parameter_names(prototype())) from `distribution`.
  /// In a batched study a parameter that holds one value for every lane of a pack (a reporting
  /// delay's delay_time) is accepted, and members then run one at a time (result::notes()
  /// says so): results are the same either way.
  template <class Distribution>
  study& vary(const std::string& path, Distribution distribution) {
    return vary(path, std::move(distribution), path);
  }

  /// Draws the parameter at `path` from `distribution` under another name: `name` keys its
  /// random stream and heads its column in the outcomes. It draws what an accessor of the same
  /// name draws, so a study written with accessors keeps its results when they become paths
  /// (a model file says this with a distribution's "name").
  template <class Distribution>
  study& vary(std::string name, Distribution distribution, const std::string& path) {
    check_new_name(name, true);
    uncertain_parameter<Model, pack_model_type> p;
    p.quantile = [d = std::move(distribution)](double probability) { return quantile(d, probability); };
    by_path(p, path);
    p.name = std::move(name);
    parameters_.push_back(std::move(p));
    return *this;
  }

  /// Reads the parameter at path `column` (a column of `table` named like
  /// parameter_names(prototype())) for member i from row i; see from_table(table, column, access).
  study& from_table(const member_table& table, const std::string& column) {
    check_new_name(column, false);
    uncertain_parameter<Model, pack_model_type> p;
    by_path(p, column);
    use_table(table, column, p);
    return *this;
  }

  /// Reads every column of `table` as the parameter its header names (a path).
  study& from_table(const member_table& table) {
    for (const auto& column : table.columns()) from_table(table, column);
    return *this;
  }

  /// Reads the parameter `column` for member i from row i of `table`, which must outlive the
  /// study. Every member-table parameter must come from the same table.
  template <class Access>
  study& from_table(const member_table& table, const std::string& column, Access access) {
    check_new_name(column, false);
    uncertain_parameter<Model, pack_model_type> p;
    p.apply = make_apply(access);
    p.apply_lane = make_apply_lane(std::move(access));
    use_table(table, column, p);
    return *this;
  }

  const Model& prototype() const noexcept { return prototype_; }
  const std::vector<uncertain_parameter<Model, pack_model_type>>& parameters() const noexcept {
    return parameters_;
  }
  /// False when a parameter holds one value for every lane of a pack model: a batched run then
  /// runs its members one at a time.
  bool batchable() const noexcept {
    for (const auto& p : parameters_) {
      if (!p.batchable) return false;
    }
    return true;
  }
  /// The first parameter that keeps members from running in packs, for notes ("" if none).
  std::string unbatchable_parameter() const {
    for (const auto& p : parameters_) {
      if (!p.batchable) return p.name;
    }
    return {};
  }

  /// The member table in use, if any; it fixes the number of members.
  const member_table* table() const noexcept { return table_; }

  /// This study with every uncertain parameter read from `table` (from the column named like
  /// the parameter), and member i's noise drawn as that of member noise_member(i) (itself if
  /// empty): the form in which a designed experiment runs a study (goaldrift/sensitivity.hpp
  /// pairs the runs of one Sobol' sample, or of one Morris trajectory, on the same noise). The
  /// table must outlive the copy.
  study designed(const member_table& table, std::function<std::uint64_t(std::uint64_t)> noise_member = {}) const {
    study copy(*this);
    for (auto& p : copy.parameters_) {
      p.table = &table;
      p.column = table.column(p.name);
    }
    copy.table_ = &table;
    copy.noise_member_ = std::move(noise_member);
    return copy;
  }
  /// The member whose noise member `member` draws (see designed()).
  std::uint64_t noise_member(std::uint64_t member) const { return noise_member_ ? noise_member_(member) : member; }

  /// The parameter values of member `member` of `members`, in the order they were declared.
  std::vector<double> sample(std::uint64_t member, std::uint64_t members, design d,
                             std::uint64_t seed) const {
    detail::require_member(component, member, members);
    if (table_ != nullptr && members != table_->rows()) {
      throw invalid_parameter(component, "members",
                              "must equal the rows of the member table (" + std::to_string(table_->rows()) + ")",
                              std::to_string(members));
    }
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
  /// (seed, noise_member(member)). Throws invalid_parameter if a value makes a part invalid (a negative
  /// time drawn from a normal, say).
  Model member_model(const std::vector<double>& values, std::uint64_t member, std::uint64_t seed) const {
    check_value_count(values);
    Model m = prototype_;
    for (std::size_t i = 0; i < parameters_.size(); ++i) {
      parameters_[i].apply(m, values[i]);
    }
    goaldrift::detail::validate(m);
    goaldrift::detail::reseed(m, random::member_key{seed, noise_member(member)});
    return m;
  }

  /// The pack model of `Lanes` members: lane i takes `values[i]` (one value per parameter) and
  /// draws its noise as member noise_member(members[i]). Lanes with `values[i]` empty keep the prototype's
  /// parameters (padding at the end of a block). No validation: a batched run validates the
  /// pack model, and the members of a pack that fails one by one with member_model().
  template <bool B = batched, std::enable_if_t<B, int> = 0>
  pack_model_type pack_model(const std::array<std::vector<double>, Lanes>& values,
                             const std::array<std::uint64_t, Lanes>& members, std::uint64_t seed) const {
    std::array<const std::vector<double>*, Lanes> lanes{};
    for (std::size_t lane = 0; lane < Lanes; ++lane) {
      if (!values[lane].empty()) lanes[lane] = &values[lane];
    }
    return pack_model(lanes, members, seed);
  }
  /// The same with each lane's values by address, a null address keeping the prototype's (a
  /// batched run passes its members' sampled values without copying them).
  template <bool B = batched, std::enable_if_t<B, int> = 0>
  pack_model_type pack_model(const std::array<const std::vector<double>*, Lanes>& values,
                             const std::array<std::uint64_t, Lanes>& members, std::uint64_t seed) const {
    pack_model_type m = source_(Pack{});
    for (std::size_t lane = 0; lane < Lanes; ++lane) {
      if (values[lane] == nullptr) continue;
      const std::vector<double>& v = *values[lane];
      check_value_count(v);
      for (std::size_t i = 0; i < parameters_.size(); ++i) parameters_[i].apply_lane(m, lane, v[i]);
    }
    random::member_keys<Lanes> keys{seed, members};
    for (auto& id : keys.members) id = noise_member(id);
    goaldrift::detail::reseed(m, keys);
    return m;
  }

 private:
  void check_value_count(const std::vector<double>& values) const {
    if (values.size() != parameters_.size()) {
      throw invalid_parameter(component, "values",
                              "must hold one value per uncertain parameter (" + std::to_string(parameters_.size()) + ")",
                              std::to_string(values.size()) + " values");
    }
  }

  void use_table(const member_table& table, const std::string& column,
                 uncertain_parameter<Model, pack_model_type>& p) {
    if (table_ != nullptr && table_ != &table) {
      throw invalid_parameter(component, "table", "must be the same table for every column",
                              table.source());
    }
    p.name = column;
    p.table = &table;
    p.column = table.column(column);
    table_ = &table;
    parameters_.push_back(std::move(p));
  }

  // Resolves the path once, to a position in each model's parameter visit; applying a value is
  // then a walk that counts, with no strings built per member.
  void by_path(uncertain_parameter<Model, pack_model_type>& p, const std::string& path) const {
    const std::size_t index = goaldrift::detail::find_parameter(prototype_, path, false);
    p.apply = [index, path](Model& m, double v) {
      goaldrift::detail::apply_parameter(m, index, [&path, v](auto& slot_value) {
        using V = std::decay_t<decltype(slot_value)>;
        goaldrift::detail::check_parameter_value<V>(path, v);
        goaldrift::detail::parameter_slot<V>::write(slot_value, v);
      });
    };
    if constexpr (batched) {
      const pack_model_type pack_prototype = source_(Pack{});
      const std::size_t pack_index = goaldrift::detail::find_parameter(pack_prototype, path, false);
      goaldrift::detail::apply_parameter(pack_prototype, pack_index, [&](const auto& slot_value) {
        using V = std::decay_t<decltype(slot_value)>;
        p.batchable = goaldrift::detail::parameter_slot<V>::lanes == lanes;
      });
      if (p.batchable) {
        p.apply_lane = [pack_index](pack_model_type& m, std::size_t lane, double v) {
          goaldrift::detail::apply_parameter(m, pack_index, [lane, v](auto& slot_value) {
            goaldrift::detail::parameter_slot<std::decay_t<decltype(slot_value)>>::write_lane(slot_value, lane, v);
          });
        };
      }
    }
  }

  static Model make_prototype(const Source& source) {
    if constexpr (batched) {
      return source(0.0);
    } else {
      return source;
    }
  }

  // `draws`: the new parameter draws from the random stream its name picks (vary), rather than
  // reading a table. Two such names whose 32-bit stream ids collide would draw the very same
  // numbers, perfectly correlated without anyone asking; refuse the second.
  void check_new_name(const std::string& name, bool draws) const {
    if (name.empty()) {
      throw invalid_parameter(component, "name", "must not be empty (it names the random stream)", "\"\"");
    }
    for (const auto& p : parameters_) {
      if (p.name == name) {
        throw invalid_parameter(component, "name", "must be unique: a parameter already has it",
                                io::quote_excerpt(name));
      }
      if (draws && p.table == nullptr && random::stream_id(p.name) == random::stream_id(name)) {
        throw invalid_parameter(component, "name",
                                "must pick a random stream of its own, but its stream id equals that of " +
                                    io::quote_excerpt(p.name) + " (rename either)",
                                io::quote_excerpt(name));
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

  template <class Access>
  static auto make_apply_lane(Access access) {
    using PackRef = std::conditional_t<batched, pack_model_type, Model>&;
    if constexpr (batched) {
      static_assert(std::is_invocable_v<const Access&, PackRef>,
                    "In a study made from a factory the accessor must reach the parameter in the "
                    "pack model too: return a reference of any scalar type, as in "
                    "[](auto& m) -> auto& { return m.goal.adjustment_time; }.");
      return std::function<void(PackRef, std::size_t, double)>(
          [a = std::move(access)](PackRef m, std::size_t lane, double v) {
            math::scalar_ops<Pack>::set_lane(a(m), lane, v);
          });
    } else {
      (void)access;
      return std::function<void(PackRef, std::size_t, double)>();
    }
  }

  Source source_;
  Model prototype_;
  std::vector<uncertain_parameter<Model, pack_model_type>> parameters_;
  const member_table* table_ = nullptr;
  std::function<std::uint64_t(std::uint64_t)> noise_member_;
};

}  // namespace goaldrift::ensemble
