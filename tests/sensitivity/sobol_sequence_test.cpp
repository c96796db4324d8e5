// The Sobol' sequence: Boost.Random's points bit for bit, and a scramble that keeps the balance.
#include <doctest/doctest.h>

#include <boost/random/sobol.hpp>

#include <cstdint>
#include <set>
#include <vector>

#include <goaldrift/sensitivity/sobol_sequence.hpp>

#include "support/invalid_parameter.hpp"

namespace sa = goaldrift::sensitivity;

TEST_CASE("the unscrambled points are Boost.Random's sobol engine's (Joe and Kuo's direction numbers)") {
  for (std::size_t dimensions : {1u, 12u, 200u}) {
    CAPTURE(dimensions);
    const sa::sobol_sequence ours(dimensions);
    boost::random::sobol_engine<std::uint32_t, 32> boost_engine(dimensions);  // starts at point 1
    for (std::uint64_t i = 1; i <= 3000; ++i) {
      for (std::size_t d = 0; d < dimensions; ++d) {
        const std::uint32_t expected = boost_engine();
        if (ours.integer(i, d) != expected) {
          FAIL_CHECK("point " << i << " dimension " << d);
          return;
        }
      }
    }
  }
  const sa::sobol_sequence s(2);
  CHECK(s.integer(0, 0) == 0);
  CHECK(s.probability(0, 0) == 0x1p-33);
  CHECK(s.probability(1, 0) == 0.5 + 0x1p-33);  // x = 1/2, then the centre of its cell
  CHECK(s.probability(2, 1) == 0.25 + 0x1p-33);
}

TEST_CASE("a scrambled sequence keeps the balance: the first 2^m points fill each of 2^m cells once") {
  for (std::uint64_t seed : {1u, 2u, 99u}) {
    const sa::sobol_sequence s(8, seed);
    CHECK(s.scrambled());
    for (std::size_t d = 0; d < 8; ++d) {
      std::set<std::uint32_t> cells;
      for (std::uint64_t i = 0; i < 1024; ++i) cells.insert(s.integer(i, d) >> 22);
      CHECK(cells.size() == 1024);
    }
    // Two-dimensional strata too: 2^10 points over 32 x 32 squares, one each (a (0, m, 2)-net).
    std::set<std::uint32_t> squares;
    for (std::uint64_t i = 0; i < 1024; ++i) squares.insert((s.integer(i, 0) >> 27) << 5 | (s.integer(i, 1) >> 27));
    CHECK(squares.size() == 1024);
  }
  // The seed changes the points; the same seed gives them again.
  CHECK(sa::sobol_sequence(3, 1).integer(5, 2) != sa::sobol_sequence(3, 2).integer(5, 2));
  CHECK(sa::sobol_sequence(3, 1).integer(5, 2) == sa::sobol_sequence(3, 1).integer(5, 2));
  CHECK(sa::sobol_sequence(3, 1).integer(0, 0) != 0);
}

TEST_CASE("a Sobol' sequence refuses dimensions and indices it does not have") {
  GD_CHECK_INVALID("goaldrift::sensitivity::sobol_sequence", "dimensions", "0", sa::sobol_sequence(0));
  GD_CHECK_INVALID("goaldrift::sensitivity::sobol_sequence", "dimensions", "3668", sa::sobol_sequence(3668));
  const sa::sobol_sequence s(2);
  GD_CHECK_INVALID("goaldrift::sensitivity::sobol_sequence", "dimension", "2", s.integer(0, 2));
  GD_CHECK_INVALID("goaldrift::sensitivity::sobol_sequence", "index", "4294967296", s.integer(std::uint64_t{1} << 32, 0));
}
