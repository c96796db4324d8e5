// Every input in the fuzzers' seed corpus and every past crash, through the same checks the
// fuzzers apply, in every ordinary build (and so under the sanitizers in CI).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/bytes_readers.hpp"
#include "fuzz/parsers.hpp"

namespace {
template <class Parse>
int replay(const std::string& folder, Parse parse) {
  int count = 0;
  const std::filesystem::path root = std::filesystem::path(GOALDRIFT_SOURCE_DIR) / "tests" / "fuzz";
  for (const char* kind : {"corpus", "regressions"}) {
    const auto dir = root / kind / folder;
    if (!std::filesystem::exists(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (!entry.is_regular_file() || entry.path().filename() == ".keep") continue;
      std::ifstream f(entry.path(), std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
      INFO(entry.path().string());
      parse(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++count;
    }
  }
  return count;
}
}  // namespace

TEST_CASE("fuzz corpus and regressions: lookup CSV") { CHECK(replay("lookup_csv", fuzz::lookup_csv) >= 5); }

TEST_CASE("fuzz corpus and regressions: member table CSV") {
  CHECK(replay("member_table", fuzz::member_table) >= 5);
}

TEST_CASE("fuzz corpus and regressions: partial ensemble results") {
  CHECK(replay("ensemble_bytes", fuzz::ensemble_bytes) >= 8);
}
