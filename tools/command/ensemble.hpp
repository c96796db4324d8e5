// goaldrift ensemble: a model file's ensemble study, written as tidy CSV and a fan chart.
#pragma once

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <goaldrift/ensemble/progress_bar.hpp>
#include <goaldrift/external/gnuplot.hpp>
#include <goaldrift/runtime/ensemble_file.hpp>
#include <goaldrift/runtime/model_file.hpp>
#include <string>
#include <vector>

#include "exit_status.hpp"
#include "man_page.hpp"
#include "model_arguments.hpp"
#include "output.hpp"

namespace goaldrift::command {

struct ensemble_arguments {
  model_arguments model;
  std::string output;
  std::size_t members = 0;
  std::uint64_t seed = 0;
  unsigned threads = 1;
  bool chart = false;
  bool quiet = false;
  bool fail_on_member_failure = false;
  CLI::Option* members_option = nullptr;
  CLI::Option* seed_option = nullptr;
  CLI::Option* threads_option = nullptr;
};

inline CLI::App* add_ensemble(CLI::App& app, ensemble_arguments& o, man_page& pages) {
  CLI::App* sub =
      app.add_subcommand("ensemble", "run a model file's ensemble study; write summaries, outcomes and a fan chart");
  add_model_arguments(*sub, o.model);
  sub->add_option("-o,--output", o.output,
                  "The directory to write into (made if missing): summary.csv, outcomes.csv or failures.csv, and "
                  "with --chart fan.png. Files of these names from an earlier run are replaced or removed.")
      ->type_name("DIR")
      ->required();
  o.members_option = sub->add_option("--members", o.members,
                                     "How many members to run, instead of the file's "
                                     "\"members\" (1000 if the file gives none).")
                         ->type_name("N");
  o.seed_option = sub->add_option("--seed", o.seed,
                                  "The study's seed instead of the file's (0 if it gives none). "
                                  "The seed and a member's index fix every draw of that member.")
                      ->type_name("SEED");
  o.threads_option = add_threads_option(*sub, o.threads);
  add_run_overrides(*sub, o.model);
  sub->add_flag("--chart", o.chart,
                "Also draw the fan chart of the first summarised variable (S unless the file's \"variables\" say "
                "otherwise) as DIR/fan.png, with its data and gnuplot script beside it. Needs gnuplot (Debian: "
                "gnuplot-nox); without it the exit status is 4, the CSV files written.");
  sub->add_flag("--quiet", o.quiet,
                "No progress bar and no closing summary on standard error (errors and failed "
                "members are still reported).");
  sub->add_flag("--fail-on-member-failure", o.fail_on_member_failure,
                "End with exit status 1 when any member failed (by default the run still succeeds and standard "
                "error says how many failed).");
  pages.describe(sub, {"Reads MODEL and its \"ensemble\" section (docs/model-file.md: the varied parameters and their "
                       "distributions, a member table, design, members, seed, variables, quantiles, failures), "
                       "applies every --set to the model every member starts from, and runs the study. A progress "
                       "bar is drawn on standard error unless --quiet is given.\n\n"
                       "DIR/summary.csv is tidy: one row per save time, variable and statistic, "
                       "\"time,variable,statistic,value\" (count, mean, variance, sd, min, max, median and each "
                       "quantile level). DIR/outcomes.csv has one row per member (its index, status, varied "
                       "parameters, outcomes such as final_S and first_below_S, and for a failed member the time "
                       "and reason); it is written unless the file says \"keep_outcomes\": false, and then "
                       "DIR/failures.csv lists the failed members in the same columns, if any failed.\n\n"
                       "The results depend on the seed, the members and the file, never on --threads: the same "
                       "command with another thread count writes the same bytes.",
                       {{"goaldrift ensemble model.json --members 100000 --threads 2 -o out/ --chart",
                         "100000 members on two threads: out/summary.csv, out/outcomes.csv and out/fan.png."},
                        {"goaldrift ensemble model.json -o out/ --quiet --fail-on-member-failure",
                         "For a script: silent, and exit status 1 if any member failed."}}});
  return sub;
}

// The quantile levels paired outside in across the median (0.05 with 0.95, then 0.25 with
// 0.75): the fan's bands. Levels left without a partner on the other side draw no band.
inline std::vector<external::gnuplot::band> fan_bands(const std::vector<double>& levels) {
  std::vector<double> sorted = levels;
  std::sort(sorted.begin(), sorted.end());
  std::vector<external::gnuplot::band> out;
  for (std::size_t lo = 0, hi = sorted.size(); lo + 1 < hi && sorted[lo] < 0.5 && sorted[hi - 1] > 0.5; ++lo, --hi) {
    out.emplace_back(sorted[lo], sorted[hi - 1]);
  }
  return out;
}

// Draws DIR/fan.png; anything that stops it is exit status 4, the CSV files being written.
inline void draw_fan_chart(const ensemble::result& result, const std::filesystem::path& dir,
                           const std::string& source) {
  namespace plot = external::gnuplot;
  plot::chart_options chart;
  chart.variable = result.variables().front();
  chart.title =
      std::filesystem::path(source).filename().string() + ": " + std::to_string(result.succeeded()) + " members";
  chart.bands = fan_bands(result.quantile_levels());
  const auto& vars = result.variables();
  if (chart.variable != "D" && std::find(vars.begin(), vars.end(), "D") != vars.end()) {
    chart.overlays.emplace_back("D", "median", "goal (median D)");
  }
  plot::chart_status status;
  try {
    status = plot::fan_chart({plot::panel{"", &result}}, dir / "fan.png", chart);
  } catch (const std::exception& e) {
    throw failure(exit_status::chart_failed, e.what());
  }
  if (!status.drawn) throw failure(exit_status::chart_failed, status.message);
}

inline exit_status run_ensemble(const ensemble_arguments& o) {
  const runtime::model_file file = load_model(o.model);
  runtime::ensemble_plan plan = runtime::read_ensemble(file);
  auto& options = plan.options;
  if (o.members_option->count() > 0) options.members = o.members;
  if (o.seed_option->count() > 0) options.seed = o.seed;
  if (o.threads_option->count() > 0) options.threads = o.threads;
  if (!o.quiet) options.on_progress = ensemble::progress_bar("members");

  // The directory is made before the run, so that a run of hours never ends unable to write.
  const std::filesystem::path dir = o.output;
  make_directory(dir);
  const ensemble::result result = runtime::run_ensemble(file, plan);

  const auto summary = dir / "summary.csv";
  const auto outcomes = dir / "outcomes.csv";
  const auto failures = dir / "failures.csv";
  std::vector<std::string> written{summary.string()};
  write_file(summary.string(), [&](std::ostream& os) { result.write_tidy_csv(os); });
  // Failed members are rows of outcomes.csv; without it they get a file of their own, in the
  // same columns (the summarised members' rows are then simply absent).
  if (options.keep_outcomes) {
    write_file(outcomes.string(), [&](std::ostream& os) { result.write_outcomes_csv(os); });
    written.push_back(outcomes.string());
    remove_stale(failures);
  } else {
    remove_stale(outcomes);
    if (result.failed() > 0) {
      write_file(failures.string(), [&](std::ostream& os) { result.write_outcomes_csv(os); });
      written.push_back(failures.string());
    } else {
      remove_stale(failures);
    }
  }

  for (const auto& note : result.notes()) report("note: " + note);
  if (result.failed() > 0) {
    report(std::to_string(result.failed()) + " of " + std::to_string(result.members()) + " members failed; " +
           (options.keep_outcomes ? outcomes : failures).string() + " lists them with the time and reason");
  }
  exit_status status = exit_status::success;
  // gnuplot not found leaves an old chart in place; this run's is drawn anew or not at all.
  for (const char* chart_file : {"fan.png", "fan_0.csv", "fan.gp"}) remove_stale(dir / chart_file);
  if (o.chart) {
    try {
      draw_fan_chart(result, dir, file.source);
      written.push_back((dir / "fan.png").string());
    } catch (const failure& e) {
      report(e.what());
      status = e.status();
    }
  }
  if (!o.quiet) {
    std::string list;
    for (const auto& w : written) list += (list.empty() ? "" : ", ") + w;
    std::fprintf(stderr, "%zu members (%zu failed); wrote %s\n", result.members(), result.failed(), list.c_str());
  }
  if (o.fail_on_member_failure && result.failed() > 0) status = exit_status::run_failed;
  return status;
}

}  // namespace goaldrift::command
