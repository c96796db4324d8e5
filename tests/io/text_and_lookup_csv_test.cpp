// Reading text as it comes (CR, LF, CRLF; strict numbers) and lookup tables from CSV, with the
// goaldrift exception family: every parse error names its source and its line as an editor
// counts it.
#include <doctest/doctest.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <goaldrift/error.hpp>
#include <goaldrift/io/lookup_csv.hpp>
#include <goaldrift/io/text.hpp>

namespace gd = goaldrift;
namespace io = goaldrift::io;

namespace {

struct numbered {
  std::size_t number;
  std::string text;
  bool operator==(const numbered& o) const { return number == o.number && text == o.text; }
};

std::vector<numbered> lines_of(std::string_view text) {
  std::vector<numbered> out;
  for (const auto& l : io::split_lines(text)) out.push_back({l.number, std::string(l.text)});
  return out;
}

std::vector<std::string> fields_of(std::string_view line, char sep) {
  std::vector<std::string> out;
  for (auto f : io::split_fields(line, sep)) out.emplace_back(f);
  return out;
}

gd::sd::lookup read(const std::string& text, const std::string& source = "table.csv") {
  std::istringstream in(text);
  return io::read_lookup_csv(in, source);
}

/// The parse_error that reading `text` throws, or nothing.
std::optional<gd::parse_error> parse_failure(const std::string& text,
                                             const std::string& source = "table.csv") {
  try {
    (void)read(text, source);
  } catch (const gd::parse_error& e) {
    return e;
  }
  return std::nullopt;
}

bool contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

/// A file path of our own under the system's temporary directory, removed at the end.
struct temp_file {
  std::filesystem::path path;
  explicit temp_file(const std::string& stem) {
    const auto tag = std::chrono::steady_clock::now().time_since_epoch().count();
    path = std::filesystem::temp_directory_path() /
           ("goaldrift_io_test_" + stem + "_" + std::to_string(tag) + ".csv");
  }
  ~temp_file() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// error.hpp

TEST_CASE("error: invalid_parameter reads '<component>: <parameter> <requirement>, got <value>'") {
  const gd::invalid_parameter e("goaldrift::goal::floating", "adjustment_time",
                                "must be positive and finite", -3.0);
  CHECK(std::string(e.what()) ==
        "goaldrift::goal::floating: adjustment_time must be positive and finite, got -3");
  CHECK(e.component() == "goaldrift::goal::floating");
  CHECK(e.parameter() == "adjustment_time");
  CHECK(e.value() == "-3");

  // Doubles are written as the shortest text that reads back: 0.1, not 0.1000000000000000055.
  CHECK(gd::invalid_parameter("c", "p", "r", 0.1).value() == "0.1");
  CHECK(gd::invalid_parameter("c", "p", "r", 2.5e-12).value() == "2.5e-12");
  CHECK(gd::invalid_parameter("c", "p", "r", std::nan("")).value() == "nan");
  CHECK(gd::invalid_parameter("c", "p", "r", -HUGE_VAL).value() == "-inf");
  // A value given as text is kept verbatim.
  const gd::invalid_parameter t("c", "points", "must hold at least 2 points", std::string("1"));
  CHECK(std::string(t.what()) == "c: points must hold at least 2 points, got 1");
  CHECK(t.value() == "1");
}

TEST_CASE("error: parse_error names the source and the line, and leaves out line 0") {
  const gd::parse_error e("goaldrift::io::read_lookup_csv", "pressure.csv", 7, "expected x,y");
  CHECK(std::string(e.what()) == "goaldrift::io::read_lookup_csv: pressure.csv:7: expected x,y");
  CHECK(e.source() == "pressure.csv");
  CHECK(e.line() == 7u);

  const gd::parse_error whole("comp", "f.csv", 0, "too short");
  CHECK(std::string(whole.what()) == "comp: f.csv: too short");
  CHECK(whole.line() == 0u);
}

TEST_CASE("error: every goaldrift exception is a goaldrift::error and a std::runtime_error") {
  CHECK(std::is_base_of_v<std::runtime_error, gd::error>);
  CHECK(std::is_base_of_v<gd::error, gd::invalid_parameter>);
  CHECK(std::is_base_of_v<gd::error, gd::parse_error>);
  CHECK(std::is_base_of_v<gd::error, gd::integration_error>);
  CHECK_THROWS_AS(throw gd::parse_error("c", "s", 1, "w"), gd::error);
  CHECK_THROWS_AS(throw gd::invalid_parameter("c", "p", "r", 1.0), std::runtime_error);

  const gd::integration_error ie("stock", 2.5, "state became NaN");
  CHECK(std::string(ie.what()) ==
        "goaldrift::simulate: state became NaN (variable 'stock' at t = 2.5)");
  CHECK(ie.variable() == "stock");
  CHECK(ie.time() == 2.5);
}

// ---------------------------------------------------------------------------------------------
// split_lines, trim, split_fields

TEST_CASE("io::split_lines splits at LF, CRLF and lone CR, numbering lines from 1") {
  CHECK(lines_of("a\nb\nc") == std::vector<numbered>{{1, "a"}, {2, "b"}, {3, "c"}});
  CHECK(lines_of("a\r\nb\r\nc") == std::vector<numbered>{{1, "a"}, {2, "b"}, {3, "c"}});
  CHECK(lines_of("a\rb\rc") == std::vector<numbered>{{1, "a"}, {2, "b"}, {3, "c"}});
  // Mixed endings: each of "\r\n", "\n", "\r" ends exactly one line.
  CHECK(lines_of("a\r\nb\nc\rd") ==
        std::vector<numbered>{{1, "a"}, {2, "b"}, {3, "c"}, {4, "d"}});
  // A CR is not part of the line's text.
  for (const auto& l : io::split_lines("x,y\r\n1,2\r\n")) {
    CHECK(l.text.find('\r') == std::string_view::npos);
  }
}

TEST_CASE("io::split_lines keeps empty lines and counts them as an editor does") {
  // "a", "", "b": two line ends in a row are an empty line between them.
  CHECK(lines_of("a\n\nb") == std::vector<numbered>{{1, "a"}, {2, ""}, {3, "b"}});
  CHECK(lines_of("a\r\n\r\nb") == std::vector<numbered>{{1, "a"}, {2, ""}, {3, "b"}});
  CHECK(lines_of("a\r\rb") == std::vector<numbered>{{1, "a"}, {2, ""}, {3, "b"}});
  // "\n\r" is LF then a lone CR: two line ends (an editor shows an empty line 2).
  CHECK(lines_of("a\n\rb") == std::vector<numbered>{{1, "a"}, {2, ""}, {3, "b"}});
  // "\r\r\n" is a lone CR then CRLF: also two line ends.
  CHECK(lines_of("a\r\r\nb") == std::vector<numbered>{{1, "a"}, {2, ""}, {3, "b"}});
  // A final line end does not start another line; text after the last one is a line.
  CHECK(lines_of("a\n") == std::vector<numbered>{{1, "a"}});
  CHECK(lines_of("a\r\n") == std::vector<numbered>{{1, "a"}});
  CHECK(lines_of("a\r") == std::vector<numbered>{{1, "a"}});
  CHECK(lines_of("\n") == std::vector<numbered>{{1, ""}});
  CHECK(lines_of("\n\n") == std::vector<numbered>{{1, ""}, {2, ""}});
  CHECK(lines_of("\r\n\r\n") == std::vector<numbered>{{1, ""}, {2, ""}});
  CHECK(lines_of("").empty());
  CHECK(lines_of("single") == std::vector<numbered>{{1, "single"}});
}

TEST_CASE("io::trim removes spaces, tabs and a UTF-8 byte-order mark, nothing else") {
  CHECK(io::trim("  a b \t") == "a b");
  CHECK(io::trim("\t\tx") == "x");
  CHECK(io::trim("x") == "x");
  CHECK(io::trim("") == "");
  CHECK(io::trim(" \t ") == "");
  CHECK(io::trim("\xEF\xBB\xBF" "time,value") == "time,value");
  CHECK(io::trim("\xEF\xBB\xBF" "  1,2 ") == "1,2");
  CHECK(io::trim("a\r") == "a\r");  // a CR is a line end, not for trim to remove
  CHECK(io::trim("x\n") == "x\n");
}

TEST_CASE("io::split_fields splits at every separator, keeping empty fields") {
  CHECK(fields_of("a,b,c", ',') == std::vector<std::string>{"a", "b", "c"});
  CHECK(fields_of("1,2", ',') == std::vector<std::string>{"1", "2"});
  CHECK(fields_of("", ',') == std::vector<std::string>{""});
  CHECK(fields_of("a,", ',') == std::vector<std::string>{"a", ""});
  CHECK(fields_of(",a", ',') == std::vector<std::string>{"", "a"});
  CHECK(fields_of(",,", ',') == std::vector<std::string>{"", "", ""});
  CHECK(fields_of(" a , b ", ',') == std::vector<std::string>{" a ", " b "});  // no trimming
  CHECK(fields_of("a\tb", '\t') == std::vector<std::string>{"a", "b"});
  CHECK(fields_of("a;b,c", ';') == std::vector<std::string>{"a", "b,c"});
  CHECK(fields_of("\"a,b\"", ',') == std::vector<std::string>{"\"a", "b\""});  // no quoting
}

// ---------------------------------------------------------------------------------------------
// parse_number

TEST_CASE("io::parse_number accepts exactly spelled numbers with surrounding spaces") {
  CHECK(io::parse_number("1e3") == 1000.0);
  CHECK(io::parse_number(" -0.5 ") == -0.5);
  CHECK(io::parse_number("+2") == 2.0);
  CHECK(io::parse_number("\t42\t") == 42.0);
  CHECK(io::parse_number("0") == 0.0);
  CHECK(io::parse_number("3.25") == 3.25);
  CHECK(io::parse_number("-1.5E-2") == -0.015);
  CHECK(io::parse_number(".5") == 0.5);
  CHECK(io::parse_number("0.1") == 0.1);  // correctly rounded, like the compiler's literal
  CHECK(io::parse_number(" +7.5e1") == 75.0);
  // nan and inf spell numbers; read_lookup_csv refuses them itself as non-finite.
  const auto n = io::parse_number("nan");
  REQUIRE(n.has_value());
  CHECK(std::isnan(*n));
  CHECK(io::parse_number("-inf") == -HUGE_VAL);
}

TEST_CASE("io::parse_number rejects anything that is not exactly one number") {
  for (const char* bad : {"", " ", "1,5", "12abc", "0x10", "abc", "1 2", "1e", "-", "+", "++2",
                          "+ 2", "1.2.3", "--1", "1e3x", "x1"}) {
    CAPTURE(std::string(bad));
    CHECK(!io::parse_number(bad).has_value());
  }
}

// Regression: parse_number once dropped a leading '+' and handed the rest to std::from_chars,
// which takes its own '-', so "+-2" read as -2 although it does not spell a number.
TEST_CASE("io::parse_number rejects a second sign after '+' (+-2 once read as -2)") {
  CHECK(!io::parse_number("+-2").has_value());
  CHECK(!io::parse_number("+-inf").has_value());
}

// ---------------------------------------------------------------------------------------------
// read_lookup_csv: what it reads

TEST_CASE("io::read_lookup_csv reads x,y lines with a header line") {
  const auto f = read("time,pressure\n0,1\n10,3\n20,2\n");
  CHECK(f.xs() == std::vector<double>{0.0, 10.0, 20.0});
  CHECK(f.ys() == std::vector<double>{1.0, 3.0, 2.0});
  CHECK(f.value(5.0) == 2.0);  // halfway from 1 to 3
}

TEST_CASE("io::read_lookup_csv reads x,y lines without a header, keeping the first point") {
  const auto f = read("0,1\n10,3\n20,2");
  CHECK(f.xs() == std::vector<double>{0.0, 10.0, 20.0});
  CHECK(f.ys() == std::vector<double>{1.0, 3.0, 2.0});
  // A byte-order mark does not turn the first data line into a header.
  const auto g = read("\xEF\xBB\xBF" "0,1\n10,3\n");
  CHECK(g.xs() == std::vector<double>{0.0, 10.0});
}

TEST_CASE("io::read_lookup_csv accepts CR-only, CRLF and mixed line endings") {
  const auto cr = read("x,y\r0,0\r1,10\r2,5\r");
  CHECK(cr.xs() == std::vector<double>{0.0, 1.0, 2.0});
  CHECK(cr.ys() == std::vector<double>{0.0, 10.0, 5.0});
  const auto crlf = read("x,y\r\n0,0\r\n1,10\r\n2,5\r\n");
  CHECK(crlf.xs() == std::vector<double>{0.0, 1.0, 2.0});
  CHECK(crlf.ys() == std::vector<double>{0.0, 10.0, 5.0});
  const auto mixed = read("0,0\r\n1,10\r2,5\n3,4");
  CHECK(mixed.xs() == std::vector<double>{0.0, 1.0, 2.0, 3.0});
  CHECK(mixed.ys() == std::vector<double>{0.0, 10.0, 5.0, 4.0});
}

TEST_CASE("io::read_lookup_csv skips blank lines and allows spaces around values") {
  const auto f = read("\n\n x , y \n\n 0 , -1.5 \n \t \n1e1,\t2e0\n\n");
  CHECK(f.xs() == std::vector<double>{0.0, 10.0});
  CHECK(f.ys() == std::vector<double>{-1.5, 2.0});
}

// ---------------------------------------------------------------------------------------------
// read_lookup_csv: what it refuses

TEST_CASE("io::read_lookup_csv: a malformed line after the header names its line") {
  {
    const auto e = parse_failure("x,y\n0,0\n1;1\n2,2\n");
    REQUIRE(e.has_value());
    CHECK(e->line() == 3u);
    CHECK(e->source() == "table.csv");
    const std::string what = e->what();
    CHECK(contains(what, "goaldrift::io::read_lookup_csv: table.csv:3: "));
    CHECK(contains(what, "'1;1'"));
  }
  {
    // CRLF endings and blank lines: line numbers are those an editor shows.
    const auto e = parse_failure("x,y\r\n\r\n0,0\r\n1,1\r\n1,2,3\r\n", "flows.csv");
    REQUIRE(e.has_value());
    CHECK(e->line() == 5u);
    CHECK(contains(e->what(), "flows.csv:5: "));
  }
  {
    // CR-only endings (old Mac files) count the same way.
    const auto e = parse_failure("x,y\r0,0\r\r1,abc\r", "mac.csv");
    REQUIRE(e.has_value());
    CHECK(e->line() == 4u);
    CHECK(contains(e->what(), "mac.csv:4: "));
  }
  {
    // Only the first non-blank line may be a header; a second non-numeric line is an error.
    const auto e = parse_failure("\n\nx,y\nunit,unit\n0,0\n1,1\n");
    REQUIRE(e.has_value());
    CHECK(e->line() == 4u);
  }
  {
    // A line with one field, or an empty field, is malformed too.
    const auto one = parse_failure("0,0\n1,1\n5\n");
    REQUIRE(one.has_value());
    CHECK(one->line() == 3u);
    const auto empty = parse_failure("0,0\n1,\n");
    REQUIRE(empty.has_value());
    CHECK(empty->line() == 2u);
  }
}

TEST_CASE("io::read_lookup_csv refuses non-finite values with their line") {
  {
    const auto e = parse_failure("x,y\n0,0\n1,nan\n2,2\n");
    REQUIRE(e.has_value());
    CHECK(e->line() == 3u);
    CHECK(contains(e->what(), "table.csv:3: "));
    CHECK(contains(e->what(), "finite"));
  }
  {
    // A NaN x on the first line is not mistaken for a header: it is a number, and refused.
    const auto e = parse_failure("nan,1\n0,0\n1,1\n");
    REQUIRE(e.has_value());
    CHECK(e->line() == 1u);
  }
  {
    const auto e = parse_failure("0,0\n1,1\n2,-inf\n");
    REQUIRE(e.has_value());
    CHECK(e->line() == 3u);
  }
  {
    const auto e = parse_failure("0,0\ninf,1\n");
    REQUIRE(e.has_value());
    CHECK(e->line() == 2u);
  }
}

TEST_CASE("io::read_lookup_csv refuses x values that do not increase") {
  {
    const auto e = parse_failure("x,y\n0,0\n2,1\n1,5\n");
    REQUIRE(e.has_value());
    CHECK(e->line() == 4u);
    CHECK(contains(e->what(), "table.csv:4: "));
    CHECK(contains(e->what(), "1 after 2"));
  }
  {
    // Equal x is not increasing either.
    const auto e = parse_failure("0,0\r\n\r\n3,1\r\n3,2\r\n");
    REQUIRE(e.has_value());
    CHECK(e->line() == 4u);
    CHECK(contains(e->what(), "3 after 3"));
  }
}

TEST_CASE("io::read_lookup_csv needs at least 2 points, an error of the whole source") {
  for (const std::string text : {"x,y\n0,1\n", "0,1", "x,y\n", "", "\n\n\r\n"}) {
    CAPTURE(text);
    const auto e = parse_failure(text, "short.csv");
    REQUIRE(e.has_value());
    CHECK(e->line() == 0u);
    CHECK(e->source() == "short.csv");
    CHECK(contains(e->what(), "goaldrift::io::read_lookup_csv: short.csv: "));
    CHECK(contains(e->what(), "at least 2 points"));
  }
  const auto one = parse_failure("x,y\n0,1\n");
  REQUIRE(one.has_value());
  CHECK(contains(one->what(), "found 1"));
}

TEST_CASE("io::read_lookup_csv names <stream> by default and refuses a stream in error") {
  std::istringstream in("0,0\n1,1\n1,2\n");
  try {
    (void)io::read_lookup_csv(in);
    FAIL("expected goaldrift::parse_error");
  } catch (const gd::parse_error& e) {
    CHECK(e.source() == "<stream>");
    CHECK(contains(e.what(), "<stream>:3: "));
  }

  // A stream already failed badly (a device error) is not read as if it were fine.
  std::istringstream bad("0,0\n1,1\n");
  bad.setstate(std::ios::badbit);
  try {
    (void)io::read_lookup_csv(bad, "device.csv");
    FAIL("expected goaldrift::parse_error");
  } catch (const gd::parse_error& e) {
    CHECK(e.source() == "device.csv");
    CHECK(e.line() == 0u);
  }
}

// ---------------------------------------------------------------------------------------------
// read_lookup_csv(path)

TEST_CASE("io::read_lookup_csv(path) reads a file and names it in errors") {
  temp_file good("good");
  {
    std::ofstream out(good.path, std::ios::binary);
    out << "time,pressure\r\n0,2\r\n\r\n4,6\r\n";
  }
  const auto f = io::read_lookup_csv(good.path.string());
  CHECK(f.xs() == std::vector<double>{0.0, 4.0});
  CHECK(f.ys() == std::vector<double>{2.0, 6.0});
  CHECK(f.value(1.0) == 3.0);

  temp_file broken("broken");
  {
    std::ofstream out(broken.path, std::ios::binary);
    out << "time,pressure\r\n0,2\r\n4,six\r\n";
  }
  try {
    (void)io::read_lookup_csv(broken.path.string());
    FAIL("expected goaldrift::parse_error");
  } catch (const gd::parse_error& e) {
    CHECK(e.source() == broken.path.string());
    CHECK(e.line() == 3u);
    CHECK(contains(e.what(), broken.path.string() + ":3: "));
  }
}

TEST_CASE("io::read_lookup_csv(path) throws parse_error for a file that cannot be opened") {
  const auto missing = (std::filesystem::temp_directory_path() /
                        "goaldrift_io_test_no_such_directory" / "nothing_here.csv")
                           .string();
  try {
    (void)io::read_lookup_csv(missing);
    FAIL("expected goaldrift::parse_error");
  } catch (const gd::parse_error& e) {
    CHECK(e.source() == missing);
    CHECK(e.line() == 0u);
    CHECK(contains(e.what(), "goaldrift::io::read_lookup_csv: " + missing + ": "));
    CHECK(contains(e.what(), "cannot open"));
  }
}

// Regression: a directory opens as an ifstream on Linux, and reading it makes libstdc++'s
// filebuf throw std::ios_base::failure ("basic_filebuf::underflow error reading the file: Is a
// directory"), which once escaped as a non-goaldrift exception. User data that cannot be read
// is a goaldrift::parse_error naming the path, as error.hpp promises.
TEST_CASE("io::read_lookup_csv(path) throws parse_error for a directory (std::ios_base::failure "
          "once escaped)") {
  const auto dir = std::filesystem::temp_directory_path().string();
  bool got_parse_error = false;
  try {
    (void)io::read_lookup_csv(dir);
  } catch (const gd::parse_error& e) {
    got_parse_error = true;
    CHECK(e.source() == dir);
    CHECK(e.line() == 0u);
    CHECK(contains(e.what(), "goaldrift::io::read_lookup_csv: " + dir + ": "));
  } catch (const std::exception& e) {
    MESSAGE("read_lookup_csv(directory) threw a non-goaldrift exception: "
            << std::string(e.what()));
  }
  CHECK(got_parse_error);
}

TEST_CASE("io::read_lookup_csv reports a malformed first data line instead of taking it as a header") {
  // "0;1" starts like a number, so it is data with the wrong separator, not a header.
  std::istringstream semicolons("0;1\n1;2\n");
  try {
    (void)goaldrift::io::read_lookup_csv(semicolons, "semicolons.csv");
    FAIL("no parse_error");
  } catch (const goaldrift::parse_error& e) {
    CHECK(e.line() == 1);
    CHECK(std::string(e.what()).find("semicolons.csv:1") != std::string::npos);
  }
  std::istringstream huge("1e400,2\n3,4\n");
  CHECK_THROWS_AS((void)goaldrift::io::read_lookup_csv(huge, "huge.csv"), goaldrift::parse_error);
}

// ---------------------------------------------------------------------------------------------
// quote_excerpt and csv_reader

TEST_CASE("io::quote_excerpt quotes short text whole and cuts long text, saying how long it was") {
  CHECK(io::quote_excerpt("abc") == "'abc'");
  CHECK(io::quote_excerpt("") == "''");
  CHECK(io::quote_excerpt("a\nb\r\tc\x01") == "'a\\nb\\r\\tc\\x01'");
  const std::string long_text(1000, 'z');
  CHECK(io::quote_excerpt(long_text) == "'" + std::string(80, 'z') + "...' (1000 bytes)");
  CHECK(io::quote_excerpt(long_text, 10) == "'" + std::string(10, 'z') + "...' (1000 bytes)");
  // A cut never ends inside a UTF-8 character ("é" is two bytes).
  std::string accents;
  for (int i = 0; i < 100; ++i) accents += "\xC3\xA9";
  const auto cut = io::quote_excerpt("a" + accents);
  CHECK(cut.rfind("'a" + accents.substr(0, 78) + "...'", 0) == 0);
}

namespace {
std::vector<std::vector<std::string>> records_of(std::string_view text) {
  io::csv_reader reader(text, ',', "test", "t.csv");
  io::csv_record r;
  std::vector<std::vector<std::string>> out;
  while (reader.next(r)) {
    out.emplace_back();
    for (const auto& f : r.fields) out.back().push_back(f.text);
  }
  return out;
}

std::optional<gd::parse_error> csv_failure(std::string_view text) {
  try {
    (void)records_of(text);
  } catch (const gd::parse_error& e) {
    return e;
  }
  return std::nullopt;
}
}  // namespace

TEST_CASE("io::csv_reader reads RFC 4180 quoting: separators, line ends and \"\" inside quotes") {
  using rows = std::vector<std::vector<std::string>>;
  CHECK(records_of("a,b\n1,2\n") == rows{{"a", "b"}, {"1", "2"}});
  CHECK(records_of("\"a,b\",c") == rows{{"a,b", "c"}});
  CHECK(records_of("\"say \"\"hi\"\"\",\"\"") == rows{{"say \"hi\"", ""}});
  CHECK(records_of("\"two\nlines\",x\r\ny") == rows{{"two\nlines", "x"}, {"y"}});
  // Spaces around fields are trimmed outside quotes and kept inside them; blank lines are skipped.
  CHECK(records_of(" a , \" b \" \n\n  \r\n,") == rows{{"a", " b "}, {"", ""}});
  // A byte-order mark before a quoted first field, and a quote inside an unquoted field.
  CHECK(records_of("\xEF\xBB\xBF\"a\",b\"c") == rows{{"a", "b\"c"}});
  CHECK(records_of("").empty());
}

TEST_CASE("io::csv_reader numbers records and fields by the lines they start on") {
  io::csv_reader reader("\"a\rb\",c\r\n\n\"d\n\ne\",\"f\"\n", ',', "test", "t.csv");
  io::csv_record r;
  REQUIRE(reader.next(r));
  CHECK(r.line == 1);
  CHECK(r.raw == "\"a\rb\",c");
  REQUIRE(reader.next(r));
  CHECK(r.line == 4);
  CHECK(r.fields[1].line == 6);
  CHECK(!reader.next(r));
}

TEST_CASE("io::csv_reader refuses an unclosed quote and text after a closing quote, with the line") {
  auto e = csv_failure("a\n\"b,c\nd\n");
  REQUIRE(e.has_value());
  CHECK(e->line() == 2u);
  CHECK(contains(e->what(), "test: t.csv:2: the quoted field that starts here is never closed"));
  e = csv_failure("a\n\"b\nc\" d\n");
  REQUIRE(e.has_value());
  CHECK(e->line() == 3u);
  CHECK(contains(e->what(), "'d' follows it"));
}

// ---------------------------------------------------------------------------------------------
// Regressions: read_lookup_csv and CSV as R and pandas write it, and bounded messages.

// R's write.csv quotes the header and writes a first column of row names headed "", and
// pandas writes its index the same way unquoted; the row names were read as a third value.
TEST_CASE("io::read_lookup_csv reads R write.csv and pandas output with row names (they were refused)") {
  for (const std::string text : {"\"\",\"time\",\"pressure\"\n\"1\",0,1\n\"2\",10,3\n",
                                 ",time,pressure\r\n0,0,1\r\n1,10,3\r\n"}) {
    CAPTURE(text);
    const auto f = read(text);
    CHECK(f.xs() == std::vector<double>{0.0, 10.0});
    CHECK(f.ys() == std::vector<double>{1.0, 3.0});
  }
  const auto e = parse_failure("\"\",\"x\",\"y\"\n\"1\",0,1\n1,2\n");
  REQUIRE(e.has_value());
  CHECK(e->line() == 3u);
  CHECK(contains(e->what(), "expected two numbers 'x,y' after a row name, got '1,2'"));
}

TEST_CASE("io::read_lookup_csv reads quoted fields: quoted numbers and a comma in a header name (were refused)") {
  const auto f = read("\"x\",\"y\"\n\"0\",\"1\"\n\"10\",\"3\"\n");
  CHECK(f.xs() == std::vector<double>{0.0, 10.0});
  CHECK(f.ys() == std::vector<double>{1.0, 3.0});
  const auto g = read("\"time, weeks\",\"pressure \"\"felt\"\"\"\n0,1\n1,2\n");
  CHECK(g.xs() == std::vector<double>{0.0, 1.0});
}

TEST_CASE("io::read_lookup_csv refuses an unterminated quote, naming its line (it was read as a header)") {
  auto e = parse_failure("\"x,y\n0,1\n1,2\n");
  REQUIRE(e.has_value());
  CHECK(e->line() == 1u);
  CHECK(contains(e->what(), "table.csv:1: the quoted field that starts here is never closed"));
  // A quoted field spanning lines keeps later line numbers right.
  e = parse_failure("\"time\nin weeks\",y\n0,1\n1,abc\n");
  REQUIRE(e.has_value());
  CHECK(e->line() == 4u);
}

TEST_CASE("io::read_lookup_csv quotes at most about 80 characters of a 10 MB line (the whole was copied)") {
  const std::string huge(10 * 1024 * 1024, '7');
  for (const std::string& text : {"0,0\n1,1\n" + huge + "\n", "0,0\n1,1\n2," + huge + "x\n", "0,0\n" + huge + ",nan\n"}) {
    const auto e = parse_failure(text);
    REQUIRE(e.has_value());
    const std::string what = e->what();
    CHECK(what.size() < 300);
    CHECK(contains(what, "...' (1048"));
  }
}
