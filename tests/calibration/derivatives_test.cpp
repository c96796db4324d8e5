// Derivatives by automatic differentiation: a model built over ceres::Jet steps through the same
// part code as a double (goaldrift/external/ceres.hpp), lookups and selects included, so its
// derivatives must agree with central finite differences on every built-in part, and its
// values must be the double run's.
//
// How a case is checked (check_derivatives): each parameter the Jet model lists as a Jet (or a
// set std::optional of one) is seeded alone, J(v, 0), and the model runs with euler and with
// rk4, recording S, P, D, action, pressure and every state at every save time. The central
// difference (f(v + h) - f(v - h)) / 2h of each recorded quantity comes from two runs of the
// same model over long double. Each quantity's derivative must agree with it to 1e-6 of that
// quantity's largest finite difference over the run (to 1e-12 where they are all 0), and the
// Jet's values must be the double run's.
//
// The step, h = 1e-5 * max(|v|, 1). Truncation, h^2 f'''/6: some 1e-11 of f' for a quantity
// that varies on the scale of the parameter. Rounding: a run of ~200 steps over long double
// carries some 1e-18 of its levels (~100), which a difference over 2h turns into ~1e-11 for a
// parameter near 1: 1e-8 of the weakest derivatives here (~1e-3). Over double it would be 2000
// times more, past 1e-6 for those. The worst error seen is 6e-10.
//
// Kinks. The runs visit both sides of every select (good and bad news, a floor reached and left,
// a capacity limit both ways, a lookup read on every piece, a goal slipping and holding), and
// each case checks that it does. Where a comparison flips between v - h and v + h in one stage
// of one step, the central difference straddles a kink and averages the two one-sided slopes;
// that happens with a probability of about h |d gap / dv| / (the gap's change in a stage) per
// crossing, which for levels near 100 is not negligible. So each difference is taken at h and
// h / 2 and must agree with itself (to 1e-7) before the Jet is compared with it; where it does
// not, the step is halved until it does (at most 8 times; none of these cases needs it). A kink
// exactly at v would pass that check, so the runs keep away from exact ties at t = 0, where a
// parameter moves one side of a comparison that starts equal: a goal starting at the state it
// follows, a relative gap starting on a table point.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <optional>
#include <sstream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <goaldrift/external/ceres.hpp>
#include <goaldrift/goaldrift.hpp>
#include <goaldrift/noise.hpp>

#include "support/same_as_scalar.hpp"

namespace gd = goaldrift;

namespace {

using J = ceres::Jet<double, 1>;

// ---------------------------------------------------------------------------------------------
// Recording a run

/// One run on the save grid: the observed quantities and the states, row by row; a Jet run
/// also keeps each one's derivative.
struct run_table {
  std::vector<std::string> names;
  std::size_t rows = 0;
  std::vector<long double> values;  // row-major: rows x names.size()
  std::vector<double> slopes;       // Jet runs only, laid out as values

  std::size_t columns() const { return names.size(); }
  std::size_t column(const std::string& name) const {
    const auto it = std::find(names.begin(), names.end(), name);
    REQUIRE_MESSAGE(it != names.end(), "no column " << name);
    return static_cast<std::size_t>(it - names.begin());
  }
  double at(std::size_t row, std::size_t col) const { return static_cast<double>(values[row * columns() + col]); }
  std::vector<double> series(const std::string& name) const {
    const std::size_t c = column(name);
    std::vector<double> out(rows);
    for (std::size_t r = 0; r < rows; ++r) out[r] = at(r, c);
    return out;
  }
};

template <class Model, class Method>
run_table record(Model model, const gd::run_options& options, const Method& method) {
  run_table out;
  for (const auto& n : model.observed_names()) out.names.push_back(n);
  for (const auto& n : model.state_names()) out.names.push_back(n);
  gd::integrate_on_grid(model, options, method, [&](double, const auto& x, const gd::time_point& when) {
    const auto observed = model.observe(x, when);
    auto put = [&out](const auto& q) {
      using Q = std::decay_t<decltype(q)>;
      if constexpr (std::is_same_v<Q, long double>) {
        out.values.push_back(q);
      } else {
        out.values.push_back(gd::math::value(q));
      }
      if constexpr (std::is_same_v<Q, J>) out.slopes.push_back(q.v[0]);
    };
    for (const auto& q : observed) put(q);
    for (const auto& q : x) put(q);
    ++out.rows;
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parameters by path

/// A direction in parameter space: v_i + weight_i * t for each path. One path with weight 1 is
/// the derivative by that parameter; fused weights, which must keep summing to 1, move in
/// pairs.
struct direction {
  std::vector<std::pair<std::string, double>> terms;

  std::string label() const {
    std::ostringstream s;
    for (std::size_t i = 0; i < terms.size(); ++i) {
      if (i > 0) s << " ";
      if (terms.size() > 1 || terms[i].second != 1.0) s << (terms[i].second < 0 ? "-" : "+");
      s << terms[i].first;
    }
    return s.str();
  }
};

/// The paths a Jet model lists as a Jet or a set std::optional<Jet>: those it can be
/// differentiated by. (A plain double shared by every lane, such as a noise interval or a
/// reporting delay, and a whole number, such as a smoothing order, cannot carry a derivative.)
template <class Model>
std::vector<std::string> seedable_paths(Model& model) {
  std::vector<std::string> out;
  gd::detail::for_each_parameter(model, [&out](const std::string& path, auto& value, const char*, const char*) {
    using V = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<V, J>) {
      out.push_back(path);
    } else if constexpr (std::is_same_v<V, std::optional<J>>) {
      if (value) out.push_back(path);
    }
  });
  return out;
}

/// Seeds derivative slot 0 of the Jet parameter at `path` with `weight`.
template <class Model>
void seed(Model& model, const std::string& path, double weight) {
  const std::size_t index = gd::detail::find_parameter(model, path, true);
  bool seeded = false;
  gd::detail::apply_parameter(model, index, [&](auto& value) {
    using V = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<V, J>) {
      value.v[0] = weight;
      seeded = true;
    } else if constexpr (std::is_same_v<V, std::optional<J>>) {
      value->v[0] = weight;
      seeded = true;
    }
  });
  REQUIRE_MESSAGE(seeded, path << " is no Jet parameter");
}

/// Moves the long double parameter at `path` by `by`, directly: without goaldrift::set's check
/// of the whole model after each write (a pair of fused weights sums to 1 only after both are
/// written; the run validates the model before it starts), and in long double (set takes a
/// double).
template <class Model>
void shift(Model& model, const std::string& path, long double by) {
  const std::size_t index = gd::detail::find_parameter(model, path, true);
  bool shifted = false;
  gd::detail::apply_parameter(model, index, [&](auto& value) {
    using V = std::decay_t<decltype(value)>;
    if constexpr (std::is_same_v<V, long double>) {
      value += by;
      shifted = true;
    } else if constexpr (std::is_same_v<V, std::optional<long double>>) {
      *value += by;
      shifted = true;
    }
  });
  REQUIRE_MESSAGE(shifted, path << " is no long double parameter");
}

// ---------------------------------------------------------------------------------------------
// The comparison

constexpr double relative_step = 1e-5;
constexpr double tolerance = 1e-6;

/// The central differences of every recorded quantity along `d`, with step `scale` * h, from
/// two runs of the model over long double: the same part code, with 11 more bits, so that the
/// rounding of a run (some 1e-14 of a level in double) stays far below what a step of h can
/// show of a weak derivative.
template <class Factory, class Method>
std::vector<double> central_difference(const Factory& make, const direction& d, const gd::run_options& options,
                                       const Method& method, double scale) {
  auto plus = make(0.0L);
  auto minus = make(0.0L);
  double h = 0.0;
  for (const auto& term : d.terms) {
    h = std::max(h, relative_step * std::max(std::fabs(gd::get(plus, term.first)), 1.0));
  }
  h *= scale;
  for (const auto& term : d.terms) {
    shift(plus, term.first, static_cast<long double>(term.second) * h);
    shift(minus, term.first, -static_cast<long double>(term.second) * h);
  }
  const run_table up = record(plus, options, method);
  const run_table down = record(minus, options, method);
  std::vector<double> fd(up.values.size());
  for (std::size_t i = 0; i < fd.size(); ++i) {
    fd[i] = static_cast<double>((up.values[i] - down.values[i]) / (2.0L * h));
  }
  return fd;
}

/// Whether two sets of central differences agree, quantity by quantity, to a tenth of the
/// tolerance: then no kink lies within the larger step of the parameter's value (a difference
/// that straddles one averages the one-sided slopes with weights that change with the step).
bool agree(const std::vector<double>& coarse, const std::vector<double>& fine, std::size_t columns) {
  const std::size_t rows = fine.size() / columns;
  for (std::size_t c = 0; c < columns; ++c) {
    double scale = 0.0;
    double error = 0.0;
    for (std::size_t r = 0; r < rows; ++r) {
      scale = std::max(scale, std::fabs(fine[r * columns + c]));
      error = std::max(error, std::fabs(coarse[r * columns + c] - fine[r * columns + c]));
    }
    if (!(error <= 0.1 * tolerance * scale || (scale == 0.0 && error <= 1e-12))) {
      return false;
    }
  }
  return true;
}

/// The central differences along `d` at the first step of h, h / 2, h / 4, ... (at most
/// 2^-8 h) whose differences agree with those at half the step, which it returns: the step
/// then straddles no kink.
template <class Factory, class Method>
std::vector<double> kink_free_difference(const Factory& make, const direction& d, const gd::run_options& options,
                                         const Method& method, std::size_t columns) {
  std::vector<double> coarse = central_difference(make, d, options, method, 1.0);
  double scale = 1.0;
  for (int halvings = 0; halvings <= 8; ++halvings) {
    scale *= 0.5;
    std::vector<double> fine = central_difference(make, d, options, method, scale);
    if (agree(coarse, fine, columns)) return fine;
    coarse = std::move(fine);
  }
  FAIL("the central differences disagree at every step from h down to 2^-9 h");
  return coarse;
}

/// Compares the Jet's derivatives with central differences quantity by quantity (column by
/// column): max over the save times of |ad - fd| <= 1e-6 * max |fd|, or <= 1e-12 where the
/// finite differences are all 0.
void compare(const run_table& ad, const std::vector<double>& fd) {
  const std::size_t n = ad.columns();
  for (std::size_t c = 0; c < n; ++c) {
    double scale = 0.0;
    double error = 0.0;
    std::size_t worst_row = 0;
    for (std::size_t r = 0; r < ad.rows; ++r) {
      const std::size_t i = r * n + c;
      scale = std::max(scale, std::fabs(fd[i]));
      const double e = std::fabs(ad.slopes[i] - fd[i]);
      if (!(e <= error)) {
        error = e;
        worst_row = r;
      }
    }
    CAPTURE(ad.names[c]);
    CAPTURE(worst_row);
    CAPTURE(scale);
    CAPTURE(error);
    if (scale == 0.0) {
      CHECK(error <= 1e-12);
    } else {
      CHECK(error <= tolerance * scale);
    }
  }
}

/// How exactly a Jet run's values must be the double run's. Bit for bit, as the same code path
/// gives, except that a compiler free to fuse a*b + c (FMA, support::same_as_scalar) may fuse
/// in one path and not the other, and that ceres::Jet divides a Jet by a Jet as a * (1 / b), not
/// a / b: a part that divides by a value (math::zidz, in the relative gap of lookup_shaped and
/// alarm_modulated) may round its last bit differently.
enum class value_bits { same, jet_divides };

void check_values(const run_table& ad, const run_table& base, value_bits expect) {
  REQUIRE(ad.values.size() == base.values.size());
  if (expect == value_bits::same && !support::fused_multiply_add) {
    CHECK(ad.values == base.values);
    return;
  }
  double largest = 0.0, difference = 0.0;
  for (std::size_t i = 0; i < ad.values.size(); ++i) {
    largest = std::max(largest, static_cast<double>(std::fabs(base.values[i])));
    difference = std::max(difference, static_cast<double>(std::fabs(ad.values[i] - base.values[i])));
  }
  CHECK(difference <= (support::fused_multiply_add ? 1e-12 : 1e-13) * largest);
}

template <class Factory, class Method>
void check_method(const Factory& make, const gd::run_options& options, const Method& method,
                  const std::vector<direction>& directions, value_bits expect, const run_table& base) {
  for (const auto& d : directions) {
    const std::string what = std::string(Method::name) + ", d/d " + d.label();
    CAPTURE(what);
    auto jet = make(J(0.0));
    for (const auto& term : d.terms) seed(jet, term.first, term.second);
    const run_table ad = record(jet, options, method);
    check_values(ad, base, expect);
    compare(ad, kink_free_difference(make, d, options, method, ad.columns()));
  }
}

/// Checks every seedable parameter of the model `make(zero)` builds (or the given directions)
/// under euler and rk4; returns the double model's euler run, for the case to check that it
/// visits every branch.
template <class Factory>
run_table check_derivatives(const Factory& make, const gd::run_options& options,
                            std::vector<direction> directions = {}, value_bits expect = value_bits::same) {
  if (directions.empty()) {
    auto jet = make(J(0.0));
    for (auto& path : seedable_paths(jet)) directions.push_back(direction{{{std::move(path), 1.0}}});
  }
  REQUIRE(!directions.empty());
  const run_table base_euler = record(make(0.0), options, gd::method::euler{});
  check_method(make, options, gd::method::euler{}, directions, expect, base_euler);
  const run_table base_rk4 = record(make(0.0), options, gd::method::rk4{});
  check_method(make, options, gd::method::rk4{}, directions, expect, base_rk4);
  return base_euler;
}

// ---------------------------------------------------------------------------------------------
// What the runs must visit

bool takes_both_signs(const std::vector<double>& xs, double margin = 1e-6) {
  const bool below = std::any_of(xs.begin(), xs.end(), [margin](double x) { return x < -margin; });
  const bool above = std::any_of(xs.begin(), xs.end(), [margin](double x) { return x > margin; });
  return below && above;
}

std::vector<double> minus(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) out[i] = a[i] - b[i];
  return out;
}

/// How many of the pieces (-inf, x0], (x0, x1], ..., (x_last, inf) the values fall in.
std::size_t pieces_visited(const std::vector<double>& xs, const std::vector<double>& points) {
  std::vector<bool> seen(points.size() + 1, false);
  for (double x : xs) {
    seen[static_cast<std::size_t>(std::lower_bound(points.begin(), points.end(), x) - points.begin())] = true;
  }
  return static_cast<std::size_t>(std::count(seen.begin(), seen.end(), true));
}

/// 48 time units in steps of 1/4, saved every 1.
gd::run_options grid() { return gd::run_options(0.0, 48.0, 0.25).saving_every(1.0); }

/// A pressure that swings: 1 + 3 sin(2 pi t / 16). S falls and rises against its perception
/// and its goal, so every news select, every min and max sees both signs.
template <class T>
auto swinging_pressure() {
  return gd::input::constant<T>(T(1.0)) + gd::input::sine_wave<T>(T(0.0), T(3.0), 16.0);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// States

TEST_CASE("derivatives: proportional action with a floor that is reached and left") {
  // A floating goal under a swinging pressure drifts S down onto the floor at 94, where it
  // rests while the pressure is high, and lifts off when the pressure swings negative.
  const auto make = [](auto zero) {
    using T = decltype(zero);
    return gd::make_model(gd::state::actual(T(100.0), T(4.0)).with_floor(T(94.0)), gd::perception::smooth(T(2.0)),
                          gd::goal::floating(T(101.0), T(6.0)), swinging_pressure<T>());
  };
  const run_table run = check_derivatives(make, grid());
  const auto s = run.series("S");
  CHECK(std::count(s.begin(), s.end(), 94.0) >= 2);
  std::size_t left = 0;
  for (std::size_t i = 1; i < s.size(); ++i) left += s[i - 1] == 94.0 && s[i] > 94.0;
  CHECK(left >= 1);
}

TEST_CASE("derivatives: capacity-limited action saturating both ways") {
  // A shock of pressure opens a shortfall the actor can close only at max_rate, and a negative
  // shock an excess it removes at -max_rate. SMOOTHI perception: its initial value is seeded.
  const auto make = [](auto zero) {
    using T = decltype(zero);
    return gd::make_model(gd::state::actual(T(100.0), gd::state::capacity_limited(T(2.0), T(1.5))),
                          gd::perception::smooth(T(1.5), T(99.0)), gd::goal::absolute(T(100.5)),
                          gd::input::constant<T>(T(0.5)) + gd::input::pulse<T>(6.0, 5.0, T(4.0)) -
                              gd::input::pulse<T>(26.0, 5.0, T(5.0)));
  };
  const run_table run = check_derivatives(make, grid());
  const auto action = run.series("action");
  CHECK(std::count(action.begin(), action.end(), 1.5) >= 2);
  CHECK(std::count(action.begin(), action.end(), -1.5) >= 2);
  CHECK(std::any_of(action.begin(), action.end(), [](double a) { return std::fabs(a) < 1.4; }));
}

TEST_CASE("derivatives: lookup-shaped action read on every segment") {
  // The relative gap (D - P) / |D| sweeps the effect table from below its first point (-0.05)
  // to beyond its last (0.07): all six pieces, the flat ends included. D starts at 102, S at
  // 100, so the gap does not start on a table point (0).
  const gd::sd::lookup effect{{-0.05, -0.1}, {0.0, 0.0}, {0.02, 0.03}, {0.05, 0.05}, {0.07, 0.06}};
  const auto make = [effect](auto zero) {
    using T = decltype(zero);
    return gd::make_model(gd::state::actual(T(100.0), gd::state::lookup_shaped(T(1.5), effect)),
                          gd::perception::smooth(T(1.0)), gd::goal::floating(T(102.0), T(30.0)),
                          gd::input::constant<T>(T(0.5)) + gd::input::pulse<T>(8.0, 6.0, T(6.0)) -
                              gd::input::pulse<T>(28.0, 6.0, T(7.0)));
  };
  const run_table run = check_derivatives(make, grid(), {}, value_bits::jet_divides);
  std::vector<double> gap;
  const auto p = run.series("P");
  const auto d = run.series("D");
  for (std::size_t i = 0; i < p.size(); ++i) gap.push_back((d[i] - p[i]) / std::fabs(d[i]));
  CHECK(pieces_visited(gap, effect.xs()) == 6);
}

TEST_CASE("derivatives: an actual state disturbed by smoothed white noise") {
  const auto make = [](auto zero) {
    using T = decltype(zero);
    return gd::make_model(
        gd::state::disturbed(gd::state::actual(T(100.0), T(3.0)), T(0.8), T(2.0),
                             gd::noise::white<T>("disturbance", T(0.1), T(4.0), 0.25)),
        gd::perception::asymmetric(T(1.0), T(5.0)), gd::goal::floating(T(100.5), T(10.0)), swinging_pressure<T>());
  };
  const run_table run = check_derivatives(make, grid());
  CHECK(takes_both_signs(run.series("state.disturbance")));
}

// ---------------------------------------------------------------------------------------------
// Perceptions

namespace {
/// S under proportional action and a floating goal, seen through `perception`.
template <class T, class Perception>
auto seen_through(Perception perception) {
  return gd::make_model(gd::state::actual(T(100.0), T(4.0)), std::move(perception),
                        gd::goal::floating(T(100.5), T(12.0)), swinging_pressure<T>());
}
}  // namespace

TEST_CASE("derivatives: instant, smooth, smooth3 and smooth_n perceptions") {
  check_derivatives([](auto zero) { return seen_through<decltype(zero)>(gd::perception::instant<decltype(zero)>{}); },
                    grid());
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return seen_through<T>(gd::perception::smooth(T(3.0)));
      },
      grid());
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return seen_through<T>(gd::perception::smooth3(T(4.0), T(98.0)));
      },
      grid());
  // The order is a whole number, not differentiable; the smoothing time and the start are.
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return seen_through<T>(gd::perception::smooth_n<4, T>(T(3.0), 3, T(101.0)));
      },
      grid());
}

TEST_CASE("derivatives: asymmetric perception taking in good and bad news") {
  const auto make = [](auto zero) {
    using T = decltype(zero);
    return seen_through<T>(gd::perception::asymmetric(T(1.0), T(6.0)));
  };
  const run_table run = check_derivatives(make, grid());
  CHECK(takes_both_signs(minus(run.series("S"), run.series("P"))));
  // With a start of its own (SMOOTHI), which is seeded too.
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return seen_through<T>(gd::perception::asymmetric(T(0.5), T(4.0), T(97.0)));
      },
      grid());
}

TEST_CASE("derivatives: a reporting delay, DELAY FIXED") {
  // The delay time is a plain double (the pipeline's length); what is reported before the
  // first report is a Jet.
  const auto make = [](auto zero) {
    using T = decltype(zero);
    return seen_through<T>(gd::perception::reporting_delay<T>(2.0, T(99.0)));
  };
  const run_table run = check_derivatives(make, grid());
  CHECK(run.at(0, run.column("P")) == 99.0);
}

TEST_CASE("derivatives: a distorted sensor in front of an asymmetric perception") {
  // The bias steps in at t = 12, the offset is constant: both inputs' numbers are seeded.
  const auto make = [](auto zero) {
    using T = decltype(zero);
    return seen_through<T>(gd::perception::distorted(gd::perception::asymmetric(T(1.0), T(5.0)),
                                                     gd::input::step<T>(T(0.08), 12.0), gd::input::constant<T>(T(1.5))));
  };
  const run_table run = check_derivatives(make, grid());
  CHECK(takes_both_signs(minus(run.series("S"), run.series("P"))));
}

TEST_CASE("derivatives: fused channels, weights moved in pairs") {
  // The weights must sum to 1, so they move in pairs (w0 + t, w1 - t), ..., besides every
  // other parameter alone.
  const auto make = [](auto zero) {
    using T = decltype(zero);
    namespace p = gd::perception;
    return seen_through<T>(
        p::fused(p::make_channel("front", T(0.2), p::distorted(p::smooth(T(1.0)), gd::input::constant<T>(T(-0.02)))),
                 p::make_channel("middle", T(0.3), p::asymmetric(T(1.0), T(6.0))),
                 p::make_channel("top", T(0.5), p::smooth3(T(6.0), T(100.0)))));
  };
  std::vector<direction> directions;
  {
    auto jet = make(J(0.0));
    for (auto& path : seedable_paths(jet)) {
      if (path.find(".weight") == std::string::npos) directions.push_back(direction{{{std::move(path), 1.0}}});
    }
  }
  directions.push_back(direction{{{"perception.channels[0].weight", 1.0}, {"perception.channels[1].weight", -1.0}}});
  directions.push_back(direction{{{"perception.channels[1].weight", 1.0}, {"perception.channels[2].weight", -1.0}}});
  directions.push_back(direction{{{"perception.channels[2].weight", 1.0}, {"perception.channels[0].weight", -1.0}}});
  const run_table run = check_derivatives(make, grid(), directions);
  CHECK(takes_both_signs(minus(run.series("S"), run.series("perception.middle.level"))));
}

// ---------------------------------------------------------------------------------------------
// Goals

namespace {
/// S under proportional action, seen through an asymmetric perception, with goal `goal`.
template <class T, class Goal, class Pressure>
auto pursuing(Goal goal, Pressure pressure) {
  return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::asymmetric(T(1.0), T(5.0)),
                        std::move(goal), std::move(pressure));
}
}  // namespace

TEST_CASE("derivatives: absolute and blended goals") {
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return pursuing<T>(gd::goal::absolute(T(100.0)), swinging_pressure<T>());
      },
      grid());
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return pursuing<T>(gd::goal::blended(T(100.0), T(0.4), T(10.0)), swinging_pressure<T>());
      },
      grid());
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return pursuing<T>(gd::goal::blended(T(100.0), T(0.4), T(10.0), T(98.0)), swinging_pressure<T>());
      },
      grid());
}

TEST_CASE("derivatives: floating goals over each performance signal") {
  // The goal starts off the state it follows (100.5 against 100), so that its gap does not
  // start at an exact tie.
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return pursuing<T>(gd::goal::floating(T(100.5), T(12.0)), swinging_pressure<T>());
      },
      grid());
  const auto remembered = [](auto zero) {
    using T = decltype(zero);
    return pursuing<T>(gd::goal::floating(T(100.5), T(12.0), gd::goal::remembered(T(1.0), T(8.0))),
                       swinging_pressure<T>());
  };
  const run_table run = check_derivatives(remembered, grid());
  CHECK(takes_both_signs(minus(run.series("P"), run.series("goal.memory"))));
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return pursuing<T>(gd::goal::floating(T(100.5), T(12.0), gd::goal::remembered(T(2.0), T(6.0), T(99.0))),
                           swinging_pressure<T>());
      },
      grid());
}

TEST_CASE("derivatives: a slip-only goal, slipping and holding") {
  const auto make = [](auto zero) {
    using T = decltype(zero);
    return pursuing<T>(gd::goal::slip_only(T(100.5), T(6.0)), swinging_pressure<T>());
  };
  const run_table run = check_derivatives(make, grid());
  CHECK(takes_both_signs(minus(run.series("P"), run.series("D"))));
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return pursuing<T>(gd::goal::slip_only(T(100.5), T(6.0), gd::goal::remembered(T(1.0), T(8.0))),
                           swinging_pressure<T>());
      },
      grid());
}

TEST_CASE("derivatives: a best-past goal rising, holding and forgetting") {
  // The goal starts below the state (99.5), so it first rises, then holds (or forgets) while
  // the state falls below it.
  const auto make = [](auto zero) {
    using T = decltype(zero);
    return pursuing<T>(gd::goal::best_past(T(99.5), T(2.0)), swinging_pressure<T>() - 1.0);
  };
  const run_table run = check_derivatives(make, grid());
  CHECK(takes_both_signs(minus(run.series("P"), run.series("D"))));
  const auto forgetting = [](auto zero) {
    using T = decltype(zero);
    return pursuing<T>(gd::goal::best_past(T(99.5), T(2.0), gd::goal::remembered(T(1.0), T(6.0))).with_forgetting(T(20.0)),
                       swinging_pressure<T>());
  };
  const run_table with = check_derivatives(forgetting, grid());
  CHECK(takes_both_signs(minus(with.series("goal.memory"), with.series("D"))));
}

TEST_CASE("derivatives: an alarm-modulated goal, calm, alarmed and between") {
  // A slow squeeze keeps the relative gap under calm_gap (0.02); a plunge takes it past
  // alarm_gap (0.1) and back. The goal starts at 101 against 100: the gap starts at 0.0099,
  // off the table's points.
  const auto curve = gd::goal::alarm_curve(0.02, 0.1);
  for (const auto measure : {gd::goal::gap_measure::signed_relative, gd::goal::gap_measure::absolute_relative}) {
    CAPTURE(static_cast<int>(measure));
    const auto make = [curve, measure](auto zero) {
      using T = decltype(zero);
      return pursuing<T>(gd::goal::alarm_modulated(T(101.0), T(8.0), curve).with_gap(measure),
                         gd::input::constant<T>(T(0.4)) + gd::input::pulse<T>(14.0, 4.0, T(6.0)) -
                             gd::input::pulse<T>(32.0, 4.0, T(6.0)));
    };
    const run_table run = check_derivatives(make, grid(), {}, value_bits::jet_divides);
    std::vector<double> gap;
    const auto p = run.series("P");
    const auto d = run.series("D");
    for (std::size_t i = 0; i < p.size(); ++i) {
      const double g = (d[i] - p[i]) / std::fabs(d[i]);
      gap.push_back(measure == gd::goal::gap_measure::signed_relative ? g : std::fabs(g));
    }
    CHECK(pieces_visited(gap, curve.xs()) == 3);
  }
  // Following a remembered performance.
  check_derivatives(
      [curve](auto zero) {
        using T = decltype(zero);
        return pursuing<T>(gd::goal::alarm_modulated(T(101.0), T(8.0), curve, gd::goal::remembered(T(1.0), T(6.0))),
                           gd::input::constant<T>(T(0.4)) + gd::input::pulse<T>(14.0, 4.0, T(6.0)));
      },
      grid(), {}, value_bits::jet_divides);
}

// ---------------------------------------------------------------------------------------------
// Inputs and noise, as the pressure

namespace {
/// The drift model of the README under pressure `pressure`.
template <class T, class Pressure>
auto pressed_by(Pressure pressure) {
  return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::asymmetric(T(1.0), T(6.0)),
                        gd::goal::floating(T(100.5), T(12.0), gd::goal::remembered(T(1.0), T(12.0))),
                        std::move(pressure));
}
}  // namespace

TEST_CASE("derivatives: constant, step, ramp, pulse, pulse train and sine wave inputs") {
  check_derivatives([](auto zero) { return pressed_by<decltype(zero)>(gd::input::constant(decltype(zero)(1.2))); },
                    grid());
  check_derivatives([](auto zero) { return pressed_by<decltype(zero)>(gd::input::step(decltype(zero)(2.0), 10.0)); },
                    grid());
  check_derivatives(
      [](auto zero) { return pressed_by<decltype(zero)>(gd::input::ramp(decltype(zero)(0.1), 5.0, 30.0)); }, grid());
  check_derivatives(
      [](auto zero) { return pressed_by<decltype(zero)>(gd::input::pulse(8.0, 4.0, decltype(zero)(3.0))); }, grid());
  // A pulse of width 0 is on for one step.
  check_derivatives(
      [](auto zero) { return pressed_by<decltype(zero)>(gd::input::pulse(8.0, 0.0, decltype(zero)(20.0))); }, grid());
  check_derivatives(
      [](auto zero) {
        return pressed_by<decltype(zero)>(gd::input::pulse_train(4.0, 2.0, 9.0, 40.0, decltype(zero)(2.5)));
      },
      grid());
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return pressed_by<T>(gd::input::sine_wave(T(1.0), T(2.0), 12.0, 3.0));
      },
      grid());
}

TEST_CASE("derivatives: table and function inputs, and sums, differences, products and negations") {
  // A table and a function hold no Jet of their own (a table's points and a callable are no
  // parameters): they carry the derivatives of what they are combined with.
  const gd::sd::lookup curve{{0.0, 0.5}, {10.0, 2.0}, {25.0, -1.0}, {40.0, 1.0}};
  check_derivatives(
      [curve](auto zero) {
        using T = decltype(zero);
        return pressed_by<T>(gd::input::table<T>(curve) * gd::input::constant<T>(T(1.5)) + gd::input::step<T>(T(0.5), 6.0) +
                             gd::input::ramp<T>(T(0.02), 0.0));
      },
      grid());
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        const auto f = gd::input::function([](double t) { return 1.0 + 0.5 * std::cos(0.4 * t); });
        return pressed_by<T>(gd::input::step<T>(T(1.5), 4.0) * f - gd::input::sine_wave<T>(T(0.2), T(1.0), 10.0) +
                             -gd::input::constant<T>(T(-0.3)));
      },
      grid());
  // A callable of a time point returning the model's scalar, and numbers mixed in.
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        const auto f = gd::input::function([](const gd::time_point& when) { return T(when.jump_t > 20.0 ? 2.0 : 0.5); });
        return pressed_by<T>(2.0 * gd::input::constant<T>(T(0.4)) + f - 0.25);
      },
      grid());
}

TEST_CASE("derivatives: white and pink noise") {
  // The noise's mean and sd are Jets; its interval, correlation time and origin are plain
  // doubles shared by all lanes.
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return pressed_by<T>(gd::noise::white<T>("pressure", T(1.0), T(1.5), 1.0));
      },
      grid());
  check_derivatives(
      [](auto zero) {
        using T = decltype(zero);
        return pressed_by<T>(gd::noise::pink<T>("pressure", T(1.0), T(1.5), 4.0, 0.5));
      },
      grid());
}

// ---------------------------------------------------------------------------------------------
// A model driven as an odeint System, without start()

namespace {
/// The rates model(x, dxdt, t) gives at a state x taken from a run, with each parameter
/// seeded after construction and the model never started (the parts' cached rates of their
/// times were taken from the unseeded values), against central differences of the rates.
template <class Factory>
void check_rates_without_start(const Factory& make) {
  auto reference = make(0.0);
  std::vector<double> x_at;
  gd::integrate_on_grid(reference, gd::run_options(0.0, 10.0, 0.25), gd::method::euler{},
                        [&x_at](double, const auto& x, const gd::time_point&) { x_at.assign(x.begin(), x.end()); });
  auto probe = make(J(0.0));
  const std::vector<std::string> paths = seedable_paths(probe);
  REQUIRE(!paths.empty());
  const double t = 10.0;
  for (const auto& path : paths) {
    CAPTURE(path);
    auto jet = make(J(0.0));
    seed(jet, path, 1.0);
    typename decltype(jet)::state_type x{}, dxdt{};
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = J(x_at[i]);
    jet(x, dxdt, t);
    auto plus = make(0.0L);
    auto minus = make(0.0L);
    const double h = relative_step * std::max(std::fabs(gd::get(plus, path)), 1.0);
    shift(plus, path, h);
    shift(minus, path, -h);
    typename decltype(plus)::state_type xl{}, up{}, down{};
    for (std::size_t i = 0; i < xl.size(); ++i) xl[i] = x_at[i];
    plus(xl, up, t);
    minus(xl, down, t);
    double scale = 0.0, error = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      const double fd = static_cast<double>((up[i] - down[i]) / (2.0L * h));
      scale = std::max(scale, std::fabs(fd));
      error = std::max(error, std::fabs(dxdt[i].v[0] - fd));
    }
    CAPTURE(scale);
    CHECK(error <= tolerance * scale + 1e-12);
  }
}
}  // namespace

TEST_CASE("derivatives: times seeded after construction, the model called without start()") {
  // Every part keeps 1 / time for its time constants (detail::cached_rate); a Jet time that
  // equals the cached one in value but carries a derivative must not be read from the cache.
  check_rates_without_start([](auto zero) {
    using T = decltype(zero);
    namespace p = gd::perception;
    return gd::make_model(
        gd::state::disturbed(gd::state::actual(T(100.0), gd::state::capacity_limited(T(2.0), T(1.5))), T(0.8), T(2.0),
                             gd::noise::white<T>("disturbance", T(0.1), T(4.0), 0.25)),
        p::fused(p::make_channel("front", T(0.4), p::asymmetric(T(1.0), T(6.0))),
                 p::make_channel("top", T(0.6), p::smooth3(T(6.0), T(100.0)))),
        gd::goal::best_past(T(99.5), T(2.0), gd::goal::remembered(T(1.0), T(6.0))).with_forgetting(T(20.0)),
        swinging_pressure<T>());
  });
  check_rates_without_start([](auto zero) {
    using T = decltype(zero);
    const gd::sd::lookup effect{{-0.05, -0.1}, {0.0, 0.0}, {0.02, 0.03}, {0.05, 0.05}, {0.07, 0.06}};
    return gd::make_model(gd::state::actual(T(100.0), gd::state::lookup_shaped(T(1.5), effect)),
                          gd::perception::smooth_n<4, T>(T(3.0), 3),
                          gd::goal::blended(T(100.0), T(0.4), T(10.0), T(98.0)), swinging_pressure<T>());
  });
  check_rates_without_start([](auto zero) {
    using T = decltype(zero);
    return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::smooth(T(2.0)),
                          gd::goal::alarm_modulated(T(101.0), T(8.0), gd::goal::alarm_curve(0.02, 0.1)),
                          swinging_pressure<T>());
  });
  check_rates_without_start([](auto zero) {
    using T = decltype(zero);
    return gd::make_model(gd::state::actual(T(100.0), T(4.0)), gd::perception::asymmetric(T(1.0), T(6.0)),
                          gd::goal::slip_only(T(100.5), T(6.0)), swinging_pressure<T>());
  });
}

// ---------------------------------------------------------------------------------------------
// The conventions at an exact kink, and the sd kernels no model part uses

TEST_CASE("derivatives: one-sided slopes at an exact kink") {
  // A lookup passes on the slope of the piece its value comes from: the segment to the right of
  // an inner point, the flat end beyond the table (and at its end points).
  const gd::sd::lookup table{{-1.0, -2.0}, {0.0, 0.0}, {1.0, 1.0}};
  auto slope_at = [&table](double x) { return table(J(x, 0)).v[0]; };
  const double h = 1e-7;
  CHECK(slope_at(0.0) == doctest::Approx((table.value(h) - table.value(0.0)) / h));  // right: 1
  CHECK(slope_at(0.0) == 1.0);
  CHECK(slope_at(-0.5) == 2.0);
  CHECK(slope_at(0.5) == 1.0);
  CHECK(slope_at(-1.0) == 0.0);  // the left end: value() holds y there
  CHECK(slope_at(1.0) == 0.0);
  CHECK(slope_at(-3.0) == 0.0);
  CHECK(slope_at(3.0) == 0.0);
  CHECK(table(J(0.25, 0)).a == table.value(0.25));
  // max, min and clamp take the first argument on a tie, and its derivative.
  const J a(2.0, 0);
  const J b(2.0);
  CHECK(gd::math::max(a, b).v[0] == 1.0);
  CHECK(gd::math::max(b, a).v[0] == 0.0);
  CHECK(gd::math::min(a, b).v[0] == 1.0);
  CHECK(gd::math::clamp(a, J(-2.0), b).v[0] == 1.0);  // at its bound: the value's own
  CHECK(gd::math::select(a < b, a, J(5.0)).a == 5.0);
  // A floor at the state: the rate is cut to max(rate, 0), whose derivative is 0 below 0.
  auto floored = gd::state::actual(J(94.0), J(4.0)).with_floor(J(94.0));
  J x[1] = {J(94.0)};
  J dxdt[1];
  floored.start(gd::run_context{0.0, 1.0, 0.25, true, "euler"});
  floored.derivative(x, J(90.0, 0), J(94.0), J(0.0), gd::time_point{0.0}, dxdt);
  CHECK(dxdt[0].a == 0.0);
  CHECK(dxdt[0].v[0] == 0.0);
  floored.derivative(x, J(98.0, 0), J(94.0), J(0.0), gd::time_point{0.0}, dxdt);
  CHECK(dxdt[0].a == 1.0);
  CHECK(dxdt[0].v[0] == 0.25);
}

namespace {
/// Euler steps of the sd kernels that no built-in part uses, over a scalar T: DELAY1, DELAY3,
/// DELAY N, TREND, SMOOTH3 with its time divided (not its rate cached) and the asymmetric smooth
/// by its times, the delay and smoothing times given as `time`. Returns the outputs at every step.
template <class T>
std::vector<T> kernel_run(T time) {
  const double dt = 0.125;
  std::vector<T> out;
  T d1[1]{}, d3[3]{}, dn[4]{}, tr[1]{}, s3[3]{}, as[1]{};
  T rate[4]{};
  gd::sd::delay_n<4, T> chain(3);
  const auto input = [](double t) { return T(10.0 + 4.0 * std::sin(0.5 * t)); };
  gd::sd::delay1::initialize(d1, input(0.0), time);
  gd::sd::delay3::initialize(d3, T(9.0), time);
  chain.initialize(dn, input(0.0), time);
  gd::sd::trend::initialize(tr, input(0.0), time, T(0.05));
  gd::sd::smooth3::initialize(s3, input(0.0));
  gd::sd::asymmetric_smooth::initialize(as, input(0.0));
  for (int k = 0; k < 200; ++k) {
    const double t = k * dt;
    const T u = input(t);
    out.push_back(gd::sd::delay1::output(d1, time));
    out.push_back(gd::sd::delay3::output(d3, time));
    out.push_back(chain.output(dn));
    out.push_back(gd::sd::trend::output(tr, u, time));
    out.push_back(gd::sd::smooth3::output(s3));
    out.push_back(gd::sd::asymmetric_smooth::output(as));
    const auto euler = [dt](T* x, const T* dx, std::size_t n) {
      for (std::size_t i = 0; i < n; ++i) x[i] = x[i] + dt * dx[i];
    };
    gd::sd::delay1::derivative(d1, u, time, rate);
    euler(d1, rate, 1);
    gd::sd::delay3::derivative(d3, u, time, rate);
    euler(d3, rate, 3);
    chain.derivative(dn, u, rate);
    euler(dn, rate, 4);
    chain.advance(time);
    gd::sd::trend::derivative(tr, u, time, rate);
    euler(tr, rate, 1);
    gd::sd::smooth3::derivative(s3, u, time, rate);
    euler(s3, rate, 3);
    gd::sd::asymmetric_smooth::derivative(as, u, time, T(2.0) * time, rate);
    euler(as, rate, 1);
  }
  return out;
}
}  // namespace

TEST_CASE("derivatives: the sd kernels over a Jet") {
  const double v = 3.0;
  const double h = relative_step * v;
  const auto jet = kernel_run(J(v, 0));
  const auto plain = kernel_run(v);
  const auto up = kernel_run(static_cast<long double>(v) + h);
  const auto down = kernel_run(static_cast<long double>(v) - h);
  REQUIRE(jet.size() == plain.size());
  double scale = 0.0, error = 0.0, difference = 0.0, largest = 0.0;
  for (std::size_t i = 0; i < jet.size(); ++i) {
    const double fd = static_cast<double>((up[i] - down[i]) / (2.0L * h));
    scale = std::max(scale, std::fabs(fd));
    error = std::max(error, std::fabs(jet[i].v[0] - fd));
    largest = std::max(largest, std::fabs(plain[i]));
    difference = std::max(difference, std::fabs(jet[i].a - plain[i]));
  }
  CHECK(scale > 0.1);
  CHECK(error <= tolerance * scale);
  // They divide by the times, which a Jet does as a * (1 / b): the last bits may differ.
  CHECK(difference <= 1e-13 * largest);
}
