// Member tables from CSV: one row per member, errors with the line number.
#include <doctest/doctest.h>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

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

// ---------------------------------------------------------------------------------------------
// Regressions: CSV as R, pandas and spreadsheets write it (RFC 4180), and bounded messages.

namespace {
ens::member_table read_text(const std::string& text) {
  std::istringstream in(text);
  return ens::member_table::read_csv(in, "members.csv");
}
}  // namespace

// R's write.csv quotes every name and writes a first column of quoted row names headed "";
// the reader kept the quotes in the names and refused the unnamed column.
TEST_CASE("a member table reads R's write.csv output, skipping its row names (quotes were kept, \"\" refused)") {
  const auto t = read_text("\"\",\"action_time\",\"goal_time\"\n\"1\",4,12\n\"2\",3.5,8\n");
  REQUIRE(t.rows() == 2);
  CHECK(t.columns() == std::vector<std::string>{"action_time", "goal_time"});
  CHECK(t.value(0, t.column("action_time")) == 4.0);
  CHECK(t.value(1, t.column("goal_time")) == 8.0);
  // Row names need not be numbers (write.csv of a data frame with named rows), CRLF as on Windows.
  const auto named = read_text("\"\",\"a\"\r\n\"low\",1\r\n\"high\",2\r\n");
  CHECK(named.columns() == std::vector<std::string>{"a"});
  CHECK(named.value(1, 0) == 2.0);
  // A row without its row name is one value short, and the message says why.
  std::istringstream short_row("\"\",\"a\",\"b\"\n\"1\",1,2\n3,4\n");
  try {
    (void)ens::member_table::read_csv(short_row, "members.csv");
    FAIL("no parse_error");
  } catch (const goaldrift::parse_error& e) {
    CHECK(e.line() == 3);
    CHECK(std::string(e.what()).find("expected 3 values (a row name and 2 numbers), got 2") != std::string::npos);
  }
}

// pandas' to_csv writes its index as an unnamed first column, and with quoting=QUOTE_NONNUMERIC
// or QUOTE_ALL it quotes the header (and with QUOTE_ALL the numbers too).
TEST_CASE("a member table reads pandas to_csv output with a quoted header (quotes were kept)") {
  for (const std::string text :
       {"\"action_time\",\"goal_time\"\n4.0,12.0\n3.5,8.0\n", "\"\",\"action_time\",\"goal_time\"\n0,4.0,12.0\n1,3.5,8.0\n",
        "\"\",\"action_time\",\"goal_time\"\n\"0\",\"4.0\",\"12.0\"\n\"1\",\"3.5\",\"8.0\"\n",
        ",action_time,goal_time\n0,4.0,12.0\n1,3.5,8.0\n"}) {
    CAPTURE(text);
    const auto t = read_text(text);
    REQUIRE(t.rows() == 2);
    CHECK(t.columns() == std::vector<std::string>{"action_time", "goal_time"});
    CHECK(t.value(0, t.column("goal_time")) == 12.0);
    CHECK(t.value(1, t.column("action_time")) == 3.5);
  }
}

TEST_CASE("a member table header name may hold a comma inside quotes (it was split in two)") {
  const auto t = read_text("\"delay, in weeks\",b\n1,2\n3,4\n");
  CHECK(t.columns() == std::vector<std::string>{"delay, in weeks", "b"});
  CHECK(t.value(1, t.column("delay, in weeks")) == 3.0);
}

TEST_CASE("a member table reads a quote written twice inside quotes as one quote (\"\" was kept)") {
  const auto t = read_text("\"the \"\"real\"\" goal\",\"\"\"\"\n1,2\n");
  CHECK(t.columns() == std::vector<std::string>{"the \"real\" goal", "\""});
  CHECK(t.value(0, t.column("\"")) == 2.0);
}

TEST_CASE("a quoted name spanning lines keeps the line numbers of later errors right (they were off)") {
  // The header takes lines 1 and 2, so the bad value is on line 4 as an editor shows it.
  auto e = parse_error_of("\"goal\ntime\",b\n1,2\n3,x\n");
  CHECK(e.line() == 4);
  CHECK(std::string(e.what()).find("members.csv:4: column 'b' needs a finite number, got 'x'") != std::string::npos);
  e = parse_error_of("\"goal\r\ntime\",b\r\n1,2\r\n\r\n3,x\r\n");
  CHECK(e.line() == 5);
  const auto t = read_text("\"goal\r\ntime\",b\r\n1,2\r\n");
  CHECK(t.columns() == std::vector<std::string>{"goal\r\ntime", "b"});
}

TEST_CASE("an unterminated quote is a parse_error naming the line it opens on (it was read as text)") {
  auto e = parse_error_of("\"a,b\n1,2\n");
  CHECK(e.line() == 1);
  CHECK(std::string(e.what()).find("never closed") != std::string::npos);
  e = parse_error_of("a,b\n1,2\n\"3,4\n5,6\n");
  CHECK(e.line() == 3);
  CHECK(std::string(e.what()).find("members.csv:3: the quoted field that starts here is never closed") !=
        std::string::npos);
  // Text after a closing quote is refused too, on the line of the closing quote.
  e = parse_error_of("\"a\"b,c\n1,2\n");
  CHECK(e.line() == 1);
  CHECK(std::string(e.what()).find("'b' follows it") != std::string::npos);
}

TEST_CASE("a parse error quotes at most about 80 characters of a 10 MB field (the whole was copied)") {
  const std::string huge(10 * 1024 * 1024, 'x');
  auto e = parse_error_of("a,b\n1," + huge + "\n");
  std::string what = e.what();
  CHECK(e.line() == 2);
  CHECK(what.size() < 300);
  CHECK(what.find("column 'b' needs a finite number, got 'xxxx") != std::string::npos);
  CHECK(what.find("...' (10485760 bytes)") != std::string::npos);
  // A 10 MB column name that appears twice, and a 10 MB row that is a value short.
  e = parse_error_of(huge + "," + huge + "\n1,2\n");
  CHECK(std::string(e.what()).size() < 300);
  e = parse_error_of("a,b\n" + huge + "\n");
  CHECK(std::string(e.what()).size() < 300);
}

TEST_CASE("a member table built in memory refuses NaN and infinity, naming the row and the column (they were kept)") {
  GD_CHECK_INVALID("goaldrift::ensemble::member_table", "rows[1]", "nan",
                   ens::member_table({"a", "b"}, {{1.0, 2.0}, {3.0, std::nan("")}}));
  GD_CHECK_INVALID("goaldrift::ensemble::member_table", "rows[0]", "-inf",
                   ens::member_table({"a", "b"}, {{-HUGE_VAL, 2.0}}));
  const auto e = support::catch_invalid([] { (void)ens::member_table({"a", "b"}, {{1.0, 2.0}, {3.0, std::nan("")}}); });
  REQUIRE(e.has_value());
  CHECK(std::string(e->what()) ==
        "goaldrift::ensemble::member_table: rows[1] must hold a finite number in column 'b', got nan");
  // Columns need names of their own, or column() would find only the first of two.
  GD_CHECK_INVALID("goaldrift::ensemble::member_table", "columns[1]", "'a'",
                   ens::member_table({"a", "a"}, {{1.0, 2.0}}));
  GD_CHECK_INVALID("goaldrift::ensemble::member_table", "columns[0]", "''", ens::member_table({""}, {{1.0}}));
}

TEST_CASE("a missing column's message lists the columns and the closest name (it gave no suggestion)") {
  const auto t = read_text("\"\",\"action_time\",\"goal_time\"\n\"1\",4,12\n");
  auto e = support::catch_invalid([&] { (void)t.column("acton_time"); });
  REQUIRE(e.has_value());
  CHECK(std::string(e->what()) ==
        "goaldrift::ensemble::member_table: column must name one of the 2 columns of 'members.csv' "
        "('action_time', 'goal_time'); the closest is 'action_time', got 'acton_time'");
  // Letter case does not count against a name.
  e = support::catch_invalid([&] { (void)t.column("Goal_Time"); });
  REQUIRE(e.has_value());
  CHECK(std::string(e->what()).find("the closest is 'goal_time'") != std::string::npos);
  // A name unlike every column gets the list and no guess.
  e = support::catch_invalid([&] { (void)t.column("noise"); });
  REQUIRE(e.has_value());
  CHECK(std::string(e->what()).find("closest") == std::string::npos);
  CHECK(std::string(e->what()).find("('action_time', 'goal_time')") != std::string::npos);
  // Thousands of columns are not all listed, and a 10 MB name is not copied.
  std::vector<std::string> many;
  for (int i = 0; i < 1000; ++i) many.push_back("p" + std::to_string(i));
  const ens::member_table wide(many, {std::vector<double>(1000, 1.0)});
  e = support::catch_invalid([&] { (void)wide.column(std::string(10 * 1024 * 1024, 'q')); });
  REQUIRE(e.has_value());
  CHECK(std::string(e->what()).size() < 600);
  CHECK(std::string(e->what()).find("and 980 more") != std::string::npos);
}
