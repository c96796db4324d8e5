// Member tables from CSV: one row per member, errors with the line number.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include <goaldrift/ensemble/member_table.hpp>

#include "support/invalid_parameter.hpp"

namespace ens = goaldrift::ensemble;

namespace {
// The parse_error a text produces, or a failed check if it parses.
goaldrift::parse_error parse_error_of(const std::string& text) {
  std::istringstream in(text);
  try {
    (void)ens::member_table::read_csv(in, "members.csv");
  } catch (const goaldrift::parse_error& e) {
    return e;
  }
  FAIL("no parse_error for: " << text);
  return goaldrift::parse_error("", "", 0, "");
}
}  // namespace

TEST_CASE("a member table reads a header and one row per member, with any line ending") {
  for (const std::string text : {"action_time,goal_time\n4,12\n3.5,8\n", "action_time,goal_time\r4,12\r3.5,8\r",
                                 "action_time, goal_time\r\n\r\n4,12\r\n3.5 , 8"}) {
    std::istringstream in(text);
    const auto t = ens::member_table::read_csv(in, "members.csv");
    REQUIRE(t.rows() == 2);
    CHECK(t.columns() == std::vector<std::string>{"action_time", "goal_time"});
    CHECK(t.value(1, t.column("goal_time")) == 8.0);
    CHECK(t.value(0, t.column("action_time")) == 4.0);
  }
}

TEST_CASE("malformed member tables name the file and the line") {
  auto e = parse_error_of("a,b\n1,2\n3\n");
  CHECK(e.line() == 3);
  CHECK(std::string(e.what()) == "goaldrift::ensemble::member_table: members.csv:3: expected 2 values, got 1");
  e = parse_error_of("a,b\n1,2\n\n3,x\n");
  CHECK(e.line() == 4);
  CHECK(std::string(e.what()).find("column 'b' needs a finite number, got 'x'") != std::string::npos);
  e = parse_error_of("a,b\r1,nan\r");
  CHECK(e.line() == 2);
  e = parse_error_of("a,a\n1,2\n");
  CHECK(e.line() == 1);
  CHECK(std::string(e.what()).find("column 'a' appears twice") != std::string::npos);
  e = parse_error_of("a,,c\n1,2,3\n");
  CHECK(e.line() == 1);
  e = parse_error_of("a,b\n");
  CHECK(std::string(e.what()).find("no members") != std::string::npos);
  e = parse_error_of("");
  CHECK(std::string(e.what()).find("empty") != std::string::npos);
}

TEST_CASE("an unreadable member table file is a parse_error naming the path") {
  try {
    (void)ens::member_table::read_csv(std::string("/nonexistent/members.csv"));
    FAIL("no parse_error");
  } catch (const goaldrift::parse_error& e) {
    CHECK(e.source() == "/nonexistent/members.csv");
    CHECK(std::string(e.what()).find("cannot open the file") != std::string::npos);
  }
}

TEST_CASE("asking a member table for a column it lacks names the columns it has") {
  std::istringstream in("a,b\n1,2\n");
  const auto t = ens::member_table::read_csv(in, "members.csv");
  GD_CHECK_INVALID("goaldrift::ensemble::member_table", "column", "'c'", t.column("c"));
}

TEST_CASE("a member table built in memory refuses a row without one value per column") {
  const ens::member_table ok({"a", "b"}, {{1.0, 2.0}, {3.0, 4.0}});
  CHECK(ok.value(1, ok.column("b")) == 4.0);
  GD_CHECK_INVALID("goaldrift::ensemble::member_table", "rows[2]", "1",
                   ens::member_table({"a", "b"}, {{1.0, 2.0}, {3.0, 4.0}, {5.0}}));
  GD_CHECK_INVALID("goaldrift::ensemble::member_table", "rows[0]", "3",
                   ens::member_table({"a", "b"}, {{1.0, 2.0, 3.0}}));
}
