// Two ensemble results that must be the same bit for bit: summaries, outcomes, parameters and
// failures (runs that differ only in thread count, chunk size or batching code path).
#pragma once

#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <initializer_list>

#include <goaldrift/ensemble.hpp>

#include "same_as_scalar.hpp"

namespace support {

inline void check_bit_identical(const goaldrift::ensemble::result& a, const goaldrift::ensemble::result& b) {
  REQUIRE(a.time() == b.time());
  REQUIRE(a.succeeded() == b.succeeded());
  REQUIRE(a.failed() == b.failed());
  for (std::size_t i = 0; i < a.failures().size(); ++i) {
    CHECK(a.failures()[i].member == b.failures()[i].member);
    CHECK(a.failures()[i].time == b.failures()[i].time);
    CHECK(a.failures()[i].parameters == b.failures()[i].parameters);
    CHECK(a.failures()[i].reason == b.failures()[i].reason);
  }
  for (const auto& v : a.variables()) {
    for (std::size_t j = 0; j < a.time().size(); ++j) {
      const auto& x = a.summary(v, j);
      const auto& y = b.summary(v, j);
      CHECK(x.count() == y.count());
      CHECK(x.mean() == y.mean());  // ==, not Approx: bit for bit
      CHECK(x.variance() == y.variance());
      CHECK(x.min() == y.min());
      CHECK(x.max() == y.max());
      for (double q : a.quantile_levels()) CHECK(x.quantile(q) == y.quantile(q));
    }
  }
  CHECK(a.outcome_members() == b.outcome_members());
  for (const auto& name : a.outcome_names()) CHECK(a.outcome(name) == b.outcome(name));
  for (const auto& name : a.outcome_names()) {
    const auto& x = a.outcome_summary(name);
    const auto& y = b.outcome_summary(name);
    // An outcome no member has a finite value of summarises nothing: NaN on both sides.
    auto same = [](double u, double v) { return u == v || (std::isnan(u) && std::isnan(v)); };
    CHECK(x.count() == y.count());
    CHECK(same(x.mean(), y.mean()));
    CHECK(same(x.variance(), y.variance()));
    for (double q : a.quantile_levels()) CHECK(same(x.quantile(q), y.quantile(q)));
  }
  for (const auto& name : a.parameter_names()) CHECK(a.member_parameter(name) == b.member_parameter(name));
}

// Batched (a) against one at a time (b): bit for bit without FMA, within 1e-12 with it.
inline void check_same_as_scalar(const goaldrift::ensemble::result& a, const goaldrift::ensemble::result& b) {
  REQUIRE(a.succeeded() == b.succeeded());
  REQUIRE(a.failed() == b.failed());
  for (std::size_t i = 0; i < a.failures().size(); ++i) {
    CHECK(a.failures()[i].member == b.failures()[i].member);
    CHECK(a.failures()[i].time == b.failures()[i].time);
    if (!fused_multiply_add) CHECK(a.failures()[i].reason == b.failures()[i].reason);
  }
  for (const auto& v : a.variables()) {
    for (std::size_t j = 0; j < a.time().size(); ++j) {
      CHECK(same_as_scalar(a.summary(v, j).mean(), b.summary(v, j).mean()));
      CHECK(same_as_scalar(a.summary(v, j).variance(), b.summary(v, j).variance()));
      CHECK(same_as_scalar(a.summary(v, j).quantile(0.05), b.summary(v, j).quantile(0.05)));
      CHECK(same_as_scalar(a.summary(v, j).max(), b.summary(v, j).max()));
    }
  }
  for (const auto& name : a.outcome_names()) {
    const auto& x = a.outcome(name);
    const auto& y = b.outcome(name);
    REQUIRE(x.size() == y.size());
    for (std::size_t i = 0; i < x.size(); ++i) CHECK(same_as_scalar(x[i], y[i]));
  }
}

/// For every thread count and chunk size, `run(options)` with `o` changed to them must give
/// `reference` bit for bit.
template <class Run>
void check_any_threads_and_chunks(const goaldrift::ensemble::result& reference, const goaldrift::ensemble::options& o,
                                  std::initializer_list<unsigned> threads, std::initializer_list<std::size_t> chunks,
                                  Run run) {
  for (unsigned t : threads) {
    for (std::size_t chunk : chunks) {
      CAPTURE(t);
      CAPTURE(chunk);
      auto p = o;
      p.threads = t;
      p.chunk_size = chunk;
      check_bit_identical(reference, run(p));
    }
  }
}

}  // namespace support
