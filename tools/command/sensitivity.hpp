// goaldrift sensitivity: which varied parameter of a model file's ensemble study drives its
// outcomes, by Sobol' indices or Morris' elementary effects.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <goaldrift/ensemble/progress_bar.hpp>
#include <goaldrift/runtime/ensemble_file.hpp>
#include <goaldrift/runtime/model_file.hpp>
#include <goaldrift/runtime/sensitivity_file.hpp>
#include <goaldrift/sensitivity/chart.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "exit_status.hpp"
#include "man_page.hpp"
#include "model_arguments.hpp"
#include "output.hpp"

namespace goaldrift::command {

struct sensitivity_arguments {
  model_arguments model;
  std::string output;
  std::string analysis = "sobol";
  std::size_t samples = 1024;
  std::string sampler = "sobol";
  bool second_order = false;
  std::size_t trajectories = 20;
  std::size_t levels = 4;
  std::size_t resamples = 1000;
  double confidence = 0.95;
  std::uint64_t seed = 0;
  unsigned threads = 1;
  bool chart = false;
  bool quiet = false;
  CLI::Option* seed_option = nullptr;
  CLI::Option* threads_option = nullptr;
};

inline CLI::App* add_sensitivity(CLI::App& app, sensitivity_arguments& o, man_page& pages) {
  CLI::App* sub = app.add_subcommand(
      "sensitivity", "which varied parameter drives the outcomes: Sobol' indices or Morris elementary effects");
  add_model_arguments(*sub, o.model);
  sub->add_option("-o,--output", o.output,
                  "The directory to write into (made if missing): indices.csv, runs.csv, and with --chart "
                  "chart.png. Files of these names from an earlier run are replaced or removed.")
      ->type_name("DIR")
      ->required();
  sub->add_option("--analysis", o.analysis,
                  "Which analysis: sobol (first-order and total indices from Saltelli's design, the default) "
                  "or morris (elementary effects, for screening many parameters).")
      ->type_name("ANALYSIS")
      ->check(CLI::IsMember({"sobol", "morris"}));
  sub->add_option("--samples", o.samples,
                  "Sobol': N, the base samples; the design runs N (k + 2) members for k varied parameters "
                  "(N (2k + 2) with --second-order). Default 1024; a power of two keeps a Sobol' sequence "
                  "balanced.")
      ->type_name("N");
  sub->add_option("--sampler", o.sampler,
                  "Sobol': where the design's points come from: sobol (the Sobol' sequence, the default), "
                  "scrambled (the sequence scrambled by the seed) or philox (independent random points).")
      ->type_name("SAMPLER")
      ->check(CLI::IsMember({"sobol", "scrambled", "philox"}));
  sub->add_flag("--second-order", o.second_order, "Sobol': also the second-order index of every pair.");
  sub->add_option("--trajectories", o.trajectories,
                  "Morris: r, the trajectories; the design runs r (k + 1) members. Default 20.")
      ->type_name("R");
  sub->add_option("--levels", o.levels, "Morris: p, the levels of the grid (even). Default 4.")->type_name("P");
  sub->add_option("--resamples", o.resamples, "Bootstrap resamples for the intervals (0: none). Default 1000.")
      ->type_name("B");
  sub->add_option("--confidence", o.confidence, "The intervals' level, in (0, 1). Default 0.95.")->type_name("LEVEL");
  o.seed_option = sub->add_option("--seed", o.seed,
                                  "The seed instead of the file's (0 if it gives none): it fixes the noise, the "
                                  "scrambled or random points and the bootstrap.")
                      ->type_name("SEED");
  o.threads_option = add_threads_option(*sub, o.threads);
  add_run_overrides(*sub, o.model);
  sub->add_flag("--chart", o.chart,
                "Also draw the first outcome's indices as bars with their intervals, DIR/chart.png, with "
                "its data (chart.csv) and gnuplot script (chart.gp) beside it. Needs gnuplot (Debian: "
                "gnuplot-nox); without it the exit status is 4, the CSV files written.");
  sub->add_flag("--quiet", o.quiet, "No progress bar and no closing line on standard error.");
  pages.describe(sub, {"Reads MODEL and its \"ensemble\" section (docs/model-file.md): the varied parameters and "
                       "their distributions are the analysis's inputs, its \"outcomes\" what is analysed (without "
                       "any: the final value of each summarised variable and the first one's final and cumulative "
                       "loss). Its seed, threads, variables and failure policy are used; its members and design "
                       "are not, since the analysis's design sets every member's values. A parameter read from a "
                       "member table is refused: a design needs a distribution.\n\n"
                       "The table of indices is printed on standard output, each parameter's estimate with its "
                       "bootstrap interval, most influential first, and any note (runs that failed and the "
                       "samples they left out). DIR/indices.csv is tidy: "
                       "\"parameter,outcome,index,estimate,low,high,used,planned\", index S1, ST or S2 (Sobol') "
                       "or mu_star, mu, sigma (Morris). DIR/runs.csv has one row per run of the design, as "
                       "'goaldrift ensemble' writes outcomes.csv. docs/sensitivity.md has the estimators.\n\n"
                       "The results depend on the seed and the file, never on --threads.",
                       {{"goaldrift sensitivity model.json --samples 4096 --threads 2 -o out/ --chart",
                         "Sobol' indices from 4096 (k + 2) runs: the table, out/indices.csv, out/runs.csv and "
                         "out/chart.png."},
                        {"goaldrift sensitivity model.json --analysis morris --trajectories 40 -o out/",
                         "Morris screening from 40 (k + 1) runs."}}});
  return sub;
}

inline exit_status run_sensitivity(const sensitivity_arguments& o) {
  const runtime::model_file file = load_model(o.model);
  runtime::ensemble_plan plan = runtime::read_ensemble(file);
  if (o.seed_option->count() > 0) plan.options.seed = o.seed;
  if (o.threads_option->count() > 0) plan.options.threads = o.threads;
  if (!o.quiet) plan.options.on_progress = ensemble::progress_bar("runs");
  runtime::sensitivity_settings settings;
  settings.analysis = o.analysis;
  settings.sobol.samples = o.samples;
  settings.sobol.sampling = runtime::sampler_named(o.sampler);
  settings.sobol.second_order = o.second_order;
  settings.sobol.resamples = o.resamples;
  settings.sobol.confidence = o.confidence;
  settings.morris.trajectories = o.trajectories;
  settings.morris.levels = o.levels;
  settings.morris.resamples = o.resamples;
  settings.morris.confidence = o.confidence;

  // The directory is made before the run, so that a long run never ends unable to write.
  const std::filesystem::path dir = o.output;
  make_directory(dir);
  const auto a = runtime::run_sensitivity(file, std::move(plan), settings);

  a.indices.print(std::cout);
  std::cout.flush();
  const auto indices = dir / "indices.csv";
  const auto runs = dir / "runs.csv";
  write_file(indices.string(), [&](std::ostream& os) { a.indices.write_csv(os); });
  write_file(runs.string(), [&](std::ostream& os) { a.runs.write_outcomes_csv(os); });
  std::vector<std::string> written{indices.string(), runs.string()};

  exit_status status = exit_status::success;
  // gnuplot not found leaves an old chart in place; this run's is drawn anew or not at all.
  for (const char* chart_file : {"chart.png", "chart.csv", "chart.gp"}) remove_stale(dir / chart_file);
  if (o.chart) {
    try {
      const auto chart = sensitivity::chart(a.indices, dir / "chart.png");
      if (!chart.drawn) throw failure(exit_status::chart_failed, chart.message);
      written.push_back((dir / "chart.png").string());
    } catch (const failure& e) {
      report(e.what());
      status = e.status();
    } catch (const std::exception& e) {
      report(e.what());
      status = exit_status::chart_failed;
    }
  }
  if (!o.quiet) {
    std::string list;
    for (const auto& w : written) list += (list.empty() ? "" : ", ") + w;
    std::fprintf(stderr, "%zu runs (%zu failed); wrote %s\n", a.runs.members(), a.runs.failed(), list.c_str());
  }
  return status;
}

}  // namespace goaldrift::command
