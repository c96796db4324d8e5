// Sampling designs: which uniform number each member uses for each uncertain parameter.
#pragma once

#include <cmath>
#include <cstdint>
#include <string>

#include "../error.hpp"
#include "../random/philox.hpp"

namespace goaldrift::ensemble {

/// How members sample their uncertain parameters; the two designs Vensim and Stella offer.
enum class design {
  /// Each member draws each parameter independently.
  independent,
  /// Latin hypercube: for each parameter the range of probabilities is cut into as many equal
  /// strata as there are members, and every stratum holds exactly one member.
  latin_hypercube,
};

namespace detail {

/// A keyed bijection of [0, n): a balanced Feistel network on the smallest even number of bits
/// that covers n, with cycle walking back into range. O(1) memory, so a Latin hypercube over
/// 10^7 members needs no permutation table, and any member's stratum can be computed alone.
/// `i` must lie in [0, n): cycle walking from outside the network's domain never comes back
/// into range, so callers check it first (require_member).
inline std::uint64_t permute(std::uint64_t key, std::uint64_t i, std::uint64_t n) {
  if (n <= 1) return 0;
  unsigned bits = 2;
  while (bits < 64 && (std::uint64_t{1} << bits) < n) bits += 2;
  const unsigned half = bits / 2;
  const std::uint64_t mask = (std::uint64_t{1} << half) - 1;
  std::uint64_t x = i;
  do {
    std::uint64_t left = x >> half;
    std::uint64_t right = x & mask;
    for (std::uint64_t round = 0; round < 6; ++round) {
      const auto w = random::philox_block(key, (round << 32) | right, 0);
      const std::uint64_t f = ((static_cast<std::uint64_t>(w[1]) << 32) | w[0]) & mask;
      const std::uint64_t next = left ^ f;
      left = right;
      right = next;
    }
    x = (left << half) | right;
  } while (x >= n);
  return x;
}

/// (stratum + v) / members for v in (0, 1), kept strictly inside the stratum
/// [stratum / members, (stratum + 1) / members). Rounding alone can leave it: with 3 members,
/// stratum 2 and v = 1 - 2^-53, stratum + v rounds to 3 and the probability to 1 (a normal
/// quantile of +inf); near a boundary inside (0, 1) it can land on the next stratum's. Each
/// bound is judged exactly: fma(p, members, -k) has the sign of p members - k.
inline double latin_probability(std::uint64_t stratum, double v, std::uint64_t members) {
  const auto n = static_cast<double>(members);
  const auto s = static_cast<double>(stratum);
  double p = (s + v) / n;
  while (std::fma(p, n, -(s + 1.0)) >= 0.0) p = std::nextafter(p, 0.0);
  while (std::fma(p, n, -s) < 0.0) p = std::nextafter(p, 1.0);
  return p;
}

/// Refuses a member index outside [0, members), naming `component`.
inline void require_member(const char* component, std::uint64_t member, std::uint64_t members) {
  if (member >= members) {
    throw invalid_parameter(component, "member",
                            "must be below the number of members (" + std::to_string(members) + ")",
                            std::to_string(member));
  }
}

}  // namespace detail

/// The stratum (0 .. members-1) member `member` occupies for the parameter stream `stream`
/// under a Latin hypercube: the same (seed, stream, members) always give the same strata.
inline std::uint64_t latin_stratum(std::uint64_t seed, std::uint32_t stream, std::uint64_t member,
                                   std::uint64_t members) {
  detail::require_member("goaldrift::ensemble::latin_stratum", member, members);
  return detail::permute(random::philox_key(seed, random::domain::latin_hypercube, stream), member,
                         members);
}

/// The probability in (0, 1) that member `member` of `members` uses for the parameter stream
/// `stream`. Independent: a uniform that depends only on (seed, stream, member). Latin
/// hypercube: a uniform inside the member's stratum, (stratum + v) / members (never on or past
/// its upper edge, see detail::latin_probability), which also depends on the number of
/// members, since that sets the strata.
inline double design_probability(design d, std::uint64_t seed, std::uint32_t stream,
                                 std::uint64_t member, std::uint64_t members) {
  detail::require_member("goaldrift::ensemble::design_probability", member, members);
  const double v = random::uniform(random::philox_key(seed, random::domain::parameter, stream), 0, member);
  if (d == design::independent) return v;
  return detail::latin_probability(latin_stratum(seed, stream, member, members), v, members);
}

}  // namespace goaldrift::ensemble
