// Code shown in the README and docs/ is the code that compiles: every fenced block announced
// by "<!-- snippet: path#tag -->" must equal the lines between "// [tag]" markers in path.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

const std::filesystem::path source_root = GOALDRIFT_SOURCE_DIR;

std::vector<std::string> read_lines(const std::filesystem::path& p) {
  std::ifstream f(p);
  REQUIRE_MESSAGE(f.good(), "cannot read " << p.string());
  std::vector<std::string> lines;
  for (std::string line; std::getline(f, line);) lines.push_back(line);
  return lines;
}

std::string region(const std::filesystem::path& file, const std::string& tag) {
  const auto lines = read_lines(source_root / file);
  const std::string marker = "// [" + tag + "]";
  std::string out;
  bool inside = false;
  bool seen = false;
  for (const auto& line : lines) {
    if (line.find(marker) != std::string::npos && line.find_first_not_of(' ') == line.find(marker)) {
      inside = !inside;
      seen = true;
      continue;
    }
    if (inside) out += line + "\n";
  }
  REQUIRE_MESSAGE(seen, "no marker " << marker << " in " << file.string());
  return out;
}

// Checks every snippet in one Markdown file; returns how many it found.
int check_markdown(const std::filesystem::path& doc) {
  const auto lines = read_lines(source_root / doc);
  int found = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string prefix = "<!-- snippet: ";
    if (lines[i].rfind(prefix, 0) != 0) continue;
    const std::string ref = lines[i].substr(prefix.size(), lines[i].find(" -->") - prefix.size());
    const auto hash = ref.find('#');
    REQUIRE(hash != std::string::npos);
    REQUIRE_MESSAGE(i + 1 < lines.size(), doc.string() << ": snippet marker at the end");
    REQUIRE_MESSAGE(lines[i + 1].rfind("```", 0) == 0, doc.string() << ":" << i + 2 << ": expected a code fence");
    std::string shown;
    std::size_t j = i + 2;
    for (; j < lines.size() && lines[j].rfind("```", 0) != 0; ++j) shown += lines[j] + "\n";
    const std::string expected = region(ref.substr(0, hash), ref.substr(hash + 1));
    INFO(doc.string() << ":" << i + 1 << " shows a copy of " << ref << " that differs from the code;"
                      << " paste the region between the markers again:\n" << expected);
    CHECK(shown == expected);
    ++found;
    i = j;
  }
  return found;
}

}  // namespace

TEST_CASE("the README's usage example is the compiled quickstart example") {
  CHECK(check_markdown("README.md") >= 1);
}

TEST_CASE("snippets in docs/ match the code they were taken from") {
  int found = 0;
  for (const auto& entry : std::filesystem::directory_iterator(source_root / "docs")) {
    if (entry.path().extension() == ".md") {
      found += check_markdown(std::filesystem::relative(entry.path(), source_root));
    }
  }
  CHECK(found >= 1);
}
