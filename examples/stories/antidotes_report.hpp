// What the Monte Carlo antidotes examples (one process and MPI) print and write: the table of
// final quality per goal policy, the tidy, wide and per-member CSV of each, and the fan chart.
#pragma once

#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>

#include <goaldrift/ensemble.hpp>
#include <goaldrift/external/gnuplot.hpp>

namespace stories::monte_carlo_antidotes {

/// The three results, one per goal policy.
struct policy_results {
  const goaldrift::ensemble::result& eroding;
  const goaldrift::ensemble::result& absolute;
  const goaldrift::ensemble::result& best_past;
};

/// The share of members that ended below half of where they themselves started. Each
/// member's start is its own: S0 = final_S + final_loss_S (final_loss_S is S0 - S at the end),
/// so a study that varies the starting level is judged right too.
inline double share_below_half_start(const goaldrift::ensemble::result& x) {
  const auto& final_s = x.outcome("final_S");
  const auto& loss = x.outcome("final_loss_S");
  if (final_s.empty()) return 0.0;
  std::size_t below = 0;
  for (std::size_t k = 0; k < final_s.size(); ++k) below += final_s[k] < 0.5 * (final_s[k] + loss[k]);
  return static_cast<double>(below) / static_cast<double>(final_s.size());
}

inline void print_table(std::size_t members, const policy_results& r) {
  std::printf("\n%zu members per policy, pink-noise pressure (mean 1/month), 10 years\n\n", members);
  std::printf("%-14s | %9s | %17s | %22s | %6s\n", "goal policy", "median S", "5-95% band of S", "members below S0/2",
              "failed");
  auto row = [](const char* name, const goaldrift::ensemble::result& x) {
    const double below_half = share_below_half_start(x);
    std::printf("%-14s | %9.2f | %7.2f .. %7.2f | %21.2f%% | %6zu\n", name, x.outcome_quantile("final_S", 0.5),
                x.outcome_quantile("final_S", 0.05), x.outcome_quantile("final_S", 0.95), 100.0 * below_half,
                x.failed());
  };
  row("eroding", r.eroding);
  row("absolute", r.absolute);
  row("best-past", r.best_past);
  std::printf("\nThe same pressure and the same uncertainty: only the goal policy differs.\n\n");
}

/// Writes, for each policy, monte_carlo_antidotes_<policy>.csv (wide: one row per save time),
/// monte_carlo_antidotes_<policy>_tidy.csv (time, variable, statistic, value) and
/// monte_carlo_antidotes_<policy>_members.csv (one row per member: parameters and outcomes, or
/// why it failed), and the fan chart `chart_name`, into `dir`.
inline void write_outputs(const std::filesystem::path& dir, const policy_results& r,
                          const std::string& chart_name = "monte_carlo_antidotes.png") {
  for (const auto& [name, x] : {std::pair{"eroding", &r.eroding}, std::pair{"absolute", &r.absolute},
                                std::pair{"best_past", &r.best_past}}) {
    const auto stem = std::string("monte_carlo_antidotes_") + name;
    const auto wide = dir / (stem + ".csv");
    const auto tidy = dir / (stem + "_tidy.csv");
    const auto per_member = dir / (stem + "_members.csv");
    x->write_wide_csv(wide.string());
    x->write_tidy_csv(tidy.string());
    x->write_outcomes_csv(per_member.string());
    std::printf("  wrote %s, %s and %s\n", wide.string().c_str(), tidy.filename().string().c_str(),
                per_member.filename().string().c_str());
  }
  namespace plot = goaldrift::external::gnuplot;
  plot::chart_options chart;
  chart.title = "Service quality S: median, 50% and 90% bands";
  chart.x_label = "month";
  chart.y_label = "S";
  const auto status = plot::fan_chart({{"eroding goal", &r.eroding}, {"absolute goal", &r.absolute},
                                       {"best-past goal", &r.best_past}},
                                      dir / chart_name, chart);
  std::printf("  %s\n", status.message.c_str());
}

}  // namespace stories::monte_carlo_antidotes
