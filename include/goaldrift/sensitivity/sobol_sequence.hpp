// Sobol' low-discrepancy points, with Joe and Kuo's direction numbers, optionally scrambled.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/random/detail/sobol_table.hpp>

#include "../error.hpp"
#include "../random/philox.hpp"

namespace goaldrift::sensitivity {

/// The points of a Sobol' sequence in `dimensions` dimensions, 32 bits per coordinate, any
/// point computed alone from its index.
///
/// Direction numbers: Joe and Kuo's new-joe-kuo-6.21201 (SIAM J. Sci. Comput. 30, 2008) as
/// Boost.Random ships them, for up to 3667 dimensions; the points are Boost.Random's
/// `sobol` engine's, in the same (Gray code) order, which a test checks bit for bit.
///
/// Scrambled (a seed given): Matoušek's random linear scramble followed by a random digital
/// shift, the scrambling SciPy's `qmc.Sobol(scramble=True)` uses. Each dimension gets a
/// random lower-triangular binary matrix M (unit diagonal) and a random 32-bit shift e from
/// Philox keyed by (seed, dimension); point i is M x_i XOR e. The points keep their balance
/// (every elementary interval of the right volume holds the same number of points) and are
/// unbiased for integrals, so repeated seeds give independent estimates.
class sobol_sequence {
 public:
  static constexpr const char* component = "goaldrift::sensitivity::sobol_sequence";
  static constexpr unsigned bits = 32;
  static constexpr std::size_t max_dimensions = boost::random::detail::qrng_tables::sobol::max_dimension;

  /// The unscrambled sequence.
  explicit sobol_sequence(std::size_t dimensions) : dimensions_(dimensions) { build(false, 0); }
  /// The sequence scrambled by `seed`.
  sobol_sequence(std::size_t dimensions, std::uint64_t seed) : dimensions_(dimensions) { build(true, seed); }

  std::size_t dimensions() const noexcept { return dimensions_; }
  bool scrambled() const noexcept { return scrambled_; }

  /// Coordinate `dimension` of point `index` as 32 bits (the unscrambled point 0 is all zeros;
  /// Boost's engine starts at point 1).
  std::uint32_t integer(std::uint64_t index, std::size_t dimension) const {
    if (dimension >= dimensions_) {
      throw invalid_parameter(component, "dimension",
                              "must be below the number of dimensions (" + std::to_string(dimensions_) + ")",
                              std::to_string(dimension));
    }
    if (index >> bits != 0) {
      throw invalid_parameter(component, "index", "must be below 2^32, the sequence's length",
                              std::to_string(index));
    }
    std::uint64_t gray = index ^ (index >> 1);
    std::uint32_t x = shift_[dimension];
    const std::uint32_t* v = &directions_[dimension * bits];
    for (unsigned j = 0; gray != 0; ++j, gray >>= 1) {
      if (gray & 1u) x ^= v[j];
    }
    return x;
  }

  /// Coordinate `dimension` of point `index` as a probability: the centre of its 32-bit cell,
  /// (x + 1/2) / 2^32, so never 0 or 1 and a distribution's quantile stays finite.
  double probability(std::uint64_t index, std::size_t dimension) const {
    return (static_cast<double>(integer(index, dimension)) + 0.5) * 0x1p-32;
  }

 private:
  void build(bool scrambled, std::uint64_t seed) {
    using table = boost::random::detail::qrng_tables::sobol;
    if (dimensions_ == 0 || dimensions_ > max_dimensions) {
      throw invalid_parameter(component, "dimensions",
                              "must lie in [1, " + std::to_string(max_dimensions) +
                                  "] (Joe and Kuo's direction numbers as Boost ships them)",
                              std::to_string(dimensions_));
    }
    scrambled_ = scrambled;
    directions_.assign(dimensions_ * bits, 0);
    shift_.assign(dimensions_, 0);
    for (std::size_t d = 0; d < dimensions_; ++d) {
      // m_j, the odd direction integers, by the recurrence of the primitive polynomial
      // (Bratley and Fox 1988, section 2); dimension 0 has every m_j = 1.
      std::array<std::uint32_t, bits> m{};
      if (d == 0) {
        m.fill(1u);
      } else {
        const unsigned poly = table::polynomial(d - 1);
        unsigned degree = 0;
        while ((poly >> (degree + 1)) != 0) ++degree;
        for (unsigned j = 0; j < degree && j < bits; ++j) m[j] = table::minit(d - 1, j);
        for (unsigned j = degree; j < bits; ++j) {
          std::uint32_t value = m[j - degree] ^ (m[j - degree] << degree);
          for (unsigned k = 1; k < degree; ++k) {
            if ((poly >> k) & 1u) value ^= m[j - (degree - k)] << (degree - k);
          }
          m[j] = value;
        }
      }
      for (unsigned j = 0; j < bits; ++j) directions_[d * bits + j] = m[j] << (bits - 1 - j);
      if (scrambled) scramble(d, seed);
    }
  }

  // Matoušek's linear scramble of dimension d's direction numbers, then a digital shift. Output
  // bit b is the parity of (row_b & v), where row_b has bit b set and random bits above it: each
  // digit of the scrambled point depends on that digit and the more significant ones.
  void scramble(std::size_t d, std::uint64_t seed) {
    const std::uint64_t key =
        random::philox_key(seed, random::domain::sensitivity_design, static_cast<std::uint32_t>(d));
    std::array<std::uint32_t, bits> rows{};
    for (unsigned b = 0; b < bits; ++b) {
      const auto w = random::philox_block(key, b, 1);
      const std::uint32_t above = b + 1 < bits ? ~((std::uint32_t{2} << b) - 1u) : 0u;
      rows[b] = (w[0] & above) | (std::uint32_t{1} << b);
    }
    for (unsigned j = 0; j < bits; ++j) {
      const std::uint32_t v = directions_[d * bits + j];
      std::uint32_t out = 0;
      for (unsigned b = 0; b < bits; ++b) {
        out |= parity(rows[b] & v) << b;
      }
      directions_[d * bits + j] = out;
    }
    shift_[d] = random::philox_block(key, 0, 2)[0];
  }

  static std::uint32_t parity(std::uint32_t v) {
    v ^= v >> 16;
    v ^= v >> 8;
    v ^= v >> 4;
    v ^= v >> 2;
    v ^= v >> 1;
    return v & 1u;
  }

  std::size_t dimensions_;
  bool scrambled_ = false;
  std::vector<std::uint32_t> directions_;  // [dimension][bit j], V_j = m_j 2^(31-j)
  std::vector<std::uint32_t> shift_;       // the digital shift (0 unscrambled)
};

}  // namespace goaldrift::sensitivity
