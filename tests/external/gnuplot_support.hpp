// Shared set-up of the gnuplot adapter's tests: a small ensemble result, scratch directories,
// a PATH that holds a chosen program, and reading back what a chart wrote.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <utility>
#include <vector>

#include <goaldrift/ensemble.hpp>
#include <goaldrift/external/gnuplot.hpp>

namespace gnuplot_support {

inline goaldrift::ensemble::result small_result(std::vector<double> quantiles = {0.05, 0.25, 0.5, 0.75, 0.95}) {
  namespace gd = goaldrift;
  gd::ensemble::study s(gd::make_model(gd::state::actual(100.0, 4.0), gd::perception::smooth(1.0),
                                       gd::goal::floating(100.0, 12.0), gd::noise::pink("pressure", 1.0, 1.0, 2.0, 0.5)));
  gd::ensemble::options o;
  o.members = 50;
  o.quantiles = std::move(quantiles);
  return gd::ensemble::run(s, gd::run_options(0.0, 10.0, 0.5), o);
}

/// An empty directory of its own under the temporary directory.
inline std::filesystem::path scratch(const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / ("goaldrift_" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

/// Runs f with PATH set to `path`, then restores PATH, also when f throws.
template <class F>
void with_path(const std::string& path, F f) {
  const char* old = std::getenv("PATH");
  const std::string saved = old ? old : "";
  struct restore {
    const std::string& saved;
    ~restore() { setenv("PATH", saved.c_str(), 1); }
  } restorer{saved};
  setenv("PATH", path.c_str(), 1);
  f();
}

/// Runs f where no gnuplot can be found.
template <class F>
void without_programs(F f) {
  with_path("/nonexistent", f);
}

/// Writes an executable `gnuplot` shell script with the given body into `dir`.
inline void fake_gnuplot(const std::filesystem::path& dir, const std::string& body) {
  std::filesystem::create_directories(dir);
  {
    std::ofstream out(dir / "gnuplot");
    out << "#!/bin/sh\n" << body << "\n";
  }
  std::filesystem::permissions(dir / "gnuplot", std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                                                    std::filesystem::perms::group_exec);
}

}  // namespace gnuplot_support
