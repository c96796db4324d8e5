// Batched ensembles: members stepped a SIMD pack at a time through the same model code give
// what each member gives alone, failures included.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include <goaldrift/ensemble.hpp>

#include "support/same_as_scalar.hpp"
#include "support/same_results.hpp"

namespace gd = goaldrift;
namespace ens = goaldrift::ensemble;
namespace dist = goaldrift::distribution;

namespace {

// The benchmark's "drift-noisy" shape: asymmetric perception, floating goal, pressure with
// pink noise; plus a sensor whose bias can be set per member.
const auto drift_noisy = [](auto zero) {
  using T = decltype(zero);
  namespace p = gd::perception;
  return gd::make_model(gd::state::actual(T(100.0), T(4.0)),
                        p::distorted(p::asymmetric(T(1.0), T(6.0)), gd::input::constant<T>(T(0.0))),
                        gd::goal::floating(T(100.0), T(12.0)),
                        gd::noise::pink("pressure", T(1.0), T(1.5), 2.0, 0.25) + gd::noise::white("shocks", T(0.0), T(0.5), 1.0));
};

ens::study<std::decay_t<decltype(drift_noisy)>> make_study() {
  ens::study s(drift_noisy);
  s.vary("action_time", dist::normal(3.0, 1.5), [](auto& m) -> auto& { return m.state.corrective.action_time; });
  s.vary("goal_time", dist::uniform(5.0, 20.0), [](auto& m) -> auto& { return m.goal.adjustment_time; });
  s.vary("bias", dist::uniform(-0.1, 0.1), [](auto& m) -> auto& { return m.perception.bias.value; });
  return s;
}

}  // namespace

TEST_CASE("batched results are bit-identical for 1, 2 and 7 threads and chunk sizes 0, 1 and large") {
  const auto s = make_study();
  ens::options o;
  o.members = 1003;         // the last pack partly padding
  o.seed = 12;
  o.reduction_block = 64;   // 16 blocks, so 7 threads all get work
  const auto grid = gd::run_options(0.0, 20.0, 0.25).saving_every(2.0);
  const auto reference = ens::run(s, grid, o);
  REQUIRE(reference.failed() > 0);  // failures go through the scalar re-run too
  support::check_any_threads_and_chunks(reference, o, {1u, 2u, 7u}, {0, 1, 200, 1000000},
                                        [&](const ens::options& p) { return ens::run(s, grid, p); });
}

TEST_CASE("a study made from a factory runs batched and one at a time with the same bits") {
  const auto s = make_study();
  static_assert(decltype(s)::batched);
  ens::options o;
  o.members = 1003;  // not a multiple of the pack width: the last pack is partly padding
  o.seed = 77;
  o.reduction_block = 100;  // nor are the blocks
  for (auto method : {0, 1}) {
    CAPTURE(method);
    auto one = o;
    one.batch = false;
    const auto grid = gd::run_options(0.0, 30.0, 0.25).saving_every(1.0);
    const auto batched = method == 0 ? ens::run(s, grid, o, gd::method::rk4{}) : ens::run(s, grid, o, gd::method::euler{});
    const auto alone = method == 0 ? ens::run(s, grid, one, gd::method::rk4{}) : ens::run(s, grid, one, gd::method::euler{});
    REQUIRE(batched.failed() > 0);  // normal(3, 1.5) draws about 2 % negative action times
    support::check_same_as_scalar(batched, alone);
  }
}

TEST_CASE("batched runs are reproducible at any thread count and under a Latin hypercube") {
  const auto s = make_study();
  ens::options o;
  o.members = 640;
  o.seed = 3;
  o.reduction_block = 64;
  o.sampling = ens::design::latin_hypercube;
  const auto grid = gd::run_options(0.0, 20.0, 0.5).saving_every(2.0);
  const auto reference = ens::run(s, grid, o);
  auto p = o;
  p.threads = 3;
  p.chunk_size = 200;
  support::check_same_as_scalar(reference, ens::run(s, grid, p));
  // And each member is the member run alone.
  for (std::size_t member : {std::size_t{0}, std::size_t{9}, std::size_t{639}}) {
    const auto& ids = reference.outcome_members();
    const auto it = std::find(ids.begin(), ids.end(), member);
    if (it == ids.end()) continue;  // a failed member
    const auto index = static_cast<std::size_t>(it - ids.begin());
    CHECK(support::same_as_scalar(reference.outcome("final_S")[index], ens::run_member(s, member, grid, o).final_value("S")));
  }
}

TEST_CASE("a lane that turns NaN fails alone: the other lanes of its pack carry on") {
  // Members whose action time is drawn tiny (1e-100) blow up under Euler within a few steps.
  ens::study s(drift_noisy);
  s.vary("action_time", dist::discrete({4.0, 1e-100}, {0.8, 0.2}), [](auto& m) -> auto& { return m.state.corrective.action_time; });
  ens::options o;
  o.members = 64;
  const auto grid = gd::run_options(0.0, 10.0, 0.5);
  const auto r = ens::run(s, grid, o, gd::method::euler{});
  auto one = o;
  one.batch = false;
  const auto alone = ens::run(s, grid, one, gd::method::euler{});
  REQUIRE(r.failed() > 0);
  REQUIRE(r.succeeded() > 0);
  support::check_same_as_scalar(r, alone);
  CHECK(r.failures().front().reason.find("goaldrift::simulate: the state became") == 0);
}
