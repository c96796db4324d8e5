// A double's 64 bits and back, exactly (std::bit_cast before C++20).
#pragma once

#include <cstdint>
#include <cstring>

#include "../config.hpp"

namespace goaldrift::detail {

inline std::uint64_t bits_of(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

inline double double_of(std::uint64_t b) {
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

}  // namespace goaldrift::detail
