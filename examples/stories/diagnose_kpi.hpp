// Is this goal eroding? A hospital's monthly share of patients seen within four hours, and
// its stated target, as an analyst would get them: the example writes them to CSV from a known
// model and then diagnoses the CSV as a user would their own file.
#pragma once

#include <cmath>
#include <cstdint>
#include <fstream>
#include <iomanip>
#include <string>
#include <vector>

#include <goaldrift/calibration.hpp>
#include <goaldrift/goaldrift.hpp>
#include <goaldrift/random/philox.hpp>

namespace stories::diagnose_kpi {

namespace gd = goaldrift;
namespace cal = goaldrift::calibration;

/// The hidden truth's structure: performance S (percent seen within four hours) corrected
/// toward the goal D over 3 months, under a pressure of 0.5 points a month that swings by 2
/// with the seasons (winter pressure), whatever the goal policy.
template <class Goal>
auto hospital(Goal goal) {
  return gd::make_model(gd::state::actual(95.0, 3.0), gd::perception::instant<double>(), std::move(goal),
                        gd::input::sine_wave(0.5, 2.0, 12.0));
}

/// The truth of the example: a target that floats toward performance over 18 months.
inline auto truth() { return hospital(gd::goal::floating(95.0, 18.0)); }

/// Ten years of months: performance measured with an error of sd 1 point and every ninth month
/// missing (a reporting system down), the stated target published to one decimal. The noise
/// is Philox's, so the data are the same on every machine.
template <class Model>
cal::observations monthly_data(const Model& model, std::uint64_t seed, double months = 120.0) {
  const auto run = gd::simulate(model, gd::run_options(0.0, months, 0.25).saving_every(1.0), gd::method::euler{});
  const auto key = gd::random::philox_key(seed, gd::random::domain::noise, gd::random::stream_id("four-hour rate"));
  std::vector<double> times;
  std::vector<double> performance;
  std::vector<double> target;
  for (std::size_t i = 0; i < run.size(); ++i) {
    times.push_back(run.time()[i]);
    const double measured = run["S"][i] + gd::random::normal(key, i, 0);
    performance.push_back(i % 9 == 4 ? NAN : std::round(measured * 10.0) / 10.0);
    target.push_back(std::round(run["D"][i] * 10.0) / 10.0);
  }
  cal::observations data(times);
  data.add("seen_within_4h", performance).add("target", target);
  return data;
}

/// Writes the data as a user's file would hold them: month,seen_within_4h,target, NA where a
/// month is missing.
inline void write_csv(const cal::observations& data, const std::string& path) {
  std::ofstream out(path);
  out << "month,seen_within_4h,target\n" << std::fixed << std::setprecision(1);
  for (std::size_t i = 0; i < data.times().size(); ++i) {
    out << data.times()[i] << ',';
    const double v = data["seen_within_4h"].values[i];
    if (std::isnan(v)) {
      out << "NA";
    } else {
      out << v;
    }
    out << ',' << data["target"].values[i] << '\n';
  }
}

/// How the example diagnoses the file: which column is which, a yearly season, months.
// [diagnose-options]
inline cal::diagnose_options options() {
  cal::diagnose_options o;
  o.performance = "seen_within_4h";
  o.target = "target";
  o.seasonal_period = 12.0;  // monthly data, winter pressure
  o.time_unit = "months";
  o.fit.starts = 4;
  return o;
}
// [diagnose-options]

}  // namespace stories::diagnose_kpi
