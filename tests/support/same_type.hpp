// is<Expected, Actual>: whether a deduced type (const or not) is exactly the one expected, for
// the deduction tests of the parts.
#pragma once

#include <type_traits>

namespace support {
template <class Expected, class Actual>
constexpr bool is = std::is_same_v<std::remove_const_t<Actual>, Expected>;
}  // namespace support
