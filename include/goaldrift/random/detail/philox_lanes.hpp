// Philox4x32-10 for many members at once: the same rounds as Random123's, one lane per member,
// written as plain loops over lanes so that the compiler vectorises them.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "kernels.hpp"

namespace goaldrift::random::detail {

/// Four words per slot for key `key` and counters (indices[slot], members[slot]); slot i gives
/// what random::philox_block(key, indices[i], members[i]) gives.
template <std::size_t W>
void philox_slots(std::uint64_t key, const std::array<std::uint64_t, W>& indices,
                  const std::array<std::uint64_t, W>& members, std::array<std::array<std::uint32_t, W>, 4>& out) {
  constexpr std::uint32_t m0 = 0xD2511F53u, m1 = 0xCD9E8D57u;
  constexpr std::uint32_t w0 = 0x9E3779B9u, w1 = 0xBB67AE85u;
  std::uint32_t k0 = static_cast<std::uint32_t>(key);
  std::uint32_t k1 = static_cast<std::uint32_t>(key >> 32);
  auto& c0 = out[0];
  auto& c1 = out[1];
  auto& c2 = out[2];
  auto& c3 = out[3];
  for (std::size_t i = 0; i < W; ++i) {
    c0[i] = static_cast<std::uint32_t>(indices[i]);
    c1[i] = static_cast<std::uint32_t>(indices[i] >> 32);
    c2[i] = static_cast<std::uint32_t>(members[i]);
    c3[i] = static_cast<std::uint32_t>(members[i] >> 32);
  }
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += w0;
      k1 += w1;
    }
    for (std::size_t i = 0; i < W; ++i) {
      const std::uint64_t p0 = static_cast<std::uint64_t>(m0) * c0[i];
      const std::uint64_t p1 = static_cast<std::uint64_t>(m1) * c2[i];
      const auto hi0 = static_cast<std::uint32_t>(p0 >> 32), lo0 = static_cast<std::uint32_t>(p0);
      const auto hi1 = static_cast<std::uint32_t>(p1 >> 32), lo1 = static_cast<std::uint32_t>(p1);
      const std::uint32_t n0 = hi1 ^ c1[i] ^ k0;
      const std::uint32_t n2 = hi0 ^ c3[i] ^ k1;
      c0[i] = n0;
      c1[i] = lo1;
      c2[i] = n2;
      c3[i] = lo0;
    }
  }
}

/// How many pairs of normals a noise stream with `Lanes` lanes draws at once: enough that one
/// call computes at least 64 independent slots. Philox's rounds and the logarithm are serial
/// chains, so narrow calls wait on latency; 64 slots keep the vector units busy.
template <std::size_t Lanes>
inline constexpr std::size_t pairs_ahead = Lanes >= 64 ? 1 : 64 / Lanes;

/// The normals of Philox blocks first_pair .. first_pair + Ahead - 1 for each lane's member:
/// z0[a][lane] and z1[a][lane] are the two normals of block first_pair + a. A slot is a
/// (block, lane); all Ahead * Lanes of them go through one vectorised pass.
template <std::size_t Lanes, std::size_t Ahead>
void normal_pairs(std::uint64_t key, std::uint64_t first_pair, const std::array<std::uint64_t, Lanes>& members,
                  std::array<std::array<double, Lanes>, Ahead>& z0, std::array<std::array<double, Lanes>, Ahead>& z1) {
  constexpr std::size_t slots = Lanes * Ahead;
  // Locals throughout, copied out at the end: the outputs may live next to `members` (in the
  // same noise object), and a loop that might alias would not vectorise as well.
  std::array<std::uint64_t, slots> indices;
  std::array<std::uint64_t, slots> ids;
  for (std::size_t a = 0; a < Ahead; ++a) {
    for (std::size_t l = 0; l < Lanes; ++l) {
      indices[a * Lanes + l] = first_pair + a;
      ids[a * Lanes + l] = members[l];
    }
  }
  std::array<std::array<std::uint32_t, slots>, 4> w;
  philox_slots<slots>(key, indices, ids, w);
  std::array<double, slots> first, second;
  for (std::size_t i = 0; i < slots; ++i) {
    box_muller(unit_from_bits(w[0][i], w[1][i]), unit_from_bits(w[2][i], w[3][i]), first[i], second[i]);
  }
  for (std::size_t a = 0; a < Ahead; ++a) {
    for (std::size_t l = 0; l < Lanes; ++l) {
      z0[a][l] = first[a * Lanes + l];
      z1[a][l] = second[a * Lanes + l];
    }
  }
}

/// The two standard normals of Philox block `pair` for each lane's member.
template <std::size_t W>
void normal_pair_lanes(std::uint64_t key, std::uint64_t pair, const std::array<std::uint64_t, W>& members,
                       std::array<double, W>& z0, std::array<double, W>& z1) {
  std::array<std::array<double, W>, 1> a, b;
  normal_pairs<W, 1>(key, pair, members, a, b);
  z0 = a[0];
  z1 = b[0];
}

}  // namespace goaldrift::random::detail
