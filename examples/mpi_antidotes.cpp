// The Monte Carlo antidotes study (monte_carlo_antidotes) over MPI: the members of each goal
// policy shared between the ranks, the results bit-identical to one process. Rank 0 prints the
// table and the throughput, and writes the CSV files and the fan chart.
//
// Usage: mpirun -n 4 mpi_antidotes [members per policy, default 100000] [output-directory]
//                                   [threads per rank, default 0: every core the rank sees]
//        srun -n 4 mpi_antidotes ...                                      (under Slurm)
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <goaldrift/external/mpi.hpp>

#include "stories/antidotes_report.hpp"
#include "stories/common.hpp"
#include "stories/monte_carlo_antidotes.hpp"

int main(int argc, char** argv) {
  namespace gd = goaldrift;
  namespace mpi = goaldrift::external::mpi;
  namespace story = stories::monte_carlo_antidotes;
  // [mpi-run]
  mpi::environment env(argc, argv);
  const MPI_Comm world = MPI_COMM_WORLD;
  return mpi::guard(world, [&] {
    const bool root = mpi::rank(world) == 0;
    const std::size_t members = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 100000;
    const unsigned threads = argc > 3 ? static_cast<unsigned>(std::strtoul(argv[3], nullptr, 10)) : 0;
    const auto dir = mpi::collective(world, [&] { return stories::output_dir(argc - 1, argv + 1); });

    double seconds = 0.0;
    auto run = [&](const auto& study, const char* label) {
      auto o = story::options(members);
      o.threads = threads;
      o.on_progress = gd::ensemble::progress_bar(label);  // on rank 0, for the whole job
      const auto started = std::chrono::steady_clock::now();
      auto r = mpi::run(world, study, story::grid(), o, gd::method::rk4{});
      seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      return r;
    };
    const auto eroding = run(story::eroding(), "eroding");
    const auto absolute = run(story::absolute(), "absolute");
    const auto best = run(story::best_past(), "best-past");
    if (!root) return;  // rank 0 holds the results
    // [mpi-run]

    const story::policy_results results{*eroding, *absolute, *best};
    story::print_table(members, results);
    const int ranks = mpi::size(world);
    const double rate = 3.0 * static_cast<double>(members) / seconds;
    std::printf("%d rank%s: %.0f members/s in all, %.0f per rank (%.2f s for 3 x %zu members)\n\n", ranks,
                ranks == 1 ? "" : "s", rate, rate / ranks, seconds, members);
    story::write_outputs(dir, results, "mpi_antidotes.png");
  });
}
