// Every input in the model-file fuzzer's seed corpus and every past crash, through the checks
// the fuzzer applies, in every ordinary build (and so under the sanitizers in CI). Apart from
// replay_test.cpp because model files need nlohmann-json.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "fuzz/model_file_parser.hpp"

TEST_CASE("fuzz corpus and regressions: model files") {
  int count = 0;
  const std::filesystem::path root = std::filesystem::path(GOALDRIFT_SOURCE_DIR) / "tests" / "fuzz";
  for (const char* kind : {"corpus", "regressions"}) {
    for (const auto& entry : std::filesystem::directory_iterator(root / kind / "model_file")) {
      if (!entry.is_regular_file() || entry.path().filename() == ".keep") continue;
      std::ifstream f(entry.path(), std::ios::binary);
      const std::string bytes{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
      INFO(entry.path().string());
      fuzz::model_file(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
      ++count;
    }
  }
  CHECK(count >= 8);
}
