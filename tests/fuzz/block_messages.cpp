// The seed corpus of the binary-reader fuzzers, and the replay of the MPI block fuzzer's inputs
// (which needs MPI's headers, so it is not in goaldrift_tests):
//
//   block_messages write-seeds <tests/fuzz/corpus>   writes the seeds with today's writers
//   block_messages check-seeds <tests/fuzz/corpus>   fails if a committed seed is not what
//                                                    today's writers write (the format moved)
//   block_messages replay <tests/fuzz>               every mpi_block input, corpus and past
//                                                    crashes, through fuzz::mpi_block
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "mpi_block.hpp"

namespace ens = goaldrift::ensemble;
namespace fs = std::filesystem;
using bytes = std::vector<unsigned char>;

namespace {

// Values without a library function in them, so the seeds are the same everywhere.
double value(std::size_t i) { return static_cast<double>((i * 37) % 101) / 7.0 - 3.0; }

ens::tdigest digest(double compression, std::size_t n) {
  ens::tdigest d(compression);
  for (std::size_t i = 0; i < n; ++i) d.add(value(i));
  return d;
}
ens::streaming_summary summary(double compression, std::size_t n, std::size_t offset = 0) {
  ens::streaming_summary s(compression);
  for (std::size_t i = 0; i < n; ++i) s.add(value(i + offset));
  return s;
}

template <class Write>
bytes tagged(unsigned char reader, Write write) {
  ens::detail::byte_writer w;
  write(w);
  bytes out{reader};
  out.insert(out.end(), w.bytes().begin(), w.bytes().end());
  return out;
}

ens::detail::block_result block(std::size_t summaries, std::size_t members, bool outcomes, bool failure) {
  ens::detail::block_result r;
  for (std::size_t k = 0; k < summaries; ++k) r.summaries.push_back(summary(20.0, members, k));
  for (std::size_t m = 0; m < members; ++m) {
    r.members.push_back(1024 + m);
    if (outcomes) {
      r.parameters.push_back({value(m), value(m + 1)});
      r.outcomes.push_back({value(m + 2), value(m + 3), value(m + 4)});
    }
  }
  if (failure) {
    r.failures.push_back({1024 + members, 77, {-1.0, 12.0}, 0.0, "goaldrift::state::corrective_action: action time must be positive and finite, got -1"});
  }
  return r;
}

// reader folder -> file name -> bytes
std::map<std::string, std::map<std::string, bytes>> seeds() {
  std::map<std::string, std::map<std::string, bytes>> s;
  auto& e = s["ensemble_bytes"];
  e["tdigest_empty.bin"] = tagged(0, [](auto& w) { ens::tdigest(200.0).write(w); });
  e["tdigest_pending.bin"] = tagged(0, [](auto& w) { digest(200.0, 3).write(w); });
  e["tdigest_centroids.bin"] = tagged(0, [](auto& w) { digest(20.0, 250).write(w); });
  e["summary_empty.bin"] = tagged(1, [](auto& w) { ens::streaming_summary(50.0).write(w); });
  e["summary_seven.bin"] = tagged(1, [](auto& w) { summary(200.0, 7).write(w); });
  e["summary_centroids.bin"] = tagged(1, [](auto& w) { summary(20.0, 250).write(w); });
  e["failure.bin"] = tagged(2, [](auto& w) {
    ens::write(w, ens::failure{517, 77, {-1.0, 6.5}, 12.25, "goaldrift::integrate: state S is not finite"});
  });
  e["failure_nan_time.bin"] = tagged(2, [](auto& w) {
    ens::write(w, ens::failure{0, 0, {}, std::numeric_limits<double>::quiet_NaN(), ""});
  });
  // mpi_block inputs: the shape rank 0 expects (see mpi_block.hpp), then the message.
  auto& m = s["mpi_block"];
  auto message = [](std::size_t index, std::size_t summaries, std::size_t members, bool outcomes, bool failure) {
    bytes out{static_cast<unsigned char>(summaries), static_cast<unsigned char>(outcomes ? 1 : 0), 2, 3};
    const auto b = goaldrift::external::mpi::detail::to_bytes(index, block(summaries, members, outcomes, failure));
    out.insert(out.end(), b.begin(), b.end());
    return out;
  };
  m["empty.bin"] = message(0, 0, 0, false, false);
  m["summaries_only.bin"] = message(1, 2, 5, false, false);
  m["outcomes_and_failure.bin"] = message(3, 2, 4, true, true);
  m["failure_only.bin"] = message(7, 1, 0, true, true);
  return s;
}

bytes read_file(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  return bytes{std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>()};
}

}  // namespace

int main(int argc, char** argv) {
  const std::string mode = argc > 2 ? argv[1] : "";
  if (mode == "write-seeds" || mode == "check-seeds") {
    int stale = 0;
    for (const auto& [reader, files] : seeds()) {
      const fs::path dir = fs::path(argv[2]) / reader;
      if (mode == "write-seeds") fs::create_directories(dir);
      for (const auto& [name, content] : files) {
        if (mode == "write-seeds") {
          std::ofstream(dir / name, std::ios::binary)
              .write(reinterpret_cast<const char*>(content.data()), static_cast<std::streamsize>(content.size()));
        } else if (!fs::exists(dir / name) || read_file(dir / name) != content) {
          std::printf("stale seed: %s (rewrite the seeds: block_messages write-seeds tests/fuzz/corpus)\n",
                      (dir / name).string().c_str());
          ++stale;
        }
      }
      std::printf("%s: %zu seeds %s\n", reader.c_str(), files.size(), mode == "write-seeds" ? "written" : "checked");
    }
    return stale == 0 ? 0 : 1;
  }
  if (mode == "replay") {
    int count = 0;
    for (const char* kind : {"corpus", "regressions"}) {
      const fs::path dir = fs::path(argv[2]) / kind / "mpi_block";
      if (!fs::exists(dir)) continue;
      for (const auto& entry : fs::directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().filename() == ".keep") continue;
        const auto content = read_file(entry.path());
        std::printf("%s\n", entry.path().string().c_str());
        std::fflush(stdout);
        fuzz::mpi_block(content.data(), content.size());
        ++count;
      }
    }
    std::printf("replayed %d mpi_block inputs\n", count);
    return count >= 4 ? 0 : 1;
  }
  std::fprintf(stderr, "usage: block_messages write-seeds|check-seeds <corpus dir> | replay <tests/fuzz dir>\n");
  return 2;
}
