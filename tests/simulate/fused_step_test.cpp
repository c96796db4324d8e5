// simulate() steps euler and rk4 over a std::array state with fused steps of its own
// (method::detail::fused_step), not odeint's steppers: the same arithmetic in the same order,
// so the same trajectory as odeint's euler and runge_kutta4_classic given as the method.
#include <doctest/doctest.h>

#include <boost/numeric/odeint/stepper/euler.hpp>
#include <boost/numeric/odeint/stepper/runge_kutta4_classic.hpp>
#include <goaldrift/goaldrift.hpp>

#include "models.hpp"
#include "support/same_as_scalar.hpp"

namespace gd = goaldrift;
namespace db = drift_bench;
namespace odeint = boost::numeric::odeint;

namespace {

std::size_t differing(const gd::trajectory& fused, const gd::trajectory& reference) {
  REQUIRE(fused.names() == reference.names());
  REQUIRE(fused.size() == reference.size());
  std::size_t n = 0;
  for (const auto& name : reference.names()) {
    for (std::size_t i = 0; i < reference.size(); ++i) n += !support::same_as_scalar(fused[name][i], reference[name][i]);
  }
  return n;
}

template <class Model>
void check_model(Model m) {
  using state = typename Model::state_type;
  for (const double save_every : {0.125, 1.0, 200.0}) {  // every step, some steps, only the end
    CAPTURE(save_every);
    const auto o = gd::run_options(0.0, 200.0, 0.125).saving_every(save_every);
    const auto euler = gd::simulate(m, o, gd::method::euler{});
    const auto rk4 = gd::simulate(m, o, gd::method::rk4{});
    CHECK(differing(euler, gd::simulate(m, o, odeint::euler<state>())) == 0);
    CHECK(differing(rk4, gd::simulate(m, o, odeint::runge_kutta4_classic<state>())) == 0);
    // and the methods differ from each other: the comparison can see a wrong stepper
    CHECK(euler["S"].back() != rk4["S"].back());
  }
}

}  // namespace

TEST_CASE("fused euler and rk4 steps give odeint's trajectories: drift with noise, drift without") {
  auto noisy = db::noisy_factory{}(0.0);
  noisy.reseed(gd::random::member_key{11, 3});
  check_model(noisy);
  check_model(db::quiet_factory{}(0.0));
}
