// A model for simulate() assembled from lambdas, so each conformance model takes a few lines.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <string>

#include <goaldrift/run_context.hpp>
#include <goaldrift/time_point.hpp>

namespace support {

/// N state variables, K recorded auxiliaries. `advance` and `start` are optional hooks with
/// the meaning simulate() gives them (once per grid time; once before the run).
template <std::size_t N, std::size_t K>
struct sd_model {
  using scalar_type = double;
  using state_type = std::array<double, N>;
  using when_type = goaldrift::time_point;

  std::array<std::string, N> names;
  std::array<std::string, K> outputs;
  std::function<state_type()> init;
  std::function<void(const state_type&, state_type&, const when_type&)> rates;
  std::function<std::array<double, K>(const state_type&, const when_type&)> aux;
  std::function<void(state_type&, const when_type&)> on_grid;
  std::function<void(const goaldrift::run_context&)> on_start;

  state_type initial_state(double) const { return init ? init() : state_type{}; }
  void rhs(const state_type& x, state_type& dxdt, const when_type& when) const {
    if (rates) rates(x, dxdt, when);
  }
  std::array<std::string, N> state_names() const { return names; }
  std::array<std::string, K> observed_names() const { return outputs; }
  std::array<double, K> observe(const state_type& x, const when_type& when) const {
    return aux(x, when);
  }
  void advance(state_type& x, const when_type& when) {
    if (on_grid) on_grid(x, when);
  }
  void start(const goaldrift::run_context& ctx) {
    if (on_start) on_start(ctx);
  }
};

}  // namespace support
