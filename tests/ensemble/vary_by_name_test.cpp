// Studies vary parameters by path: the path names the random stream, so it draws exactly what
// an accessor of the same name draws, alone or in packs, and a parameter a pack cannot hold per
// lane runs members one at a time with the same results.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <goaldrift/ensemble.hpp>
#include <goaldrift/goaldrift.hpp>
#include <goaldrift/parameters.hpp>

#include "support/same_results.hpp"

namespace gd = goaldrift;
namespace ens = goaldrift::ensemble;
namespace dist = goaldrift::distribution;

namespace {

const auto eroding = [](auto zero) {
  using T = decltype(zero);
  return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::asymmetric(T(1.0), T(6.0)),
                        gd::goal::floating(T(100.0), T(12.0), gd::goal::remembered(T(2.0), T(8.0))),
                        gd::noise::white("pressure", T(1.0), T(0.5), 1.0));
};

// A monthly report arrives late: delay_time is a double shared by every lane of a pack.
const auto reported = [](auto zero) {
  using T = decltype(zero);
  return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::reporting_delay<T>(2.0),
                        gd::goal::floating(T(100.0), T(12.0)), gd::noise::white("pressure", T(1.0), T(0.5), 1.0));
};

ens::options few(std::size_t members) {
  ens::options o;
  o.members = members;
  o.seed = 7;
  o.threads = 1;
  return o;
}

const auto grid = gd::run_options(0.0, 24.0, 0.25).saving_every(4.0);

}  // namespace

TEST_CASE("vary by path draws what an accessor of the same name draws, one at a time and in packs") {
  ens::study by_path(eroding);
  by_path.vary("state.action_time", dist::uniform(2.0, 6.0))
      .vary("goal.signal.good_news_time", dist::uniform(4.0, 16.0));
  ens::study by_accessor(eroding);
  by_accessor
      .vary("state.action_time", dist::uniform(2.0, 6.0),
            [](auto& m) -> auto& { return m.state.corrective.action_time; })
      .vary("goal.signal.good_news_time", dist::uniform(4.0, 16.0),
            [](auto& m) -> auto& { return m.goal.signal.good_news_time; });
  CHECK(by_path.batchable());
  auto o = few(37);  // packs plus a padded one
  const auto a = ens::run(by_path, grid, o, gd::method::euler{});
  const auto b = ens::run(by_accessor, grid, o, gd::method::euler{});
  support::check_bit_identical(a, b);
  o.batch = false;
  support::check_same_as_scalar(a, ens::run(by_path, grid, o, gd::method::euler{}));
  // The draws really vary: the spread of S is wider than with fixed parameters.
  ens::study fixed(eroding);
  const auto c = ens::run(fixed, grid, few(37), gd::method::euler{});
  CHECK(a.summary("S", a.time().size() - 1).variance() > c.summary("S", c.time().size() - 1).variance());
}

TEST_CASE("a prototype model varied by path gives what the batched study gives") {
  ens::study scalar(eroding(0.0));
  scalar.vary("perception.bad_news_time", dist::uniform(0.5, 2.0)).vary("pressure.mean", dist::normal(1.0, 0.2));
  ens::study batched(eroding);
  batched.vary("perception.bad_news_time", dist::uniform(0.5, 2.0)).vary("pressure.mean", dist::normal(1.0, 0.2));
  const auto o = few(20);
  support::check_same_as_scalar(ens::run(batched, grid, o, gd::method::euler{}),
                                ens::run(scalar, grid, o, gd::method::euler{}));
}

TEST_CASE("a batched study varying a value shared by a pack's lanes runs members one at a time, saying so") {
  ens::study s(reported);
  s.vary("perception.delay_time", dist::discrete({1.0, 2.0, 3.0}, {1.0, 1.0, 1.0}));
  CHECK_FALSE(s.batchable());
  CHECK(s.unbatchable_parameter() == "perception.delay_time");
  const auto a = ens::run(s, grid, few(12), gd::method::euler{});
  REQUIRE(a.notes().size() == 1);
  CHECK(a.notes()[0].find("members ran one at a time") != std::string::npos);
  CHECK(a.notes()[0].find("perception.delay_time") != std::string::npos);
  ens::study one_model(reported(0.0));
  one_model.vary("perception.delay_time", dist::discrete({1.0, 2.0, 3.0}, {1.0, 1.0, 1.0}));
  const auto b = ens::run(one_model, grid, few(12), gd::method::euler{});
  support::check_bit_identical(a, b);  // both ran one member at a time
  CHECK(b.notes().empty());
}

TEST_CASE("vary refuses an unknown path, naming the closest ones") {
  ens::study s(eroding);
  try {
    s.vary("goal.adjustment_tme", dist::uniform(6.0, 24.0));
    FAIL("expected invalid_parameter");
  } catch (const gd::invalid_parameter& e) {
    const std::string what = e.what();
    CHECK(what.find("'goal.adjustment_tme'") != std::string::npos);
    CHECK(what.find("the closest is 'goal.adjustment_time'") != std::string::npos);
  }
  CHECK(s.parameters().empty());
}

TEST_CASE("member-table columns named by path set those parameters") {
  const ens::member_table table({"state.action_time", "goal.adjustment_time"},
                                {{2.0, 6.0}, {3.0, 12.0}, {5.0, 24.0}}, "plan.csv");
  ens::study by_path(eroding);
  by_path.from_table(table);
  ens::study by_accessor(eroding);
  by_accessor.from_table(table, "state.action_time", [](auto& m) -> auto& { return m.state.corrective.action_time; })
      .from_table(table, "goal.adjustment_time", [](auto& m) -> auto& { return m.goal.adjustment_time; });
  ens::options o = few(0);
  support::check_bit_identical(ens::run(by_path, grid, o, gd::method::euler{}),
                               ens::run(by_accessor, grid, o, gd::method::euler{}));
  const auto member = by_path.member_model(by_path.sample(2, 3, ens::design::independent, 7), 2, 7);
  CHECK(gd::get(member, "goal.adjustment_time") == 24.0);
}

TEST_CASE("a member whose drawn value a part refuses fails with its index, and the others run") {
  ens::study s(eroding(0.0));
  s.vary("state.action_time", dist::normal(1.0, 2.0));  // negative times for some members
  const auto r = ens::run(s, grid, few(40), gd::method::euler{});
  REQUIRE(r.failed() > 0);
  CHECK(r.succeeded() > 0);
  CHECK(r.failures().front().reason.find("action_time") != std::string::npos);
}
