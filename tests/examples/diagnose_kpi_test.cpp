// What the example diagnose_kpi prints: the verdict recovers the model that made its data.
#include <doctest/doctest.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "stories/diagnose_kpi.hpp"

namespace cal = goaldrift::calibration;
namespace story = stories::diagnose_kpi;

TEST_CASE("example diagnose_kpi: the verdict from the CSV recovers the floating target that made it") {
  const auto file = (std::filesystem::temp_directory_path() / "goaldrift_diagnose_kpi_test.csv").string();
  story::write_csv(story::monthly_data(story::truth(), 2004), file);
  const auto data = cal::observations::read_csv(file);
  std::remove(file.c_str());
  CHECK(data.times().size() == 121);
  CHECK(data["seen_within_4h"].count() == 108);  // every ninth month missing
  const auto d = cal::diagnose(data, story::options());
  CHECK(d.decided);
  CHECK(d.favoured == cal::policy::floating);
  // The truth: adjustment time 18 months; steady drift -u ta / (ta + tg) = -0.5 * 3 / 21.
  CHECK(d.goal_time_low < 18.0);
  CHECK(18.0 < d.goal_time_high);
  CHECK(d.drift_low < -0.5 * 3.0 / 21.0);
  CHECK(-0.5 * 3.0 / 21.0 < d.drift_high);
  CHECK(d.absolute_p < 1e-10);
  CHECK(d.target_p < 1e-10);
  CHECK(d.verdict.rfind("the data favour a floating goal with adjustment time ", 0) == 0);
  CHECK(d.verdict.find("months; an absolute standard is rejected at p < 1e-10; steady drift -0.07") != std::string::npos);
  CHECK(d.verdict.find("; the stated target itself follows performance (p < 1e-10)") != std::string::npos);
}
