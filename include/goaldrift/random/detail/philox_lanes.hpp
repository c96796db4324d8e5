// Philox4x32-10 for many members at once: the same rounds as Random123's, one lane per member,
// on compiler vectors of lanes (normal_slots) or as plain loops over lanes (philox_slots).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

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

#if GOALDRIFT_VECTOR_NOISE
/// Philox's key schedule: the key's two words plus the round number times the Weyl constants.
inline void philox_round_keys(std::uint64_t key, std::uint64_t (&round_keys)[2][10]) {
  for (std::uint32_t round = 0, k0 = static_cast<std::uint32_t>(key), k1 = static_cast<std::uint32_t>(key >> 32);
       round < 10; ++round, k0 += 0x9E3779B9u, k1 += 0xBB67AE85u) {
    round_keys[0][round] = k0;
    round_keys[1][round] = k1;
  }
}

/// The two normals of G vectors of Philox blocks whose counters' words are x0..x3 (one word in
/// the low half of each 64-bit lane), round by round over the G vectors: Philox's rounds and the
/// logarithm are chains of dependent steps, and G independent chains keep the vector units busy
/// while each waits. The high halves of the lanes are left to carry junk between rounds: the
/// multiply reads only the low words, a shift by 32 drops the junk of a product's inputs, and
/// XOR never moves bits down; the words are masked once, at the end.
template <std::size_t G>
GOALDRIFT_HOT_INLINE void normal_vectors(const std::uint64_t (&round_keys)[2][10], noise_words (&x0)[G],
                                         noise_words (&x1)[G], noise_words (&x2)[G], noise_words (&x3)[G],
                                         noise_vector (&first)[G], noise_vector (&second)[G]) {
  constexpr std::uint64_t low_word = 0xffffffffULL;
  const noise_words m0 = noise_words{} + 0xD2511F53ULL, m1 = noise_words{} + 0xCD9E8D57ULL;
  for (int round = 0; round < 10; ++round) {
    for (std::size_t g = 0; g < G; ++g) {
      const noise_words p0 = multiply_low_words(x0[g], m0);
      const noise_words p1 = multiply_low_words(x2[g], m1);
      const noise_words n0 = (p1 >> 32) ^ x1[g] ^ round_keys[0][round];
      const noise_words n2 = (p0 >> 32) ^ x3[g] ^ round_keys[1][round];
      x1[g] = p1;
      x3[g] = p0;
      x0[g] = n0;
      x2[g] = n2;
    }
  }
  for (std::size_t g = 0; g < G; ++g) {
    x0[g] &= low_word;
    x1[g] &= low_word;
    x2[g] &= low_word;
    x3[g] &= low_word;
  }
  for (std::size_t g = 0; g < G; ++g) {
    box_muller(unit_from_words<noise_vector>(x0[g], x1[g]), unit_from_words<noise_vector>(x2[g], x3[g]), first[g],
               second[g]);
  }
}

/// The two normals of each slot's Philox block (key, indices[i], members[i]) in first[i] and
/// second[i], computed a noise_vector of slots at a time: Philox's rounds on 64-bit lanes that
/// hold 32-bit words, then Box-Muller, all in vector registers. Slot i gives exactly what
/// random::normal_pair(key, indices[i], members[i]) gives.
template <std::size_t Slots>
void normal_slots(std::uint64_t key, const std::array<std::uint64_t, Slots>& indices,
                  const std::array<std::uint64_t, Slots>& members, std::array<double, Slots>& first,
                  std::array<double, Slots>& second) {
  constexpr std::size_t V = noise_vector_lanes;
  constexpr std::size_t chunks = (Slots + V - 1) / V;
  constexpr std::uint64_t low_word = 0xffffffffULL;
  // The counters' words, padded to whole vectors with copies of the last slot.
  std::array<std::uint64_t, chunks * V> c0, c1, c2, c3;
  for (std::size_t i = 0; i < chunks * V; ++i) {
    const std::size_t slot = i < Slots ? i : Slots - 1;
    c0[i] = indices[slot] & low_word;
    c1[i] = indices[slot] >> 32;
    c2[i] = members[slot] & low_word;
    c3[i] = members[slot] >> 32;
  }
  // Whole vectors go straight to first and second; a padded last vector through z0 and z1.
  std::array<double, chunks * V> z0, z1;
  double* out0 = Slots % V == 0 ? first.data() : z0.data();
  double* out1 = Slots % V == 0 ? second.data() : z1.data();
  constexpr std::size_t G = chunks % 4 == 0 ? 4 : chunks % 2 == 0 ? 2 : 1;
  std::uint64_t round_keys[2][10];
  philox_round_keys(key, round_keys);
  for (std::size_t c = 0; c < chunks; c += G) {
    noise_words x0[G], x1[G], x2[G], x3[G];
    for (std::size_t g = 0; g < G; ++g) {
      std::memcpy(&x0[g], &c0[(c + g) * V], sizeof x0[g]);
      std::memcpy(&x1[g], &c1[(c + g) * V], sizeof x1[g]);
      std::memcpy(&x2[g], &c2[(c + g) * V], sizeof x2[g]);
      std::memcpy(&x3[g], &c3[(c + g) * V], sizeof x3[g]);
    }
    noise_vector a[G], b[G];
    normal_vectors<G>(round_keys, x0, x1, x2, x3, a, b);
    for (std::size_t g = 0; g < G; ++g) {
      std::memcpy(out0 + (c + g) * V, &a[g], sizeof a[g]);
      std::memcpy(out1 + (c + g) * V, &b[g], sizeof b[g]);
    }
  }
  if constexpr (Slots % V != 0) {
    for (std::size_t i = 0; i < Slots; ++i) {
      first[i] = z0[i];
      second[i] = z1[i];
    }
  }
}
#endif

/// The normals of Philox blocks first_pair .. first_pair + Ahead - 1 for each lane's member:
/// z0[a][lane] and z1[a][lane] are the two normals of block first_pair + a. A slot is a
/// (block, lane); all Ahead * Lanes of them go through one pass, in vector registers where the
/// compiler has vector extensions (normal_slots), as loops over the slots otherwise.
template <std::size_t Lanes, std::size_t Ahead>
void normal_pairs(std::uint64_t key, std::uint64_t first_pair, const std::array<std::uint64_t, Lanes>& members,
                  std::array<std::array<double, Lanes>, Ahead>& z0, std::array<std::array<double, Lanes>, Ahead>& z1) {
#if GOALDRIFT_VECTOR_NOISE
  if constexpr (Lanes == noise_vector_lanes && Ahead % 2 == 0) {
    // One vector per pair: its index in every lane, the members lane by lane, straight from
    // the arguments and straight into z0 and z1, with no arrays of slots in between.
    constexpr std::size_t G = Ahead % 4 == 0 ? 4 : 2;
    std::uint64_t round_keys[2][10];
    philox_round_keys(key, round_keys);
    noise_words member_low{}, member_high{};
    for (std::size_t l = 0; l < Lanes; ++l) {
      member_low[l] = members[l] & 0xffffffffULL;
      member_high[l] = members[l] >> 32;
    }
    for (std::size_t a = 0; a < Ahead; a += G) {
      noise_words x0[G], x1[G], x2[G], x3[G];
      for (std::size_t g = 0; g < G; ++g) {
        const std::uint64_t index = first_pair + a + g;
        x0[g] = noise_words{} + static_cast<std::uint64_t>(index & 0xffffffffULL);
        x1[g] = noise_words{} + (index >> 32);
        x2[g] = member_low;
        x3[g] = member_high;
      }
      noise_vector first[G], second[G];
      normal_vectors<G>(round_keys, x0, x1, x2, x3, first, second);
      for (std::size_t g = 0; g < G; ++g) {
        std::memcpy(z0[a + g].data(), &first[g], sizeof first[g]);
        std::memcpy(z1[a + g].data(), &second[g], sizeof second[g]);
      }
    }
    return;
  }
#endif
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
  std::array<double, slots> first, second;
#if GOALDRIFT_VECTOR_NOISE
  normal_slots<slots>(key, indices, ids, first, second);
#else
  std::array<std::array<std::uint32_t, slots>, 4> w;
  philox_slots<slots>(key, indices, ids, w);
  for (std::size_t i = 0; i < slots; ++i) {
    box_muller(unit_from_bits(w[0][i], w[1][i]), unit_from_bits(w[2][i], w[3][i]), first[i], second[i]);
  }
#endif
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
