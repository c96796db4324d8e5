// goaldrift::external::mpi, run under mpiexec by ctest (tests/CMakeLists.txt):
//
//   mpi_check same <threads> <chunk_size>   mpi::run equals ensemble::run in one process, byte
//                                            for byte: every summary's full state (moments,
//                                            t-digest), every outcome, every failure record
//   mpi_check bad-option                     a bad option: the error printed once, exit 1
//   mpi_check bad-table-on-last-rank <csv>   only the last rank reads its member table from
//                                            <csv>, which is missing or malformed
//   mpi_check stop-on-failure                on_failure::stop meets a failing member on the
//                                            last rank: printed once, the job ends
//   mpi_check sensitivity                    Sobol' indices from a design run over MPI equal
//                                            sensitivity::sobol in one process, bit for bit
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <goaldrift/external/mpi.hpp>
#include <goaldrift/sensitivity.hpp>

namespace gd = goaldrift;
namespace ens = goaldrift::ensemble;
namespace mpi = goaldrift::external::mpi;
namespace dist = goaldrift::distribution;

namespace {

// A noisy drift model; the action time is drawn from a normal that is sometimes negative, so
// some members fail with invalid parameters and must travel as failure records.
auto noisy_model() {
  return gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0),
                        gd::goal::floating(100.0, 12.0), gd::noise::pink("pressure", 1.0, 1.5, 3.0, 0.5));
}
auto prototype_study() {
  ens::study s(noisy_model());
  s.vary("action_time", dist::normal(3.0, 1.2), [](auto& m) -> double& { return m.state.corrective.action_time; });
  s.vary("goal_time", dist::uniform(6.0, 24.0), [](auto& m) -> double& { return m.goal.adjustment_time; });
  return s;
}

// The same drift from a factory: members run a SIMD pack at a time.
struct factory {
  template <class T>
  auto operator()(T) const {
    return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::asymmetric(T(1.0), T(6.0)),
                          gd::goal::floating(T(100.0), T(12.0)), gd::noise::pink<T>("pressure", T(1.0), T(1.5), 3.0, 0.5));
  }
};
auto batched_study() {
  ens::study s{factory{}};
  s.vary("action_time", dist::uniform(2.0, 6.0), [](auto& m) -> auto& { return m.state.corrective.action_time; });
  s.vary("goal_time", dist::triangular(6.0, 12.0, 24.0), [](auto& m) -> auto& { return m.goal.adjustment_time; });
  return s;
}

gd::run_options grid() { return gd::run_options(0.0, 60.0, 0.25).saving_every(3.0); }

ens::options options(unsigned threads, std::size_t chunk) {
  ens::options o;
  o.members = 2999;  // not a multiple of anything below
  o.seed = 77;
  o.threads = threads;
  o.reduction_block = 64;
  o.chunk_size = chunk;
  o.quantiles = {0.05, 0.25, 0.5, 0.75, 0.95};
  o.variables = {"S", "P", "D"};
  return o;
}

std::vector<unsigned char> bytes_of(const ens::result& r) {
  ens::detail::byte_writer w;
  for (const auto& v : r.variables()) {
    for (std::size_t j = 0; j < r.time().size(); ++j) r.summary(v, j).write(w);
  }
  for (const auto& name : r.outcome_names()) w.put(r.outcome(name));
  for (const auto& name : r.parameter_names()) w.put(r.member_parameter(name));
  for (std::size_t m : r.outcome_members()) w.put(m);
  for (const auto& f : r.failures()) ens::write(w, f);
  w.put(r.members());
  w.put(r.succeeded());
  w.put(r.members_completed());
  return w.release();
}

// On rank 0: the MPI result against one process, byte for byte.
bool same(const char* what, const std::optional<ens::result>& spread, const ens::result& alone) {
  const auto a = bytes_of(*spread);
  const auto b = bytes_of(alone);
  if (a != b) {
    std::size_t at = 0;
    while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
    std::printf("%s: DIFFERENT from one process (first difference at byte %zu of %zu / %zu)\n", what, at, a.size(),
                b.size());
    return false;
  }
  std::printf("%s: bit-identical to one process (%zu bytes of results, %zu failed members)\n", what, a.size(),
              alone.failed());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  mpi::environment env(argc, argv);
  const MPI_Comm world = MPI_COMM_WORLD;
  const std::string mode = argc > 1 ? argv[1] : "same";
  const int me = mpi::rank(world);
  const int last = mpi::size(world) - 1;
  bool ok = true;
  const int status = mpi::guard(world, [&] {
    if (mode == "same") {
      const unsigned threads = argc > 2 ? static_cast<unsigned>(std::stoul(argv[2])) : 1;
      const std::size_t chunk = argc > 3 ? std::stoull(argv[3]) : 256;
      auto o = options(threads, chunk);
      // A reduction block of SIZE_MAX once overflowed the block count to 0: nothing ran.
      if (argc > 4) o.reduction_block = std::stoull(argv[4]);
      const auto s1 = prototype_study();
      const auto r1 = mpi::run(world, s1, grid(), o, gd::method::rk4{});
      const auto s2 = batched_study();
      const auto r2 = mpi::run(world, s2, grid(), o, gd::method::rk4{});
      if (me == 0) {
        // One process, one thread, one chunk: the reference.
        auto reference = o;
        reference.threads = 1;
        reference.chunk_size = o.members;
        ok = same("one model, one member at a time", r1, ens::run(s1, grid(), reference, gd::method::rk4{})) && ok;
        ok = same("factory, SIMD packs", r2, ens::run(s2, grid(), reference, gd::method::rk4{})) && ok;
        ok = r1->failed() > 0 && ok;  // failures really travelled
      }
    } else if (mode == "bad-option") {
      auto o = options(1, 256);
      o.quantiles = {0.5, 1.5};
      (void)mpi::run(world, prototype_study(), grid(), o);
    } else if (mode == "bad-table-on-last-rank") {
      const auto table = mpi::collective(world, [&] {
        if (me == last) return ens::member_table::read_csv(argc > 2 ? argv[2] : "/nonexistent/members.csv");
        std::istringstream csv("action_time\n3\n4\n");
        return ens::member_table::read_csv(csv, "members.csv");
      });
      std::printf("rank %d read %zu rows\n", me, table.rows());  // never reached
    } else if (mode == "stop-on-failure") {
      // Member `doomed` alone has a negative action time; it belongs to the last rank's first
      // chunk (chunks of 256 members are dealt to ranks in turn).
      auto o = options(1, 256);
      o.failures = ens::on_failure::stop;
      const std::size_t doomed = static_cast<std::size_t>(last) * 256 + 5;
      std::vector<std::vector<double>> rows(o.members, std::vector<double>{3.0});
      rows[doomed][0] = -1.0;
      const ens::member_table table({"action_time"}, rows, "in memory");
      ens::study s(noisy_model());
      s.from_table(table, "action_time", [](auto& m) -> double& { return m.state.corrective.action_time; });
      (void)mpi::run(world, s, grid(), o);
      std::printf("rank %d finished\n", me);  // never reached on the last rank
    } else if (mode == "sensitivity") {
      // docs/sensitivity.md's three steps, the runs spread over the ranks.
      namespace sa = goaldrift::sensitivity;
      const auto s = batched_study();
      auto o = options(2, 64);
      o.members = 0;
      o.outcomes = {gd::outcome::final_value("S"), gd::outcome::area_below("D", 100.0)};
      sa::sobol_options so;
      so.samples = 100;
      so.second_order = true;
      const sa::saltelli_design design(sa::design_parameters(s, "mpi_check"), so, o.seed);
      const auto table = sa::design_table(s, design);
      const auto designed = s.designed(table, [&](std::uint64_t run) { return design.noise_run(run); });
      const auto r = mpi::run(world, designed, grid(), o, gd::method::rk4{});
      if (me == 0) {
        const std::vector<std::string> names = {"final_S", "area_below_D_100"};
        const auto spread = sa::sobol_indices(design, names, sa::outcome_values(*r, names, design.runs()), 1,
                                              sa::run_notes(*r));
        const auto alone = sa::sobol(s, grid(), o, so, gd::method::rk4{}).indices;
        std::ostringstream a, b;
        spread.write_csv(a);
        alone.write_csv(b);
        ok = a.str() == b.str() && spread.notes == alone.notes && spread.estimates.size() == 2 * (2 * 2 + 1);
        std::printf("sensitivity over MPI: %s one process (%zu estimates)\n", ok ? "bit-identical to" : "DIFFERENT from",
                    spread.estimates.size());
      }
    } else {
      throw std::runtime_error("unknown mode '" + mode + "'");
    }
  });
  return status != EXIT_SUCCESS ? status : (ok ? EXIT_SUCCESS : EXIT_FAILURE);
}
