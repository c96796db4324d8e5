// Exact byte serialization for shipping partial ensemble results between processes (MPI ranks).
//
// Doubles travel as their 8 bytes, copied bit for bit, so a value read back is the value written
// (NaN payloads and the sign of zero included); unsigned integers travel as 8-byte uint64; a
// string or a vector of doubles is its length (uint64) followed by its elements. Bytes are in
// the machine's own order with no conversion: both ends must share the byte order and the double
// format, as the ranks of one cluster do. A byte_reader checks every read against the bytes left
// and throws invalid_parameter (component "goaldrift::ensemble::byte_reader") on a truncated or
// malformed buffer: it never reads past the end, and it checks a length prefix against the bytes
// left before allocating, so a corrupted length cannot ask for terabytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "../../error.hpp"

namespace goaldrift::ensemble::detail {

static_assert(sizeof(double) == 8 && std::numeric_limits<double>::is_iec559,
              "the byte format writes doubles as 8-byte IEEE 754 values");

/// Appends values to a byte buffer it owns. Unsigned integers of any width are written as
/// uint64; signed integers are refused at compile time rather than silently converted, so a
/// reader always knows what it is reading.
class byte_writer {
 public:
  void put(double value) { append(&value, sizeof value); }

  /// std::uint64_t, std::size_t and other unsigned integers, as uint64; bool as one byte (0 or 1).
  template <class Unsigned,
            std::enable_if_t<std::is_integral_v<Unsigned> && std::is_unsigned_v<Unsigned>, int> = 0>
  void put(Unsigned value) {
    if constexpr (std::is_same_v<Unsigned, bool>) {
      const unsigned char byte = value ? 1 : 0;
      append(&byte, 1);
    } else {
      static_assert(sizeof(Unsigned) <= sizeof(std::uint64_t), "wider than uint64");
      const auto wide = static_cast<std::uint64_t>(value);
      append(&wide, sizeof wide);
    }
  }

  template <class Signed,
            std::enable_if_t<std::is_integral_v<Signed> && std::is_signed_v<Signed>, int> = 0>
  void put(Signed value) = delete;

  /// The length, then the characters.
  void put(const std::string& value) {
    put(static_cast<std::uint64_t>(value.size()));
    append(value.data(), value.size());
  }

  /// The length, then the values in order.
  void put(const std::vector<double>& values) {
    put(static_cast<std::uint64_t>(values.size()));
    append(values.data(), values.size() * sizeof(double));
  }

  /// The bytes written so far.
  const std::vector<unsigned char>& bytes() const noexcept { return bytes_; }
  /// Hands over the bytes written, leaving the writer empty.
  std::vector<unsigned char> release() noexcept { return std::exchange(bytes_, {}); }

 private:
  void append(const void* data, std::size_t size) {
    if (size == 0) {
      return;  // data may be null then, which memcpy does not allow
    }
    const std::size_t at = bytes_.size();
    bytes_.resize(at + size);
    std::memcpy(bytes_.data() + at, data, size);
  }

  std::vector<unsigned char> bytes_;
};

/// Reads back, in the same order, what a byte_writer wrote. Views the bytes without copying
/// them: they must outlive the reader.
class byte_reader {
 public:
  static constexpr const char* component = "goaldrift::ensemble::byte_reader";

  byte_reader(const unsigned char* data, std::size_t size) noexcept : data_(data), size_(size) {}
  explicit byte_reader(const std::vector<unsigned char>& bytes) noexcept
      : byte_reader(bytes.data(), bytes.size()) {}

  double read_double() {
    double value = 0.0;
    take(&value, sizeof value, "a double");
    return value;
  }

  std::uint64_t read_uint64() {
    std::uint64_t value = 0;
    take(&value, sizeof value, "a uint64");
    return value;
  }

  /// A uint64 that must fit in std::size_t (it always does where size_t has 64 bits).
  std::size_t read_size() {
    const std::uint64_t value = read_uint64();
    if (value > std::numeric_limits<std::size_t>::max()) {
      throw invalid_parameter(component, "size", "must fit in std::size_t", std::to_string(value));
    }
    return static_cast<std::size_t>(value);
  }

  /// One byte that must be 0 or 1.
  bool read_bool() {
    const std::size_t at = offset_;
    unsigned char byte = 0;
    take(&byte, 1, "a bool");
    if (byte > 1) {
      throw invalid_parameter(component, "bool",
                              "must be the byte 0 or 1 at offset " + std::to_string(at),
                              std::to_string(byte));
    }
    return byte == 1;
  }

  std::string read_string() {
    const std::size_t length = read_length(1);
    std::string value(length, '\0');
    take(value.data(), length, "a string");
    return value;
  }

  std::vector<double> read_doubles() {
    const std::size_t length = read_length(sizeof(double));
    std::vector<double> values(length);
    take(values.data(), length * sizeof(double), "a vector of doubles");
    return values;
  }

  /// A length prefix for items of `bytes_each` bytes that are to follow: refused unless that
  /// many bytes are left, so it is safe to allocate for them.
  std::size_t read_length(std::size_t bytes_each) {
    const std::size_t at = offset_;
    const std::uint64_t length = read_uint64();
    // divides rather than multiplies, which could wrap around
    if (length > remaining() / (bytes_each == 0 ? 1 : bytes_each)) {
      throw invalid_parameter(component, "length prefix",
                              "must fit in the " + std::to_string(remaining()) +
                                  " bytes left after it (" + std::to_string(bytes_each) +
                                  " bytes each) at offset " + std::to_string(at),
                              std::to_string(length));
    }
    return static_cast<std::size_t>(length);
  }

  /// Bytes not read yet.
  std::size_t remaining() const noexcept { return size_ - offset_; }
  /// True once every byte has been read.
  bool at_end() const noexcept { return offset_ == size_; }

 private:
  void take(void* out, std::size_t size, const char* what) {
    if (size > remaining()) {
      throw invalid_parameter(component, "buffer",
                              "must hold " + std::to_string(size) + " more bytes for " + what +
                                  " at offset " + std::to_string(offset_),
                              std::to_string(remaining()) + " bytes");
    }
    if (size > 0) {
      std::memcpy(out, data_ + offset_, size);
      offset_ += size;
    }
  }

  const unsigned char* data_;
  std::size_t size_;
  std::size_t offset_ = 0;
};

}  // namespace goaldrift::ensemble::detail
