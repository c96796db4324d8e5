// docs/parameters.md is generated from the parts' own lists (visit_parameters), so the table a
// modeller reads is the table the code walks: this test regenerates it and compares. Run the
// test with GOALDRIFT_UPDATE_DOCS=1 to rewrite the file after changing a list.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <goaldrift/goaldrift.hpp>
#include <goaldrift/noise.hpp>
#include <goaldrift/parameters.hpp>
#include <goaldrift/simd/pack.hpp>

namespace gd = goaldrift;

namespace {

using pack2 = gd::simd::pack<2>;

struct row {
  std::string path, meaning, unit;
  bool integer, optional, per_member;
};

// The part over double and over a pack: a value that is a plain double (or a count) in the
// pack version is one value for all lanes.
template <class Make>
std::vector<row> rows_of(const Make& make) {
  const auto scalar = gd::parameter_list(make(0.0));
  const auto packed = gd::parameter_list(make(pack2(0.0)));
  REQUIRE(scalar.size() == packed.size());
  std::vector<row> out;
  for (std::size_t i = 0; i < scalar.size(); ++i) {
    REQUIRE(scalar[i].path == packed[i].path);
    bool per_member = true;
    const auto pack_part = make(pack2(0.0));
    gd::detail::apply_parameter(pack_part, i, [&](const auto& value) {
      per_member = gd::detail::parameter_slot<std::decay_t<decltype(value)>>::lanes == 2;
    });
    out.push_back({scalar[i].path, scalar[i].meaning, scalar[i].unit, scalar[i].integer, scalar[i].optional, per_member});
  }
  return out;
}

struct entry {
  std::string family, part, shown_with;
  std::function<std::vector<row>()> rows;
};

template <class Make>
entry part(std::string family, std::string name, std::string shown_with, Make make) {
  return {std::move(family), std::move(name), std::move(shown_with), [make] { return rows_of(make); }};
}

std::vector<entry> built_in_parts() {
  namespace s = gd::state;
  namespace p = gd::perception;
  namespace g = gd::goal;
  namespace in = gd::input;
  namespace n = gd::noise;
  const auto gap_effect = [] { return gd::sd::lookup{{-1.0, -1.0}, {0.0, 0.0}, {1.0, 1.0}}; };
  return {
      part("state", "state::actual", "with proportional action",
           [](auto z) { using T = decltype(z); return s::actual(T(100.0), T(4.0)); }),
      part("state", "state::disturbed", "around state::actual and noise::white",
           [](auto z) {
             using T = decltype(z);
             return s::disturbed(s::actual(T(100.0), T(4.0)), T(1.0), T(2.0), n::white("w", T(0.0), T(1.0), 1.0));
           }),
      part("corrective action", "state::proportional", "", [](auto z) { using T = decltype(z); return s::proportional(T(4.0)); }),
      part("corrective action", "state::capacity_limited", "",
           [](auto z) { using T = decltype(z); return s::capacity_limited(T(4.0), T(2.0)); }),
      part("corrective action", "state::lookup_shaped", "(the lookup table is not a parameter)",
           [gap_effect](auto z) { using T = decltype(z); return s::lookup_shaped(T(4.0), gap_effect()); }),
      part("perception", "perception::instant", "", [](auto z) { return p::instant<decltype(z)>{}; }),
      part("perception", "perception::smooth", "", [](auto z) { using T = decltype(z); return p::smooth(T(3.0)); }),
      part("perception", "perception::smooth3", "", [](auto z) { using T = decltype(z); return p::smooth3(T(3.0)); }),
      part("perception", "perception::smooth_n", "", [](auto z) { using T = decltype(z); return p::smooth_n<4, T>(T(3.0), 2); }),
      part("perception", "perception::asymmetric", "",
           [](auto z) { using T = decltype(z); return p::asymmetric(T(1.0), T(6.0)); }),
      part("perception", "perception::reporting_delay", "",
           [](auto z) { return p::reporting_delay<decltype(z)>(2.0); }),
      part("perception", "perception::distorted", "around perception::smooth, with constant bias and offset",
           [](auto z) {
             using T = decltype(z);
             return p::distorted(p::smooth(T(3.0)), in::constant<T>(T(0.1)), in::constant<T>(T(0.0)));
           }),
      part("perception", "perception::fused", "two channels of perception::smooth",
           [](auto z) {
             using T = decltype(z);
             return p::fused(p::make_channel("front", T(0.5), p::smooth(T(1.0))),
                             p::make_channel("top", T(0.5), p::smooth(T(6.0))));
           }),
      part("goal", "goal::absolute", "", [](auto z) { using T = decltype(z); return g::absolute(T(100.0)); }),
      part("goal", "goal::floating", "following the perceived state",
           [](auto z) { using T = decltype(z); return g::floating(T(100.0), T(12.0)); }),
      part("goal", "goal::slip_only", "following the perceived state",
           [](auto z) { using T = decltype(z); return g::slip_only(T(100.0), T(12.0)); }),
      part("goal", "goal::best_past", "following the perceived state",
           [](auto z) { using T = decltype(z); return g::best_past(T(100.0), T(4.0)); }),
      part("goal", "goal::alarm_modulated", "following the perceived state (the alarm table is not a parameter)",
           [](auto z) { using T = decltype(z); return g::alarm_modulated(T(100.0), T(12.0), g::alarm_curve(0.05, 0.2)); }),
      part("goal", "goal::blended", "", [](auto z) { using T = decltype(z); return g::blended(T(100.0), T(0.5), T(12.0)); }),
      part("performance signal", "goal::perceived", "", [](auto z) { return g::perceived<decltype(z)>{}; }),
      part("performance signal", "goal::remembered", "",
           [](auto z) { using T = decltype(z); return g::remembered(T(2.0), T(8.0)); }),
      part("input", "input::constant", "", [](auto z) { using T = decltype(z); return in::constant<T>(T(1.0)); }),
      part("input", "input::step", "", [](auto z) { using T = decltype(z); return in::step<T>(T(1.0), 5.0); }),
      part("input", "input::ramp", "", [](auto z) { using T = decltype(z); return in::ramp<T>(T(1.0), 5.0); }),
      part("input", "input::pulse", "", [](auto z) { using T = decltype(z); return in::pulse<T>(5.0, 1.0, T(2.0)); }),
      part("input", "input::sine_wave", "",
           [](auto z) { using T = decltype(z); return in::sine_wave<T>(T(0.5), T(2.0), 12.0); }),
      part("input", "input::pulse_train", "",
           [](auto z) { using T = decltype(z); return in::pulse_train<T>(5.0, 1.0, 4.0, 20.0, T(2.0)); }),
      part("input", "input::table", "(the points are not parameters)",
           [](auto z) { return in::table<decltype(z)>({{0.0, 0.0}, {10.0, 1.0}}); }),
      part("input", "input::combined", "(a + b, a - b, a * b) of two constants",
           [](auto z) { using T = decltype(z); return in::constant<T>(T(1.0)) + in::constant<T>(T(2.0)); }),
      part("input", "input::negated", "(-a) of a constant", [](auto z) { using T = decltype(z); return -in::constant<T>(T(1.0)); }),
      part("noise", "noise::white", "", [](auto z) { using T = decltype(z); return n::white("w", T(0.0), T(1.0), 1.0); }),
      part("noise", "noise::pink", "", [](auto z) { using T = decltype(z); return n::pink("p", T(0.0), T(1.0), 4.0, 1.0); }),
  };
}

std::string generate() {
  std::ostringstream out;
  out << "# Parameters of the built-in parts\n\n"
         "<!-- Generated by tests/docs/parameter_table_test.cpp from the parts' visit_parameters;\n"
         "     regenerate with GOALDRIFT_UPDATE_DOCS=1 build/tests/goaldrift_tests -tc='docs.parameter table*'. -->\n\n"
         "A model lists each part's parameters under the part's place in it: `state.`, `perception.`,\n"
         "`goal.`, `pressure.` (so `goal.adjustment_time`, `goal.signal.good_news_time`). Nested parts add\n"
         "their name (`signal.`, `noise.`, `bias.`, `channels[i].`, `left.`, `right.`); a corrective\n"
         "action and the part inside a `disturbed` state or a `distorted` perception share their\n"
         "container's level. `get`, `set`, `study::vary`, model files, the command and Python all use\n"
         "these paths ([concepts.md](concepts.md#parameters-by-name-goaldriftparametershpp)).\n\n"
         "Units: `time`, `level` (the unit of the state), `level/time`, `1` (a pure number), `input`\n"
         "(the unit of the input's value), `input/time`. *Optional*: unset unless given; `set` sets it.\n"
         "*Shared in packs*: one value for every lane of a SIMD pack model, so a batched study varying\n"
         "it runs its members one at a time.\n";
  std::string family;
  for (const auto& e : built_in_parts()) {
    if (e.family != family) {
      family = e.family;
      out << "\n## " << char(std::toupper(static_cast<unsigned char>(family[0]))) << family.substr(1) << "\n";
    }
    out << "\n### `" << e.part << "`" << (e.shown_with.empty() ? "" : " " + e.shown_with) << "\n\n";
    const auto rows = e.rows();
    if (rows.empty()) {
      out << "No parameters.\n";
      continue;
    }
    out << "| path | meaning | unit | notes |\n|---|---|---|---|\n";
    for (const auto& r : rows) {
      std::vector<std::string> notes;
      if (r.optional) notes.emplace_back("optional");
      if (r.integer) notes.emplace_back("whole number");
      if (!r.per_member) notes.emplace_back("shared in packs");
      std::string note;
      for (const auto& n : notes) note += (note.empty() ? "" : "; ") + n;
      out << "| `" << r.path << "` | " << r.meaning << " | " << r.unit << " | " << note << " |\n";
    }
  }
  return out.str();
}

}  // namespace

TEST_CASE("docs.parameter table: docs/parameters.md lists every built-in part's parameters as the code does") {
  const std::filesystem::path file = std::filesystem::path(GOALDRIFT_SOURCE_DIR) / "docs" / "parameters.md";
  const std::string expected = generate();
  const char* update = std::getenv("GOALDRIFT_UPDATE_DOCS");
  if (update != nullptr && std::string(update) == "1") {
    std::ofstream(file, std::ios::binary) << expected;
  }
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  CHECK_MESSAGE(text.str() == expected,
                "docs/parameters.md is out of date; regenerate it with GOALDRIFT_UPDATE_DOCS=1 (see its header)");
}

TEST_CASE("docs.parameter table: every row has a meaning and a unit from the vocabulary") {
  const std::vector<std::string> units = {"time", "level", "level/time", "1", "input", "input/time", "1/time"};
  for (const auto& e : built_in_parts()) {
    for (const auto& r : e.rows()) {
      CAPTURE(e.part);
      CAPTURE(r.path);
      CHECK(r.meaning.size() >= 8);
      CHECK(r.meaning.back() != '.');
      CHECK(std::find(units.begin(), units.end(), r.unit) != units.end());
    }
  }
}

TEST_CASE("docs.parameter table: every part header that lists parameters has its part in the table") {
  // A part added later with a visit_parameters must join built_in_parts() above.
  const auto root = std::filesystem::path(GOALDRIFT_SOURCE_DIR) / "include" / "goaldrift";
  std::vector<std::string> parts;
  for (const auto& e : built_in_parts()) parts.push_back(e.part);
  const std::regex declaration(R"(^(?:struct|class) (\w+))");
  int found = 0;
  for (const char* family : {"state", "perception", "goal", "input", "noise"}) {
    for (const auto& file : std::filesystem::directory_iterator(root / family)) {
      std::ifstream in(file.path());
      std::string current;
      for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (std::regex_search(line, m, declaration)) current = m[1];
        if (line.find("static void visit_parameters") == std::string::npos) continue;
        // perception::channel is listed inside perception::fused's rows (channels[i].weight).
        if (current == "channel") continue;
        ++found;
        const std::string name = std::string(family) + "::" + current;
        CAPTURE(file.path().string());
        CHECK_MESSAGE(std::find(parts.begin(), parts.end(), name) != parts.end(), name << " is missing from the table");
      }
    }
  }
  CHECK(found >= 20);
}
