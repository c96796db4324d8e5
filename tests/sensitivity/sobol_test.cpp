// Sobol' indices through the ensemble runner: the test functions with known indices (Ishigami,
// linear, Sobol' G), interval coverage over seeded repetitions, the noise pairing of a design,
// failures, reproducibility across threads and chunks, and bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <goaldrift/sensitivity.hpp>

#include "sensitivity/test_functions.hpp"
#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;
namespace sa = goaldrift::sensitivity;
namespace dist = goaldrift::distribution;

namespace {

sa::report sobol_of(const support::function_study& s, std::uint64_t seed, sa::sobol_options so) {
  return sa::sobol(s, support::one_step(), support::function_options(seed), so, gd::method::euler{}).indices;
}

std::string x(std::size_t i) { return "x" + std::to_string(i + 1); }

}  // namespace

TEST_CASE("Ishigami: S1 and ST within 0.03 of the analytic values, each inside its bootstrap interval") {
  const support::ishigami_truth truth;
  // The truth itself, from the textbook values (Saltelli et al. 2008, table 4.1 rounded).
  CHECK(truth.first()[0] == doctest::Approx(0.3139).epsilon(1e-3));
  CHECK(truth.first()[1] == doctest::Approx(0.4424).epsilon(1e-3));
  CHECK(truth.total()[0] == doctest::Approx(0.5576).epsilon(1e-3));
  CHECK(truth.total()[2] == doctest::Approx(0.2437).epsilon(1e-3));
  sa::sobol_options so;
  so.samples = 4096;
  const auto r = sobol_of(support::ishigami_study(), 1, so);
  for (std::size_t i = 0; i < 3; ++i) {
    for (const auto& truth_of : {std::pair{"S1", truth.first()[i]}, std::pair{"ST", truth.total()[i]}}) {
      const std::string index = truth_of.first;
      const double value = truth_of.second;
      CAPTURE(i);
      CAPTURE(index);
      const auto& e = r.at(x(i), "y", index);
      CHECK(std::fabs(e.value - value) < 0.03);
      CHECK(e.low <= value);
      CHECK(value <= e.high);
      CHECK(e.low < e.value);
      CHECK(e.value < e.high);
      CHECK(e.used == 4096);
      CHECK(e.planned == 4096);
    }
  }
  CHECK(r.notes.empty());
}

TEST_CASE("Ishigami: the 95% intervals cover the truth in at least 90% of 50 seeded repetitions") {
  const auto s = support::ishigami_study();
  const support::ishigami_truth truth;
  for (const auto sampling : {sa::sampler::philox, sa::sampler::scrambled_sobol_sequence}) {
    CAPTURE(static_cast<int>(sampling));
    std::array<int, 6> covered{};
    std::vector<double> first_of_x1;
    for (std::uint64_t rep = 0; rep < 50; ++rep) {
      sa::sobol_options so;
      so.samples = 1024;
      so.sampling = sampling;
      so.resamples = 500;
      const auto r = sobol_of(s, rep + 1, so);
      for (std::size_t i = 0; i < 3; ++i) {
        const auto& first = r.at(x(i), "y", "S1");
        const auto& total = r.at(x(i), "y", "ST");
        covered[i] += first.low <= truth.first()[i] && truth.first()[i] <= first.high;
        covered[3 + i] += total.low <= truth.total()[i] && truth.total()[i] <= total.high;
      }
      first_of_x1.push_back(r.value("x1", "y", "S1"));
    }
    for (int c : covered) CHECK(c >= 45);
    // The seeds give different designs (the repetitions are repetitions).
    CHECK(first_of_x1[0] != first_of_x1[1]);
  }
}

TEST_CASE("Ishigami: second-order indices, S2(x1, x3) = V13 / V and the other pairs 0") {
  const support::ishigami_truth truth;
  sa::sobol_options so;
  so.samples = 8192;
  so.second_order = true;
  const auto r = sobol_of(support::ishigami_study(), 3, so);
  CHECK(std::fabs(r.value("x1:x3", "y", "S2") - truth.v13 / truth.v) < 0.04);
  CHECK(std::fabs(r.value("x1:x2", "y", "S2")) < 0.03);
  CHECK(std::fabs(r.value("x2:x3", "y", "S2")) < 0.03);
  const auto& e = r.at("x1:x3", "y", "S2");
  CHECK(e.low <= truth.v13 / truth.v);
  CHECK(truth.v13 / truth.v <= e.high);
  // Without second order there are no S2 rows, and the design is N (k + 2) runs.
  sa::sobol_options plain;
  plain.samples = 16;
  const auto a = sa::sobol(support::ishigami_study(), support::one_step(), support::function_options(3), plain,
                           gd::method::euler{});
  CHECK(a.runs.members() == 16 * 5);
  CHECK(a.indices.estimates.size() == 6);
}

namespace {
double linear(const support::point& p) { return 1.0 * p[0] + 2.0 * p[1] + 3.0 * p[2] + 0.5 * p[3]; }
}  // namespace

TEST_CASE("a linear additive model: each index is the parameter's analytic share of the variance") {
  support::function_study s(support::function_model(linear));
  // Var(c x) for x ~ U(a, b) is c^2 (b - a)^2 / 12; normal(0, sd): c^2 sd^2.
  support::vary_x(s, "x1", 0, dist::uniform(0.0, 1.0));
  support::vary_x(s, "x2", 1, dist::uniform(-1.0, 1.0));
  support::vary_x(s, "x3", 2, dist::normal(5.0, 0.2));
  support::vary_x(s, "x4", 3, dist::uniform(0.0, 2.0));
  const std::array<double, 4> v = {1.0 / 12.0, 4.0 * 4.0 / 12.0, 9.0 * 0.04, 0.25 * 4.0 / 12.0};
  const double total = v[0] + v[1] + v[2] + v[3];
  sa::sobol_options so;
  so.samples = 1 << 14;
  const auto r = sobol_of(s, 5, so);
  for (std::size_t i = 0; i < 4; ++i) {
    CAPTURE(i);
    CHECK(r.value(x(i), "y", "S1") == doctest::Approx(v[i] / total).epsilon(0.01).scale(1.0));
    CHECK(r.value(x(i), "y", "ST") == doctest::Approx(v[i] / total).epsilon(0.005).scale(1.0));
  }
}

namespace {
constexpr std::array<double, 6> g_a = {0.0, 1.0, 4.5, 9.0, 99.0, 99.0};
double g_function(const support::point& p) {
  double y = 1.0;
  for (std::size_t i = 0; i < g_a.size(); ++i) y *= (std::fabs(4.0 * p[i] - 2.0) + g_a[i]) / (1.0 + g_a[i]);
  return y;
}
}  // namespace

TEST_CASE("Sobol' G-function (a = 0, 1, 4.5, 9, 99, 99): the known first-order and total indices") {
  support::function_study s(support::function_model(g_function));
  for (std::size_t i = 0; i < g_a.size(); ++i) support::vary_x(s, x(i), i, dist::uniform(0.0, 1.0));
  // V_i = 1 / (3 (1 + a_i)^2); V = prod(1 + V_i) - 1; ST_i = V_i prod_{j != i}(1 + V_j) / V.
  std::array<double, 6> vi{};
  double product = 1.0;
  for (std::size_t i = 0; i < g_a.size(); ++i) {
    vi[i] = 1.0 / (3.0 * (1.0 + g_a[i]) * (1.0 + g_a[i]));
    product *= 1.0 + vi[i];
  }
  const double variance = product - 1.0;
  sa::sobol_options so;
  so.samples = 1 << 13;
  so.sampling = sa::sampler::scrambled_sobol_sequence;
  const auto r = sobol_of(s, 8, so);
  for (std::size_t i = 0; i < g_a.size(); ++i) {
    CAPTURE(i);
    const double first = vi[i] / variance;
    const double total = vi[i] * product / (1.0 + vi[i]) / variance;
    CHECK(std::fabs(r.value(x(i), "y", "S1") - first) < 0.02);
    CHECK(std::fabs(r.value(x(i), "y", "ST") - total) < 0.02);
    CHECK(r.at(x(i), "y", "ST").low <= total);
    CHECK(total <= r.at(x(i), "y", "ST").high);
  }
  // The printed table ranks x1 (a = 0) first and an a = 99 parameter last.
  const std::string table = r.table();
  CHECK(table.find("\nx1 ") < table.find("\nx2 "));
  CHECK(table.find("\nx4 ") < table.find("\nx5 "));
}
