// Sensitivity indices from a design's outcomes: Sobol' (Saltelli 2010, Jansen) and Morris, with
// seeded bootstrap intervals, as a tidy table.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <fstream>
#include <functional>
#include <iomanip>
#include <limits>
#include <mutex>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "../detail/format.hpp"
#include "../detail/names.hpp"
#include "../error.hpp"
#include "../io/text.hpp"
#include "../random/philox.hpp"
#include "design.hpp"

namespace goaldrift::sensitivity {

/// One index of one parameter for one outcome, with its bootstrap interval.
struct estimate {
  /// The parameter, or "a:b" for the second-order index of the pair (a, b).
  std::string parameter;
  std::string outcome;
  /// Sobol': "S1" (first order), "ST" (total), "S2" (second order). Morris: "mu", "mu_star",
  /// "sigma".
  std::string index;
  double value = std::numeric_limits<double>::quiet_NaN();
  /// The percentile bootstrap interval at the report's confidence (NaN without resamples).
  double low = std::numeric_limits<double>::quiet_NaN();
  double high = std::numeric_limits<double>::quiet_NaN();
  /// What the estimate rests on: Sobol', the samples whose every run succeeded with a finite
  /// outcome; Morris, the elementary effects of the parameter that did.
  std::size_t used = 0;
  /// What the design planned: its samples (Sobol') or trajectories (Morris).
  std::size_t planned = 0;
};

/// The indices of an analysis, in a tidy table: one row per (parameter, outcome, index).
class report {
 public:
  static constexpr const char* component = "goaldrift::sensitivity::report";

  /// "sobol" or "morris".
  std::string method;
  std::vector<std::string> parameters;
  std::vector<std::string> outcomes;
  double confidence = 0.95;
  std::size_t resamples = 0;
  std::vector<estimate> estimates;
  /// What a reader must know: runs that failed or gave a non-finite outcome and so left their
  /// sample out, an outcome without variance, a design that is not a power of two.
  std::vector<std::string> notes;

  /// The estimate of `index` of `parameter` for `outcome`; an unknown one throws, naming the
  /// ones there are.
  const estimate& at(const std::string& parameter, const std::string& outcome, const std::string& index) const {
    for (const auto& e : estimates) {
      if (e.parameter == parameter && e.outcome == outcome && e.index == index) return e;
    }
    std::vector<std::string> known;
    for (const auto& e : estimates) known.push_back(e.parameter + "/" + e.outcome + "/" + e.index);
    throw invalid_parameter(component, "parameter/outcome/index",
                            "must name an estimate of the report (" + goaldrift::detail::name_list(known) + ")",
                            io::quote_excerpt(parameter + "/" + outcome + "/" + index));
  }
  double value(const std::string& parameter, const std::string& outcome, const std::string& index) const {
    return at(parameter, outcome, index).value;
  }

  /// The tidy CSV: parameter,outcome,index,estimate,low,high,used,planned (numbers round-trip).
  void write_csv(std::ostream& os) const {
    os << "parameter,outcome,index,estimate,low,high,used,planned\n";
    std::string row;
    for (const auto& e : estimates) {
      row.clear();
      goaldrift::detail::append_csv_field(row, e.parameter);
      row += ',';
      goaldrift::detail::append_csv_field(row, e.outcome);
      row += ',' + e.index + ',';
      goaldrift::detail::append_number(row, e.value);
      row += ',';
      goaldrift::detail::append_number(row, e.low);
      row += ',';
      goaldrift::detail::append_number(row, e.high);
      row += ',' + std::to_string(e.used) + ',' + std::to_string(e.planned) + '\n';
      os << row;
    }
  }
  void write_csv(const std::string& path) const {
    std::ofstream f(path);
    if (!f) throw error(std::string(component) + ": cannot open '" + path + "' for writing");
    write_csv(f);
    f.flush();
    if (!f) throw error(std::string(component) + ": writing '" + path + "' failed");
  }

  /// The indices as a table to read: per outcome, the parameters from the most to the least
  /// influential (by ST, or mu_star for Morris), each index as "estimate [low, high]"; then the
  /// notes.
  void print(std::ostream& os) const {
    const bool sobol = method == "sobol";
    const std::vector<std::string> columns = sobol ? std::vector<std::string>{"S1", "ST"}
                                                   : std::vector<std::string>{"mu_star", "mu", "sigma"};
    const std::string rank = sobol ? "ST" : "mu_star";
    std::size_t width = 9;
    for (const auto& p : parameters) width = std::max(width, p.size());
    for (const auto& o : outcomes) {
      os << (sobol ? "Sobol' indices" : "Morris elementary effects") << " of " << o;
      if (resamples > 0) {
        os << " (" << goaldrift::detail::format_number(confidence * 100.0) << "% bootstrap intervals, " << resamples
           << " resamples)";
      }
      std::size_t cell_width = 10;
      for (const auto& p : parameters) {
        for (const auto& c : columns) cell_width = std::max(cell_width, cell(p, o, c).size() + 2);
      }
      const auto w = static_cast<int>(cell_width);
      os << "\n" << std::left << std::setw(static_cast<int>(width) + 2) << "parameter";
      for (std::size_t c = 0; c < columns.size(); ++c) {
        if (c + 1 < columns.size()) os << std::setw(w);
        os << columns[c];
      }
      os << "\n";
      std::vector<std::string> order = parameters;
      std::stable_sort(order.begin(), order.end(), [&](const std::string& a, const std::string& b) {
        const double va = find(a, o, rank), vb = find(b, o, rank);
        return (std::isnan(vb) && !std::isnan(va)) || va > vb;
      });
      for (const auto& p : order) {
        os << std::setw(static_cast<int>(width) + 2) << p;
        for (std::size_t c = 0; c < columns.size(); ++c) {
          if (c + 1 < columns.size()) os << std::setw(w);
          os << cell(p, o, columns[c]);
        }
        os << "\n";
      }
      if (sobol) {
        for (const auto& e : estimates) {
          if (e.outcome == o && e.index == "S2") os << "  S2 " << e.parameter << ": " << cell(e.parameter, o, "S2") << "\n";
        }
        double total = 0.0;
        for (const auto& p : parameters) total += find(p, o, "ST");
        std::ostringstream sum;
        sum << std::setprecision(3) << total;
        os << "sum of ST: " << sum.str();
        if (total < 1.0) {
          std::ostringstream rest;
          rest << std::setprecision(2) << 1.0 - total;
          os << " (below 1: at least " << rest.str()
             << " of the variance comes from what the study does not vary, such as its noise)";
        }
        os << "\n";
      }
      os << "\n";
    }
    for (const auto& n : notes) os << "note: " << n << "\n";
  }
  std::string table() const {
    std::ostringstream os;
    print(os);
    return os.str();
  }

 private:
  double find(const std::string& p, const std::string& o, const std::string& i) const {
    for (const auto& e : estimates) {
      if (e.parameter == p && e.outcome == o && e.index == i) return e.value;
    }
    return std::numeric_limits<double>::quiet_NaN();
  }
  std::string cell(const std::string& p, const std::string& o, const std::string& i) const {
    const auto& e = at(p, o, i);
    auto number = [](double v) {
      std::ostringstream s;
      s << std::setprecision(3) << v;
      return s.str();
    };
    std::string s = number(e.value);
    if (resamples > 0) s += " [" + number(e.low) + ", " + number(e.high) + "]";
    return s;
  }
};

namespace detail {

// The resampled estimates of one statistic, sorted, give its percentile interval (type 7
// quantiles); replicates without a value (an outcome constant within a resample) are left out.
inline std::pair<double, double> percentile_interval(std::vector<double> values, double confidence) {
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }), values.end());
  if (values.empty()) return {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::quiet_NaN()};
  std::sort(values.begin(), values.end());
  auto q = [&](double level) {
    const double h = level * static_cast<double>(values.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const auto hi = std::min(lo + 1, values.size() - 1);
    return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
  };
  return {q((1.0 - confidence) / 2.0), q((1.0 + confidence) / 2.0)};
}

// Runs body(replicate, row) for the replicates [0, count) on `threads` threads (0: every
// hardware thread), each replicate writing `width` statistics to its own row of the returned
// [replicate][statistic] table: the result does not depend on the number of threads.
inline std::vector<double> replicate_rows(std::size_t count, std::size_t width, unsigned threads,
                                          const std::function<void(std::size_t, double*)>& body) {
  std::vector<double> table(count * width, std::numeric_limits<double>::quiet_NaN());
  const unsigned hardware = std::max(1u, std::thread::hardware_concurrency());
  const unsigned workers =
      static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads == 0 ? hardware : threads, count)));
  auto work = [&](unsigned w) {
    for (std::size_t r = w; r < count; r += workers) body(r, table.data() + r * width);
  };
  if (workers == 1) {
    work(0);
  } else {
    std::vector<std::thread> pool;
    std::exception_ptr failure;
    std::mutex lock;
    for (unsigned w = 0; w < workers; ++w) {
      pool.emplace_back([&, w] {
        try {
          work(w);
        } catch (...) {
          std::lock_guard<std::mutex> guard(lock);
          if (!failure) failure = std::current_exception();
        }
      });
    }
    for (auto& t : pool) t.join();
    if (failure) std::rethrow_exception(failure);
  }
  return table;
}

// Calls f with `n` indices in [0, n), drawn with replacement for bootstrap replicate r:
// SplitMix64 (Steele, Lea and Flood 2014) from a start that Philox gives the replicate, two
// indices per 64-bit output, each by Lemire's multiply-shift of 32 bits (a bias below n / 2^32).
template <class F>
void draw_indices(std::uint64_t key, std::size_t r, std::size_t n, F&& f) {
  const auto w = random::philox_block(key, r, 0);
  std::uint64_t state = (std::uint64_t{w[1]} << 32) | w[0];
  for (std::size_t i = 0; i < n; i += 2) {
    state += 0x9e3779b97f4a7c15ULL;
    const std::uint64_t x = random::mix64(state);
    f(static_cast<std::size_t>(((x & 0xffffffffULL) * n) >> 32));
    if (i + 1 < n) f(static_cast<std::size_t>(((x >> 32) * n) >> 32));
  }
}

inline std::string count_of(std::size_t n, const char* what) {
  return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

// The report an analysis fills, once `values` is checked to hold one value per run of the
// design for each outcome.
template <class Design>
report start_report(const char* component, const char* method, const Design& design,
                    const std::vector<std::string>& outcomes, const std::vector<std::vector<double>>& values,
                    const std::vector<std::string>& notes) {
  if (values.size() != outcomes.size()) {
    throw invalid_parameter(component, "values", "must hold one row per outcome (" + std::to_string(outcomes.size()) + ")",
                            std::to_string(values.size()));
  }
  for (std::size_t o = 0; o < outcomes.size(); ++o) {
    if (values[o].size() != design.runs()) {
      throw invalid_parameter(component, "values",
                              "must hold one value per run of the design (" + std::to_string(design.runs()) + ")",
                              std::to_string(values[o].size()) + " for " + io::quote_excerpt(outcomes[o]));
    }
  }
  report out;
  out.method = method;
  out.parameters = design.parameters();
  out.outcomes = outcomes;
  out.confidence = design.options().confidence;
  out.resamples = design.options().resamples;
  out.notes = notes;
  return out;
}

}  // namespace detail

/// Sobol' indices of each outcome from the outcomes of a Saltelli design's runs:
/// values[o][run] is outcome o of that run, NaN for a run that failed (or was never run).
///
/// Estimators, on values centred on the mean of the A and B runs (the estimators are not
/// invariant to a shift of the outcome; centred, they are, Sobol' 2007) over n samples:
///   V   = the variance (1/(2n)) of the 2n values of A and B,
///   S1_i = (1/n) sum f_B (f_ABi - f_A) / V                      (Saltelli et al. 2010),
///   ST_i = (1/(2n)) sum (f_A - f_ABi)^2 / V                      (Jansen 1999),
///   S2_ij = (1/n) sum (f_BAi f_ABj - f_A f_B) / V - S1_i - S1_j   (Saltelli 2002).
/// A sample is used only when every run of it succeeded with a finite value; the estimates say
/// how many were (estimate::used), and the report's notes say why any were not.
///
/// Intervals: `resamples` bootstrap replicates, each n samples drawn with replacement from the
/// used ones (SplitMix64 from a start Philox gives each replicate, keyed by the design's seed),
/// the same draws for every index, so the intervals are reproducible; computed on `threads`
/// threads (0: every hardware thread) with the same bits for any number.
inline report sobol_indices(const saltelli_design& design, const std::vector<std::string>& outcomes,
                            const std::vector<std::vector<double>>& values, unsigned threads = 1,
                            const std::vector<std::string>& failure_notes = {}) {
  report out = detail::start_report("goaldrift::sensitivity::sobol_indices", "sobol", design, outcomes, values,
                                    failure_notes);
  const auto& names = design.parameters();
  const std::size_t k = names.size();
  const std::size_t b = design.block();
  const bool second = design.options().second_order;
  const std::size_t N = design.samples();
  if (design.options().sampling == sampler::sobol_sequence && (N & (N - 1)) != 0) {
    out.notes.push_back("samples = " + std::to_string(N) +
                        " is not a power of two: a Sobol' sequence is balanced only over powers of two");
  }
  const std::size_t pairs = second ? k * (k - 1) / 2 : 0;
  const std::size_t width = 2 * k + pairs;  // S1..., ST..., S2...
  for (std::size_t o = 0; o < outcomes.size(); ++o) {
    const auto& v = values[o];
    // The used samples, centred.
    std::vector<double> y;
    y.reserve(v.size());
    std::size_t nonfinite = 0;
    std::size_t missing = 0;
    for (std::size_t j = 0; j < N; ++j) {
      bool ok = true;
      for (std::size_t q = 0; q < b; ++q) {
        const double x = v[j * b + q];
        if (std::isnan(x)) {
          ++missing;
          ok = false;
        } else if (!std::isfinite(x)) {
          ++nonfinite;
          ok = false;
        }
      }
      const auto first = v.begin() + static_cast<std::ptrdiff_t>(j * b);
      if (ok) y.insert(y.end(), first, first + static_cast<std::ptrdiff_t>(b));
    }
    const std::size_t n = y.size() / b;
    if (n < N) {
      out.notes.push_back("the indices of " + io::quote_excerpt(outcomes[o]) + " rest on " + std::to_string(n) + " of the " +
                          std::to_string(N) + " samples: " + detail::count_of(missing, "run") +
                          " failed or gave no value and " + detail::count_of(nonfinite, "run") +
                          " gave a non-finite value, and a sample needs all of its " + std::to_string(b) + " runs");
    }
    double centre = 0.0;
    for (std::size_t j = 0; j < n; ++j) centre += y[j * b] + y[j * b + b - 1];
    centre = n > 0 ? centre / (2.0 * static_cast<double>(n)) : 0.0;
    for (double& x : y) x -= centre;
    // Each sample's terms of the sums the estimators need, [sample][term]: A + B, A^2 + B^2,
    // then per parameter f_B (f_ABi - f_A) and (f_A - f_ABi)^2, then per pair
    // f_BAi f_ABj - f_A f_B. A bootstrap replicate is then a sum of drawn rows (faster than
    // forming the terms again at each draw: bench/README.md).
    const std::size_t terms = 2 + 2 * k + pairs;
    std::vector<double> g(n * terms);
    for (std::size_t i = 0; i < n; ++i) {
      const double* r = &y[i * b];
      double* t = &g[i * terms];
      const double a = r[0], bb = r[b - 1];
      t[0] = a + bb;
      t[1] = a * a + bb * bb;
      for (std::size_t p = 0; p < k; ++p) {
        const double ab = r[1 + p];
        t[2 + p] = bb * (ab - a);
        t[2 + k + p] = (a - ab) * (a - ab);
      }
      std::size_t c = 0;
      for (std::size_t p = 0; second && p < k; ++p) {
        for (std::size_t q = p + 1; q < k; ++q, ++c) t[2 + 2 * k + c] = r[1 + k + p] * r[1 + q] - a * bb;
      }
    }
    // The indices from the sums of the terms.
    auto finish = [&](const double* sums, double* row) {
      const double m = static_cast<double>(n);
      const double mean = sums[0] / (2.0 * m);
      const double variance = sums[1] / (2.0 * m) - mean * mean;
      const double nan = std::numeric_limits<double>::quiet_NaN();
      const bool ok = n > 0 && variance > 0.0;
      for (std::size_t p = 0; p < k; ++p) {
        row[p] = ok ? sums[2 + p] / m / variance : nan;
        row[k + p] = ok ? sums[2 + k + p] / (2.0 * m) / variance : nan;
      }
      std::size_t c = 0;
      for (std::size_t p = 0; second && p < k; ++p) {
        for (std::size_t q = p + 1; q < k; ++q, ++c) {
          row[2 * k + c] = ok ? sums[2 + 2 * k + c] / m / variance - row[p] - row[q] : nan;
        }
      }
      return ok;
    };
    std::vector<double> point(width);
    {
      std::vector<double> sums(terms, 0.0);
      for (std::size_t i = 0; i < n; ++i) {
        for (std::size_t c = 0; c < terms; ++c) sums[c] += g[i * terms + c];
      }
      if (!finish(sums.data(), point.data())) {
        out.notes.push_back("the indices of " + io::quote_excerpt(outcomes[o]) + " are undefined (nan): " +
                            (n == 0 ? std::string("no sample has all of its runs")
                                    : std::string("the outcome has no variance over the design")));
      }
    }
    const std::size_t R = n > 0 ? design.options().resamples : 0;
    const std::uint64_t key = random::philox_key(design.seed(), random::domain::bootstrap, 0);
    const auto replicates = detail::replicate_rows(R, width, threads, [&](std::size_t r, double* row) {
      std::vector<double> sums(terms, 0.0);
      double* total = sums.data();
      detail::draw_indices(key, r, n, [&](std::size_t j) {
        const double* t = &g[j * terms];
        for (std::size_t c = 0; c < terms; ++c) total[c] += t[c];
      });
      finish(total, row);
    });
    auto add = [&](std::string parameter, const char* index, std::size_t column) {
      estimate e;
      e.parameter = std::move(parameter);
      e.outcome = outcomes[o];
      e.index = index;
      e.value = point[column];
      if (R > 0) {
        std::vector<double> column_values(R);
        for (std::size_t r = 0; r < R; ++r) column_values[r] = replicates[r * width + column];
        std::tie(e.low, e.high) = detail::percentile_interval(std::move(column_values), out.confidence);
      }
      e.used = n;
      e.planned = N;
      out.estimates.push_back(std::move(e));
    };
    for (std::size_t p = 0; p < k; ++p) add(names[p], "S1", p);
    for (std::size_t p = 0; p < k; ++p) add(names[p], "ST", k + p);
    std::size_t c = 0;
    for (std::size_t p = 0; second && p < k; ++p) {
      for (std::size_t q = p + 1; q < k; ++q, ++c) add(names[p] + ":" + names[q], "S2", 2 * k + c);
    }
  }
  return out;
}

/// Morris' elementary effects of each outcome from the outcomes of a Morris design's runs
/// (values[o][run], NaN for a failed run). The effect of parameter i in a trajectory is
/// (f(after) - f(before)) / Delta, signed so that it is the change per unit of the parameter's
/// rise on the unit grid (Morris 1991; SALib's convention). Per parameter:
///   mu = the mean effect, mu_star = the mean absolute effect (Campolongo et al. 2007),
///   sigma = the effects' standard deviation (n - 1 in the denominator).
/// An effect needs both of its runs; estimate::used counts the effects used. Intervals:
/// bootstrap over trajectories (seeded like sobol_indices').
inline report morris_indices(const morris_design& design, const std::vector<std::string>& outcomes,
                             const std::vector<std::vector<double>>& values, unsigned threads = 1,
                             const std::vector<std::string>& failure_notes = {}) {
  report out = detail::start_report("goaldrift::sensitivity::morris_indices", "morris", design, outcomes, values,
                                    failure_notes);
  const auto& names = design.parameters();
  const std::size_t k = names.size();
  const std::size_t T = design.trajectories();
  const double delta = design.delta();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t o = 0; o < outcomes.size(); ++o) {
    const auto& v = values[o];
    std::vector<double> effect(T * k, nan);  // [trajectory][parameter]
    std::size_t lost = 0;
    for (std::size_t t = 0; t < T; ++t) {
      for (std::size_t s = 1; s <= k; ++s) {
        const std::size_t p = design.moved(t, s);
        const double before = v[t * (k + 1) + s - 1], after = v[t * (k + 1) + s];
        if (std::isfinite(before) && std::isfinite(after)) {
          effect[t * k + p] = (design.moves_up(t, p) ? after - before : before - after) / delta;
        } else {
          ++lost;
        }
      }
    }
    if (lost > 0) {
      out.notes.push_back("the effects of " + io::quote_excerpt(outcomes[o]) + " leave out " +
                          detail::count_of(lost, "effect") +
                          " of " + std::to_string(T * k) + " whose runs failed or gave a non-finite value");
    }
    auto statistics = [&](const std::uint32_t* pick, double* row, std::size_t* used) {
      for (std::size_t p = 0; p < k; ++p) {
        double sum = 0.0, absolute = 0.0;
        std::size_t count = 0;
        for (std::size_t i = 0; i < T; ++i) {
          const double e = effect[(pick != nullptr ? pick[i] : i) * k + p];
          if (std::isnan(e)) continue;
          sum += e;
          absolute += std::fabs(e);
          ++count;
        }
        const double mean = count > 0 ? sum / static_cast<double>(count) : nan;
        double squares = 0.0;
        for (std::size_t i = 0; i < T; ++i) {
          const double e = effect[(pick != nullptr ? pick[i] : i) * k + p];
          if (!std::isnan(e)) squares += (e - mean) * (e - mean);
        }
        row[p] = count > 0 ? absolute / static_cast<double>(count) : nan;
        row[k + p] = mean;
        row[2 * k + p] = count > 1 ? std::sqrt(squares / static_cast<double>(count - 1)) : nan;
        if (used != nullptr) used[p] = count;
      }
    };
    std::vector<double> point(3 * k);
    std::vector<std::size_t> used(k);
    statistics(nullptr, point.data(), used.data());
    const std::size_t R = design.options().resamples;
    const std::uint64_t key = random::philox_key(design.seed(), random::domain::bootstrap, 1);
    const auto replicates = detail::replicate_rows(R, 3 * k, threads, [&](std::size_t r, double* row) {
      std::vector<std::uint32_t> pick;
      pick.reserve(T);
      detail::draw_indices(key, r, T, [&pick](std::size_t i) { pick.push_back(static_cast<std::uint32_t>(i)); });
      statistics(pick.data(), row, nullptr);
    });
    const char* index_names[3] = {"mu_star", "mu", "sigma"};
    for (std::size_t which = 0; which < 3; ++which) {
      for (std::size_t p = 0; p < k; ++p) {
        estimate e;
        e.parameter = names[p];
        e.outcome = outcomes[o];
        e.index = index_names[which];
        e.value = point[which * k + p];
        if (R > 0) {
          std::vector<double> column_values(R);
          for (std::size_t r = 0; r < R; ++r) column_values[r] = replicates[r * 3 * k + which * k + p];
          std::tie(e.low, e.high) = detail::percentile_interval(std::move(column_values), out.confidence);
        }
        e.used = used[p];
        e.planned = T;
        out.estimates.push_back(std::move(e));
      }
    }
  }
  return out;
}

}  // namespace goaldrift::sensitivity
