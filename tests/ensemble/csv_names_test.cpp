// Names in the CSV files (ensemble results and trajectories) read back as one field each, as
// written, whatever they hold; ordinary names are written as they always were.
#include <doctest/doctest.h>

#include <array>
#include <cstddef>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <goaldrift/ensemble.hpp>
#include <goaldrift/io/text.hpp>
#include <goaldrift/trajectory.hpp>

namespace gd = goaldrift;
namespace ens = goaldrift::ensemble;
namespace dist = goaldrift::distribution;

namespace {

// Three decaying stocks whose names hold a separator, quotes and a line break. A member whose
// blow_up_at falls inside the run turns NaN there, so the outcome file has failed rows too.
struct awkward_names_model {
  using scalar_type = double;
  using state_type = std::array<double, 3>;
  double rate = 0.1;
  double blow_up_at = std::numeric_limits<double>::infinity();
  state_type initial_state(double) const { return {100.0, 50.0, 10.0}; }
  void rhs(const state_type& x, state_type& dxdt, const gd::time_point& when) const {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < x.size(); ++i) dxdt[i] = when.t > blow_up_at ? nan : -rate * x[i];
  }
  std::array<std::string, 3> state_names() const { return {"stock, level", "say \"hi\"", "two\nlines"}; }
};

// Every record of `text` as its fields' text, read as RFC 4180 says.
std::vector<std::vector<std::string>> records(const std::string& text) {
  gd::io::csv_reader reader(text, ',', "csv_names_test", "<written>");
  gd::io::csv_record record;
  std::vector<std::vector<std::string>> out;
  while (reader.next(record)) {
    out.emplace_back();
    for (const auto& f : record.fields) out.back().push_back(f.text);
  }
  return out;
}

ens::result awkward_result() {
  ens::study s(awkward_names_model{});
  s.vary("a,\"b\"", dist::uniform(0.05, 0.15), [](auto& m) -> double& { return m.rate; });
  s.vary(" padded\t", dist::discrete({5.0, 1e9}, {0.25, 0.75}), [](auto& m) -> double& { return m.blow_up_at; });
  ens::options o;
  o.members = 40;
  o.seed = 7;
  o.threads = 1;
  o.quantiles = {0.1, 0.9};
  o.variables = {"stock, level", "say \"hi\"", "two\nlines"};
  return ens::run(s, gd::run_options(0.0, 10.0, 0.5).saving_every(2.0), o);
}

}  // namespace

TEST_CASE("ensemble CSV files quote names holding commas, quotes, line breaks or edge spaces") {
  const auto r = awkward_result();
  REQUIRE(r.failed() > 0);
  REQUIRE(r.succeeded() > 0);
  const auto& vars = r.variables();
  const auto stats = r.statistics();

  SUBCASE("outcomes: one column per parameter and outcome, names as given") {
    std::ostringstream csv;
    r.write_outcomes_csv(csv);
    const auto rows = records(csv.str());
    REQUIRE(rows.size() == 1 + r.members());
    std::vector<std::string> header{"member", "status", "a,\"b\"", " padded\t"};
    for (const auto& o : r.outcome_names()) header.push_back(o);
    header.push_back("failed_at");
    header.push_back("reason");
    CHECK(rows[0] == header);
    CHECK(rows[0][4] == "final_stock, level");
    for (std::size_t i = 1; i < rows.size(); ++i) {
      CAPTURE(i);
      REQUIRE(rows[i].size() == header.size());
      CHECK((rows[i][1] == "ok" || rows[i][1] == "failed"));
    }
  }

  SUBCASE("wide: one column per variable and statistic") {
    std::ostringstream csv;
    r.write_wide_csv(csv);
    const auto rows = records(csv.str());
    REQUIRE(rows.size() == 1 + r.time().size());
    std::vector<std::string> header{"time"};
    for (const auto& v : vars)
      for (const auto& s : stats) header.push_back(v + "." + s);
    CHECK(rows[0] == header);
    for (const auto& row : rows) CHECK(row.size() == header.size());
  }

  SUBCASE("tidy: four fields a row, the variable as given") {
    std::ostringstream csv;
    r.write_tidy_csv(csv);
    const auto rows = records(csv.str());
    REQUIRE(rows.size() == 1 + r.time().size() * vars.size() * stats.size());
    CHECK(rows[0] == std::vector<std::string>{"time", "variable", "statistic", "value"});
    for (std::size_t i = 1; i < rows.size(); ++i) {
      CAPTURE(i);
      REQUIRE(rows[i].size() == 4);
      CHECK(rows[i][1] == vars[((i - 1) / stats.size()) % vars.size()]);
      CHECK(rows[i][2] == stats[(i - 1) % stats.size()]);
    }
  }
}

TEST_CASE("outcome file values stay under their quoted parameter's column") {
  // Before names were quoted, a,"b" took two header fields and every value after it sat under
  // the wrong name.
  const auto r = awkward_result();
  std::ostringstream csv;
  r.write_outcomes_csv(csv);
  const auto rows = records(csv.str());
  REQUIRE(rows.size() > 1);
  CHECK(rows[0][2] == "a,\"b\"");
  CHECK(rows[0][3] == " padded\t");
  std::size_t ok_rows = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i][1] != "ok") continue;
    CHECK(gd::io::parse_number(rows[i][2]) == r.member_parameter("a,\"b\"")[ok_rows]);
    ++ok_rows;
  }
  CHECK(ok_rows == r.succeeded());
}

TEST_CASE("trajectory CSV keeps spaces at the ends of a name") {
  // Unquoted, " lead" read back as "lead" through csv_reader (and any reader that trims).
  gd::trajectory t({" lead", "trail\t", "a,b", "plain"});
  t.append(0.0, std::array<double, 4>{1.0, 2.0, 3.0, 4.0});
  std::ostringstream csv;
  t.write_csv(csv);
  const auto rows = records(csv.str());
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == std::vector<std::string>{"time", " lead", "trail\t", "a,b", "plain"});
}

TEST_CASE("ordinary names are written without quotes, byte for byte as before") {
  std::string line;
  for (const char* name : {"S", "goal.memory", "final_loss_S", "S.q0.05", "", "a\"b,c", " x", "x\t", "two\nlines"}) {
    line += ',';
    gd::detail::append_csv_field(line, name);
  }
  CHECK(line == ",S,goal.memory,final_loss_S,S.q0.05,,\"a\"\"b,c\",\" x\",\"x\t\",\"two\nlines\"");
  gd::trajectory t({"S", "goal.memory"});
  t.append(0.5, std::array<double, 2>{1.0, 0.25});
  std::ostringstream csv;
  t.write_csv(csv);
  CHECK(csv.str() == "time,S,goal.memory\n0.5,1,0.25\n");
}
