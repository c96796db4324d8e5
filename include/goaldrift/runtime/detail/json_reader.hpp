// Reads one JSON value of a model file, knowing where it sits, so every mistake names the file
// and the JSON pointer of the field.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "../../detail/names.hpp"
#include "../../error.hpp"
#include "../../io/text.hpp"

namespace goaldrift::runtime {

/// A mistake in a model file: the file, the JSON pointer of the field (RFC 6901, such as
/// "/goal/adjustment_time"; "" for the whole file) and what was expected.
class model_file_error : public error {
 public:
  model_file_error(std::string file, std::string pointer, const std::string& what)
      : error("goaldrift::model_file: " + file + ": " + (pointer.empty() ? std::string("(the whole file)") : pointer) +
              ": " + what),
        file_(std::move(file)),
        pointer_(std::move(pointer)) {}

  const std::string& file() const noexcept { return file_; }
  const std::string& pointer() const noexcept { return pointer_; }

 private:
  std::string file_;
  std::string pointer_;
};

namespace detail {

/// Objects keep the file's order: parameters are listed, and vary applied, as written.
using json = nlohmann::ordered_json;

/// "a/b~c" as a pointer token: "a~1b~0c".
inline std::string pointer_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

inline const char* json_kind(const json& j) {
  switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "true or false";
    case json::value_t::string: return "a string";
    case json::value_t::array: return "a list";
    case json::value_t::object: return "an object";
    case json::value_t::discarded: return "nothing";
    default: return "a number";
  }
}

/// One value of the file and its pointer. Reading an object's fields records which were asked
/// for, so finish() can refuse a field nobody reads (a misspelt name) with the closest one.
class json_reader {
 public:
  json_reader(const json& value, const std::string& file, std::string pointer)
      : value_(&value), file_(&file), pointer_(std::move(pointer)) {}

  const json& value() const noexcept { return *value_; }
  const std::string& pointer() const noexcept { return pointer_; }
  const std::string& file() const noexcept { return *file_; }

  [[noreturn]] void fail(const std::string& what) const { throw model_file_error(*file_, pointer_, what); }
  [[noreturn]] void fail_at(const std::string& key, const std::string& what) const {
    throw model_file_error(*file_, pointer_ + "/" + pointer_token(key), what);
  }

  bool is_object() const { return value_->is_object(); }
  bool is_string() const { return value_->is_string(); }
  bool is_number() const { return value_->is_number(); }
  bool is_array() const { return value_->is_array(); }

  void require_object(const std::string& what) const {
    if (!value_->is_object()) fail("must be " + what + " (an object), got " + json_kind(*value_));
  }

  /// Whether the object has `key`; the key counts as read.
  bool has(const std::string& key) const {
    asked_.push_back(key);
    return value_->is_object() && value_->contains(key);
  }

  /// The field `key`, which must be there.
  json_reader operator[](const std::string& key) const {
    if (!has(key)) fail("needs the field " + io::quote_excerpt(key) + fields_hint());
    return json_reader(value_->at(key), *file_, pointer_ + "/" + pointer_token(key));
  }

  /// Element i of a list.
  json_reader element(std::size_t i) const {
    return json_reader(value_->at(i), *file_, pointer_ + "/" + std::to_string(i));
  }
  std::size_t size() const { return value_->size(); }

  /// This value, which must be a finite number.
  double number() const {
    if (!value_->is_number()) fail(std::string("must be a number, got ") + json_kind(*value_));
    const double x = value_->get<double>();
    if (!std::isfinite(x)) fail("must be a finite number");
    return x;
  }
  double number(const std::string& key) const { return (*this)[key].number(); }
  std::optional<double> optional_number(const std::string& key) const {
    if (!has(key)) return std::nullopt;
    return (*this)[key].number();
  }
  double number_or(const std::string& key, double fallback) const {
    return has(key) ? (*this)[key].number() : fallback;
  }

  /// This value as a whole number in [lowest, highest].
  std::uint64_t whole(std::uint64_t lowest, std::uint64_t highest) const {
    if (!value_->is_number_integer() || value_->is_number_float()) {
      fail(std::string("must be a whole number, got ") +
           (value_->is_number() ? value_->dump() : std::string(json_kind(*value_))));
    }
    if (value_->is_number_integer() && !value_->is_number_unsigned()) {
      if (value_->get<std::int64_t>() < 0) fail("must not be negative, got " + value_->dump());
    }
    const std::uint64_t x = value_->get<std::uint64_t>();
    if (x < lowest || x > highest) {
      fail("must lie in [" + std::to_string(lowest) + ", " + std::to_string(highest) + "], got " + value_->dump());
    }
    return x;
  }

  std::string text() const {
    if (!value_->is_string()) fail(std::string("must be a string, got ") + json_kind(*value_));
    return value_->get<std::string>();
  }
  std::string text(const std::string& key) const { return (*this)[key].text(); }
  std::string text_or(const std::string& key, const std::string& fallback) const {
    return has(key) ? (*this)[key].text() : fallback;
  }
  bool flag_or(const std::string& key, bool fallback) const {
    if (!has(key)) return fallback;
    const auto r = (*this)[key];
    if (!r.value().is_boolean()) r.fail(std::string("must be true or false, got ") + json_kind(r.value()));
    return r.value().get<bool>();
  }

  /// One of `choices`, or an error listing them with the closest.
  std::string choice(const std::vector<std::string>& choices) const {
    const std::string s = text();
    for (const auto& c : choices) {
      if (c == s) return s;
    }
    fail("must be one of " + goaldrift::detail::name_list(choices) + goaldrift::detail::closest_hint(choices, s) +
         ", got " + io::quote_excerpt(s));
  }

  /// Refuses any field of this object that was never asked for: a misspelt or misplaced name.
  void finish(const std::string& what) const {
    if (!value_->is_object()) return;
    for (const auto& item : value_->items()) {
      bool known = false;
      for (const auto& a : asked_) known = known || a == item.key();
      if (!known) {
        fail_at(item.key(), "is not a field of " + what + goaldrift::detail::closest_hint(asked_, item.key()) +
                                "; its fields are " + goaldrift::detail::name_list(unique_asked()));
      }
    }
  }

 private:
  std::vector<std::string> unique_asked() const {
    std::vector<std::string> out;
    for (const auto& a : asked_) {
      bool seen = false;
      for (const auto& o : out) seen = seen || o == a;
      if (!seen) out.push_back(a);
    }
    return out;
  }
  std::string fields_hint() const {
    if (!value_->is_object()) return std::string(", but this is ") + json_kind(*value_) + ", not an object";
    std::vector<std::string> present;
    for (const auto& item : value_->items()) present.push_back(item.key());
    return goaldrift::detail::closest_hint(present, asked_.back());
  }

  const json* value_;
  const std::string* file_;
  std::string pointer_;
  mutable std::vector<std::string> asked_;
};

}  // namespace detail
}  // namespace goaldrift::runtime
