// Counter-based random numbers: every draw is a pure function of its coordinates.
//
// A draw is identified by (seed, domain, stream, index, member): the study's seed, what kind
// of draw it is (a parameter, a noise interval, ...), the named stream it belongs to, which
// one in that stream, and the ensemble member. One Philox4x32-10 block (Salmon et al., SC'11,
// via Random123) turns those into four 32-bit words. Nothing depends on how many draws came
// before, on the thread or on the other members: a member run alone draws exactly what it
// draws inside any ensemble.
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "../config.hpp"
#include "detail/kernels.hpp"

namespace goaldrift::random {

/// Which member of which study a model belongs to; noise inputs draw with it.
struct member_key {
  std::uint64_t seed = 0;
  std::uint64_t member = 0;
};

/// Which members the lanes of a SIMD pack are: one study seed, one member index per lane.
template <std::size_t Lanes>
struct member_keys {
  std::uint64_t seed = 0;
  std::array<std::uint64_t, Lanes> members{};
};

/// The kinds of draws, kept apart so that a parameter and a noise stream of the same name
/// never share numbers.
enum class domain : std::uint32_t {
  parameter = 1,
  noise = 2,
  noise_start = 3,
  latin_hypercube = 4,
  /// Sensitivity designs: Philox samples, the scrambling of Sobol' sequences, Morris trajectories.
  sensitivity_design = 5,
  /// Bootstrap resamples of sensitivity indices.
  bootstrap = 6,
  /// The Latin hypercube of a calibration's starting points.
  calibration_starts = 7,
};

/// The splitmix64 finaliser: a bijective 64-bit mix.
constexpr std::uint64_t mix64(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

/// A stable 32-bit id for a stream name (FNV-1a), so streams are named, not numbered.
constexpr std::uint32_t stream_id(std::string_view name) {
  std::uint32_t h = 2166136261u;
  for (char c : name) {
    h ^= static_cast<std::uint8_t>(c);
    h *= 16777619u;
  }
  return h;
}

/// The Philox key for (seed, domain, stream).
constexpr std::uint64_t philox_key(std::uint64_t seed, domain d, std::uint32_t stream) {
  return mix64(seed ^ mix64((static_cast<std::uint64_t>(d) << 32) | stream));
}

/// Four random 32-bit words for one coordinate: key from (seed, domain, stream), counter
/// (index, member).
inline std::array<std::uint32_t, 4> philox_block(std::uint64_t key, std::uint64_t index,
                                                 std::uint64_t member) {
  r123::Philox4x32 generator;
  const r123::Philox4x32::ctr_type counter = {
      {static_cast<std::uint32_t>(index), static_cast<std::uint32_t>(index >> 32),
       static_cast<std::uint32_t>(member), static_cast<std::uint32_t>(member >> 32)}};
  const r123::Philox4x32::key_type k = {
      {static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
  const auto r = generator(counter, k);
  return {r[0], r[1], r[2], r[3]};
}

/// A double in (0, 1) from two words: 52 random bits, offset by half a step, so the values
/// run from 2^-53 to 1 - 2^-53 and neither 0 nor 1 can occur (log and inverse CDFs stay
/// finite). With 53 bits the top value would be 1 - 2^-54, which rounds to 1.
inline double unit_open(std::uint32_t high, std::uint32_t low) { return detail::unit_from_bits(high, low); }

/// A standard normal from two uniforms in (0, 1) by Box-Muller (the cosine branch). Unchecked
/// precondition (see detail::box_muller): u1 a normal double in (0, 1], u2 in [0, 1], as
/// unit_open gives; u1 = 0, a subnormal, a value outside (0, 1] or NaN give a wrong number.
inline double box_muller(double u1, double u2) {
  double z0, z1;
  detail::box_muller(u1, u2, z0, z1);
  return z0;
}

/// Both standard normals Box-Muller makes from two uniforms: (r cos theta, r sin theta), under
/// box_muller's precondition on u1 and u2. The logarithm and the sine and cosine are goaldrift's
/// own (random/detail/kernels.hpp), so a SIMD pack of members computes exactly what each member
/// computes alone.
inline std::array<double, 2> box_muller_pair(double u1, double u2) {
  std::array<double, 2> z{};
  detail::box_muller(u1, u2, z[0], z[1]);
  return z;
}

/// One uniform in (0, 1) for a coordinate.
inline double uniform(std::uint64_t key, std::uint64_t index, std::uint64_t member) {
  const auto w = philox_block(key, index, member);
  return unit_open(w[0], w[1]);
}

/// One standard normal for a coordinate.
inline double normal(std::uint64_t key, std::uint64_t index, std::uint64_t member) {
  const auto w = philox_block(key, index, member);
  return box_muller(unit_open(w[0], w[1]), unit_open(w[2], w[3]));
}

/// The two standard normals of block `pair`: a sequence of normals z_0, z_1, ... takes
/// z_{2p} and z_{2p+1} from block p, one Philox block and one logarithm for two numbers.
inline std::array<double, 2> normal_pair(std::uint64_t key, std::uint64_t pair, std::uint64_t member) {
  const auto w = philox_block(key, pair, member);
  return box_muller_pair(unit_open(w[0], w[1]), unit_open(w[2], w[3]));
}

}  // namespace goaldrift::random
