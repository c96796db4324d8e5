// What the fuzzers do with one input, shared with the replay test so that the seed corpus and
// every past crash run through the same code in each ordinary build too.
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include <goaldrift/ensemble/member_table.hpp>
#include <goaldrift/io/lookup_csv.hpp>

namespace fuzz {

// A broken promise is a crash: abort so libFuzzer (or the test) reports the input.
inline void require(bool ok) {
  if (!ok) std::abort();
}

/// Reads a lookup table from arbitrary bytes. Refusals (parse_error, invalid_parameter) are
/// fine; anything else, or a table that breaks the documented guarantees, is a bug.
inline void lookup_csv(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    const auto table = goaldrift::io::read_lookup_csv(in, "fuzz.csv");
    const auto& xs = table.xs();
    require(xs.size() >= 2 && xs.size() == table.ys().size());
    for (std::size_t i = 0; i < xs.size(); ++i) {
      require(std::isfinite(xs[i]) && std::isfinite(table.ys()[i]));
      if (i > 0) require(xs[i] > xs[i - 1]);
    }
    // Evaluating anywhere gives a finite value between the smallest and largest y.
    for (double x : {xs.front() - 1.0, xs.front(), 0.5 * (xs.front() + xs.back()), xs.back(), xs.back() + 1.0}) {
      const double y = table(x);
      require(std::isfinite(y));
    }
  } catch (const goaldrift::parse_error&) {
  } catch (const goaldrift::invalid_parameter&) {
  }
}

/// Reads a member table from arbitrary bytes, with the same rules.
inline void member_table(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  try {
    const auto table = goaldrift::ensemble::member_table::read_csv(in, "fuzz.csv");
    require(table.rows() >= 1 && !table.columns().empty());
    for (std::size_t r = 0; r < table.rows(); ++r) {
      for (std::size_t c = 0; c < table.columns().size(); ++c) require(std::isfinite(table.value(r, c)));
    }
    for (const auto& name : table.columns()) require(!name.empty() && table.value(0, table.column(name)) == table.value(0, table.column(name)));
  } catch (const goaldrift::parse_error&) {
  } catch (const goaldrift::invalid_parameter&) {
  }
}

}  // namespace fuzz
