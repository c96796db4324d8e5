// One check for "this throws invalid_parameter naming the component, parameter and value".
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>

#include <goaldrift/error.hpp>

namespace support {

/// Runs f and returns the invalid_parameter it threw, or nothing.
template <class F>
std::optional<goaldrift::invalid_parameter> catch_invalid(F&& f) {
  try {
    f();
  } catch (const goaldrift::invalid_parameter& e) {
    return e;
  }
  return std::nullopt;
}

}  // namespace support

// Checks that the expression throws goaldrift::invalid_parameter naming the component, the
// parameter and the value, with the message "<component>: <parameter> <requirement>, got
// <value>" documented in error.hpp. The expression goes last so it may contain commas.
#define GD_CHECK_INVALID(component_, parameter_, value_, ...)                                      \
  do {                                                                                             \
    const auto caught_ = ::support::catch_invalid([&] { (void)(__VA_ARGS__); });                   \
    REQUIRE_MESSAGE(caught_.has_value(),                                                           \
                    "expected goaldrift::invalid_parameter from " #__VA_ARGS__);                   \
    CHECK(caught_->component() == std::string(component_));                                        \
    CHECK(caught_->parameter() == std::string(parameter_));                                        \
    CHECK(caught_->value() == std::string(value_));                                                \
    const std::string what_ = caught_->what();                                                     \
    CHECK(what_.rfind(std::string(component_) + ": " + parameter_ + " ", 0) == 0);                 \
    CHECK(what_.size() >= std::string(value_).size() + 6);                                         \
    CHECK(what_.substr(what_.size() - std::string(value_).size() - 6) ==                           \
          ", got " + std::string(value_));                                                         \
  } while (false)
