// Parts keep the reciprocals of their times (detail::cached_rate), so a derivative multiplies
// instead of dividing. A time changed after construction must still be the one a run uses,
// whether odeint drives the model directly (no start()) or simulate() does, and bit for bit
// what a part built with that time computes.
#include <doctest/doctest.h>

#include <functional>

#include <boost/numeric/odeint/integrate/integrate_n_steps.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta4_classic.hpp>

#include <goaldrift/goaldrift.hpp>

namespace gd = goaldrift;
namespace odeint = boost::numeric::odeint;

namespace {

// Pressure that first pushes S down and then lets it recover, so that both sides of every
// asymmetric or ratcheting part are used.
auto pressure() { return gd::input::constant(0.5) + gd::input::pulse(2.0, 3.0, 6.0) + gd::input::pulse(8.0, 3.0, -6.0); }

template <class Perception, class Goal>
auto model(double action_time, Perception p, Goal g) {
  return gd::make_model(gd::state::actual(100.0, action_time), std::move(p), std::move(g), pressure());
}

template <class Model>
typename Model::state_type direct_run(const Model& m) {
  auto x = m.initial_state(0.0);
  odeint::integrate_n_steps(odeint::runge_kutta4_classic<typename Model::state_type>(), std::cref(m), x, 0.0, 0.05, 300);
  return x;
}

template <class Model>
std::vector<double> simulated(const Model& m) {
  const auto r = gd::simulate(m, gd::run_options(0.0, 15.0, 0.05), gd::method::rk4{});
  std::vector<double> last;
  for (const auto& name : r.names()) last.push_back(r.final_value(name));
  return last;
}

// build(v) makes the model with the parameter at v; change(m, v) sets it in a built model.
template <class Build, class Change>
void check_changed(Build build, Change change, double before, double after) {
  auto changed = build(before);
  change(changed, after);
  const auto built = build(after);
  const auto direct = direct_run(changed);
  CHECK(direct == direct_run(built));
  CHECK(direct != direct_run(build(before)));  // the parameter matters here, so the check can fail
  CHECK(simulated(changed) == simulated(built));
}

}  // namespace

TEST_CASE("a changed action time is used: proportional, capacity-limited and lookup-shaped action") {
  check_changed([](double t) { return model(t, gd::perception::smooth(1.0), gd::goal::floating(100.0, 12.0)); },
                [](auto& m, double t) { m.state.corrective.action_time = t; }, 4.0, 2.5);
  auto limited = [](double t) {
    return gd::make_model(gd::state::actual(100.0, gd::state::capacity_limited(t, 5.0)), gd::perception::instant{},
                          gd::goal::absolute(100.0), pressure());
  };
  check_changed(limited, [](auto& m, double t) { m.state.corrective.action_time = t; }, 4.0, 2.5);
  auto shaped = [](double t) {
    return gd::make_model(gd::state::actual(100.0, gd::state::lookup_shaped(t, gd::sd::lookup({{-1.0, -0.5}, {0.0, 0.0}, {1.0, 0.5}}))),
                          gd::perception::instant{}, gd::goal::absolute(100.0), pressure());
  };
  check_changed(shaped, [](auto& m, double t) { m.state.corrective.action_time = t; }, 4.0, 2.5);
}

TEST_CASE("a changed smoothing time or news time is used: smooth, smooth3, smooth_n, asymmetric") {
  check_changed([](double t) { return model(4.0, gd::perception::smooth(t), gd::goal::absolute(100.0)); },
                [](auto& m, double t) { m.perception.smoothing_time = t; }, 1.0, 3.0);
  check_changed([](double t) { return model(4.0, gd::perception::smooth3(t), gd::goal::absolute(100.0)); },
                [](auto& m, double t) { m.perception.smoothing_time = t; }, 1.0, 3.0);
  check_changed([](double t) { return model(4.0, gd::perception::smooth_n<5>(t, 4), gd::goal::absolute(100.0)); },
                [](auto& m, double t) { m.perception.smoothing_time = t; }, 1.0, 3.0);
  check_changed([](double order) {
                  return model(4.0, gd::perception::smooth_n<5>(2.0, static_cast<int>(order)), gd::goal::absolute(100.0));
                },
                [](auto& m, double order) { m.perception.chain.order = static_cast<int>(order); }, 2.0, 5.0);
  check_changed([](double t) { return model(4.0, gd::perception::asymmetric(t, 6.0), gd::goal::absolute(100.0)); },
                [](auto& m, double t) { m.perception.bad_news_time = t; }, 1.0, 0.5);
  check_changed([](double t) { return model(4.0, gd::perception::asymmetric(1.0, t), gd::goal::absolute(100.0)); },
                [](auto& m, double t) { m.perception.good_news_time = t; }, 6.0, 9.0);
}

TEST_CASE("a changed goal time is used: floating, slip-only, alarm-modulated, best-past, blended, remembered") {
  const auto p = gd::perception::smooth(1.0);
  check_changed([&](double t) { return model(4.0, p, gd::goal::floating(100.0, t)); },
                [](auto& m, double t) { m.goal.adjustment_time = t; }, 12.0, 5.0);
  check_changed([&](double t) { return model(4.0, p, gd::goal::slip_only(100.0, t)); },
                [](auto& m, double t) { m.goal.adjustment_time = t; }, 12.0, 5.0);
  check_changed([&](double t) { return model(4.0, p, gd::goal::alarm_modulated(100.0, t, gd::goal::alarm_curve(0.05, 0.3))); },
                [](auto& m, double t) { m.goal.adjustment_time = t; }, 12.0, 5.0);
  check_changed([&](double t) { return model(4.0, p, gd::goal::best_past(95.0, t)); },
                [](auto& m, double t) { m.goal.rise_time = t; }, 3.0, 1.0);
  check_changed([&](double t) { return model(4.0, p, gd::goal::best_past(100.0, 1.0).with_forgetting(t)); },
                [](auto& m, double t) { *m.goal.forgetting_time = t; }, 20.0, 8.0);
  check_changed([&](double t) { return model(4.0, p, gd::goal::blended(100.0, 0.3, t)); },
                [](auto& m, double t) { m.goal.memory_time = t; }, 6.0, 2.0);
  check_changed([&](double t) { return model(4.0, p, gd::goal::floating(100.0, 6.0, gd::goal::remembered(t, 12.0))); },
                [](auto& m, double t) { m.goal.signal.bad_news_time = t; }, 1.0, 3.0);
  check_changed([&](double t) { return model(4.0, p, gd::goal::floating(100.0, 6.0, gd::goal::remembered(1.0, t))); },
                [](auto& m, double t) { m.goal.signal.good_news_time = t; }, 12.0, 4.0);
}

TEST_CASE("a changed correlation time is used: state::disturbed") {
  auto build = [](double t) {
    return gd::make_model(gd::state::disturbed(gd::state::actual(100.0, 4.0), 2.0, t, gd::input::pulse(1.0, 2.0, 3.0)),
                          gd::perception::instant{}, gd::goal::absolute(100.0), pressure());
  };
  check_changed(build, [](auto& m, double t) { m.state.correlation_time = t; }, 2.0, 5.0);
}
