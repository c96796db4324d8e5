// A user's program: one trajectory, and a small ensemble (which needs Random123 to be found).
#include <cstdio>

#include <goaldrift/ensemble.hpp>
#include <goaldrift/goaldrift.hpp>

int main() {
  namespace gd = goaldrift;
  const auto model = gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0),
                                    gd::goal::floating(100.0, 12.0), 1.0);
  const auto run = gd::simulate(model, gd::run_options(0.0, 10.0, 0.25));
  gd::ensemble::study s(model);
  s.vary("goal_time", gd::distribution::uniform(6.0, 18.0), [](auto& m) -> double& { return m.goal.adjustment_time; });
  gd::ensemble::options o;
  o.members = 20;
  const auto ensemble = gd::ensemble::run(s, gd::run_options(0.0, 10.0, 0.25), o);
  std::printf("goaldrift %d consumer: S(10) = %.6f, ensemble median %.6f\n", GOALDRIFT_VERSION,
              run.final_value("S"), ensemble.outcome_quantile("final_S", 0.5));
  return ensemble.succeeded() == 20 ? 0 : 1;
}
