// One group of a batched run: K pack models stepped together over the save grid, each lane's
// saved values written out. Shared by the studies made from a factory and by run-time models
// (runtime::model::run_lanes), so both step their packs through the same code.
#pragma once

#include <array>
#include <cstddef>
#include <utility>
#include <vector>

#include "../../math.hpp"
#include "../../method.hpp"
#include "../../run_context.hpp"
#include "../../run_options.hpp"
#include "../../simulate.hpp"
#include "../../time_point.hpp"
#include "bundle.hpp"

namespace goaldrift::ensemble::detail {

/// Where a summarised variable comes from: an observed quantity or a state variable.
struct variable_source {
  bool observed = true;
  std::size_t index = 0;
};

/// Where a group's saved values go: values[(member * saves + save) * sources.size() + variable],
/// members counted lane by lane, pack after pack.
struct group_output {
  const std::vector<variable_source>& sources;
  std::size_t saves;
  double* values;
};

/// Steps `models` (K pack models of L lanes) together from run.start over `grid` with Method,
/// writes every lane's saved values to `out`, and returns each pack's running sum of its state
/// variables over every step (fused_bundle_stepper's steps): non-finite for good in a lane whose
/// state was ever non-finite (the caller runs that member again alone to report how it failed).
template <class Method, class PackModel, std::size_t K>
std::array<typename PackModel::scalar_type, K> run_pack_group(std::vector<PackModel> models, const run_options& run,
                                                              const goaldrift::detail::grid& grid, const group_output& out) {
  using Pack = typename PackModel::scalar_type;
  using model = bundle<PackModel, K>;
  using state = typename model::state_type;
  constexpr std::size_t L = math::lanes_v<Pack>;
  const std::size_t nv = out.sources.size();
  model group;
  group.models = std::move(models);
  group.start(run_context{run.start, run.end, run.dt, true,
                          method::detail::traits<Method, typename PackModel::state_type>::name()});
  const state x0 = group.initial_state(run.start);
  std::array<Pack, K> sums{};
  accumulate(sums, x0);
  std::size_t j = 0;
  auto observer = [&](double, const state& x, const time_point& when) {
    for (std::size_t k = 0; k < K; ++k) {
      const auto observed = group.models[k].observe(x.part[k], when);
      for (std::size_t v = 0; v < nv; ++v) {
        const auto& source = out.sources[v];
        const Pack& p = source.observed ? observed[source.index] : x.part[k][source.index];
        for (std::size_t lane = 0; lane < L; ++lane)
          out.values[((k * L + lane) * out.saves + j) * nv + v] = math::scalar_ops<Pack>::lane(p, lane);
      }
    }
    ++j;
  };
  // The fused stepper adds each step's state into `sums` itself.
  goaldrift::detail::run_fixed(group, run, grid, x0, fused_bundle_stepper<Method, PackModel, K>{&group.models, &sums},
                               observer, [](const state&, double) {});
  return sums;
}

}  // namespace goaldrift::ensemble::detail
