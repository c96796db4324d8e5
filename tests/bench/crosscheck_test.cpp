// The benchmark's variants compute the same numbers: goaldrift one member at a time, goaldrift
// batched, and the hand-written loops bench/ compares them with, including the independent
// baselines of bench/independent.hpp (their own Philox, Box-Muller and fused steppers), which
// share no code with goaldrift and so agree with it to rounding, not bit for bit. A compiler that miscompiles one
// variant (g++ 12.2's SLP vectoriser did, under -O2 -march=native) fails here; CI also runs
// this suite from a -march=native build.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "independent.hpp"
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

TEST_CASE("the independent baselines' generator is Random123's Philox and its normals goaldrift's to rounding") {
  CHECK_NOTHROW(independent::check_philox_against_random123());
  const std::uint64_t key = independent::noise_key(seed);
  CHECK(key == goaldrift::random::philox_key(seed, goaldrift::random::domain::noise, goaldrift::random::stream_id("w")));
  double worst = 0.0;
  for (std::uint64_t member : {0ULL, 1ULL, 77ULL, 1ULL << 40}) {
    for (std::uint64_t pair = 0; pair < 3000; ++pair) {
      const auto want = goaldrift::random::normal_pair(key, pair, member);
      double z0, z1;
      independent::normal_pair(key, pair, member, z0, z1);
      worst = std::max({worst, std::abs(z0 - want[0]), std::abs(z1 - want[1])});
    }
  }
  CHECK(worst < 1e-14);  // a few ulps of numbers below 9
  CHECK(worst > 0.0);    // and computed otherwise: not goaldrift's kernels in disguise
}

TEST_CASE("the independent baselines end where goaldrift ends, noisy and not, RK4 and Euler, each layout") {
  const independent::drift_model m;
  for (const bool euler : {false, true}) {
    CAPTURE(euler);
    const auto grid = goaldrift::run_options(0.0, db::t_end, db::dt).saving_every(10.0);
    const auto noisy = library_final_s<db::noisy_factory>(false, grid, euler);
    const auto quiet = library_final_s<db::quiet_factory>(false, grid, euler);
    std::vector<independent::layout> layouts{independent::layout::portable};
    if (independent::have_avx512) layouts.push_back(independent::layout::avx512);
    for (const auto how : layouts) {
      CAPTURE(static_cast<int>(how));
      std::vector<double> n(members), q(members);
      if (euler) {
        independent::batch_range<true, true>(how, m, seed, 0, members, n.data(), db::steps, db::dt);
        independent::batch_range<false, true>(how, m, seed, 0, members, q.data(), db::steps, db::dt);
      } else {
        independent::batch_range<true, false>(how, m, seed, 0, members, n.data(), db::steps, db::dt);
        independent::batch_range<false, false>(how, m, seed, 0, members, q.data(), db::steps, db::dt);
      }
      for (std::size_t i = 0; i < members; ++i) {
        CAPTURE(i);
        CHECK(close(n[i], noisy[i]));
        CHECK(close(q[i], quiet[i]));
      }
    }
    for (std::size_t i = 0; i < members; i += 13) {
      CAPTURE(i);
      const double one = euler ? independent::member_final_s<true, true>(m, seed, i, db::steps, db::dt)
                               : independent::member_final_s<true, false>(m, seed, i, db::steps, db::dt);
      CHECK(close(one, noisy[i]));
    }
  }
}
