// Small helpers the examples share: where output goes, and a plain text table.
#pragma once

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <goaldrift/trajectory.hpp>

namespace stories {

/// The directory for an example's CSV: the first command-line argument, or the current one.
inline std::filesystem::path output_dir(int argc, char** argv) {
  std::filesystem::path dir = argc > 1 ? argv[1] : ".";
  std::filesystem::create_directories(dir);
  return std::filesystem::absolute(dir);
}

/// Writes one CSV per named trajectory into `dir` and says where they went.
inline void write_all(const std::filesystem::path& dir, const std::string& stem,
                      const std::vector<std::pair<std::string, const goaldrift::trajectory*>>& runs) {
  for (const auto& [name, run] : runs) {
    const auto path = dir / (stem + "_" + name + ".csv");
    run->write_csv(path.string());
    std::printf("  wrote %s\n", path.string().c_str());
  }
}

/// The value of a column at the saved time closest to t.
inline double at(const goaldrift::trajectory& tr, const std::string& name, double t) {
  const auto& time = tr.time();
  std::size_t best = 0;
  for (std::size_t i = 1; i < time.size(); ++i) {
    if (std::abs(time[i] - t) < std::abs(time[best] - t)) best = i;
  }
  return tr[name][best];
}

}  // namespace stories
