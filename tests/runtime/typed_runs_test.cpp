// The run-time model's compiled fixed-step runs (runtime::model::fixed_run, one per tabled
// combination of parts and method) against the generic loop that branches on the parts' kinds:
// the same trajectory, bit for bit, for every combination, and the same error when a state turns
// non-finite.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <boost/numeric/odeint/stepper/euler.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta4_classic.hpp>

#include <goaldrift/runtime/model_file.hpp>

#include "../support/tabled_models.hpp"

namespace gd = goaldrift;
namespace rt = goaldrift::runtime;
namespace odeint = boost::numeric::odeint;

namespace {

const std::vector<std::string>& states = support::tabled_states();
const std::vector<std::string>& goals = support::tabled_goals();
std::vector<std::string> perceptions() { return support::tabled_perceptions(); }

std::string model_text(const std::string& state, const std::string& perception, const std::string& goal,
                       const std::string& pressure = R"({"type": "sine_wave", "amplitude": 2, "period": 12, "mean": 1})") {
  return support::tabled_model_text(state, perception, goal, pressure, "40");
}

bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
}

void check_same(const gd::trajectory& typed, const gd::trajectory& generic) {
  REQUIRE(typed.names() == generic.names());
  REQUIRE(typed.size() == generic.size());
  CHECK(same_bits(typed.time(), generic.time()));
  for (const auto& name : generic.names()) {
    CAPTURE(name);
    CHECK(same_bits(typed[name], generic[name]));
  }
}

// Whether the model's own compiled run takes `method` (true) or leaves it to the generic loop.
template <class Method>
bool has_typed_run(rt::model m, const gd::run_options& o, const Method& method) {
  const auto g = gd::detail::check_options(o, false);
  m.start(gd::run_context{o.start, o.end, o.dt, true, gd::method::detail::traits<Method, rt::model::state_type>::name()});
  std::size_t saves = 0;
  auto count = [&saves](double, const rt::model::state_type&, const gd::time_point&) { ++saves; };
  const bool typed = m.fixed_run(o, g, m.initial_state(o.start), method, count);
  CHECK(saves == (typed ? g.saves + 1 : 0));
  return typed;
}

}  // namespace

TEST_CASE("runtime model: every tabled combination's compiled run gives the generic loop's trajectory, bit for bit") {
  const auto o = gd::run_options(0.0, 40.0, 0.125).saving_every(0.5);
  const std::size_t combinations = support::for_each_tabled_combination(
      perceptions(), [&](const std::string& state, const std::string& perception, const std::string& goal) {
        const std::string text = model_text(state, perception, goal);
        CAPTURE(text);
        const rt::model m = rt::parse_model_file(text).model;
        REQUIRE(has_typed_run(m, o, gd::method::euler{}));
        REQUIRE(has_typed_run(m, o, gd::method::rk4{}));
        // An odeint stepper given as the method runs the generic loop, with the same stepper.
        check_same(gd::simulate(m, o, gd::method::euler{}), gd::simulate(m, o, odeint::euler<rt::model::state_type>()));
        check_same(gd::simulate(m, o, gd::method::rk4{}),
                   gd::simulate(m, o, odeint::runge_kutta4_classic<rt::model::state_type>()));
      });
  CHECK(combinations == 140);
}

TEST_CASE("runtime model: integrate_on_grid takes a const observer into a compiled run, and calls it at every save time") {
  rt::model m = rt::parse_model_file(model_text(states[0], perceptions()[1], goals[1])).model;
  const auto o = gd::run_options(0.0, 10.0, 0.125).saving_every(0.5);
  std::vector<double> times;
  const auto observer = [&times](double t, const rt::model::state_type&, const gd::time_point&) { times.push_back(t); };
  gd::integrate_on_grid(m, o, gd::method::euler{}, observer);
  REQUIRE(times.size() == 21);
  CHECK(times.front() == 0.0);
  CHECK(times.back() == 10.0);
}

TEST_CASE("runtime model: the kinds outside the table, and dopri5, run through the generic loop") {
  const auto o = gd::run_options(0.0, 10.0, 0.125);
  const rt::model fused = rt::parse_model_file(model_text(states[0], R"({"type": "fused", "channels": [
      {"name": "front", "weight": 0.5, "type": "smooth", "smoothing_time": 1},
      {"name": "top", "weight": 0.5, "type": "smooth3", "smoothing_time": 6}]})", goals[1])).model;
  CHECK_FALSE(has_typed_run(fused, o, gd::method::euler{}));
  CHECK_FALSE(has_typed_run(fused, o, gd::method::rk4{}));
  const rt::model tabled = rt::parse_model_file(model_text(states[0], perceptions()[1], goals[1])).model;
  CHECK_FALSE(has_typed_run(tabled, o, gd::method::dopri5{}));
  CHECK_FALSE(has_typed_run(tabled, o, odeint::euler<rt::model::state_type>()));
}

TEST_CASE("runtime model: a state that turns non-finite in a compiled run is reported as by the generic loop") {
  // A pressure near the largest double drives S to minus infinity within a few steps.
  const rt::model m = rt::parse_model_file(model_text(states[1], perceptions()[1], goals[1], "1e308")).model;
  const auto o = gd::run_options(0.0, 40.0, 0.125);
  auto message = [&](const auto& method) -> std::string {
    try {
      (void)gd::simulate(m, o, method);
    } catch (const gd::integration_error& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string typed = message(gd::method::euler{});
  CHECK(typed.find("state.level") != std::string::npos);
  CHECK(typed == message(odeint::euler<rt::model::state_type>()));
  CHECK(message(gd::method::rk4{}) == message(odeint::runge_kutta4_classic<rt::model::state_type>()));
}
