// trajectory refuses rows of the wrong width and says when it has no final value; its
// messages for an unknown variable stay short and point at the nearest name.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <goaldrift/trajectory.hpp>

#include "support/invalid_parameter.hpp"

namespace gd = goaldrift;

TEST_CASE("trajectory::append refuses a row of the wrong width, which was written past its columns") {
  gd::trajectory one({"a"});
  GD_CHECK_INVALID("goaldrift::trajectory", "values", "2 values", one.append(0.0, std::vector<double>{1.0, 2.0}));
  gd::trajectory two({"a", "b"});
  GD_CHECK_INVALID("goaldrift::trajectory", "values", "1 values", two.append(0.0, std::vector<double>{1.0}));
  CHECK(two.size() == 0);  // nothing half-appended
  two.append(0.0, std::vector<double>{1.0, 2.0});
  CHECK(two.final_value("b") == 2.0);
}

TEST_CASE("trajectory::final_value of an empty trajectory is an error, not back() of an empty vector") {
  const gd::trajectory empty({"a"});
  CHECK_THROWS_WITH_AS(empty.final_value("a"), "goaldrift::trajectory: no rows yet, so no final value of 'a'",
                       gd::error);
}

TEST_CASE("an unknown variable's message names the closest and stays short among 100000 names") {
  std::vector<std::string> names;
  for (int i = 0; i < 100000; ++i) names.push_back("variable_" + std::to_string(i));
  const gd::trajectory t(names);
  try {
    (void)t["Variable_7"];
    FAIL("expected an error");
  } catch (const gd::error& e) {
    const std::string what = e.what();
    CHECK(what.find("the closest is 'variable_7'") != std::string::npos);
    CHECK(what.find("and 99980 more") != std::string::npos);
    CHECK(what.size() < 1000);  // it was 1.6 MB
  }
}
