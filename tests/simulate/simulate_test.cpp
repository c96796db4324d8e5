// simulate(): the save grid, Vensim's jump timing, breakpoints under adaptive steps, odeint.
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>

#include <boost/numeric/odeint/integrate/integrate_n_steps.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta4.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta_cash_karp54.hpp>
#include <goaldrift/goaldrift.hpp>

namespace gd = goaldrift;

namespace {
// S' = (100 - S)/ta - u(t) with instant perception and an absolute goal of 100: a linear
// first-order equation whose solution is known for any step in u.
template <class Pressure>
auto first_order(Pressure u, double ta = 4.0) {
  return gd::make_model(gd::state::actual(100.0, ta), gd::perception::instant{},
                        gd::goal::absolute(100.0), std::move(u));
}
// The solution for u = h * STEP(at s), starting at S = 100.
double stepped_solution(double t, double h, double s, double ta) {
  return t <= s ? 100.0 : 100.0 - h * ta * (1.0 - std::exp(-(t - s) / ta));
}
}  // namespace

TEST_CASE("the save grid is computed by counting steps and ends exactly at end") {
  const auto m = first_order(1.0);
  const auto every_step = gd::simulate(m, gd::run_options(0.0, 1.0, 0.1), gd::method::euler{});
  REQUIRE(every_step.size() == 11);
  for (std::size_t k = 0; k < every_step.size(); ++k) {
    CHECK(every_step.time()[k] == 0.1 * static_cast<double>(k) + (k == 10 ? 1.0 - 0.1 * 10 : 0.0));
  }
  CHECK(every_step.time().back() == 1.0);
  const auto sparse = gd::simulate(m, gd::run_options(2.0, 7.0, 0.05).saving_every(0.5), gd::method::rk4{});
  REQUIRE(sparse.size() == 11);
  CHECK(sparse.time().back() == 7.0);
  const auto adaptive = gd::simulate(m, gd::run_options(0.0, 3.0, 0.1).saving_every(0.3), gd::method::dopri5{});
  REQUIRE(adaptive.size() == 11);
  CHECK(adaptive.time().back() == 3.0);
}

TEST_CASE("under fixed steps a jump takes effect at the first grid time with t + dt/2 past it (Vensim)") {
  // dt = 0.3: the grid has 4.8 and 5.1. A step at 4.9 is nearer 4.8, and 4.8 + 0.15 > 4.9.
  const auto r = gd::simulate(first_order(gd::input::step(2.0, 4.9)), gd::run_options(0.0, 6.0, 0.3),
                              gd::method::euler{});
  const auto& u = r["pressure"];
  CHECK(u[15] == 0.0);  // t = 4.5
  CHECK(u[16] == 2.0);  // t = 4.8
}

TEST_CASE("a PULSE of width 0 takes one step of dt under fixed steps and is refused by dopri5") {
  // With u = 8 * PULSE(3, 0) and no correction (a huge action time), S loses exactly h*dt:
  // the pulse is on for the one step from t = 3, whatever the fixed-step method.
  const auto m = first_order(gd::input::pulse(3.0, 0.0, 8.0), 1e12);
  for (double dt : {0.25, 0.125}) {
    CAPTURE(dt);
    const auto e = gd::simulate(m, gd::run_options(0.0, 6.0, dt), gd::method::euler{});
    const auto r = gd::simulate(m, gd::run_options(0.0, 6.0, dt), gd::method::rk4{});
    CHECK(e.final_value("S") == doctest::Approx(100.0 - 8.0 * dt).epsilon(1e-9));
    CHECK(r.final_value("S") == doctest::Approx(100.0 - 8.0 * dt).epsilon(1e-9));
    const auto& u = e["pressure"];
    for (std::size_t k = 0; k < e.size(); ++k) CHECK(u[k] == (e.time()[k] == 3.0 ? 8.0 : 0.0));
  }
  try {
    gd::simulate(m, gd::run_options(0.0, 6.0, 0.25), gd::method::dopri5{});
    FAIL("no invalid_parameter");
  } catch (const gd::invalid_parameter& err) {
    CHECK(err.component() == std::string("goaldrift::input::pulse"));
    CHECK(err.parameter() == std::string("width"));
    CHECK(err.value() == std::string("0"));
  }
}

TEST_CASE("no rk4 stage sees both sides of a jump on the grid") {
  // If the last stage of the step ending at the jump saw the new value, the error would be
  // about dt*h/6 = 0.08 here; keeping the whole step on one side leaves RK4's own error.
  const double h = 2.0, s = 5.0, ta = 4.0;
  const auto r = gd::simulate(first_order(gd::input::step(h, s), ta), gd::run_options(0.0, 12.0, 0.25),
                              gd::method::rk4{});
  for (std::size_t k = 0; k < r.size(); ++k) {
    CHECK(r.actual()[k] == doctest::Approx(stepped_solution(r.time()[k], h, s, ta)).epsilon(1e-7));
  }
}

TEST_CASE("dopri5 stops at breakpoints between grid points and stays accurate") {
  const double h = 3.0, s = 3.3, ta = 4.0;
  const auto m = first_order(gd::input::step(h, s) + gd::input::pulse(7.77, 0.5, 1.0), ta);
  auto options = gd::run_options(0.0, 10.0, 0.5).saving_every(0.1);
  options.with_tolerances(1e-10, 1e-10);
  const auto r = gd::simulate(m, options, gd::method::dopri5{});
  // Up to t = 7.77 only the step has acted.
  for (std::size_t k = 0; k < r.size(); ++k) {
    const double t = r.time()[k];
    if (t <= 7.77) {
      CHECK(r.actual()[k] == doctest::Approx(stepped_solution(t, h, s, ta)).epsilon(1e-9));
    }
  }
  // After the pulse [7.77, 8.27] the solution is the step's plus the pulse's response.
  const double t = 10.0;
  const double pulse_response = ta * (1.0 - std::exp(-0.5 / ta)) * std::exp(-(t - 8.27) / ta);
  CHECK(r.final_value("S") == doctest::Approx(stepped_solution(t, h, s, ta) - pulse_response).epsilon(1e-9));
  // A save time on a breakpoint reports the value after the jump, as fixed steps do.
  const auto on_break = gd::simulate(first_order(gd::input::step(h, 3.0), ta),
                                     gd::run_options(0.0, 6.0, 0.5).saving_every(1.0), gd::method::dopri5{});
  CHECK(on_break["pressure"][3] == h);
  CHECK(on_break["pressure"][2] == 0.0);
}

TEST_CASE("the model is an odeint System and any odeint stepper can be the method") {
  namespace odeint = boost::numeric::odeint;
  const auto m = first_order(gd::input::function([](double t) { return std::cos(t); }));
  using state = decltype(m)::state_type;
  // odeint's own loop on the System...
  state x = m.initial_state(0.0);
  odeint::integrate_n_steps(odeint::runge_kutta4<state>(), m, x, 0.0, 0.1, 50);
  // ...and simulate() with rk4 take the same steps.
  const auto r = gd::simulate(m, gd::run_options(0.0, 5.0, 0.1), gd::method::rk4{});
  CHECK(r.final_value("S") == doctest::Approx(x[0]).epsilon(1e-14));
  // A fixed-step odeint stepper object, and a dense-output one.
  const auto ck = gd::simulate(m, gd::run_options(0.0, 5.0, 0.1), odeint::runge_kutta_cash_karp54<state>());
  CHECK(ck.final_value("S") == doctest::Approx(x[0]).epsilon(1e-8));
  const auto dense = gd::simulate(m, gd::run_options(0.0, 5.0, 0.1),
                                  odeint::make_dense_output(1e-10, 1e-10, odeint::runge_kutta_dopri5<state>()));
  CHECK(dense.final_value("S") == doctest::Approx(x[0]).epsilon(1e-8));
}

TEST_CASE("a trajectory names every column and writes CSV that reads back exactly") {
  const auto m = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth3(2.0),
                                gd::goal::floating(100.0, 10.0, gd::goal::remembered(1.0, 6.0)), 0.7);
  const auto r = gd::simulate(m, gd::run_options(0.0, 2.0, 0.1).saving_every(1.0));
  const std::vector<std::string> expected{"S", "P", "D", "action", "pressure", "state.level",
                                          "perception.stage1", "perception.stage2", "perception.stage3",
                                          "goal.level", "goal.memory"};
  CHECK(r.names() == expected);
  CHECK(r["perception.stage3"] == r.perceived());
  CHECK_THROWS_WITH_AS(r["Q"], doctest::Contains("no variable 'Q'; the variables are: 'S', 'P', 'D'"), gd::error);

  std::ostringstream csv;
  r.write_csv(csv);
  std::istringstream in(csv.str());
  std::string line;
  std::getline(in, line);
  CHECK(line == "time,S,P,D,action,pressure,state.level,perception.stage1,perception.stage2,"
                "perception.stage3,goal.level,goal.memory");
  std::size_t row = 0;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string field;
    std::getline(fields, field, ',');
    CHECK(std::stod(field) == r.time()[row]);
    for (const auto& name : expected) {
      std::getline(fields, field, ',');
      CHECK(std::stod(field) == r[name][row]);  // shortest round-trip text: exact
    }
    ++row;
  }
  CHECK(row == r.size());
}

TEST_CASE("a floor holds S at or above it, exactly under fixed steps") {
  // Pressure of 20 for ten months against correction of at most (60 - 0)/4 = 15: without a
  // floor S would head for -20. With one it stops at 0, waits, and recovers once the pressure
  // ends: S = 60 (1 - exp(-(t - 10)/4)) from t = 10.
  const auto m = gd::make_model(gd::state::actual(50.0, 4.0).with_floor(0.0), gd::perception::instant{},
                                gd::goal::absolute(60.0), gd::input::pulse(-1.0, 11.0, 20.0));
  const auto euler = gd::simulate(m, gd::run_options(0, 40, 0.25), gd::method::euler{});
  const auto rk4 = gd::simulate(m, gd::run_options(0, 40, 0.25), gd::method::rk4{});
  for (const auto* r : {&euler, &rk4}) {
    for (double s : r->actual()) CHECK(s >= 0.0);
    CHECK(r->actual()[36] == 0.0);  // t = 9: held exactly at the floor
  }
  const double recovered = 60.0 * (1.0 - std::exp(-30.0 / 4.0));
  CHECK(rk4.final_value("S") == doctest::Approx(recovered).epsilon(1e-7));
  CHECK(euler.final_value("S") == doctest::Approx(recovered).epsilon(1e-3));
  // Without the floor the same run goes well below zero.
  const auto unfloored = gd::simulate(gd::make_model(gd::state::actual(50.0, 4.0), gd::perception::instant{},
                                                     gd::goal::absolute(60.0), gd::input::pulse(-1.0, 11.0, 20.0)),
                                      gd::run_options(0, 40, 0.25));
  CHECK(unfloored["S"][40] < -10.0);
}

TEST_CASE("capacity-limited action never exceeds its maximum rate") {
  const auto m = gd::make_model(gd::state::actual(100.0, gd::state::capacity_limited(2.0, 1.5)),
                                gd::perception::smooth(1.0), gd::goal::absolute(100.0),
                                gd::input::pulse(5.0, 3.0, 8.0));
  const auto r = gd::simulate(m, gd::run_options(0, 40, 0.125));
  double largest = 0.0;
  for (double a : r["action"]) largest = std::max(largest, std::fabs(a));
  CHECK(largest == doctest::Approx(1.5));  // reached, never exceeded
  // Uncapped, the same gap would call for far more.
  const auto free = gd::simulate(gd::make_model(gd::state::actual(100.0, 2.0), gd::perception::smooth(1.0),
                                                gd::goal::absolute(100.0), gd::input::pulse(5.0, 3.0, 8.0)),
                                 gd::run_options(0, 40, 0.125));
  double largest_free = 0.0;
  for (double a : free["action"]) largest_free = std::max(largest_free, a);
  CHECK(largest_free > 5.0);
}

TEST_CASE("a reporting delay shows the state of n steps ago, n = round(delay/dt)") {
  const double dt = 0.25;
  const auto m = gd::make_model(gd::state::actual(100.0, 3.0), gd::perception::reporting_delay(1.1),
                                gd::goal::absolute(100.0), gd::input::step(4.0, 2.0));
  const auto r = gd::simulate(m, gd::run_options(0, 10, dt), gd::method::rk4{});
  const std::size_t n = 4;  // 1.1 / 0.25 = 4.4 -> 4 steps
  for (std::size_t k = 0; k < r.size(); ++k) {
    CHECK(r.perceived()[k] == (k < n ? 100.0 : r.actual()[k - n]));
  }
}

TEST_CASE("every part starts from the inputs as they are at t0 under Vensim's rule") {
  // A sensor fault that starts at t = 0: under fixed steps jump_t = 0 + dt/2 > 0, so it is
  // already on at the first grid time, for the smooth (initialised from the first reading)
  // and for the DELAY FIXED pipeline (filled with it) alike.
  namespace p = gd::perception;
  const auto fault = gd::input::step(0.2, 0.0);
  const auto smooth = gd::simulate(gd::make_model(gd::state::actual(100.0, 4.0), p::distorted(p::smooth(2.0), fault),
                                                  gd::goal::absolute(100.0)),
                                   gd::run_options(0, 1, 0.25), gd::method::euler{});
  const auto delayed = gd::simulate(gd::make_model(gd::state::actual(100.0, 4.0),
                                                   p::distorted(p::reporting_delay(1.0), fault), gd::goal::absolute(100.0)),
                                    gd::run_options(0, 1, 0.25), gd::method::euler{});
  CHECK(smooth.perceived()[0] == doctest::Approx(80.0));
  CHECK(delayed.perceived()[0] == doctest::Approx(80.0));
}
