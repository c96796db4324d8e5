// How much memory this machine has, so that a run whose results cannot fit is refused before
// it allocates anything.
#pragma once

#include <cstdint>
#include <limits>
#include <string>

#if defined(__unix__) || defined(__APPLE__)
#include <unistd.h>
#endif

#include "../error.hpp"
#include "format.hpp"

namespace goaldrift::detail {

/// The machine's physical memory in bytes, or the largest std::uint64_t where the platform
/// does not say (then only what cannot be addressed at all is refused). Asked once per process:
/// the question is a system call, and simulate() asks it on every run.
inline std::uint64_t physical_memory_bytes() {
  static const std::uint64_t bytes = [] {
#if defined(_SC_PHYS_PAGES) && defined(_SC_PAGESIZE)
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long page = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page > 0) {
      return static_cast<std::uint64_t>(pages) * static_cast<std::uint64_t>(page);
    }
#endif
    return std::numeric_limits<std::uint64_t>::max();
  }();
  return bytes;
}

/// Refuses, naming `component` and `parameter`, results that would need more bytes than the
/// machine has (`count` items of `bytes_each` for `what()`, the parameter's value being
/// `value()`). Counted in double, so no product overflows on the way. The two texts are
/// functions returning std::string, called only to refuse, so a run that fits builds no text.
template <class What, class Value>
void require_memory(const char* component, const std::string& parameter, double count, double bytes_each,
                    What&& what, Value&& value) {
  const double needed = count * bytes_each;
  const auto available = static_cast<double>(physical_memory_bytes());
  if (!(needed <= available)) {
    throw invalid_parameter(component, parameter,
                            "must not ask for results larger than this machine's memory (" +
                                format_number(available) + " bytes): " + std::string(what()) + " would need " +
                                format_number(needed) + " bytes",
                            std::string(value()));
  }
}

}  // namespace goaldrift::detail
