// Byte serialization of partial ensemble results (tdigest, streaming_summary, failure): exact
// round trips that keep every later add and merge bit-identical, and truncated or corrupted
// buffers refused with invalid_parameter, never read out of bounds or over-allocated.
#include <doctest/doctest.h>

#include "ensemble/sample_data.hpp"
#include "support/invalid_parameter.hpp"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <goaldrift/detail/format.hpp>
#include <goaldrift/ensemble/detail/bytes.hpp>
#include <goaldrift/ensemble/result.hpp>
#include <goaldrift/ensemble/streaming_summary.hpp>
#include <goaldrift/ensemble/tdigest.hpp>

using goaldrift::ensemble::failure;
using goaldrift::ensemble::streaming_summary;
using goaldrift::ensemble::tdigest;
using goaldrift::ensemble::detail::byte_reader;
using goaldrift::ensemble::detail::byte_writer;
using bytes = std::vector<unsigned char>;

namespace {

constexpr const char* reader_component = "goaldrift::ensemble::byte_reader";
constexpr const char* digest_component = "goaldrift::ensemble::tdigest";
constexpr const char* summary_component = "goaldrift::ensemble::streaming_summary";
constexpr double inf_v = std::numeric_limits<double>::infinity();

// The digest's layout (see tdigest::write): compression, buffer limit, centroid count, then
// 17 bytes per centroid (mean, weight, single_value), the pending values with their length,
// total, min, max.
constexpr std::size_t centroid_count_at = 16;
constexpr std::size_t first_centroid_at = 24;
constexpr std::size_t centroid_bytes = 17;

template <class T, class = void>
struct can_put : std::false_type {};
template <class T>
struct can_put<T, std::void_t<decltype(std::declval<byte_writer&>().put(std::declval<T>()))>>
    : std::true_type {};

static_assert(can_put<double>::value && can_put<std::uint64_t>::value &&
              can_put<std::size_t>::value && can_put<bool>::value &&
              can_put<std::string>::value && can_put<std::vector<double>>::value);
static_assert(!can_put<int>::value && !can_put<long>::value && !can_put<std::int64_t>::value,
              "signed integers must be refused, not written as doubles");

bytes bytes_of(const tdigest& d) {
  byte_writer w;
  d.write(w);
  return w.release();
}

bytes bytes_of(const streaming_summary& s) {
  byte_writer w;
  s.write(w);
  return w.release();
}

tdigest read_digest(const bytes& b) {
  byte_reader r(b);
  tdigest d = tdigest::read(r);
  CHECK(r.at_end());
  return d;
}

streaming_summary read_summary(const bytes& b) {
  byte_reader r(b);
  streaming_summary s = streaming_summary::read(r);
  CHECK(r.at_end());
  return s;
}

template <class T>
void poke(bytes& b, std::size_t at, T value) {
  REQUIRE(at + sizeof value <= b.size());
  std::memcpy(b.data() + at, &value, sizeof value);
}

template <class T>
T peek(const bytes& b, std::size_t at) {
  T value{};
  std::memcpy(&value, b.data() + at, sizeof value);
  return value;
}

/// Every observable result of a digest.
std::vector<double> fingerprint(const tdigest& d) {
  std::vector<double> out = {d.count(), d.min(), d.max(),
                             static_cast<double>(d.centroid_count())};
  for (int i = 0; i <= 1000; ++i) out.push_back(d.quantile(i / 1000.0));
  for (int i = -40; i <= 40; ++i) out.push_back(d.cdf(i / 10.0));
  return out;
}

/// Every observable result of a summary.
std::vector<double> fingerprint(const streaming_summary& s) {
  std::vector<double> out = {static_cast<double>(s.count()), s.mean(), s.variance(), s.sd()};
  const auto of_digest = fingerprint(s.digest());
  out.insert(out.end(), of_digest.begin(), of_digest.end());
  return out;
}

/// 2345 normal values at compression 200 (buffer limit 1000): two flushes, 345 pending.
tdigest digest_with_pending_values() {
  tdigest d;
  for (double x : sample_data::sample("normal", 2345, 11)) d.add(x);
  return d;
}

/// A failure with awkward contents: -0, an infinity, quotes, a newline and a NUL in the reason.
failure awkward_failure() {
  failure f;
  f.member = 123456789012ULL;
  f.seed = 0xfedcba9876543210ULL;
  f.parameters = {0.1, -0.0, inf_v, -1e-310, 42.0};
  f.time = 17.25;
  f.reason = std::string("stock \"S\" is NaN\nat step 3\0 after", 33);
  return f;
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

bool same_failure(const failure& a, const failure& b) {
  if (a.parameters.size() != b.parameters.size()) return false;
  for (std::size_t i = 0; i < a.parameters.size(); ++i) {
    if (!same_bits(a.parameters[i], b.parameters[i])) return false;
  }
  return a.member == b.member && a.seed == b.seed && same_bits(a.time, b.time) &&
         a.reason == b.reason;
}

/// A digest, a summary and a failure in one buffer, as a worker would ship a block.
bytes block_message() {
  byte_writer w;
  digest_with_pending_values().write(w);
  streaming_summary s(50);
  for (double x : sample_data::sample("exponential", 700, 3)) s.add(x);
  s.write(w);
  write(w, awkward_failure());
  return w.release();
}

void read_block_message(const unsigned char* data, std::size_t size) {
  byte_reader r(data, size);
  (void)tdigest::read(r);
  (void)streaming_summary::read(r);
  (void)goaldrift::ensemble::read_failure(r);
}

}  // namespace

TEST_CASE("byte_writer and byte_reader round-trip doubles bit for bit and integers exactly") {
  const double quiet_nan_with_payload = [] {
    const std::uint64_t bits = 0x7ff8000000012345ULL;
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }();
  const std::vector<double> doubles = {0.0, -0.0, 0.1, -inf_v, 5e-324, quiet_nan_with_payload};
  byte_writer w;
  for (double x : doubles) w.put(x);
  w.put(std::uint64_t{0xffffffffffffffffULL});
  w.put(std::size_t{7});
  w.put(true);
  w.put(false);
  w.put(std::string());
  w.put(std::vector<double>());
  CHECK(w.bytes().size() == doubles.size() * 8 + 8 + 8 + 1 + 1 + 8 + 8);
  const bytes b = w.release();
  CHECK(w.bytes().empty());

  byte_reader r(b);
  for (double x : doubles) CHECK(same_bits(r.read_double(), x));
  CHECK(r.read_uint64() == 0xffffffffffffffffULL);
  CHECK(r.read_size() == 7);
  CHECK(r.read_bool());
  CHECK_FALSE(r.read_bool());
  CHECK(r.read_string().empty());
  CHECK(r.read_doubles().empty());
  CHECK(r.at_end());
  CHECK(r.remaining() == 0);
  GD_CHECK_INVALID(reader_component, "buffer", "0 bytes", r.read_double());

  const bytes two = {2};
  byte_reader bad_bool(two);
  GD_CHECK_INVALID(reader_component, "bool", "2", bad_bool.read_bool());
  byte_reader nothing(nullptr, 0);
  CHECK(nothing.at_end());
  GD_CHECK_INVALID(reader_component, "buffer", "0 bytes", nothing.read_uint64());
}

TEST_CASE("a tdigest read back is the digest written and stays identical through adds and merges") {
  tdigest original = digest_with_pending_values();
  REQUIRE(original.count() == 2345.0);
  REQUIRE(original.centroid_count() > 1);
  const bytes written = bytes_of(original);
  tdigest copy = read_digest(written);

  // field for field: writing the copy gives the same bytes
  CHECK(bytes_of(copy) == written);
  CHECK(fingerprint(copy) == fingerprint(original));
  CHECK(copy.compression() == original.compression());
  CHECK(copy.memory_bytes() >= sizeof(tdigest) + 1000 * sizeof(double));

  // 1500 more values cross the next flush; then a merge of another digest
  const auto more = sample_data::sample("log-normal sigma 2", 1500, 5);
  for (double x : more) {
    original.add(x);
    copy.add(x);
  }
  CHECK(bytes_of(copy) == bytes_of(original));
  tdigest other;
  for (double x : sample_data::sample("uniform", 777, 9)) other.add(x);
  original.merge(other);
  copy.merge(read_digest(bytes_of(other)));
  CHECK(bytes_of(copy) == bytes_of(original));
  CHECK(fingerprint(copy) == fingerprint(original));
  CHECK(copy.quantile(0.5) == original.quantile(0.5));
  CHECK(copy.cdf(0.3) == original.cdf(0.3));
  CHECK(copy.min() == original.min());
  CHECK(copy.max() == original.max());
  CHECK(copy.count() == original.count());

  // merging the read-back digest into another gives what merging the original gives
  tdigest into_a;
  tdigest into_b;
  into_a.add(0.5);
  into_b.add(0.5);
  into_a.merge(original);
  into_b.merge(read_digest(bytes_of(original)));
  CHECK(bytes_of(into_a) == bytes_of(into_b));
  CHECK(fingerprint(into_a) == fingerprint(into_b));
}

TEST_CASE("a tdigest of another compression, and one of pending values only, round-trip exactly") {
  tdigest odd(37.3);  // buffer limit ceil(186.5) = 187
  for (double x : sample_data::sample("30% clamped at 0", 500, 21)) odd.add(x);
  tdigest odd_copy = read_digest(bytes_of(odd));
  CHECK(odd_copy.compression() == 37.3);
  CHECK(fingerprint(odd_copy) == fingerprint(odd));

  tdigest few;
  few.add(3.0);
  few.add(-1.0);
  few.add(3.0);
  tdigest few_copy = read_digest(bytes_of(few));
  CHECK(fingerprint(few_copy) == fingerprint(few));
  for (double x : sample_data::sample("normal", 2000, 4)) {
    few.add(x);
    few_copy.add(x);
  }
  CHECK(bytes_of(few_copy) == bytes_of(few));
}

TEST_CASE("an empty tdigest round-trips and then behaves as a fresh one") {
  const tdigest empty(120);
  const bytes written = bytes_of(empty);
  CHECK(written.size() == 8 + 8 + 8 + 8 + 3 * 8);
  tdigest copy = read_digest(written);
  CHECK(copy.count() == 0.0);
  CHECK(copy.compression() == 120.0);
  CHECK(std::isnan(copy.min()));
  CHECK(std::isnan(copy.quantile(0.5)));
  CHECK(copy.memory_bytes() == empty.memory_bytes());
  CHECK(bytes_of(copy) == written);

  tdigest fresh(120);
  tdigest other;
  for (double x : sample_data::sample("normal", 900, 8)) other.add(x);
  copy.merge(other);
  fresh.merge(other);
  CHECK(bytes_of(copy) == bytes_of(fresh));
  CHECK(fingerprint(copy) == fingerprint(fresh));
}

TEST_CASE("streaming_summary round-trips exactly and merges of read-back blocks match the originals") {
  const auto values = sample_data::sample("bimodal 70% N(0,1) 30% N(10,0.5^2)", 20000, 99);

  // Each block summarised alone and shipped in one message, as worker ranks would.
  std::vector<streaming_summary> blocks;
  byte_writer message;
  std::size_t begin = 0;
  for (std::size_t end : sample_data::block_ends(values.size())) {
    streaming_summary block;
    for (std::size_t i = begin; i < end; ++i) block.add(values[i]);
    block.write(message);
    blocks.push_back(block);
    begin = end;
  }
  REQUIRE(blocks.size() > 2);

  const bytes shipped = message.release();
  byte_reader r(shipped);
  streaming_summary from_originals;
  streaming_summary from_bytes;
  for (const streaming_summary& block : blocks) {
    const streaming_summary received = streaming_summary::read(r);
    CHECK(received.count() == block.count());
    CHECK(same_bits(received.mean(), block.mean()));
    CHECK(same_bits(received.variance(), block.variance()));  // NaN for the block of one
    CHECK(received.quantiles({0.05, 0.5, 0.95}) == block.quantiles({0.05, 0.5, 0.95}));
    CHECK(bytes_of(received) == bytes_of(block));
    from_originals.merge(block);
    from_bytes.merge(received);
  }
  CHECK(r.at_end());
  CHECK(from_bytes.count() == values.size());
  CHECK(from_bytes.mean() == from_originals.mean());
  CHECK(from_bytes.variance() == from_originals.variance());
  CHECK(from_bytes.median() == from_originals.median());
  CHECK(fingerprint(from_bytes) == fingerprint(from_originals));
  CHECK(bytes_of(from_bytes) == bytes_of(from_originals));

  // and the merged result itself round-trips, then keeps adding identically
  streaming_summary copy = read_summary(bytes_of(from_originals));
  for (double x : {1.5, -2.25, 7.0}) {
    copy.add(x);
    from_originals.add(x);
  }
  CHECK(fingerprint(copy) == fingerprint(from_originals));
  CHECK(bytes_of(copy) == bytes_of(from_originals));

  const streaming_summary empty_copy = read_summary(bytes_of(streaming_summary(64)));
  CHECK(empty_copy.count() == 0);
  CHECK(empty_copy.digest().compression() == 64.0);
  CHECK(std::isnan(empty_copy.mean()));
}

TEST_CASE("a failure round-trips field for field") {
  byte_writer w;
  write(w, awkward_failure());
  write(w, failure{});
  const bytes b = w.release();
  byte_reader r(b);
  const failure first = goaldrift::ensemble::read_failure(r);
  const failure second = goaldrift::ensemble::read_failure(r);
  CHECK(r.at_end());
  CHECK(same_failure(first, awkward_failure()));
  CHECK(first.reason.size() == 33);
  CHECK(std::signbit(first.parameters[1]));
  CHECK(same_failure(second, failure{}));
}

TEST_CASE("every truncation of a valid buffer throws invalid_parameter from the byte_reader") {
  const bytes message = block_message();
  read_block_message(message.data(), message.size());  // the whole message reads
  for (std::size_t size = 0; size < message.size(); ++size) {
    CAPTURE(size);
    // a copy of exactly `size` bytes, so a read past it is an error the sanitizers see
    const bytes prefix(message.begin(), message.begin() + static_cast<std::ptrdiff_t>(size));
    const auto caught = support::catch_invalid([&] { read_block_message(prefix.data(), size); });
    REQUIRE(caught.has_value());
    CHECK(caught->component() == reader_component);
  }
}

TEST_CASE("a corrupted length prefix throws before anything is allocated") {
  byte_writer w;
  w.put(std::vector<double>{1.0, 2.0, 3.0});
  w.put(std::string("abc"));
  const bytes valid = w.release();

  // 35 bytes follow the prefix, room for 4 doubles, not 5; 2^61 doubles are 2^64 bytes, so a
  // check that multiplied would wrap around to 0 and pass
  for (std::uint64_t length : {std::uint64_t{5}, std::uint64_t{1} << 61,
                               std::numeric_limits<std::uint64_t>::max()}) {
    CAPTURE(length);
    bytes b = valid;
    poke(b, 0, length);
    byte_reader r(b);
    GD_CHECK_INVALID(reader_component, "length prefix", std::to_string(length), r.read_doubles());
  }
  bytes long_string = valid;
  poke(long_string, 8 + 3 * 8, std::numeric_limits<std::uint64_t>::max());
  byte_reader r(long_string);
  CHECK(r.read_doubles() == std::vector<double>{1.0, 2.0, 3.0});
  GD_CHECK_INVALID(reader_component, "length prefix", "18446744073709551615", r.read_string());

  bytes digest = bytes_of(digest_with_pending_values());
  poke(digest, centroid_count_at, std::numeric_limits<std::uint64_t>::max());
  GD_CHECK_INVALID(reader_component, "length prefix", "18446744073709551615",
                   read_digest(digest));

  byte_writer fw;
  write(fw, awkward_failure());
  bytes f = fw.release();
  poke(f, 16, std::uint64_t{1} << 61);  // the parameters' length, after member and seed
  byte_reader fr(f);
  GD_CHECK_INVALID(reader_component, "length prefix", "2305843009213693952",
                   goaldrift::ensemble::read_failure(fr));
}

TEST_CASE("a corrupted digest or summary throws invalid_parameter naming the field") {
  const bytes valid = bytes_of(digest_with_pending_values());
  const auto centroids = peek<std::uint64_t>(valid, centroid_count_at);
  REQUIRE(centroids > 2);
  const std::size_t total_at = valid.size() - 24;

  SUBCASE("compression") {
    bytes b = valid;
    poke(b, 0, 5.0);
    GD_CHECK_INVALID(digest_component, "compression", "5", read_digest(b));
  }
  SUBCASE("buffer limit") {
    bytes b = valid;
    poke(b, 8, std::uint64_t{10});
    GD_CHECK_INVALID(digest_component, "buffer limit", "10", read_digest(b));
  }
  SUBCASE("a weight that is not positive") {
    bytes b = valid;
    poke(b, first_centroid_at + 8, -1.0);
    GD_CHECK_INVALID(digest_component, "centroid weight", "-1", read_digest(b));
  }
  SUBCASE("a mean that is not finite") {
    bytes b = valid;
    poke(b, first_centroid_at, inf_v);
    GD_CHECK_INVALID(digest_component, "centroid mean", "inf", read_digest(b));
  }
  SUBCASE("centroids out of order") {
    bytes b = valid;
    poke(b, first_centroid_at + centroid_bytes, -1000.5);
    GD_CHECK_INVALID(digest_component, "centroid mean", "-1000.5", read_digest(b));
  }
  SUBCASE("single_value neither 0 nor 1") {
    bytes b = valid;
    b[first_centroid_at + 16] = 7;
    GD_CHECK_INVALID(reader_component, "bool", "7", read_digest(b));
  }
  SUBCASE("a count that the weights do not add up to") {
    bytes b = valid;
    poke(b, total_at, 2346.0);
    GD_CHECK_INVALID(digest_component, "count", "2346", read_digest(b));
  }
  SUBCASE("extremes that do not bound the pending values") {
    // min 0, above the negative values of a normal sample; the pending ones are the last 345
    const auto values = sample_data::sample("normal", 2345, 11);
    double first_negative_pending = 0.0;
    for (std::size_t i = 2000; i < values.size() && first_negative_pending == 0.0; ++i) {
      if (values[i] < 0.0) first_negative_pending = values[i];
    }
    REQUIRE(first_negative_pending < 0.0);
    bytes b = valid;
    poke(b, total_at + 8, 0.0);
    GD_CHECK_INVALID(digest_component, "pending value",
                     goaldrift::detail::format_number(first_negative_pending), read_digest(b));
  }
  SUBCASE("an empty digest with extremes") {
    bytes b = bytes_of(tdigest());
    poke(b, b.size() - 16, 0.0);
    GD_CHECK_INVALID(digest_component, "min", "0", read_digest(b));
  }
  SUBCASE("a summary whose count is not its digest's") {
    streaming_summary s;
    for (double x : {1.0, 2.0, 4.0}) s.add(x);
    bytes b = bytes_of(s);
    poke(b, b.size() - 24, std::uint64_t{4});
    GD_CHECK_INVALID(summary_component, "count", "4", read_summary(b));
  }
  SUBCASE("a summary with negative squared deviations") {
    streaming_summary s;
    for (double x : {1.0, 2.0, 4.0}) s.add(x);
    bytes b = bytes_of(s);
    poke(b, b.size() - 8, -0.5);
    GD_CHECK_INVALID(summary_component, "sum of squared deviations", "-0.5", read_summary(b));
  }
  SUBCASE("an empty summary with a mean") {
    bytes b = bytes_of(streaming_summary());
    poke(b, b.size() - 16, -0.0);
    GD_CHECK_INVALID(summary_component, "mean", "-0", read_summary(b));
  }
}
