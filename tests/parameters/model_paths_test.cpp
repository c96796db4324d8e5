// Paths into a whole model: what a misspelt, unlisted or unset path says, and what set()
// refuses, so a modeller who names a parameter wrongly learns which names exist.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include <goaldrift/goaldrift.hpp>
#include <goaldrift/parameters.hpp>
#include <goaldrift/simd/pack.hpp>

namespace gd = goaldrift;

namespace {

template <class T = double>
auto eroding(T zero = T(0.0)) {
  (void)zero;
  return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::asymmetric(T(1.0), T(6.0)),
                        gd::goal::floating(T(100.0), T(12.0), gd::goal::remembered(T(2.0), T(8.0))),
                        gd::input::constant<T>(T(1.0)));
}

std::string message_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const gd::invalid_parameter& e) {
    return e.what();
  }
  return "(no invalid_parameter thrown)";
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("parameters.paths: a model lists its parts' parameters under state, perception, goal and pressure") {
  const auto m = eroding();
  const std::vector<std::string> expected = {
      "state.initial",           "state.action_time",           "perception.bad_news_time",
      "perception.good_news_time", "goal.initial",              "goal.adjustment_time",
      "goal.signal.bad_news_time", "goal.signal.good_news_time", "pressure.value"};
  CHECK(gd::parameter_names(m) == expected);
  // Optional parameters left unset are in the full list, marked, and not among the names.
  const auto all = gd::parameter_list(m);
  CHECK(all.size() > expected.size());
  for (const auto& info : all) {
    CAPTURE(info.path);
    const bool named = std::find(expected.begin(), expected.end(), info.path) != expected.end();
    CHECK(info.is_set == named);
    CHECK_FALSE(info.meaning.empty());
    CHECK_FALSE(info.unit.empty());
  }
}

TEST_CASE("parameters.paths: a misspelt path names the closest paths and every path") {
  const auto m = eroding();
  const auto what = message_of([&] { (void)gd::get(m, "goal.adjustmnet_time"); });
  CHECK(contains(what, "goaldrift::parameters: path names no parameter of this model"));
  CHECK(contains(what, "the closest is 'goal.adjustment_time'"));
  CHECK(contains(what, "pressure.value"));
  CHECK(contains(what, "got 'goal.adjustmnet_time'"));
  CHECK(contains(message_of([&] { auto c = m; gd::set(c, "perception.delay_time", 2.0); }), "no parameter"));
}

TEST_CASE("parameters.paths: a path under a part that lists nothing says the part lists no parameters") {
  const auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(2.0), gd::goal::absolute(100.0),
                                [](double t) { return t > 5.0 ? 1.0 : 0.0; });
  CHECK(gd::parameter_names(m) == std::vector<std::string>{"state.initial", "state.action_time",
                                                           "perception.smoothing_time", "goal.standard"});
  const auto what = message_of([&] { (void)gd::get(m, "pressure.height"); });
  CHECK(contains(what, "the part at 'pressure' lists no parameters"));
}

TEST_CASE("parameters.paths: set() runs the parts' checks and keeps the old value when refused") {
  auto m = eroding();
  CHECK(contains(message_of([&] { gd::set(m, "goal.adjustment_time", -3.0); }),
                 "goaldrift::goal::floating: adjustment_time must be positive"));
  CHECK(gd::get(m, "goal.adjustment_time") == 12.0);
  CHECK(contains(message_of([&] { gd::set(m, "state.action_time", std::nan("")); }), "state.action_time must be a number"));
  CHECK(gd::get(m, "state.action_time") == 4.0);
  gd::set(m, "goal.adjustment_time", 24.0);
  CHECK(m.goal.adjustment_time == 24.0);
}

TEST_CASE("parameters.paths: set() changes what simulate() computes, as building the model with the value does") {
  auto changed = eroding();
  gd::set(changed, "goal.signal.good_news_time", 20.0);
  gd::set(changed, "pressure.value", 2.0);
  const auto built = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::asymmetric(1.0, 6.0),
                                    gd::goal::floating(100.0, 12.0, gd::goal::remembered(2.0, 20.0)),
                                    gd::input::constant(2.0));
  const auto o = gd::run_options(0.0, 30.0, 0.25).saving_every(5.0);
  const auto a = gd::simulate(changed, o);
  const auto b = gd::simulate(built, o);
  CHECK(a.actual() == b.actual());
  CHECK(a.desired() == b.desired());
  CHECK(a.actual() != gd::simulate(eroding(), o).actual());
}

TEST_CASE("parameters.paths: an optional parameter is read once set, and set() sets it") {
  auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(2.0), gd::goal::absolute(100.0), 5.0);
  CHECK(contains(message_of([&] { (void)gd::get(m, "state.floor"); }),
                 "state.floor is an optional parameter this model leaves unset"));
  gd::set(m, "state.floor", 90.0);
  REQUIRE(m.state.floor.has_value());
  CHECK(*m.state.floor == 90.0);
  CHECK(gd::get(m, "state.floor") == 90.0);
  const auto run = gd::simulate(m, gd::run_options(0.0, 40.0, 0.25).saving_every(40.0));
  CHECK(run.final_value("S") == doctest::Approx(90.0).epsilon(1e-9));  // held at the floor
  // A floor above the initial level is refused by the state part, and the floor stays unset.
  auto fresh = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(2.0), gd::goal::absolute(100.0));
  CHECK(contains(message_of([&] { gd::set(fresh, "state.floor", 120.0); }), "must not lie below the floor"));
  CHECK_FALSE(fresh.state.floor.has_value());
}

TEST_CASE("parameters.paths: a whole-number parameter refuses fractions") {
  auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth_n<4>(3.0, 2), gd::goal::absolute(100.0));
  CHECK(gd::get(m, "perception.order") == 2.0);
  CHECK(contains(message_of([&] { gd::set(m, "perception.order", 2.5); }), "perception.order must be a whole number, got 2.5"));
  gd::set(m, "perception.order", 3.0);
  CHECK(m.perception.chain.order == 3);
  CHECK_THROWS_AS(gd::set(m, "perception.order", 9.0), gd::invalid_parameter);  // above MaxOrder 4
  CHECK(m.perception.chain.order == 3);
}

TEST_CASE("parameters.paths: a pack model is set per lane or all at once, and read per lane") {
  using pack = gd::simd::pack<2>;
  auto m = eroding(pack(0.0));
  CHECK(gd::parameter_names(m) == gd::parameter_names(eroding()));
  gd::set(m, "goal.adjustment_time", 6.0);
  CHECK(gd::get(m, "goal.adjustment_time", 0) == 6.0);
  CHECK(gd::get(m, "goal.adjustment_time", 1) == 6.0);
  CHECK(contains(message_of([&] { (void)gd::get(m, "goal.adjustment_time", 2); }), "must be below the pack's 2 lanes"));
}
