// The benchmark's variants compute the same numbers: goaldrift one member at a time, goaldrift
// batched, and the hand-written loops bench/ compares them with. A compiler that miscompiles one
// variant (g++ 12.2's SLP vectoriser did, under -O2 -march=native) fails here; CI also runs
// this suite from a -march=native build.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "models.hpp"
#include "support/same_as_scalar.hpp"

namespace db = drift_bench;
namespace ens = goaldrift::ensemble;

namespace {

constexpr std::uint64_t seed = 2026;
constexpr std::size_t members = 131;  // two bundles of 64 and a tail of 3: every batched code path

template <class Factory>
std::vector<double> library_final_s(bool batch, const goaldrift::run_options& grid, bool euler) {
  const auto s = db::make_study<Factory>();
  ens::options o;
  o.members = members;
  o.seed = seed;
  o.batch = batch;
  o.variables = {"S"};
  o.reduction_block = 100;
  const auto r = euler ? ens::run(s, grid, o, goaldrift::method::euler{}) : ens::run(s, grid, o, goaldrift::method::rk4{});
  REQUIRE(r.failed() == 0);
  return r.outcome("final_S");
}

bool close(double a, double b) { return std::abs(a - b) <= 1e-10 * std::max(1.0, std::abs(b)); }

}  // namespace

TEST_CASE("drift-noisy: goaldrift batched and alone, and the hand-written loops, end at the same S") {
  const auto grid = goaldrift::run_options(0.0, db::t_end, db::dt).saving_every(10.0);
  for (const bool euler : {false, true}) {
    CAPTURE(euler);
    const auto batched = library_final_s<db::noisy_factory>(true, grid, euler);
    const auto alone = library_final_s<db::noisy_factory>(false, grid, euler);
    const auto s = db::make_study<db::noisy_factory>();
    std::vector<double> soa(members);
    if (euler) {
      db::batch_range<64, true, true>(s, 0, members, members, seed, soa.data());
    } else {
      db::batch_range<64, true, false>(s, 0, members, members, seed, soa.data());
    }
    REQUIRE(batched.size() == members);
    for (std::size_t i = 0; i < members; ++i) {
      CAPTURE(i);
      const auto q = db::member_parameters(s, i, members, seed);
      const double scalar = euler ? db::noisy_member<true>(q, i, seed)[0] : db::noisy_member<false>(q, i, seed)[0];
      CHECK(support::same_as_scalar(batched[i], alone[i]));  // the same model code, lane for member
      CHECK(close(alone[i], scalar));                          // the same formulas, written by hand
      CHECK(close(soa[i], scalar));
      CHECK(std::isfinite(scalar));
    }
  }
}

TEST_CASE("drift: goaldrift batched and alone, and the hand-written loops, end at the same S") {
  const auto grid = goaldrift::run_options(0.0, db::t_end, db::dt).saving_every(db::t_end);
  const auto batched = library_final_s<db::quiet_factory>(true, grid, false);
  const auto alone = library_final_s<db::quiet_factory>(false, grid, false);
  const auto s = db::make_study<db::quiet_factory>();
  std::vector<double> soa(members);
  db::batch_range<16, false>(s, 0, members, members, seed, soa.data());
  for (std::size_t i = 0; i < members; ++i) {
    CAPTURE(i);
    const double scalar = db::quiet_member(db::member_parameters(s, i, members, seed))[0];
    CHECK(support::same_as_scalar(batched[i], alone[i]));
    CHECK(close(alone[i], scalar));
    CHECK(close(soa[i], scalar));
  }
  // The model really drifts: under steady pressure the goal follows S down.
  CHECK(alone[0] < db::initial - 10.0);
}
