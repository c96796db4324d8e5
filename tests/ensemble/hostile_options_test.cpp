// ensemble::run and the designs under hostile options: member indices out of range, sizes near
// SIZE_MAX, a progress callback that throws while workers run, worker threads that cannot
// start, and results too large for memory. Each used to crash, hang, terminate the process or
// return an empty result that looked complete.
#include <doctest/doctest.h>

#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#if defined(__linux__)
#include <pthread.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <goaldrift/ensemble.hpp>

#include "support/invalid_parameter.hpp"
#include "support/sanitized.hpp"

namespace gd = goaldrift;
namespace ens = goaldrift::ensemble;
namespace dist = goaldrift::distribution;

namespace {

auto factory() {
  return [](auto zero) {
    using T = decltype(zero);
    return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::smooth(T(2.0)),
                          gd::goal::floating(T(100.0), T(12.0)), T(1.0));
  };
}

ens::study<decltype(factory())> varied_study() {
  ens::study s(factory());
  s.vary("goal_time", dist::uniform(6.0, 24.0), [](auto& m) -> auto& { return m.goal.adjustment_time; });
  return s;
}

const gd::run_options grid = gd::run_options(0.0, 8.0, 0.5).saving_every(2.0);
constexpr std::size_t size_max = std::numeric_limits<std::size_t>::max();

}  // namespace

TEST_CASE("run_member past a 10-row member table is refused, not read past the table") {
  std::vector<std::vector<double>> rows;
  for (int i = 0; i < 10; ++i) rows.push_back({6.0 + i});
  const ens::member_table table({"goal_time"}, rows);
  ens::study s(factory());
  s.from_table(table, "goal_time", [](auto& m) -> auto& { return m.goal.adjustment_time; });
  ens::options o;
  CHECK(ens::run_member(s, 9, grid, o).size() == 5);
  GD_CHECK_INVALID("goaldrift::ensemble::study", "member", "10", ens::run_member(s, 10, grid, o));
  GD_CHECK_INVALID("goaldrift::ensemble::study", "member", "18446744073709551615", ens::run_member(s, size_max, grid, o));
}

TEST_CASE("run_member 2^40 of a 100-member Latin hypercube is refused instead of looping forever") {
  const auto s = varied_study();
  ens::options o;
  o.members = 100;
  o.sampling = ens::design::latin_hypercube;
  const std::size_t far = std::size_t{1} << 40;
  GD_CHECK_INVALID("goaldrift::ensemble::study", "member", std::to_string(far), ens::run_member(s, far, grid, o));
  GD_CHECK_INVALID("goaldrift::ensemble::latin_stratum", "member", std::to_string(far),
                   ens::latin_stratum(1, 2, far, 100));
  GD_CHECK_INVALID("goaldrift::ensemble::design_probability", "member", "100",
                   ens::design_probability(ens::design::independent, 1, 2, 100, 100));
  // A study's member model takes exactly one value per uncertain parameter.
  GD_CHECK_INVALID("goaldrift::ensemble::study", "values", "0 values", s.member_model({}, 0, 1));
}

TEST_CASE("reduction_block and chunk_size of SIZE_MAX run every member in one block") {
  const auto s = varied_study();
  ens::options o;
  o.members = 100;
  o.seed = 7;
  const auto reference = ens::run(s, grid, [&] { auto p = o; p.reduction_block = 100; return p; }());
  for (auto [block, chunk] : {std::pair{size_max, std::size_t{0}}, std::pair{size_max, size_max},
                              std::pair{std::size_t{100}, size_max}}) {
    auto p = o;
    p.reduction_block = block;
    p.chunk_size = chunk;
    p.threads = 2;
    const auto r = ens::run(s, grid, p);
    CHECK(r.succeeded() == 100);
    CHECK(r.members_completed() == 100);
    CHECK_FALSE(r.cancelled());
    CHECK(r.summary("S", 4).mean() == reference.summary("S", 4).mean());
  }
}

TEST_CASE("members = SIZE_MAX runs (and can be cancelled) rather than returning an empty result at once") {
  const auto s = varied_study();
  ens::options o;
  o.members = size_max;
  o.keep_outcomes = false;
  o.reduction_block = 64;
  o.progress_interval = 1e-9;
  o.on_progress = [](const ens::progress& p) { return p.done < 64; };
  const auto r = ens::run(s, grid, o);
  CHECK(r.cancelled());
  CHECK(r.members() == size_max);
  CHECK(r.members_completed() >= 64);
  CHECK(r.succeeded() == r.members_completed());
  CHECK(std::isfinite(r.summary("S", 4).mean()));
  // Keeping a row of outcomes for each of them cannot fit in any memory: refused up front.
  o.keep_outcomes = true;
  const auto caught = support::catch_invalid([&] { (void)ens::run(s, grid, o); });
  REQUIRE(caught.has_value());
  CHECK(caught->component() == "goaldrift::ensemble::run");
  CHECK(caught->parameter() == "members");
  CHECK(std::string(caught->what()).find("keep_outcomes") != std::string::npos);
}

TEST_CASE("summaries at more save times than memory holds are refused before the run") {
  const auto s = varied_study();
  ens::options o;
  o.members = 10;
  const auto caught = support::catch_invalid(
      [&] { (void)ens::run(s, gd::run_options(0.0, 5e7, 1.0), o, gd::method::euler{}); });
  REQUIRE(caught.has_value());
  CHECK(caught->parameter() == "variables");
  CHECK(std::string(caught->what()).find("summarised at 50000001 save times") != std::string::npos);
}

TEST_CASE("a progress callback that throws while two workers run is rethrown after they stop, never std::terminate") {
  const auto s = varied_study();
  for (unsigned threads : {1u, 2u, 3u}) {
    CAPTURE(threads);
    ens::options o;
    o.members = 4000;
    o.threads = threads;
    o.reduction_block = 8;
    o.chunk_size = 8;
    o.progress_interval = 1e-9;
    std::atomic<int> calls{0};
    o.on_progress = [&](const ens::progress& p) -> bool {
      if (!p.finished) ++calls;
      if (!p.finished) throw std::runtime_error("the dashboard went away");
      return true;
    };
    CHECK_THROWS_WITH_AS(ens::run(s, gd::run_options(0.0, 40.0, 0.125), o), "the dashboard went away",
                         std::runtime_error);
    CHECK(calls.load() >= 1);
  }
}

#if defined(__linux__) && !defined(GOALDRIFT_TEST_SANITIZED)
TEST_CASE("worker threads that cannot start leave fewer threads and a note, never std::terminate") {
  // threads = 2000 under an address-space limit that holds a few thread stacks, not 2000:
  // std::thread throws for one of them. In a child process, so the limit stays there.
  const auto s = varied_study();
  ens::options o;
  o.members = 4096;
  o.seed = 3;
  o.reduction_block = 1;
  o.chunk_size = 1;
  o.keep_outcomes = false;
  const auto reference = ens::run(s, grid, o);
  std::fflush(nullptr);
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    // Thread stacks of 1 GB under a limit 4 GB above what is mapped now: a few workers
    // start, the next pthread_create fails, and memory is left for the members' work.
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, std::size_t{1} << 30);
    pthread_setattr_default_np(&attr);
    long pages = 0;
    std::ifstream("/proc/self/statm") >> pages;
    const auto limit = static_cast<rlim_t>(pages) * static_cast<rlim_t>(sysconf(_SC_PAGESIZE)) + (rlim_t{4} << 30);
    const rlimit r{limit, limit};
    setrlimit(RLIMIT_AS, &r);
    int code = 0;
    try {
      auto p = o;
      p.threads = 2000;
      const auto run = ens::run(s, grid, p);
      // One note for the cap on threads per core, one for the threads that did not start.
      if (run.notes().empty() || run.notes().back().find("worker threads (") == std::string::npos) code = 3;
      if (run.succeeded() != 4096 || run.summary("S", 4).mean() != reference.summary("S", 4).mean()) code = 4;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "the run threw: %s\n", e.what());
      code = 5;
    } catch (...) {
      code = 6;
    }
    _exit(code);
  }
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE_MESSAGE(WIFEXITED(status), "the child ended by a signal (std::terminate aborts)");
  CHECK(WEXITSTATUS(status) == 0);
}
#endif

TEST_CASE("run options the runner cannot honour are refused by name: progress interval, compression, duplicates") {
  const auto s = varied_study();
  ens::options o;
  o.members = 10;
  auto with = [&](auto change) {
    auto p = o;
    change(p);
    return p;
  };
  // An infinite interval reached std::chrono as a duration past its 64-bit range (UBSan).
  GD_CHECK_INVALID("goaldrift::ensemble::run", "progress_interval", "inf",
                   ens::run(s, grid, with([](ens::options& p) { p.progress_interval = std::numeric_limits<double>::infinity(); p.threads = 2; })));
  GD_CHECK_INVALID("goaldrift::ensemble::run", "progress_interval", "1e+300",
                   ens::run(s, grid, with([](ens::options& p) { p.progress_interval = 1e300; })));
  // The runner names its own option, not the streaming_summary inside it.
  const auto bad_compression = support::catch_invalid(
      [&] { (void)ens::run(s, grid, with([](ens::options& p) { p.compression = std::nan(""); })); });
  REQUIRE(bad_compression.has_value());
  CHECK(bad_compression->component() == "goaldrift::ensemble::run");
  CHECK(bad_compression->parameter() == "compression");
  GD_CHECK_INVALID("goaldrift::ensemble::run", "variables", "'S' twice",
                   ens::run(s, grid, with([](ens::options& p) { p.variables = {"S", "P", "S"}; })));
  GD_CHECK_INVALID("goaldrift::ensemble::run", "threshold_fraction", "1e+308",
                   ens::run(s, grid, with([](ens::options& p) { p.threshold_fraction = 1e308; })));
  // run_member of a study with no members says that, not "member must be below 0".
  GD_CHECK_INVALID("goaldrift::ensemble::run_member", "members", "0", ens::run_member(s, 0, grid, ens::options{}));
}

TEST_CASE("more threads than the cores can use are capped with a note, and change no result") {
  const auto s = varied_study();
  ens::options o;
  o.members = 2000;
  o.reduction_block = 1;
  o.chunk_size = 1;
  o.keep_outcomes = false;
  const auto reference = ens::run(s, grid, o);
  o.threads = std::numeric_limits<unsigned>::max();
  const auto capped = ens::run(s, grid, o);
  REQUIRE(capped.notes().size() == 1);
  CHECK(capped.notes()[0].find("used at most") != std::string::npos);
  CHECK(capped.summary("S", 4).mean() == reference.summary("S", 4).mean());
}

TEST_CASE("a progress bar given more done than its total stays within its width") {
  std::FILE* out = std::tmpfile();
  REQUIRE(out != nullptr);
  ens::progress_bar bar("members", out, ens::progress_bar::style::redraw);
  ens::progress p;
  p.done = 30;
  p.total = 10;
  CHECK_NOTHROW(bar(p));  // std::length_error from a negative rest of the bar
  p.done = std::numeric_limits<std::size_t>::max();
  p.total = 1;
  p.finished = true;
  CHECK_NOTHROW(bar(p));  // a float-to-int cast past int's range (UBSan)
  std::fclose(out);
}

TEST_CASE("result::summary checks the save index, which read another variable's summary or past the end") {
  const auto s = varied_study();
  ens::options o;
  o.members = 10;
  const auto r = ens::run(s, gd::run_options(0.0, 1.0, 0.5), o);  // 3 save times
  CHECK(r.summary("D", 2).count() == 10);
  GD_CHECK_INVALID("goaldrift::ensemble::result", "save", "3", r.summary("S", 3));
  GD_CHECK_INVALID("goaldrift::ensemble::result", "save", "3", r.summary("D", 3));
}

TEST_CASE("a megabyte of user text in a name does not become a megabyte of message") {
  const std::string huge(1 << 20, 'x');
  ens::study s(factory());
  s.vary(huge, dist::uniform(6.0, 24.0), [](auto& m) -> auto& { return m.goal.adjustment_time; });
  const auto duplicate = support::catch_invalid(
      [&] { s.vary(huge, dist::uniform(6.0, 24.0), [](auto& m) -> auto& { return m.goal.adjustment_time; }); });
  REQUIRE(duplicate.has_value());
  CHECK(std::string(duplicate->what()).size() < 400);
  ens::options o;
  o.members = 4;
  o.variables = {huge};
  const auto unknown = support::catch_invalid([&] { (void)ens::run(s, grid, o); });
  REQUIRE(unknown.has_value());
  CHECK(std::string(unknown->what()).size() < 1000);
  o.variables = {"S"};
  const auto r = ens::run(s, grid, o);
  try {
    (void)r.outcome(huge);
    FAIL("expected an error");
  } catch (const gd::error& e) {
    CHECK(std::string(e.what()).size() < 1000);
  }
}
