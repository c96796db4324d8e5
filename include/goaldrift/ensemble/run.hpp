// ensemble::run: many members of a study, in parallel, summarised identically at any thread count.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <new>
#include <optional>
#include <type_traits>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "../detail/format.hpp"
#include "../detail/memory.hpp"
#include "../detail/names.hpp"
#include "../io/text.hpp"
#include "../error.hpp"
#include "../method.hpp"
#include "../outcome.hpp"
#include "../run_options.hpp"
#include "../simulate.hpp"
#include "../trajectory.hpp"
#include "design.hpp"
#include "detail/bundle.hpp"
#include "detail/pack_group.hpp"
#include "result.hpp"
#include "streaming_summary.hpp"
#include "study.hpp"

namespace goaldrift::ensemble {

/// What to do with a member whose sampled parameters are invalid, whose state turns NaN or
/// infinite, or one of whose summarised variables is not finite at a save time: record it (with
/// index, seed, parameters, time and reason) and leave it out of every summary, or stop the
/// whole run with an error.
enum class on_failure { record, stop };

/// Where a run stands, for a progress callback.
struct progress {
  std::size_t done = 0;
  std::size_t failed = 0;
  std::size_t total = 0;
  double elapsed_seconds = 0.0;
  double members_per_second = 0.0;
  double eta_seconds = 0.0;
  /// True on the last report of a run, which comes whether it ran to the end, was cancelled
  /// or failed: a display can close its line then.
  bool finished = false;
};

/// How to run a study.
struct options {
  /// Number of members; 0 with a member table means one member per table row.
  std::size_t members = 0;
  std::uint64_t seed = 0;
  design sampling = design::independent;
  /// Worker threads; 0 uses every hardware thread. At most 16 per hardware thread are used
  /// (result::notes() says so when fewer than asked).
  unsigned threads = 1;
  /// Members per work item, rounded up to whole reduction blocks; 0 means one block.
  /// It changes how work is shared out, never a result.
  std::size_t chunk_size = 0;
  /// Members summarised together before their summaries are merged, in member order. The
  /// results depend on it (as on the seed), not on threads or chunk_size.
  std::size_t reduction_block = 1024;
  /// The variables to summarise: names of the model's observed quantities or state variables.
  std::vector<std::string> variables = {"S", "P", "D"};
  /// Quantile levels to report, each in (0, 1).
  std::vector<double> quantiles = {0.05, 0.25, 0.5, 0.75, 0.95};
  /// t-digest compression of the quantile summaries (see docs/quantiles.md).
  double compression = 200.0;
  /// What to compute from each member's run (goaldrift/outcome.hpp), in this order, as named
  /// columns of result::outcome() and of the per-member CSV. Their variables are recorded at
  /// every save time beside `variables`, which alone are summarised over time; each outcome is
  /// summarised over the members (result::outcome_summary). Empty: final_<v> of every
  /// summarised variable, then first_below_<v>, final_loss_<v> and cumulative_loss_<v> of the
  /// first, when keep_outcomes is set, and none otherwise.
  std::vector<outcome::outcome> outcomes;
  /// first_below_<v> of the default outcomes marks when the first variable falls below this
  /// fraction of its start.
  double threshold_fraction = 0.5;
  on_failure failures = on_failure::record;
  /// Keep one row of outcomes and parameters per member (off for 10^7-member runs that need
  /// only the summaries).
  bool keep_outcomes = true;
  /// Step members a SIMD pack at a time when the study is made from a factory and the method
  /// takes fixed steps (euler, rk4). Every member computes what it computes alone.
  bool batch = true;
  /// Called every progress_interval seconds and at the end; return false to cancel. Each
  /// worker stops after the reduction block it is on, however large its chunk.
  std::function<bool(const progress&)> on_progress;
  double progress_interval = 0.2;
};

/// Thrown by run() under on_failure::stop: names the first failing member.
class member_failed : public error {
 public:
  explicit member_failed(const failure& f, const std::vector<std::string>& parameter_names)
      : error(describe(f, parameter_names)), failure_(f) {}
  const ensemble::failure& details() const noexcept { return failure_; }

 private:
  static std::string describe(const failure& f, const std::vector<std::string>& names) {
    std::string s = "goaldrift::ensemble::run: member " + std::to_string(f.member) + " (seed " +
                    std::to_string(f.seed) + ") failed at t = " + goaldrift::detail::format_number(f.time) + ": " +
                    f.reason;
    for (std::size_t i = 0; i < names.size() && i < f.parameters.size(); ++i) {
      s += (i == 0 ? "; parameters: " : ", ") + names[i] + " = " + goaldrift::detail::format_number(f.parameters[i]);
    }
    return s;
  }
  ensemble::failure failure_;
};

namespace detail {

inline constexpr const char* run_component = "goaldrift::ensemble::run";
/// The longest progress interval (a day): far below what std::chrono's nanosecond counts hold.
inline constexpr double max_progress_interval = 86400.0;

inline void check(const options& o, std::size_t members) {
  if (members == 0) {
    throw invalid_parameter(run_component, "members", "must be at least 1", "0");
  }
  if (o.reduction_block == 0) {
    throw invalid_parameter(run_component, "reduction_block", "must be at least 1", "0");
  }
  if (o.variables.empty()) {
    throw invalid_parameter(run_component, "variables", "must name at least one variable", "none");
  }
  for (std::size_t i = 0; i < o.variables.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (o.variables[i] == o.variables[j]) {
        throw invalid_parameter(run_component, "variables", "must each be named once",
                                io::quote_excerpt(o.variables[i]) + " twice");
      }
    }
  }
  goaldrift::detail::require_tdigest_compression(run_component, o.compression);
  for (double q : o.quantiles) {
    if (!(q > 0.0 && q < 1.0)) {
      throw invalid_parameter(run_component, "quantiles", "must each lie in (0, 1)", q);
    }
  }
  // A fraction of each member's start: beyond +-1e6 the threshold itself can overflow, and no
  // meaningful threshold is that far from the start.
  if (!(std::fabs(o.threshold_fraction) <= 1e6)) {
    throw invalid_parameter(run_component, "threshold_fraction", "must be finite and within [-1e6, 1e6]",
                            o.threshold_fraction);
  }
  // Waited for with std::chrono, which holds durations as 64-bit counts of nanoseconds.
  if (!(o.progress_interval > 0.0 && o.progress_interval <= max_progress_interval)) {
    throw invalid_parameter(run_component, "progress_interval",
                            "must be positive and at most " + goaldrift::detail::format_number(max_progress_interval) +
                                " seconds",
                            o.progress_interval);
  }
}

/// How a run's members fall into reduction blocks and its blocks into chunks (work items),
/// counted without overflow: (members + block - 1) / block wraps around for members or
/// reduction_block near SIZE_MAX and would run nothing while reporting success.
struct block_layout {
  std::size_t members = 0;
  std::size_t block = 1;
  std::size_t blocks = 0;
  std::size_t blocks_per_chunk = 1;
  std::size_t chunks = 0;

  static std::size_t ceil_div(std::size_t a, std::size_t b) { return a / b + (a % b != 0 ? 1 : 0); }

  block_layout(std::size_t member_count, const options& o)
      : members(member_count),
        block(o.reduction_block),
        blocks(ceil_div(member_count, o.reduction_block)),
        // A chunk larger than the whole run is the whole run.
        blocks_per_chunk(std::clamp<std::size_t>(ceil_div(o.chunk_size, o.reduction_block), 1,
                                                 std::max<std::size_t>(1, blocks))),
        chunks(ceil_div(blocks, blocks_per_chunk)) {}

  /// The first member of block b, and one past its last.
  std::size_t first(std::size_t b) const { return b < blocks ? b * block : members; }
  std::size_t last(std::size_t b) const { return b + 1 < blocks ? (b + 1) * block : members; }
  /// The first block of chunk c, and one past its last (blocks when c is past the end).
  std::size_t first_block(std::size_t c) const { return c < chunks ? c * blocks_per_chunk : blocks; }
  std::size_t end_block(std::size_t c) const { return c + 1 < chunks ? (c + 1) * blocks_per_chunk : blocks; }
};

template <class Model>
std::vector<variable_source> locate(const Model& m, const std::vector<std::string>& variables,
                                   const char* parameter = "variables") {
  std::vector<std::string> observed;
  if constexpr (goaldrift::detail::has_observe<Model>::value) {
    for (const auto& n : m.observed_names()) observed.push_back(n);
  }
  const auto states = m.state_names();
  std::vector<variable_source> out;
  for (const auto& v : variables) {
    bool found = false;
    for (std::size_t i = 0; i < observed.size() && !found; ++i) {
      if (observed[i] == v) {
        out.push_back({true, i});
        found = true;
      }
    }
    for (std::size_t i = 0; i < states.size() && !found; ++i) {
      if (states[i] == v) {
        out.push_back({false, i});
        found = true;
      }
    }
    if (!found) {
      std::vector<std::string> known(observed.begin(), observed.end());
      known.insert(known.end(), states.begin(), states.end());
      throw invalid_parameter(run_component, parameter,
                              "must name variables of the model (" + goaldrift::detail::name_list(known) + ")" +
                                  goaldrift::detail::closest_hint(known, v),
                              io::quote_excerpt(v));
    }
  }
  return out;
}

/// The outcomes a run computes: options::outcomes, or when it is empty and per-member rows are
/// kept the defaults over the summarised variables.
inline std::vector<outcome::outcome> member_outcomes(const options& o) {
  if (!o.outcomes.empty()) return o.outcomes;
  // A run that keeps no per-member rows and asked for no outcome computes none: a run of 10^7
  // members for the summaries alone would otherwise pay for summaries of the defaults.
  if (!o.keep_outcomes) return {};
  std::vector<outcome::outcome> out;
  for (const auto& v : o.variables) out.push_back(outcome::final_value(v));
  const auto& first = o.variables.front();
  out.push_back(outcome::first_below_fraction_of_start(first, o.threshold_fraction));
  out.push_back(outcome::final_loss(first));
  out.push_back(outcome::cumulative_loss(first));
  return out;
}

/// Refuses outcomes that share a name or cannot answer for this run, before anything runs.
inline void check_outcomes(const std::vector<outcome::outcome>& outcomes, const run_options& run) {
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (outcomes[i].name() == outcomes[j].name()) {
        throw invalid_parameter(run_component, "outcomes", "must each have a name of their own (outcome::named)",
                                io::quote_excerpt(outcomes[i].name()) + " twice");
      }
    }
    outcomes[i].check(run.start, run.end);
  }
}

inline std::vector<std::string> outcome_names(const std::vector<outcome::outcome>& outcomes) {
  std::vector<std::string> names;
  for (const auto& oc : outcomes) names.push_back(oc.name());
  return names;
}

/// The variables recorded at every save time: the summarised ones, then those only outcomes read.
inline std::vector<std::string> recorded_variables(const options& o, const std::vector<outcome::outcome>& outcomes) {
  std::vector<std::string> recorded = o.variables;
  for (const auto& oc : outcomes) {
    for (const auto& v : oc.variables()) {
      if (std::find(recorded.begin(), recorded.end(), v) == recorded.end()) recorded.push_back(v);
    }
  }
  return recorded;
}

/// A worker's outcomes: an accumulator of its own for each, and where each reads its variables
/// among the recorded ones.
class outcome_evaluator {
 public:
  outcome_evaluator(const std::vector<outcome::outcome>& outcomes, const std::vector<std::string>& recorded) {
    for (const auto& oc : outcomes) {
      accumulators_.push_back(oc.make_accumulator());
      std::vector<std::size_t> columns;
      for (const auto& v : oc.variables()) {
        columns.push_back(static_cast<std::size_t>(std::find(recorded.begin(), recorded.end(), v) - recorded.begin()));
      }
      columns_.push_back(std::move(columns));
    }
  }
  /// One member's outcomes from its saved values (save j, recorded variable v at values[j * nv + v]).
  std::vector<double> of(const std::vector<double>& times, const double* values, std::size_t nv) {
    std::vector<double> out(accumulators_.size());
    for (std::size_t i = 0; i < accumulators_.size(); ++i) {
      out[i] = accumulators_[i]->of(times.data(), times.size(), values, nv, columns_[i].data());
    }
    return out;
  }

 private:
  std::vector<std::unique_ptr<outcome::outcome::accumulator>> accumulators_;
  std::vector<std::vector<std::size_t>> columns_;
};

/// Where each recorded variable (recorded_variables()) comes from. A variable only an outcome
/// reads is refused, when the model has none of that name, under "outcomes", which named it.
template <class Model>
std::vector<variable_source> locate_recorded(const Model& m, const options& o, const std::vector<std::string>& recorded) {
  auto sources = locate(m, o.variables);
  const std::vector<std::string> extra(recorded.begin() + static_cast<std::ptrdiff_t>(o.variables.size()), recorded.end());
  const auto more = locate(m, extra, "outcomes");
  sources.insert(sources.end(), more.begin(), more.end());
  return sources;
}

/// Worker threads per hardware thread at most: a run is CPU-bound, so more only contend.
inline constexpr unsigned threads_per_core = 16;
inline unsigned max_worker_threads() { return threads_per_core * std::max(1u, std::thread::hardware_concurrency()); }
/// The worker threads a run asks for: options::threads (0: every hardware thread), capped.
inline unsigned worker_threads(const options& o) {
  return o.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : std::min(o.threads, max_worker_threads());
}

/// Refuses, before anything runs, summaries or kept outcomes that cannot fit in memory: a
/// summary per variable and save time in the result and in each block a worker has in hand,
/// and a row per member when keep_outcomes is set.
inline void check_memory(const options& o, std::size_t members, std::size_t saves, std::size_t parameters,
                         std::size_t workers) {
  // A streaming summary holds a buffer of 5 * compression values and about compression
  // centroids of two values each (tdigest.hpp), plus a little bookkeeping.
  const double summary_bytes = 8.0 * 7.0 * o.compression + 256.0;
  const double summaries = static_cast<double>(o.variables.size()) * static_cast<double>(saves);
  const double copies = 2.0 + static_cast<double>(workers);
  goaldrift::detail::require_memory(
      run_component, "variables", summaries * copies, summary_bytes,
      [&] { return std::to_string(o.variables.size()) + " variables summarised at " + std::to_string(saves) + " save times"; },
      [&] { return std::to_string(o.variables.size()) + " variables"; });
  if (o.keep_outcomes) {
    const double row = 8.0 * static_cast<double>(1 + parameters + member_outcomes(o).size());
    goaldrift::detail::require_memory(
        run_component, "members", static_cast<double>(members), row,
        [] { return "keeping every member's outcomes (keep_outcomes; set it false to keep only the summaries)"; },
        [&] { return std::to_string(members); });
  }
}

// What one reduction block contributes, merged into the result in block order.
struct block_result {
  std::vector<streaming_summary> summaries;  // [variable][save], then one per outcome
  std::vector<std::size_t> members;          // summarised members, in order
  std::vector<std::vector<double>> parameters;
  std::vector<std::vector<double>> outcomes;
  std::vector<failure> failures;
  std::exception_ptr fatal;  // an unexpected exception, rethrown after the workers stop
  std::size_t fatal_member = 0;
};

/// Merges a block into the result; `from_elsewhere` when another process computed it (its
/// members then count towards progress here too).
using block_merge = std::function<void(std::size_t block, block_result& r, bool from_elsewhere)>;

/// How the blocks of a run are shared between processes (external/mpi.hpp); by default one
/// process does them all. Chunk c of blocks belongs to process c % processes. `deliver`, if
/// set, receives this process's finished blocks in block order (under the merge lock) instead
/// of merging them; `finish` is called on the calling thread after the last local block.
struct block_exchange {
  std::size_t processes = 1;
  std::size_t process = 0;
  std::function<void(std::size_t block, block_result& r, const block_merge& merge)> deliver;
  std::function<void(const block_merge& merge)> finish;
};

}  // namespace detail

/// True for the methods a batched run can step packs with: the fixed-step tags.
template <class Method>
inline constexpr bool batchable_method_v =
    std::is_same_v<Method, method::euler> || std::is_same_v<Method, method::rk4>;

namespace detail {
/// A scalar model that runs an ensemble's members a pack at a time itself (runtime::model:
/// run_lanes, lanes_refused).
template <class Model, class = void>
struct runs_lanes : std::false_type {};
template <class Model>
struct runs_lanes<Model, std::enable_if_t<Model::runs_lanes>> : std::true_type {};

/// Why the members of `s` run one at a time though its study could batch them, or "".
template <class Study>
std::string unbatched_because(const Study& s) {
  if constexpr (Study::batched) {
    if (!s.batchable()) return s.unbatchable_parameter() + " holds one value for every lane of a pack";
  } else if constexpr (runs_lanes<typename Study::model_type>::value) {
    return s.prototype().lanes_refused();
  }
  return {};
}
}  // namespace detail

/// Runs one member of a study alone and returns its trajectory: exactly what that member does
/// inside run(), whatever the number of threads, the chunk size or the batching.
template <class Source, class Pack, class Method = method::rk4>
trajectory run_member(const study<Source, Pack>& s, std::size_t member, const run_options& run,
                      const options& o, const Method& method = {}) {
  const std::size_t members = s.table() != nullptr ? s.table()->rows() : o.members;
  if (members == 0) {
    throw invalid_parameter("goaldrift::ensemble::run_member", "members",
                            "must be at least 1 (the size of the study the member belongs to)", "0");
  }
  const auto values = s.sample(member, members, o.sampling, o.seed);
  return simulate(s.member_model(values, member, o.seed), run, method);
}

/// Runs every member of `s` over the grid of `run` with `method` (euler, rk4, dopri5 or an
/// odeint stepper) and summarises `o.variables` at each save time.
///
/// Reproducibility: a member's parameters and noise depend only on (seed, member, parameter or
/// stream), under a Latin hypercube also on the number of members. Members are summarised in
/// fixed blocks of `reduction_block` members, each block in member order, and blocks are merged
/// in block order, whatever thread finished them when; results are therefore bit-identical for
/// any number of threads and any chunk size.
template <class Source, class Pack, class Method = method::rk4>
result run(const study<Source, Pack>& s, const run_options& run, const options& o, const Method& method = {});

namespace detail {

/// run(), for this process's share of the blocks (`exchange`); every other detail the same.
template <class Source, class Pack, class Method>
result run_blocks(const study<Source, Pack>& s, const run_options& run, const options& o, const Method& method,
                  const block_exchange& exchange) {
  using Study = study<Source, Pack>;
  constexpr std::size_t Lanes = Study::lanes;
  using Model = typename Study::model_type;
  using clock = std::chrono::steady_clock;
  const std::size_t members = s.table() != nullptr ? (o.members == 0 ? s.table()->rows() : o.members) : o.members;
  if (s.table() != nullptr && members != s.table()->rows()) {
    throw invalid_parameter(detail::run_component, "members",
                            "must equal the rows of the member table (" + std::to_string(s.table()->rows()) + ")",
                            std::to_string(members));
  }
  detail::check(o, members);
  using traits = method::detail::traits<Method, typename Model::state_type>;
  const auto grid = goaldrift::detail::check_options(run, traits::adaptive);
  {
    const detail::block_layout l(members, o);
    detail::check_memory(o, members, grid.saves + 1, s.parameters().size(),
                         std::min<std::size_t>(detail::worker_threads(o), l.chunks));
  }
  std::vector<double> times;
  for (std::size_t j = 0; j <= grid.saves; ++j) times.push_back(goaldrift::detail::save_time(run, grid, j));
  const auto outcomes = detail::member_outcomes(o);
  detail::check_outcomes(outcomes, run);
  const auto recorded = detail::recorded_variables(o, outcomes);
  const auto sources = detail::locate_recorded(s.prototype(), o, recorded);

  std::vector<std::string> parameter_names;
  for (const auto& p : s.parameters()) parameter_names.push_back(p.name);
  std::vector<double> quantiles = o.quantiles;
  std::sort(quantiles.begin(), quantiles.end());
  quantiles.erase(std::unique(quantiles.begin(), quantiles.end()), quantiles.end());
  result out(times, o.variables, quantiles, parameter_names, detail::outcome_names(outcomes), o.compression, o.seed);
  out.set_outcome_keeping(o.keep_outcomes, o.reduction_block);

  const std::size_t nv = recorded.size();        // recorded at each save time
  const std::size_t summarised = o.variables.size();  // the first of them
  const std::size_t ns = times.size();
  const detail::block_layout layout(members, o);
  const std::size_t blocks = layout.blocks;
  const std::size_t blocks_per_chunk = layout.blocks_per_chunk;
  const std::size_t chunks = layout.chunks;
  // This process's chunks: process, process + processes, ...
  const std::size_t processes = std::max<std::size_t>(1, exchange.processes);
  const std::size_t own_chunks = exchange.process < chunks ? (chunks - exchange.process + processes - 1) / processes : 0;
  auto own_block_after = [&](std::size_t b) {  // the next block of this process after b
    if ((b + 1) % blocks_per_chunk != 0 && b + 1 < blocks) return b + 1;
    const std::size_t c = b / blocks_per_chunk;
    return chunks - c > processes ? layout.first_block(c + processes) : blocks;
  };

  std::atomic<std::size_t> next_chunk{0};  // of own_chunks
  std::atomic<std::size_t> done{0};
  std::atomic<std::size_t> failed{0};
  std::atomic<bool> cancel{false};
  // Under on_failure::stop: chunks after the first failing one are skipped, chunks before it
  // still run, so the failure reported is always the lowest-numbered one.
  std::atomic<std::size_t> stop_after_chunk{std::numeric_limits<std::size_t>::max()};

  std::mutex merge_mutex;
  std::condition_variable progress_signal;
  std::map<std::size_t, detail::block_result> pending;  // finished blocks waiting for their turn
  std::size_t next_block = layout.first_block(exchange.process);
  std::size_t completed = 0;
  std::exception_ptr fatal;
  std::size_t fatal_member = std::numeric_limits<std::size_t>::max();
  std::optional<failure> first_failure;  // under on_failure::stop: the lowest failing member

  // Merges block `index` into the result, in block order across all processes.
  const detail::block_merge merge_block = [&](std::size_t index, detail::block_result& b, bool from_elsewhere) {
    auto& summaries = out.mutable_summaries();
    for (std::size_t k = 0; k < summaries.size(); ++k) summaries[k].merge(b.summaries[k]);
    auto& outcome_summaries = out.mutable_outcome_summaries();  // after the variables' in a block
    for (std::size_t k = 0; k < outcome_summaries.size(); ++k) outcome_summaries[k].merge(b.summaries[summaries.size() + k]);
    for (std::size_t i = 0; i < b.members.size(); ++i) {
      if (o.keep_outcomes) {
        out.add_member(b.members[i], b.parameters[i], b.outcomes[i]);
      } else {
        out.count_member();
      }
    }
    if (from_elsewhere) {
      done.fetch_add(b.members.size() + b.failures.size(), std::memory_order_relaxed);
      failed.fetch_add(b.failures.size(), std::memory_order_relaxed);
    }
    for (auto& f : b.failures) out.add_failure(std::move(f));
    completed = layout.last(index);
  };
  auto merge_ready = [&]() {  // under merge_mutex: pass on every finished block that is next in order
    for (auto it = pending.find(next_block); it != pending.end(); it = pending.find(next_block)) {
      if (exchange.deliver) {
        exchange.deliver(next_block, it->second, merge_block);
      } else {
        merge_block(next_block, it->second, false);
      }
      pending.erase(it);
      next_block = own_block_after(next_block);
    }
  };

  // One member on the scalar path: its saved values into `values` ([save][variable]), or its
  // failure. Anything but a member failure (a bug, a resource problem) propagates.
  auto run_one = [&](std::size_t i, const std::vector<double>& params, std::vector<double>& values) -> std::optional<failure> {
    try {
      auto m = s.member_model(params, i, o.seed);
      std::size_t j = 0;
      integrate_on_grid(m, run, method, [&](double, const typename Model::state_type& x, const time_point& when) {
        if constexpr (goaldrift::detail::has_observe<Model>::value) {
          const auto observed = m.observe(x, when);
          for (std::size_t v = 0; v < nv; ++v) {
            values[j * nv + v] =
                static_cast<double>(sources[v].observed ? observed[sources[v].index] : x[sources[v].index]);
          }
        } else {
          for (std::size_t v = 0; v < nv; ++v) values[j * nv + v] = static_cast<double>(x[sources[v].index]);
        }
        ++j;
      });
    } catch (const invalid_parameter& e) {
      return failure{i, o.seed, params, run.start, e.what()};
    } catch (const integration_error& e) {
      return failure{i, o.seed, params, e.time(), e.what()};
    }
    return std::nullopt;
  };

  // A member whose state stayed finite can still summarise (or hand an outcome) a value that is
  // not (an observed quantity that divides by zero, say): streaming_summary::add would refuse it mid-block and
  // end the whole run without naming the member, so it is that member's failure instead.
  auto first_non_finite = [&](std::size_t i, const std::vector<double>& params,
                              const double* member_values) -> std::optional<failure> {
    for (std::size_t jj = 0; jj < ns; ++jj) {
      for (std::size_t v = 0; v < nv; ++v) {
        const double x = member_values[jj * nv + v];
        if (std::isfinite(x)) continue;
        return failure{i, o.seed, params, times[jj],
                       std::string(detail::run_component) + ": the " +
                           (v < summarised ? "summarised" : "recorded (an outcome reads it)") + " variable '" + recorded[v] +
                           "' is " + goaldrift::detail::format_number(x) + " at t = " +
                           goaldrift::detail::format_number(times[jj])};
      }
    }
    return std::nullopt;
  };

  // A member's values (at member_values[save * nv + variable]) or failure, into a block.
  auto record = [&](detail::block_result& r, detail::outcome_evaluator& evaluate, std::size_t i,
                    std::vector<double>&& params, const double* member_values,
                    std::optional<failure>&& f) {
    if (!f) f = first_non_finite(i, params, member_values);
    if (f) {
      r.failures.push_back(std::move(*f));
      failed.fetch_add(1, std::memory_order_relaxed);
    } else {
      for (std::size_t jj = 0; jj < ns; ++jj)
        for (std::size_t v = 0; v < summarised; ++v) r.summaries[v * ns + jj].add(member_values[jj * nv + v]);
      r.members.push_back(i);
      auto values = evaluate.of(times, member_values, nv);
      if (o.keep_outcomes) {  // result::outcome_summary() is built from them when asked for
        r.parameters.push_back(std::move(params));
        r.outcomes.push_back(std::move(values));
      } else {
        for (std::size_t k = 0; k < values.size(); ++k) {
          if (std::isfinite(values[k])) r.summaries[summarised * ns + k].add(values[k]);
        }
      }
    }
    done.fetch_add(1, std::memory_order_relaxed);
  };

  // Member i alone, from its sampled parameters to its record in the block (`values`: room for
  // its saved values).
  auto process_member = [&](detail::block_result& r, detail::outcome_evaluator& evaluate, std::size_t i,
                            std::vector<double>& values) {
    std::vector<double> params;
    std::optional<failure> f;
    try {
      params = s.sample(i, members, o.sampling, o.seed);
    } catch (const invalid_parameter& e) {
      f = failure{i, o.seed, params, run.start, e.what()};
    }
    if (!f) f = run_one(i, params, values);
    record(r, evaluate, i, std::move(params), values.data(), std::move(f));
  };

  auto process_block = [&](std::size_t b) {
    detail::block_result r;
    r.summaries.assign(summarised * ns + outcomes.size(), streaming_summary(o.compression));
    std::vector<double> values(ns * nv);
    detail::outcome_evaluator evaluate(outcomes, recorded);
    const std::size_t first = layout.first(b);
    const std::size_t last = layout.last(b);
    for (std::size_t i = first; i < last; ++i) {
      try {
        process_member(r, evaluate, i, values);
      } catch (...) {  // not a member failure: a bug or a resource problem; stop everything
        r.fatal = std::current_exception();
        r.fatal_member = i;
        break;
      }
    }
    return r;
  };

  // The same block, `Lanes` members at a time on SIMD packs through the same model code, up to
  // `bundle_parts` packs stepped together as one system (detail::bundle); the tail of a block
  // that does not fill a whole bundle goes one pack at a time.
  //
  // Failures: every step adds the state into a running sum per pack, which turns non-finite for
  // good in any lane whose state does, at the cost of one vector addition per variable. A lane
  // whose sum ends non-finite is run again alone on the scalar path, which reports exactly
  // what a run one member at a time reports: the first time, the variable and the reason.
  std::atomic<std::size_t> unpacked{0};  // members of a batched run that ran one at a time
  [[maybe_unused]] auto process_block_batched = [&](std::size_t b) {
    detail::block_result r;
    if constexpr ((Study::batched || detail::runs_lanes<Model>::value) && batchable_method_v<Method>) {
      constexpr std::size_t L = Lanes;
      constexpr std::size_t KMax = detail::bundle_parts<L>;
      r.summaries.assign(summarised * ns + outcomes.size(), streaming_summary(o.compression));
      const std::size_t first = layout.first(b);
      const std::size_t last = layout.last(b);
      std::vector<double> values(KMax * L * ns * nv);  // [member in group][save][variable]
      std::vector<double> alone(ns * nv);
      detail::outcome_evaluator evaluate(outcomes, recorded);

      // Members g, g + 1, ..., g + K L - 1 (those below `last`), K packs of L lanes.
      auto process_group = [&](std::size_t g, auto parts) {
        constexpr std::size_t K = decltype(parts)::value;
        constexpr std::size_t M = K * L;
        std::array<std::vector<double>, M> params;
        std::array<std::optional<failure>, M> member_failure;
        std::array<bool, M> active{};
        std::array<std::uint64_t, M> ids{};
        // Draws the parameters of member g + q, the q-th lane of the group: true (the lane is
        // active) if it is a member and they could be drawn; otherwise its failure, or nothing
        // for padding.
        auto draw = [&](std::size_t q) {
          const std::size_t i = g + q;
          ids[q] = i < last ? i : g;  // padding lanes repeat a real member's draws
          if (i >= last) return false;
          try {
            params[q] = s.sample(i, members, o.sampling, o.seed);
            active[q] = true;
          } catch (const invalid_parameter& e) {
            member_failure[q] = failure{i, o.seed, params[q], run.start, e.what()};
          }
          return active[q];
        };
        // The model an active lane's member runs alone, which validates its parameters; if
        // they are invalid, its failure instead, and the lane is no longer active.
        auto model_alone = [&](std::size_t q) -> std::optional<Model> {
          try {
            return s.member_model(params[q], g + q, o.seed);
          } catch (const invalid_parameter& e) {
            member_failure[q] = failure{g + q, o.seed, params[q], run.start, e.what()};
            active[q] = false;
            return std::nullopt;
          }
        };
        // Runs lane q's member alone: its values, or its failure.
        auto run_alone = [&](std::size_t q) {
          member_failure[q] = run_one(g + q, params[q], alone);
          if (!member_failure[q]) std::copy(alone.begin(), alone.end(), values.begin() + static_cast<std::ptrdiff_t>(q * ns * nv));
        };
        // A lane whose running sum ends non-finite runs again alone, to report how it failed (a
        // sum that overflowed with every value finite: the member is fine after all).
        auto check_sums = [&](const std::array<Pack, K>& sums) {
          for (std::size_t q = 0; q < M; ++q) {
            if (active[q] && !std::isfinite(math::scalar_ops<Pack>::lane(sums[q / L], q % L))) run_alone(q);
          }
        };
        const detail::group_output to{sources, ns, values.data()};
        if constexpr (Study::batched) {
          using pack_model = typename Study::pack_model_type;
          std::vector<pack_model> bundle_models;
          bundle_models.reserve(K);
          for (std::size_t k = 0; k < K; ++k) {
            std::array<const std::vector<double>*, L> lane_values{};
            std::array<std::uint64_t, L> lane_ids{};
            for (std::size_t lane = 0; lane < L; ++lane) {
              const std::size_t q = k * L + lane;
              if (draw(q)) lane_values[lane] = &params[q];
              lane_ids[lane] = ids[q];
            }
            // The pack is validated once for all its lanes (every check goes lane by lane), in
            // place of a scalar model built per member. Only a pack with an invalid lane has
            // its members checked one at a time, each through the model it would run alone,
            // which words the failure as that run would; the pack is then made without them.
            pack_model m = s.pack_model(lane_values, lane_ids, o.seed);
            bool valid = true;
            try {
              goaldrift::detail::validate(m);
            } catch (const invalid_parameter&) {
              valid = false;
            }
            if (!valid) {
              for (std::size_t lane = 0; lane < L; ++lane) {
                const std::size_t q = k * L + lane;
                if (active[q] && !model_alone(q)) lane_values[lane] = nullptr;
              }
              m = s.pack_model(lane_values, lane_ids, o.seed);
            }
            bundle_models.push_back(std::move(m));
          }
          if (std::find(active.begin(), active.end(), true) != active.end()) {
            check_sums(detail::run_pack_group<Method, pack_model, K>(std::move(bundle_models), run, grid, to));
          }
        } else {
          // A scalar model that runs packs itself (runtime::model): each member's own model,
          // invalid ones and padding replaced by the first valid member's.
          std::vector<Model> lane_models;
          lane_models.reserve(M);
          std::array<std::size_t, M> slot{};
          for (std::size_t q = 0; q < M; ++q) {
            if (auto m = draw(q) ? model_alone(q) : std::nullopt) {
              lane_models.push_back(std::move(*m));
              slot[q] = lane_models.size() - 1;
            }
          }
          if (!lane_models.empty()) {
            std::array<const Model*, M> lanes{};
            for (std::size_t q = 0; q < M; ++q) lanes[q] = &lane_models[active[q] ? slot[q] : 0];
            std::array<Pack, K> sums{};
            std::array<std::uint64_t, M> noise_ids{};
            for (std::size_t q = 0; q < M; ++q) noise_ids[q] = s.noise_member(ids[q]);
            if (Model::template run_lanes<Method, Pack, K>(lanes, noise_ids, o.seed, run, grid, to, sums)) {
              check_sums(sums);
            } else {  // members that cannot share a pack (kinds set member by member): one at a time
              unpacked.fetch_add(lane_models.size(), std::memory_order_relaxed);
              for (std::size_t q = 0; q < M; ++q) {
                if (active[q]) run_alone(q);
              }
            }
          }
        }
        for (std::size_t q = 0; q < M && g + q < last; ++q) {
          record(r, evaluate, g + q, std::move(params[q]), values.data() + q * ns * nv, std::move(member_failure[q]));
        }
      };
      std::size_t g = first;
      try {
        for (; last - g >= KMax * L; g += KMax * L) process_group(g, std::integral_constant<std::size_t, KMax>{});
        if constexpr (Study::batched) {
          for (; g < last; g += L) process_group(g, std::integral_constant<std::size_t, 1>{});
        } else if (3 * (last - g) >= KMax * L) {
          // The rest in one group padded to its full size (a run over packs is compiled for that
          // size only), as long as that costs less than running them one at a time: a member
          // alone costs 2 to 3 times what it costs in packs (bench/README.md).
          process_group(g, std::integral_constant<std::size_t, KMax>{});
        } else {
          for (; g < last; ++g) process_member(r, evaluate, g, alone);
        }
      } catch (...) {  // not a member failure: a bug or a resource problem; stop everything
        r.fatal = std::current_exception();
        r.fatal_member = g;
      }
    } else {
      (void)b;
    }
    return r;
  };
  constexpr bool packs = (Study::batched || detail::runs_lanes<Model>::value) && batchable_method_v<Method>;
  const std::string unbatched_because = packs && o.batch ? detail::unbatched_because(s) : std::string();
  const bool batched = packs && o.batch && unbatched_because.empty();

  // Takes the next chunk and runs its blocks, calling `after_block()` after each; false when
  // there is nothing left to do. Cancelling is seen after every block, so a chunk of a million
  // members stops within one block of the request.
  auto work_chunk = [&](auto&& after_block) {
    const std::size_t own = next_chunk.fetch_add(1);
    const std::size_t c = own * processes + exchange.process;
    if (own >= own_chunks || cancel.load() || c > stop_after_chunk.load()) return false;
    for (std::size_t b = layout.first_block(c); b < layout.end_block(c); ++b) {
      auto r = batched ? process_block_batched(b) : process_block(b);
      const bool stop = (o.failures == on_failure::stop && !r.failures.empty()) || r.fatal;
      std::lock_guard<std::mutex> lock(merge_mutex);
      if (stop) {
        if (r.fatal && r.fatal_member < fatal_member) {
          fatal = r.fatal;
          fatal_member = r.fatal_member;
        }
        if (!r.failures.empty() && (!first_failure || r.failures.front().member < first_failure->member)) {
          first_failure = r.failures.front();
        }
        // Chunks are handed out in order, so every chunk before this one is already running
        // and will finish: the lowest failing member is always found.
        std::size_t expected = stop_after_chunk.load();
        while (c < expected && !stop_after_chunk.compare_exchange_weak(expected, c)) {
        }
      }
      pending.emplace(b, std::move(r));
      try {
        merge_ready();
      } catch (...) {  // passing a block on failed (external/mpi.hpp): stop everything
        if (!fatal) fatal = std::current_exception();
        fatal_member = std::min(fatal_member, layout.first(b));
        cancel.store(true);
        return false;
      }
      if (stop) break;
      after_block();
      if (cancel.load()) return false;
    }
    return true;
  };

  const auto started = clock::now();
  auto report = [&](bool final_report) {
    if (!o.on_progress) return;
    progress p;
    p.done = done.load();
    p.failed = failed.load();
    p.total = members;
    p.elapsed_seconds = std::chrono::duration<double>(clock::now() - started).count();
    p.members_per_second = p.elapsed_seconds > 0.0 ? static_cast<double>(p.done) / p.elapsed_seconds : 0.0;
    p.eta_seconds =
        p.members_per_second > 0.0 ? static_cast<double>(members - p.done) / p.members_per_second : 0.0;
    p.finished = final_report;
    if (!o.on_progress(p) && !final_report) cancel.store(true);
  };

  const auto threads = static_cast<unsigned>(std::min<std::size_t>(detail::worker_threads(o), own_chunks));
  if (!unbatched_because.empty()) {
    out.add_note(std::string(run_component) + ": members ran one at a time, not in packs of " + std::to_string(Lanes) +
                 ", because " + unbatched_because + "; the results are the same");
  }
  if (o.threads > detail::max_worker_threads()) {
    out.add_note(std::string(run_component) + ": asked for " + std::to_string(o.threads) + " threads; used at most " +
                 std::to_string(detail::max_worker_threads()) + " (" + std::to_string(detail::threads_per_core) +
                 " per hardware thread), since more only contend for the same cores");
  }
  if (threads <= 1) {
    // On the calling thread, with progress reports between blocks.
    auto last_report = clock::now();
    auto report_when_due = [&] {
      if (std::chrono::duration<double>(clock::now() - last_report).count() >= o.progress_interval) {
        report(false);
        last_report = clock::now();
      }
    };
    while (work_chunk(report_when_due)) {
    }
  } else {
    // Workers take chunks; this thread reports progress until they are all done. Whatever
    // goes wrong here (a progress callback that throws, a worker thread that cannot start) the
    // workers are stopped and joined before anything propagates: a joinable std::thread
    // destroyed on the way out would end the process in std::terminate.
    std::atomic<unsigned> finished_workers{0};
    std::vector<std::thread> pool;
    pool.reserve(threads);
    auto worker = [&] {
      try {
        while (work_chunk([] {})) {
        }
      } catch (...) {  // outside any member (a merge that ran out of memory, say): stop all
        std::lock_guard<std::mutex> lock(merge_mutex);
        if (!fatal) fatal = std::current_exception();
        cancel.store(true);
      }
      {
        // Under the lock, so the waiting thread cannot miss the notification between its
        // test and its wait.
        std::lock_guard<std::mutex> lock(merge_mutex);
        finished_workers.fetch_add(1);
      }
      progress_signal.notify_all();
    };
    std::exception_ptr interrupted;
    try {
      std::string thread_failure;
      for (unsigned t = 0; t < threads && thread_failure.empty(); ++t) {
        try {
          pool.emplace_back(worker);
        } catch (const std::system_error& e) {  // pthread_create failed
          thread_failure = e.what();
        } catch (const std::bad_alloc& e) {  // the thread's state could not be allocated
          thread_failure = e.what();
        }
      }
      const auto started_workers = static_cast<unsigned>(pool.size());
      if (!thread_failure.empty()) {
        // Fewer threads change no result (blocks are merged in order); say so and go on with
        // those that started, or on this thread if none did.
        out.add_note(std::string(run_component) + ": started " + std::to_string(started_workers) + " of " +
                     std::to_string(threads) + " worker threads (" + thread_failure + "); ran on " +
                     (started_workers == 0 ? std::string("the calling thread")
                                           : std::to_string(started_workers) + " threads"));
      }
      if (started_workers == 0) {
        while (work_chunk([] {})) {
        }
      } else {
        std::unique_lock<std::mutex> lock(merge_mutex);
        while (finished_workers.load() < started_workers) {
          progress_signal.wait_for(lock, std::chrono::duration<double>(o.progress_interval),
                                   [&] { return finished_workers.load() == started_workers; });
          if (finished_workers.load() == started_workers) break;
          lock.unlock();
          report(false);
          lock.lock();
        }
      }
    } catch (...) {  // stop the workers that started and join them before anything propagates
      interrupted = std::current_exception();
      cancel.store(true);
    }
    for (auto& t : pool) t.join();
    if (interrupted) std::rethrow_exception(interrupted);
  }
  if (exchange.finish && !fatal && !first_failure) exchange.finish(merge_block);
  report(true);

  if (fatal) std::rethrow_exception(fatal);
  if (o.failures == on_failure::stop && first_failure) throw member_failed(*first_failure, parameter_names);
  if (unpacked.load() > 0) {
    out.add_note(std::string(run_component) + ": " + std::to_string(unpacked.load()) + " members ran one at a time, not in packs of " +
                 std::to_string(Lanes) +
                 ", because members of one pack differed in the kinds of their parts or in a value a pack holds once "
                 "for every lane (a reporting delay's delay_time); the results are the same");
  }
  out.set_counts(members, completed, cancel.load());
  return out;
}

}  // namespace detail

template <class Source, class Pack, class Method>
result run(const study<Source, Pack>& s, const run_options& run, const options& o, const Method& method) {
  return detail::run_blocks(s, run, o, method, detail::block_exchange{});
}

}  // namespace goaldrift::ensemble
