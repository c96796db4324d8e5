// ensemble::run: bit-identical at any thread count and chunk size, members reproducible alone,
// failures recorded and kept out of the summaries, bad options refused.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <goaldrift/ensemble.hpp>

#include "support/invalid_parameter.hpp"
#include "support/same_results.hpp"

namespace gd = goaldrift;
namespace ens = goaldrift::ensemble;
namespace dist = goaldrift::distribution;

namespace {

// A pressure input that breaks (turns NaN) after `fail_after`: a member whose data feed fails.
struct breaking_pressure {
  using value_type = double;
  double fail_after = std::numeric_limits<double>::infinity();
  double operator()(const gd::time_point& when) const {
    return when.t > fail_after ? std::numeric_limits<double>::quiet_NaN() : 1.0;
  }
};

// One stock that decays, and an observed ratio that divides by (t - pole): infinite at a save
// time t = pole while the state stays finite, so only the summarised value is bad.
struct pole_model {
  using scalar_type = double;
  using state_type = std::array<double, 1>;
  double pole = 1e9;
  state_type initial_state(double) const { return {100.0}; }
  void rhs(const state_type& x, state_type& dxdt, const gd::time_point&) const { dxdt[0] = -0.1 * x[0]; }
  std::array<std::string, 1> state_names() const { return {"S"}; }
  std::array<std::string, 2> observed_names() const { return {"S", "ratio"}; }
  std::array<double, 2> observe(const state_type& x, const gd::time_point& when) const {
    // The infinity is written out, not divided into: UBSan's float-divide-by-zero check (in CI)
    // would stop the test.
    return {x[0], when.t == pole ? std::numeric_limits<double>::infinity() : x[0] / (when.t - pole)};
  }
};

auto noisy_model() {
  return gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0),
                        gd::goal::floating(100.0, 12.0), gd::noise::pink("pressure", 1.0, 1.0, 3.0, 0.5));
}

ens::study<decltype(noisy_model())> noisy_study() {
  ens::study s(noisy_model());
  s.vary("action_time", dist::uniform(2.0, 6.0), [](auto& m) -> double& { return m.state.corrective.action_time; });
  s.vary("goal_time", dist::triangular(6.0, 12.0, 24.0), [](auto& m) -> double& { return m.goal.adjustment_time; });
  s.vary("bad_news_time", dist::lognormal::from_mean_sd(1.0, 0.3),
         [](auto& m, double v) { m.perception.bad_news_time = v; });
  return s;
}

const gd::run_options grid = gd::run_options(0.0, 24.0, 0.5).saving_every(2.0);


}  // namespace

TEST_CASE("ensemble results are bit-identical for 1, 2 and 7 threads and any chunk size") {
  const auto s = noisy_study();
  ens::options o;
  o.members = 3000;
  o.seed = 2024;
  o.reduction_block = 128;  // 24 blocks, so 7 threads all get work
  const auto reference = ens::run(s, grid, o);
  support::check_any_threads_and_chunks(reference, o, {2u, 7u}, {0, 1, 300, 5000},
                                        [&](const ens::options& p) { return ens::run(s, grid, p); });
  SUBCASE("also under a Latin hypercube, with euler") {
    auto p = o;
    p.sampling = ens::design::latin_hypercube;
    const auto one = ens::run(s, grid, p, gd::method::euler{});
    p.threads = 7;
    p.chunk_size = 256;
    support::check_bit_identical(one, ens::run(s, grid, p, gd::method::euler{}));
  }
}

TEST_CASE("a latin hypercube through study::sample and run puts each parameter once in every stratum") {
  // uniform(0, 1) draws are the design's probabilities themselves (0 + p * 1 is exact), and the
  // accessors map them onto valid times, so the strata can be read off each member's values.
  ens::study s(noisy_model());
  s.vary("action_time", dist::uniform(0.0, 1.0), [](auto& m, double p) { m.state.corrective.action_time = 2.0 + 4.0 * p; });
  s.vary("goal_time", dist::uniform(0.0, 1.0), [](auto& m, double p) { m.goal.adjustment_time = 6.0 + 18.0 * p; });
  s.vary("bad_news_time", dist::uniform(0.0, 1.0), [](auto& m, double p) { m.perception.bad_news_time = 0.5 + p; });
  const std::size_t n = 1001;
  // The stratum k with k <= p n < k + 1, exactly (fma rounds once, keeping the sign).
  auto stratum = [&](double p) {
    const double nd = static_cast<double>(n);
    auto k = static_cast<std::size_t>(std::floor(p * nd));
    if (std::fma(p, nd, -static_cast<double>(k)) < 0.0) --k;
    return k;
  };
  auto check_strata = [&](const std::vector<double>& values) {
    REQUIRE(values.size() == n);
    std::vector<int> hits(n, 0);
    for (double p : values) {
      REQUIRE(p > 0.0);
      REQUIRE(p < 1.0);
      ++hits[stratum(p)];
    }
    CHECK(std::count(hits.begin(), hits.end(), 1) == static_cast<std::ptrdiff_t>(n));
  };
  ens::options o;
  o.members = n;
  o.seed = 31;
  o.sampling = ens::design::latin_hypercube;
  o.reduction_block = 100;
  o.threads = 2;
  const auto r = ens::run(s, grid, o);
  REQUIRE(r.succeeded() == n);
  std::vector<std::vector<double>> sampled(3);
  for (std::size_t i = 0; i < n; ++i) {
    const auto v = s.sample(i, n, o.sampling, o.seed);
    for (std::size_t k = 0; k < 3; ++k) sampled[k].push_back(v[k]);
  }
  for (std::size_t k = 0; k < 3; ++k) {
    const auto& name = s.parameters()[k].name;
    CAPTURE(name);
    check_strata(sampled[k]);
    CHECK(r.member_parameter(name) == sampled[k]);  // run() draws what sample() says
    check_strata(r.member_parameter(name));
  }
  CHECK(sampled[0] != sampled[1]);  // each parameter its own permutation
  // Independent sampling does not stratify: some stratum is missed (checks the check).
  std::vector<int> hits(n, 0);
  for (std::size_t i = 0; i < n; ++i) ++hits[stratum(s.sample(i, n, ens::design::independent, o.seed)[0])];
  CHECK(std::count(hits.begin(), hits.end(), 0) > 0);
}

TEST_CASE("an adaptive dopri5 ensemble is bit-identical at any thread count, and each member is itself alone") {
  // Pink-noise pressure jumps at every noise interval, so dopri5 stops at each breakpoint:
  // adaptive step control per member, with its own step sequence, under every schedule.
  const auto s = noisy_study();
  ens::options o;
  o.members = 700;
  o.seed = 404;
  o.reduction_block = 50;  // 14 blocks
  const auto reference = ens::run(s, grid, o, gd::method::dopri5{});
  REQUIRE(reference.succeeded() == 700);
  support::check_any_threads_and_chunks(reference, o, {2u, 7u}, {0, 1, 150, 100000}, [&](const ens::options& p) {
    return ens::run(s, grid, p, gd::method::dopri5{});
  });
  for (std::size_t member : {std::size_t{0}, std::size_t{321}, std::size_t{699}}) {
    const auto alone = ens::run_member(s, member, grid, o, gd::method::dopri5{});
    CHECK(reference.outcome("final_S")[member] == alone.final_value("S"));
    CHECK(reference.outcome("final_P")[member] == alone.final_value("P"));
  }
  // It is dopri5 that ran: rk4 on the same grid gives other (if close) values.
  const auto fixed = ens::run(s, grid, o, gd::method::rk4{});
  CHECK(fixed.summary("S", 12).mean() != reference.summary("S", 12).mean());
  CHECK(fixed.summary("S", 12).mean() == doctest::Approx(reference.summary("S", 12).mean()).epsilon(1e-3));
}

TEST_CASE("a member run alone is the same member inside any ensemble") {
  const auto s = noisy_study();
  ens::options o;
  o.members = 500;
  o.seed = 99;
  o.threads = 2;
  o.reduction_block = 64;
  const auto r = ens::run(s, grid, o);
  for (std::size_t member : {std::size_t{0}, std::size_t{17}, std::size_t{499}}) {
    const auto alone = ens::run_member(s, member, grid, o);
    const auto index = static_cast<std::size_t>(
        std::find(r.outcome_members().begin(), r.outcome_members().end(), member) - r.outcome_members().begin());
    CHECK(r.outcome("final_S")[index] == alone.final_value("S"));
    CHECK(r.outcome("final_D")[index] == alone.final_value("D"));
    CHECK(r.member_parameter("goal_time")[index] == s.sample(member, 500, o.sampling, o.seed)[1]);
  }
  // Under independent sampling a member does not depend on the ensemble's size either.
  auto bigger = o;
  bigger.members = 2000;
  CHECK(ens::run_member(s, 17, grid, bigger).final_value("S") == ens::run_member(s, 17, grid, o).final_value("S"));
  // A one-member ensemble summarises exactly that trajectory.
  auto single = o;
  single.members = 1;
  const auto one = ens::run(s, grid, single);
  const auto alone = ens::run_member(s, 0, grid, single);
  for (std::size_t j = 0; j < one.time().size(); ++j) {
    CHECK(one.summary("S", j).mean() == alone.actual()[j]);
    CHECK(one.summary("S", j).quantile(0.5) == alone.actual()[j]);
  }
}

TEST_CASE("failed members are recorded with their details and left out of every summary") {
  // Action times from normal(4, 3): some draws are negative (invalid parameters); and about
  // one member in twenty has a data feed that breaks at t = 9 (its state turns NaN).
  auto model = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0),
                              gd::goal::floating(100.0, 12.0), breaking_pressure{});
  ens::study s(model);
  s.vary("action_time", dist::normal(4.0, 3.0), [](auto& m) -> double& { return m.state.corrective.action_time; });
  s.vary("fail_after", dist::discrete({9.0, 1e300}, {0.05, 0.95}), [](auto& m) -> double& { return m.pressure.fail_after; });
  ens::options o;
  o.members = 600;
  o.seed = 5;
  o.reduction_block = 50;
  o.threads = 3;
  const auto r = ens::run(s, grid, o);

  std::size_t invalid = 0, broken = 0;
  for (std::size_t i = 0; i < o.members; ++i) {
    const auto v = s.sample(i, o.members, o.sampling, o.seed);
    if (v[0] <= 0.0) ++invalid;
    else if (v[1] == 9.0) ++broken;
  }
  REQUIRE(invalid > 0);
  REQUIRE(broken > 0);
  CHECK(r.failed() == invalid + broken);
  CHECK(r.succeeded() == o.members - invalid - broken);
  for (const auto& f : r.failures()) {
    CHECK(f.seed == 5);
    REQUIRE(f.parameters.size() == 2);
    if (f.parameters[0] <= 0.0) {
      CHECK(f.time == 0.0);
      CHECK(f.reason.find("goaldrift::state::proportional: action_time must be positive") == 0);
    } else {
      CHECK(f.parameters[1] == 9.0);
      CHECK(f.time == doctest::Approx(9.5));  // the first step that used the NaN pressure
      CHECK(f.reason.find("variable 'state.level'") != std::string::npos);
    }
  }
  // The summaries are exactly the documented reduction of the successful members alone:
  // blocks of reduction_block members, each in member order, merged in block order.
  std::vector<ens::streaming_summary> expected(r.time().size(), ens::streaming_summary(o.compression));
  for (std::size_t b = 0; b * o.reduction_block < o.members; ++b) {
    std::vector<ens::streaming_summary> block(r.time().size(), ens::streaming_summary(o.compression));
    for (std::size_t i = b * o.reduction_block; i < std::min(o.members, (b + 1) * o.reduction_block); ++i) {
      const auto v = s.sample(i, o.members, o.sampling, o.seed);
      if (v[0] <= 0.0 || v[1] == 9.0) continue;
      const auto t = ens::run_member(s, i, grid, o);
      for (std::size_t j = 0; j < t.size(); ++j) block[j].add(t.actual()[j]);
    }
    for (std::size_t j = 0; j < expected.size(); ++j) expected[j].merge(block[j]);
  }
  for (std::size_t j = 0; j < r.time().size(); ++j) {
    const auto& got = r.summary("S", j);
    CHECK(got.count() == r.succeeded());
    CHECK(std::isfinite(got.mean()));
    CHECK(got.mean() == expected[j].mean());
    CHECK(got.variance() == expected[j].variance());
    CHECK(got.quantile(0.05) == expected[j].quantile(0.05));
  }
}

TEST_CASE("a summarised value that is not finite fails its member, not the run") {
  // The state of every member is fine; members whose pole falls on a save time (6) summarise an
  // infinite ratio there. Before, streaming_summary::add threw from inside the block and the
  // whole run ended with no member named.
  ens::study s(pole_model{});
  s.vary("pole", dist::discrete({6.0, 1e9}, {0.1, 0.9}), [](auto& m) -> double& { return m.pole; });
  ens::options o;
  o.members = 300;
  o.seed = 8;
  o.reduction_block = 32;
  o.variables = {"S", "ratio"};
  std::size_t poles = 0;
  for (std::size_t i = 0; i < o.members; ++i) poles += s.sample(i, o.members, o.sampling, o.seed)[0] == 6.0;
  REQUIRE(poles > 0);
  for (unsigned threads : {1u, 3u}) {
    CAPTURE(threads);
    auto p = o;
    p.threads = threads;
    const auto r = ens::run(s, grid, p);
    CHECK(r.failed() == poles);
    CHECK(r.succeeded() == o.members - poles);
    for (const auto& f : r.failures()) {
      CHECK(f.seed == 8);
      CHECK(f.parameters == std::vector<double>{6.0});
      CHECK(f.time == 6.0);
      CHECK(f.reason == "goaldrift::ensemble::run: the summarised variable 'ratio' is inf at t = 6");
    }
    CHECK(r.summary("ratio", 3).count() == o.members - poles);
    CHECK(std::isfinite(r.summary("ratio", 3).mean()));
  }
  // Under on_failure::stop it ends the run, naming the lowest such member.
  std::size_t lowest = 0;
  while (s.sample(lowest, o.members, o.sampling, o.seed)[0] != 6.0) ++lowest;
  auto stop = o;
  stop.failures = ens::on_failure::stop;
  try {
    (void)ens::run(s, grid, stop);
    FAIL("no member_failed");
  } catch (const ens::member_failed& e) {
    CHECK(e.details().member == lowest);
    CHECK(std::string(e.what()).find("failed at t = 6: goaldrift::ensemble::run: the summarised variable 'ratio'") !=
          std::string::npos);
  }
}

TEST_CASE("on_failure::stop ends the run with the lowest failing member, at any thread count") {
  auto model = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0),
                              gd::goal::floating(100.0, 12.0), 1.0);
  ens::study s(model);
  s.vary("action_time", dist::normal(4.0, 2.0), [](auto& m) -> double& { return m.state.corrective.action_time; });
  ens::options o;
  o.members = 400;
  o.seed = 1;
  o.reduction_block = 16;
  o.failures = ens::on_failure::stop;
  std::size_t lowest = o.members;
  for (std::size_t i = 0; i < o.members && lowest == o.members; ++i) {
    if (s.sample(i, o.members, o.sampling, o.seed)[0] <= 0.0) lowest = i;
  }
  REQUIRE(lowest < o.members);
  for (unsigned threads : {1u, 4u}) {
    auto p = o;
    p.threads = threads;
    try {
      (void)ens::run(s, grid, p);
      FAIL("no member_failed");
    } catch (const ens::member_failed& e) {
      CHECK(e.details().member == lowest);
      const std::string what = e.what();
      CHECK(what.find("goaldrift::ensemble::run: member " + std::to_string(lowest) + " (seed 1) failed at t = 0") == 0);
      CHECK(what.find("parameters: action_time = ") != std::string::npos);
    }
  }
}

TEST_CASE("a progress callback sees the run advance and can cancel it") {
  const auto s = noisy_study();
  ens::options o;
  o.members = 2000;
  o.reduction_block = 100;
  o.chunk_size = 100;
  o.progress_interval = 1e-9;
  std::vector<std::size_t> seen;
  o.on_progress = [&](const ens::progress& p) {
    seen.push_back(p.done);
    CHECK(p.total == 2000);
    return p.done < 500;  // stop once 500 members are done
  };
  const auto r = ens::run(s, grid, o);
  CHECK(r.cancelled());
  CHECK(r.members_completed() >= 500);
  CHECK(r.members_completed() < 2000);
  CHECK(r.succeeded() == r.members_completed());
  CHECK(r.summary("S", 3).count() == r.members_completed());
  REQUIRE(seen.size() >= 2);
  for (std::size_t i = 1; i < seen.size(); ++i) CHECK(seen[i] >= seen[i - 1]);
}

TEST_CASE("cancelling stops within one block even when a single chunk holds every member") {
  // One thread and one chunk of all 2000 members: before, cancellation was only seen between
  // chunks (and on one thread progress was only reported there), so the run went to the end.
  const auto s = noisy_study();
  ens::options o;
  o.members = 2000;
  o.reduction_block = 100;
  o.chunk_size = 1000000;
  o.threads = 1;
  o.progress_interval = 1e-9;
  std::size_t reports = 0;
  o.on_progress = [&](const ens::progress& p) {
    ++reports;
    return p.done < 500;
  };
  const auto r = ens::run(s, grid, o);
  CHECK(r.cancelled());
  CHECK(r.members_completed() == 500);  // reported after every block, stopped after the 5th
  CHECK(r.succeeded() == r.members_completed());
  CHECK(r.summary("S", 3).count() == r.members_completed());
  CHECK(reports >= 2);
}

TEST_CASE("the progress bar outside a terminal reports each quarter, again for every run") {
  const auto s = noisy_study();
  std::FILE* log = std::tmpfile();
  REQUIRE(log != nullptr);
  ens::options o;
  o.members = 400;
  o.reduction_block = 100;
  o.chunk_size = 100;
  o.threads = 1;
  o.progress_interval = 1e-9;
  o.on_progress = ens::progress_bar("members", log);  // one bar, reused for two runs
  ens::run(s, grid, o);
  ens::run(s, grid, o);
  std::rewind(log);
  std::string text;
  for (int c = std::fgetc(log); c != EOF; c = std::fgetc(log)) text += static_cast<char>(c);
  std::fclose(log);
  CAPTURE(text);
  std::size_t finished = 0;
  for (auto at = text.find("400/400 members"); at != std::string::npos; at = text.find("400/400 members", at + 1)) {
    ++finished;
  }
  CHECK(finished == 2);
  CHECK(text.find("100/400 members") != std::string::npos);
}

TEST_CASE("the progress bar ends its line when the run is cancelled, drawn in place or as lines") {
  const auto s = noisy_study();
  auto text_of = [](std::FILE* f) {
    std::rewind(f);
    std::string text;
    for (int c = std::fgetc(f); c != EOF; c = std::fgetc(f)) text += static_cast<char>(c);
    std::fclose(f);
    return text;
  };
  for (auto style : {ens::progress_bar::style::redraw, ens::progress_bar::style::lines}) {
    const bool redraw = style == ens::progress_bar::style::redraw;
    CAPTURE(redraw);
    std::FILE* log = std::tmpfile();
    REQUIRE(log != nullptr);
    ens::options o;
    o.members = 2000;
    o.reduction_block = 100;
    o.threads = 1;
    o.progress_interval = 1e-9;
    ens::progress_bar bar("members", log, style);
    o.on_progress = [&](const ens::progress& p) {
      bar(p);
      return p.done < 500;  // cancel, as a user's callback wrapping the bar would
    };
    const auto r = ens::run(s, grid, o);
    REQUIRE(r.cancelled());
    // A full run with the same bar afterwards starts on a line of its own and ends one too.
    o.on_progress = bar;
    (void)ens::run(s, grid, o);
    const std::string text = text_of(log);
    CAPTURE(text);
    REQUIRE(!text.empty());
    CHECK(text.back() == '\n');
    const auto stopped = text.find("stopped\n");
    REQUIRE(stopped != std::string::npos);
    const auto cancelled_line = text.rfind('\n', stopped);
    CHECK(text.find("500/2000 members", cancelled_line == std::string::npos ? 0 : cancelled_line) < stopped);
    // Exactly one finished line for the full run.
    CHECK(text.find("2000/2000 members") != std::string::npos);
    CHECK(text.find("2000/2000 members") == text.rfind("2000/2000 members"));
    if (redraw) CHECK(std::count(text.begin(), text.end(), '\n') == 2);  // one line per run
  }
}

TEST_CASE("outcomes: first time below the threshold, losses, and exact quantiles") {
  // No correction (action time huge) and constant pressure 2: S = 100 - 2 t on [0, 40].
  auto model = gd::make_model(gd::state::actual(100.0, 1e12), gd::perception::instant{},
                              gd::goal::absolute(100.0), 2.0);
  ens::study s(model);
  s.vary("pressure", dist::uniform(1.0, 3.0), [](auto& m) -> double& { return m.pressure.value; });
  ens::options o;
  o.members = 101;
  o.threshold_fraction = 0.5;
  const auto r = ens::run(s, gd::run_options(0.0, 40.0, 0.25).saving_every(4.0), o, gd::method::euler{});
  for (std::size_t k = 0; k < r.succeeded(); ++k) {
    const double u = r.member_parameter("pressure")[k];
    CHECK(r.outcome("final_S")[k] == doctest::Approx(100.0 - 40.0 * u).epsilon(1e-9).scale(100.0));
    CHECK(r.outcome("final_loss_S")[k] == doctest::Approx(40.0 * u).epsilon(1e-9));
    // The integral of 100 - S = u t over [0, 40] is 800 u; the trapezoid is exact for a line.
    CHECK(r.outcome("cumulative_loss_S")[k] == doctest::Approx(800.0 * u).epsilon(1e-9));
    // S = 50 at t = 50 / u: reached within the run only when u > 1.25.
    const double crossing = 50.0 / u;
    if (crossing < 40.0) {
      CHECK(r.outcome("first_below_S")[k] == doctest::Approx(crossing).epsilon(1e-9));
    } else {
      CHECK(r.outcome("first_below_S")[k] == std::numeric_limits<double>::infinity());
    }
  }
  auto finals = r.outcome("final_S");
  std::sort(finals.begin(), finals.end());
  CHECK(r.outcome_quantile("final_S", 0.5) == finals[50]);  // 101 values: the 51st
  CHECK(r.outcome_quantile("final_S", 0.0) == finals.front());
  CHECK(r.share("final_S", [](double v) { return v < 0.0; }) ==
        doctest::Approx(static_cast<double>(std::count_if(finals.begin(), finals.end(), [](double v) { return v < 0.0; })) / 101.0));
}

TEST_CASE("outcome quantiles next to members that never crossed are +inf, not NaN") {
  // S = 100 - u t on [0, 40] with u in (0.5, 1.5): only u > 1.25 reaches 50 in time, so about
  // three members in four have first_below_S = +inf.
  auto model = gd::make_model(gd::state::actual(100.0, 1e12), gd::perception::instant{},
                              gd::goal::absolute(100.0), 1.0);
  ens::study s(model);
  s.vary("pressure", dist::uniform(0.5, 1.5), [](auto& m) -> double& { return m.pressure.value; });
  ens::options o;
  o.members = 101;
  const auto r = ens::run(s, gd::run_options(0.0, 40.0, 0.25).saving_every(4.0), o, gd::method::euler{});
  auto sorted = r.outcome("first_below_S");
  std::sort(sorted.begin(), sorted.end());
  const auto crossed = static_cast<std::size_t>(
      std::count_if(sorted.begin(), sorted.end(), [](double t) { return std::isfinite(t); }));
  REQUIRE(crossed > 5);
  REQUIRE(crossed < 50);
  CHECK(r.outcome_quantile("first_below_S", 0.95) == std::numeric_limits<double>::infinity());
  CHECK(r.outcome_quantile("first_below_S", 0.5) == std::numeric_limits<double>::infinity());
  CHECK(r.outcome_quantile("first_below_S", 1.0) == std::numeric_limits<double>::infinity());
  CHECK(r.outcome_quantile("first_below_S", 0.0) == sorted.front());
  CHECK(std::isfinite(r.outcome_quantile("first_below_S", 0.01)));
  // On the last finite order statistic exactly (101 values: h = 100 q), and just past it.
  const double last_finite = static_cast<double>(crossed - 1) / 100.0;
  CHECK(!std::isnan(r.outcome_quantile("first_below_S", last_finite)));
  // The order statistics themselves, without the run: on a value, between a value and +inf.
  const double inf = std::numeric_limits<double>::infinity();
  const std::vector<double> v{1.0, 2.0, inf, inf, inf};
  CHECK(ens::exact_quantile(v, 0.25) == 2.0);   // h = 1: exactly the finite 2
  CHECK(ens::exact_quantile(v, 0.375) == inf);  // h = 1.5: between 2 and +inf
  CHECK(ens::exact_quantile(v, 0.75) == inf);   // h = 3: between +inf and +inf
  CHECK(ens::exact_quantile(v, 0.125) == 1.5);  // finite neighbours still interpolate
  const std::vector<double> w{-inf, 0.0, 1.0};
  CHECK(ens::exact_quantile(w, 0.25) == -inf);
  CHECK(ens::exact_quantile(w, 0.75) == 0.5);
}

TEST_CASE("CSV output: tidy, wide and per member") {
  const auto s = noisy_study();
  ens::options o;
  o.members = 40;
  o.quantiles = {0.05, 0.5, 0.95};
  const auto r = ens::run(s, grid, o);
  std::ostringstream tidy, wide, members;
  r.write_tidy_csv(tidy);
  r.write_wide_csv(wide);
  r.write_outcomes_csv(members);
  const auto lines = [](const std::string& t) { return std::count(t.begin(), t.end(), '\n'); };
  CHECK(tidy.str().rfind("time,variable,statistic,value\n0,S,count,40\n0,S,mean,100\n0,S,variance,0\n", 0) == 0);
  CHECK(lines(tidy.str()) == 1 + 13 * 3 * 10);  // 13 save times, 3 variables, 10 statistics
  CHECK(wide.str().rfind("time,S.count,S.mean,S.variance,S.sd,S.min,S.max,S.median,S.q0.05,S.q0.5,S.q0.95,P.count", 0) ==
        0);
  CHECK(lines(wide.str()) == 1 + 13);
  CHECK(members.str().rfind("member,status,action_time,goal_time,bad_news_time,final_S,final_P,final_D,"
                            "first_below_S,final_loss_S,cumulative_loss_S,failed_at,reason\n0,ok,",
                            0) == 0);
  CHECK(lines(members.str()) == 1 + 40);
  // Median and variance are always written, whatever quantile levels were asked for.
  auto no_median = o;
  no_median.quantiles = {0.1};
  const auto m = ens::run(s, grid, no_median);
  std::ostringstream tidy2, wide2;
  m.write_tidy_csv(tidy2);
  m.write_wide_csv(wide2);
  CHECK(wide2.str().rfind("time,S.count,S.mean,S.variance,S.sd,S.min,S.max,S.median,S.q0.1,P.count", 0) == 0);
  const auto& at6 = m.summary("S", 6);
  CHECK(tidy2.str().find("\n12,S,variance," + gd::detail::format_number(at6.variance()) + "\n") != std::string::npos);
  CHECK(tidy2.str().find("\n12,S,median," + gd::detail::format_number(at6.median()) + "\n") != std::string::npos);
  CHECK(m.series("S", "variance")[6] == at6.variance());
}

namespace {
// The fields of one CSV line, quotes honoured ("a, b" is one field, "" inside is a quote).
std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        fields.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        fields.back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      fields.emplace_back();
    } else {
      fields.back() += c;
    }
  }
  return fields;
}

// A distribution whose quantile refuses low probabilities: a member drawing one fails while
// sampling, before it has any parameter values.
struct picky {};
double quantile(const picky&, double p) {
  if (p < 0.1) throw gd::invalid_parameter("picky", "p", "must be at least 0.1", p);
  return 12.0;
}
}  // namespace

TEST_CASE("per-member outcome CSV lines up with failures present, with or without parameters") {
  // Two ways to fail: a negative action time (the parameters are known) and a sampling that
  // itself fails (no parameters at all: the fields are there, empty).
  ens::study s(noisy_model());
  s.vary("action_time", dist::normal(4.0, 3.0), [](auto& m) -> double& { return m.state.corrective.action_time; });
  s.vary("goal_time", picky{}, [](auto& m) -> double& { return m.goal.adjustment_time; });
  ens::options o;
  o.members = 200;
  o.seed = 3;
  const auto r = ens::run(s, grid, o);
  std::size_t without_parameters = 0;
  for (const auto& f : r.failures()) without_parameters += f.parameters.empty();
  REQUIRE(without_parameters > 0);
  REQUIRE(r.failed() > without_parameters);
  std::ostringstream csv;
  r.write_outcomes_csv(csv);
  std::istringstream in(csv.str());
  std::string line;
  std::getline(in, line);
  const auto header = csv_fields(line);
  REQUIRE(header.size() == 2 + 2 + r.outcome_names().size() + 2);
  std::size_t rows = 0, failed = 0;
  while (std::getline(in, line)) {
    CAPTURE(line);
    const auto fields = csv_fields(line);
    REQUIRE(fields.size() == header.size());
    CHECK(fields[0] == std::to_string(rows));  // member order, every member once
    if (fields[1] == "failed") {
      const auto& f = r.failures()[failed++];
      CHECK(fields[2] == (f.parameters.empty() ? "" : gd::detail::format_number(f.parameters[0])));
      CHECK(fields[3] == (f.parameters.empty() ? "" : gd::detail::format_number(f.parameters[1])));
      for (std::size_t k = 4; k < 4 + r.outcome_names().size(); ++k) CHECK(fields[k].empty());
      CHECK(fields[fields.size() - 2] == gd::detail::format_number(f.time));
      CHECK(fields.back() == f.reason);
    } else {
      CHECK(fields[1] == "ok");
      CHECK(fields[4] != "");
      CHECK(fields.back().empty());
    }
    ++rows;
  }
  CHECK(rows == o.members);
  CHECK(failed == r.failed());
}

TEST_CASE("bad ensemble input is refused before any member runs") {
  const auto s = noisy_study();
  ens::options o;
  o.members = 0;
  GD_CHECK_INVALID("goaldrift::ensemble::run", "members", "0", ens::run(s, grid, o));
  o.members = 10;
  o.quantiles = {0.5, 1.0};
  GD_CHECK_INVALID("goaldrift::ensemble::run", "quantiles", "1", ens::run(s, grid, o));
  o.quantiles = {0.0};
  GD_CHECK_INVALID("goaldrift::ensemble::run", "quantiles", "0", ens::run(s, grid, o));
  o.quantiles = {0.5};
  o.variables = {"S", "Q"};
  GD_CHECK_INVALID("goaldrift::ensemble::run", "variables", "'Q'", ens::run(s, grid, o));
  auto twice = noisy_study();
  GD_CHECK_INVALID("goaldrift::ensemble::study", "name", "'goal_time'",
                   twice.vary("goal_time", dist::uniform(1.0, 2.0), [](auto& m) -> double& { return m.goal.adjustment_time; }));
  // Two names whose 32-bit stream ids collide (found by counting up p0, p1, ...) would draw the
  // same numbers: the second is refused, naming it.
  REQUIRE(gd::random::stream_id("p2039599") == gd::random::stream_id("p2222382"));
  ens::study colliding(noisy_model());
  colliding.vary("p2039599", dist::uniform(2.0, 6.0), [](auto& m) -> double& { return m.state.corrective.action_time; });
  GD_CHECK_INVALID("goaldrift::ensemble::study", "name", "'p2222382'",
                   colliding.vary("p2222382", dist::uniform(6.0, 24.0), [](auto& m) -> double& { return m.goal.adjustment_time; }));
  // A member table column draws nothing, so its name may share a stream id.
  std::istringstream columns("p2222382\n10\n");
  const auto column_table = ens::member_table::read_csv(columns, "columns.csv");
  colliding.from_table(column_table, "p2222382", [](auto& m) -> double& { return m.goal.adjustment_time; });
  CHECK(colliding.parameters().size() == 2);
  // A member table fixes the number of members.
  std::istringstream in("goal_time\n10\n12\n14\n");
  const auto table = ens::member_table::read_csv(in, "members.csv");
  ens::study t(noisy_model());
  t.from_table(table, "goal_time", [](auto& m) -> double& { return m.goal.adjustment_time; });
  ens::options p;
  p.members = 5;
  GD_CHECK_INVALID("goaldrift::ensemble::run", "members", "5", ens::run(t, grid, p));
  p.members = 0;
  const auto r = ens::run(t, grid, p);
  CHECK(r.succeeded() == 3);
  CHECK(r.member_parameter("goal_time") == std::vector<double>{10.0, 12.0, 14.0});
}
