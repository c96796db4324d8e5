// Writing the command's files: every failure to write is exit status 3, naming the path.
#pragma once

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <system_error>

#include "exit_status.hpp"

namespace goaldrift::command {

inline std::string reason_from_errno() { return errno != 0 ? std::string(": ") + std::strerror(errno) : std::string(); }

/// Calls write(stream) on a new file at `path` (truncating an old one); "-" is standard output.
/// The library's own path overloads would throw goaldrift::error, which reads as a failed run.
template <class Write>
void write_file(const std::string& path, Write&& write) {
  if (path == "-") {
    write(std::cout);
    std::cout.flush();
    if (!std::cout) throw failure(exit_status::output_failed, "cannot write to standard output");
    return;
  }
  errno = 0;
  std::ofstream out(path);
  if (!out) throw failure(exit_status::output_failed, "cannot open '" + path + "' for writing" + reason_from_errno());
  write(out);
  out.flush();
  if (!out) throw failure(exit_status::output_failed, "writing '" + path + "' failed" + reason_from_errno());
}

/// Makes `dir` (and its parents) if needed; refuses a path that is not a directory.
inline void make_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) {
    throw failure(exit_status::output_failed, "cannot make the output directory '" + dir.string() + "'" +
                                                  (ec ? ": " + ec.message() : std::string()));
  }
}

/// Removes a file an earlier run left in `dir` that this run does not write, so that it cannot
/// pass for this run's.
inline void remove_stale(const std::filesystem::path& file) {
  std::error_code ec;
  std::filesystem::remove(file, ec);
  if (ec) throw failure(exit_status::output_failed, "cannot remove the stale '" + file.string() + "': " + ec.message());
}

}  // namespace goaldrift::command
