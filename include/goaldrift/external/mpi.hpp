// Ensembles over MPI: the members of a study shared between ranks, every statistic bit-identical
// to a run in one process. Optional: include it (and link MPI, e.g. CMake's MPI::MPI_CXX) only
// where you want it; nothing else in goaldrift depends on MPI.
//
//     int main(int argc, char** argv) {
//       goaldrift::external::mpi::environment env(argc, argv);
//       return goaldrift::external::mpi::guard(MPI_COMM_WORLD, [&] {
//         const auto s = make_study();
//         if (auto r = goaldrift::external::mpi::run(MPI_COMM_WORLD, s, grid, options)) {
//           r->write_wide_csv("bands.csv");  // the full result, on rank 0 only
//         }
//       });
//     }
//
// How: a run is cut into the same blocks of options::reduction_block members as in one
// process, and chunks of blocks are dealt to ranks in turn (chunk c to rank c mod size). Each
// rank runs its chunks on its threads; rank 0 receives the other ranks' block results (summary
// digests, outcomes, failures, bit for bit) and merges every block in block order, exactly as
// one process merges them. So the result does not depend on the number of ranks, threads or
// the chunk size. (Reducing with MPI_Reduce instead would add in a different order and differ
// in the last bits from 3 ranks on.) Traffic: one message per block, about the size of its
// digests, a few MB at most.
//
// Errors: mpi::run checks its input on every rank together and, if any rank finds a problem,
// throws the same mpi::job_failed on every rank (use mpi::collective for your own set-up, e.g.
// reading a member table). mpi::guard prints such an error once, on rank 0, and returns
// EXIT_FAILURE everywhere. An error after the members have started on one rank alone (a bug,
// memory, on_failure::stop) cannot be agreed on without risking a hang, so that rank prints it
// and ends the whole job with MPI_Abort.
#pragma once

#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../ensemble.hpp"
#include "../error.hpp"

namespace goaldrift::external::mpi {

inline constexpr const char* component = "goaldrift::external::mpi";

/// An error that every rank of the job raised together, with the message of the lowest rank
/// that found it.
class job_failed : public error {
 public:
  job_failed(const std::string& message, int rank)
      : error(message), rank_(rank) {}
  /// The lowest rank that found the problem.
  int rank() const noexcept { return rank_; }

 private:
  int rank_;
};

/// MPI_Init_thread for the life of the object (MPI_THREAD_SERIALIZED: a rank's worker threads
/// take turns to send), MPI_Finalize after. Does nothing if MPI is already initialised.
class environment {
 public:
  environment(int& argc, char**& argv) {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (initialised != 0) return;
    int provided = MPI_THREAD_SINGLE;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
    owner_ = true;
    if (provided < MPI_THREAD_SERIALIZED) {
      // Threads would then have to stay on the calling thread, which run() does not promise.
      std::fprintf(stderr, "%s: this MPI provides thread level %d, below MPI_THREAD_SERIALIZED\n", component,
                   provided);
      MPI_Abort(MPI_COMM_WORLD, EXIT_FAILURE);
    }
  }
  environment(const environment&) = delete;
  environment& operator=(const environment&) = delete;
  ~environment() {
    int finalised = 0;
    MPI_Finalized(&finalised);
    if (owner_ && finalised == 0) MPI_Finalize();
  }

 private:
  bool owner_ = false;
};

inline int rank(MPI_Comm comm) {
  int r = 0;
  MPI_Comm_rank(comm, &r);
  return r;
}
inline int size(MPI_Comm comm) {
  int n = 1;
  MPI_Comm_size(comm, &n);
  return n;
}

/// Runs `f` on every rank of `comm` and agrees on the outcome: its value if every rank
/// succeeded, otherwise job_failed on every rank with the lowest failing rank's message.
/// Collective: every rank must call it.
template <class F>
auto collective(MPI_Comm comm, F&& f) -> std::invoke_result_t<F&> {
  using value = std::invoke_result_t<F&>;
  std::string message;
  std::conditional_t<std::is_void_v<value>, bool, std::optional<value>> out{};
  try {
    if constexpr (std::is_void_v<value>) {
      f();
    } else {
      out.emplace(f());
    }
  } catch (const std::exception& e) {
    message = e.what();
    if (message.empty()) message = "an error without a message";
  } catch (...) {
    message = "an exception that is not a std::exception";
  }
  const int me = rank(comm);
  const int mine = message.empty() ? size(comm) : me;
  int first = 0;
  MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, comm);
  if (first == size(comm)) {
    if constexpr (!std::is_void_v<value>) return std::move(*out);
    else return;
  }
  unsigned long long length = message.size();
  MPI_Bcast(&length, 1, MPI_UNSIGNED_LONG_LONG, first, comm);
  message.resize(static_cast<std::size_t>(length));
  MPI_Bcast(message.data(), static_cast<int>(length), MPI_CHAR, first, comm);
  throw job_failed(message, first);
}

/// Runs `body` on this rank and turns errors into an exit code for main(): a job_failed is
/// printed once, by rank 0, and gives EXIT_FAILURE on every rank; any other exception is
/// printed by the rank that met it, which then ends the whole job (MPI_Abort).
template <class F>
int guard(MPI_Comm comm, F&& body) noexcept {
  try {
    body();
    return EXIT_SUCCESS;
  } catch (const job_failed& e) {
    if (rank(comm) == 0) std::fprintf(stderr, "error: %s\n", e.what());
    return EXIT_FAILURE;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "error (rank %d of %d): %s\n", rank(comm), size(comm), e.what());
  } catch (...) {
    std::fprintf(stderr, "error (rank %d of %d): an exception that is not a std::exception\n", rank(comm),
                 size(comm));
  }
  std::fflush(stderr);
  MPI_Abort(comm, EXIT_FAILURE);
  return EXIT_FAILURE;
}

namespace detail {

inline constexpr int block_tag = 71;

inline std::vector<unsigned char> to_bytes(std::size_t index, const ensemble::detail::block_result& r) {
  ensemble::detail::byte_writer w;
  w.put(index);
  w.put(r.summaries.size());
  for (const auto& s : r.summaries) s.write(w);
  w.put(r.members.size());
  for (std::size_t m : r.members) w.put(m);
  w.put(r.parameters.size());
  for (const auto& p : r.parameters) w.put(p);
  w.put(r.outcomes.size());
  for (const auto& o : r.outcomes) w.put(o);
  w.put(r.failures.size());
  for (const auto& f : r.failures) ensemble::write(w, f);
  return w.release();
}

// What every block of a run holds, as rank 0 merges it: a block of another shape (a rank
// running another program, a corrupted message) would index past the result's columns.
struct block_shape {
  std::size_t summaries = 0;    // variables x save times, then one per outcome
  bool outcomes = false;        // options::keep_outcomes: parameters and outcomes per member
  std::size_t parameters = 0;   // per member, when kept
  std::size_t outcome_values = 0;
};

inline ensemble::detail::block_result from_bytes(const std::vector<unsigned char>& bytes, std::size_t expected,
                                                 const block_shape& shape) {
  ensemble::detail::byte_reader in(bytes);
  const std::size_t index = in.read_size();
  if (index != expected) {
    throw invalid_parameter(component, "block", "must arrive in order (expected " + std::to_string(expected) + ")",
                            std::to_string(index));
  }
  ensemble::detail::block_result r;
  // Every element takes at least one byte, so a count above the bytes left is corrupt.
  auto count = [&] { return in.read_length(1); };
  for (std::size_t k = count(); k > 0; --k) r.summaries.push_back(ensemble::streaming_summary::read(in));
  for (std::size_t k = count(); k > 0; --k) r.members.push_back(in.read_size());
  for (std::size_t k = count(); k > 0; --k) r.parameters.push_back(in.read_doubles());
  for (std::size_t k = count(); k > 0; --k) r.outcomes.push_back(in.read_doubles());
  for (std::size_t k = count(); k > 0; --k) r.failures.push_back(ensemble::read_failure(in));
  if (!in.at_end()) {
    throw invalid_parameter(component, "block", "must hold nothing after its failures",
                            std::to_string(in.remaining()) + " bytes more");
  }
  auto require = [&](bool ok, const std::string& what, std::size_t got) {
    if (!ok) throw invalid_parameter(component, "block " + std::to_string(index), what, std::to_string(got));
  };
  require(r.summaries.size() == shape.summaries, "must hold " + std::to_string(shape.summaries) + " summaries",
          r.summaries.size());
  const std::size_t kept = shape.outcomes ? r.members.size() : 0;
  require(r.parameters.size() == kept, "must hold parameters for " + std::to_string(kept) + " members",
          r.parameters.size());
  require(r.outcomes.size() == kept, "must hold outcomes for " + std::to_string(kept) + " members",
          r.outcomes.size());
  for (const auto& p : r.parameters) {
    require(p.size() == shape.parameters, "must hold " + std::to_string(shape.parameters) + " parameters a member",
            p.size());
  }
  for (const auto& o : r.outcomes) {
    require(o.size() == shape.outcome_values, "must hold " + std::to_string(shape.outcome_values) + " outcomes a member",
            o.size());
  }
  return r;
}

// The members of a run and the blocks they form, as run() will see them (it checks them too).
template <class Source, class Pack>
std::size_t member_count(const ensemble::study<Source, Pack>& s, const ensemble::options& o) {
  return s.table() != nullptr && o.members == 0 ? s.table()->rows() : o.members;
}

}  // namespace detail

/// ensemble::run over the ranks of `comm`: every rank calls it with the same study, grid and
/// options; rank 0 gets the result, bit-identical to ensemble::run in one process, the other
/// ranks std::nullopt. options::threads applies per rank; progress is reported on rank 0 (for
/// the whole job), and cancelling from the callback is not supported over MPI (the return value
/// is ignored). Collective.
template <class Source, class Pack, class Method = method::rk4>
std::optional<ensemble::result> run(MPI_Comm comm, const ensemble::study<Source, Pack>& s, const run_options& grid,
                                    const ensemble::options& o, const Method& method = {}) {
  MPI_Comm job = MPI_COMM_NULL;
  MPI_Comm_dup(comm, &job);  // our messages never meet the caller's
  struct free_on_exit {
    MPI_Comm& c;
    ~free_on_exit() {
      int finalised = 0;
      MPI_Finalized(&finalised);
      if (finalised == 0 && c != MPI_COMM_NULL) MPI_Comm_free(&c);
    }
  } freed{job};
  const int me = rank(job);
  const int ranks = size(job);

  ensemble::options local = o;
  if (me != 0) {
    local.on_progress = nullptr;
  } else if (o.on_progress) {
    local.on_progress = [f = o.on_progress](const ensemble::progress& p) {
      f(p);
      return true;
    };
  }
  // Input errors are found by every rank before anything runs, and agreed on.
  collective(job, [&] {
    const std::size_t members = detail::member_count(s, o);
    ensemble::detail::check(o, members);
    using traits = method::detail::traits<Method, typename ensemble::study<Source, Pack>::model_type::state_type>;
    const auto g = goaldrift::detail::check_options(grid, traits::adaptive);
    const ensemble::detail::block_layout l(members, o);
    ensemble::detail::check_memory(o, members, g.saves + 1, s.parameters().size(),
                                   std::min<std::size_t>(ensemble::detail::worker_threads(o), l.chunks));
    const auto outcomes = ensemble::detail::member_outcomes(o);
    ensemble::detail::check_outcomes(outcomes, grid);
    (void)ensemble::detail::locate_recorded(s.prototype(), o, ensemble::detail::recorded_variables(o, outcomes));
  });

  const std::size_t block = o.reduction_block;
  const ensemble::detail::block_layout layout(detail::member_count(s, o), o);
  const std::size_t blocks = layout.blocks;
  auto owner = [&](std::size_t b) {
    return static_cast<int>((b / layout.blocks_per_chunk) % static_cast<std::size_t>(ranks));
  };

  detail::block_shape shape;
  {
    using traits = method::detail::traits<Method, typename ensemble::study<Source, Pack>::model_type::state_type>;
    shape.outcome_values = ensemble::detail::member_outcomes(o).size();
    // The variables' summaries at each save time, then one per outcome.
    shape.summaries = o.variables.size() * (goaldrift::detail::check_options(grid, traits::adaptive).saves + 1) +
                      shape.outcome_values;
    shape.outcomes = o.keep_outcomes;
    shape.parameters = s.parameters().size();
  }

  ensemble::detail::block_exchange exchange;
  exchange.processes = static_cast<std::size_t>(ranks);
  exchange.process = static_cast<std::size_t>(me);
  std::size_t next = 0;  // rank 0: the next block to merge
  std::vector<unsigned char> buffer;
  // Rank 0: merges the other ranks' blocks before `until`, in order, as they arrive.
  //
  // deliver calls this under run_blocks' merge lock, so while rank 0 waits in MPI_Probe for a
  // slower rank's block, its own workers stall as soon as they finish a block of their own
  // (they need the lock to hand it in), until that rank catches up. The merge must stay in
  // block order for the results to be bit-identical, so waiting for that block is inherent;
  // what is lost is rank 0's other threads, and only while another rank is behind. Not holding
  // the lock would take a change to ensemble/run.hpp: merge_block must run under its lock, so
  // deliver cannot hand its block to a receiving thread to merge later, and keeping rank 0's
  // own blocks back until `finish` would hold every one of them in memory.
  auto receive_until = [&](std::size_t until, const ensemble::detail::block_merge& merge) {
    for (; next < until; ++next) {
      if (owner(next) == 0) continue;  // merged by deliver
      MPI_Status status;
      MPI_Probe(owner(next), detail::block_tag, job, &status);
      int bytes = 0;
      MPI_Get_count(&status, MPI_BYTE, &bytes);
      buffer.resize(static_cast<std::size_t>(bytes));
      MPI_Recv(buffer.data(), bytes, MPI_BYTE, owner(next), detail::block_tag, job, MPI_STATUS_IGNORE);
      auto r = detail::from_bytes(buffer, next, shape);
      merge(next, r, true);
    }
  };
  if (me == 0) {
    exchange.deliver = [&](std::size_t b, ensemble::detail::block_result& r, const ensemble::detail::block_merge& merge) {
      receive_until(b, merge);
      merge(b, r, false);
      next = b + 1;
    };
    exchange.finish = [&](const ensemble::detail::block_merge& merge) { receive_until(blocks, merge); };
  } else {
    exchange.deliver = [&](std::size_t b, ensemble::detail::block_result& r, const ensemble::detail::block_merge&) {
      const auto bytes = detail::to_bytes(b, r);
      if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        throw invalid_parameter(component, "reduction_block", "must make blocks whose results fit one message",
                                std::to_string(block));
      }
      MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, 0, detail::block_tag, job);
    };
  }

  std::optional<ensemble::result> out;
  try {
    auto r = ensemble::detail::run_blocks(s, grid, local, method, exchange);
    if (me == 0) out.emplace(std::move(r));
  } catch (const std::exception& e) {
    // Other ranks may be waiting for this one's blocks: agreeing is not possible, end the job.
    std::fprintf(stderr, "error (rank %d of %d): %s\n", me, ranks, e.what());
    std::fflush(stderr);
    MPI_Abort(job, EXIT_FAILURE);
  }
  return out;
}

}  // namespace goaldrift::external::mpi
