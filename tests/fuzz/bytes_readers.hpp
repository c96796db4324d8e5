// What the fuzzers of the binary readers do with one input: the readers of the partial results
// that cross process boundaries (ensemble/detail/bytes.hpp: tdigest::read,
// streaming_summary::read, read_failure). Shared with the replay test, like parsers.hpp.
//
// The first byte picks the reader; the rest is the message. A refusal (invalid_parameter) is
// fine. What is read must be a state the writer can produce: written back it gives the very
// bytes it was read from, and the object then behaves (finite quantiles within its extremes,
// a cdf in [0, 1], merging and adding work).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <goaldrift/ensemble/detail/bytes.hpp>
#include <goaldrift/ensemble/result.hpp>
#include <goaldrift/ensemble/streaming_summary.hpp>
#include <goaldrift/ensemble/tdigest.hpp>

namespace fuzz {

namespace bytes_detail {

inline void require(bool ok) {
  if (!ok) std::abort();
}

// What was read, written back, must be the bytes it was read from.
inline void require_round_trip(const goaldrift::ensemble::detail::byte_writer& w, const std::uint8_t* data,
                               std::size_t consumed) {
  const auto& back = w.bytes();
  require(back.size() == consumed && (consumed == 0 || std::memcmp(back.data(), data, consumed) == 0));
}

inline void exercise(const goaldrift::ensemble::tdigest& d) {
  if (d.count() == 0.0) {
    require(std::isnan(d.quantile(0.5)) && std::isnan(d.cdf(0.0)));
    return;
  }
  require(std::isfinite(d.count()) && d.count() > 0.0);
  for (double q : {0.0, 0.01, 0.25, 0.5, 0.75, 0.99, 1.0}) {
    const double x = d.quantile(q);
    require(std::isfinite(x) && x >= d.min() && x <= d.max());
    const double p = d.cdf(x);
    require(p >= 0.0 && p <= 1.0);
  }
  goaldrift::ensemble::tdigest merged(d.compression());
  merged.add(0.5 * d.min() + 0.5 * d.max());
  merged.merge(d);
  require(merged.count() == d.count() + 1.0);
  require(std::isfinite(merged.quantile(0.5)));
}

}  // namespace bytes_detail

/// One of the binary readers, picked by the first byte, over the rest.
inline void ensemble_bytes(const std::uint8_t* data, std::size_t size) {
  namespace ens = goaldrift::ensemble;
  if (size == 0) return;
  const unsigned reader = data[0] % 3;
  ++data;
  --size;
  ens::detail::byte_reader in(data, size);
  ens::detail::byte_writer out;
  try {
    if (reader == 0) {
      const auto d = ens::tdigest::read(in);
      d.write(out);
      bytes_detail::require_round_trip(out, data, size - in.remaining());
      bytes_detail::exercise(d);
    } else if (reader == 1) {
      const auto s = ens::streaming_summary::read(in);
      s.write(out);
      bytes_detail::require_round_trip(out, data, size - in.remaining());
      bytes_detail::exercise(s.digest());
      bytes_detail::require(std::isfinite(s.mean()) || s.count() == 0);
      bytes_detail::require(s.count() < 2 || s.variance() >= 0.0);
      ens::streaming_summary merged(s.digest().compression());
      merged.merge(s);
      bytes_detail::require(merged.count() == s.count());
    } else {
      const auto f = ens::read_failure(in);
      ens::write(out, f);
      bytes_detail::require_round_trip(out, data, size - in.remaining());
    }
  } catch (const goaldrift::invalid_parameter&) {
  }
}

}  // namespace fuzz
