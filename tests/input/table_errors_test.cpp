// A time table given bad points names itself, as the user wrote it, not the sd::lookup inside
// it (it once reported "goaldrift::sd::lookup: points must hold at least 2 points").
#include <doctest/doctest.h>

#include <string>

#include <goaldrift/input/table.hpp>

#include "support/invalid_parameter.hpp"

namespace in = goaldrift::input;

TEST_CASE("input::table with bad points is refused as goaldrift::input::table, not sd::lookup") {
  GD_CHECK_INVALID("goaldrift::input::table", "points", "1", in::table{{0.0, 1.0}});
  GD_CHECK_INVALID("goaldrift::input::table", "x", "1 after 2 (points 1 and 2)",
                   in::table{{0.0, 1.0}, {2.0, 3.0}, {1.0, 4.0}});
  // The requirement survives the renaming word for word.
  try {
    (void)in::table{{0.0, 1.0}};
    FAIL("expected goaldrift::invalid_parameter");
  } catch (const goaldrift::invalid_parameter& e) {
    CHECK(std::string(e.what()) == "goaldrift::input::table: points must hold at least 2 points, got 1");
  }
}

TEST_CASE("input::table built from an sd::lookup keeps the lookup's own errors") {
  // The user wrote the lookup here, so its name is the right one.
  GD_CHECK_INVALID("goaldrift::sd::lookup", "points", "1", in::table(goaldrift::sd::lookup{{0.0, 1.0}}));
}
