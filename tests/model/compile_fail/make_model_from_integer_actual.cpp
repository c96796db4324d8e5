// Must not compile: a model made with actual(100, 4) says so in actual's one sentence; the
// model's own "same scalar type" sentences (twice) once followed it.
#include <goaldrift/goal/floating.hpp>
#include <goaldrift/model.hpp>
#include <goaldrift/perception/smooth.hpp>
#include <goaldrift/state/actual.hpp>

int main() {
  namespace gd = goaldrift;
  const auto m = gd::make_model(gd::state::actual(100, 4), gd::perception::smooth(2.0),
                                gd::goal::floating(100.0, 12.0), 1.0);
  return static_cast<int>(m.state_names().size());
}
