// The README's usage example: one eroding-goal model, simulated and printed.
// [quickstart]
#include <cstdio>

#include <goaldrift/goaldrift.hpp>

int main() {
  namespace gd = goaldrift;
  // Quality starts at 100; the actor closes a perceived gap in 4 months, believes bad news in
  // 1 month and good news in 6; the goal floats toward perceived quality over 12 months;
  // pressure takes 1 point a month.
  const auto model = gd::make_model(gd::state::actual(100.0, 4.0),
                                    gd::perception::asymmetric(1.0, 6.0),
                                    gd::goal::floating(100.0, 12.0),
                                    gd::input::constant(1.0));
  const auto run = gd::simulate(model, gd::run_options(0.0, 60.0, 0.125).saving_every(12.0),
                                gd::method::rk4{});
  for (std::size_t i = 0; i < run.size(); ++i) {
    std::printf("month %4.0f   quality %6.2f   goal %6.2f\n", run.time()[i], run.actual()[i],
                run.desired()[i]);
  }
  run.write_csv("quickstart.csv");
}
// [quickstart]
