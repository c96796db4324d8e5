// Is this goal eroding? Generates ten years of a hospital's monthly four-hour performance and
// stated target from a known model (a target floating toward performance over 18 months),
// writes them to CSV, reads the CSV back as an analyst would read their own, and diagnoses it:
// which goal policy the data favour, how fast the goal moves, and how fast performance drifts.
//
//     diagnose_kpi [output directory]      (default: out)
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <iostream>
#include <string>

#include "stories/diagnose_kpi.hpp"

int main(int argc, char** argv) {
  namespace story = stories::diagnose_kpi;
  try {
    const std::string dir = argc > 1 ? argv[1] : "out";
    std::filesystem::create_directories(dir);
    const std::string file = dir + "/four_hour_performance.csv";
    story::write_csv(story::monthly_data(story::truth(), 2004), file);
    std::cout << "wrote " << file << " (the truth: a target floating toward performance over 18 months)\n\n";

    // [diagnose]
    const auto data = goaldrift::calibration::observations::read_csv(file);
    const auto diagnosis = goaldrift::calibration::diagnose(data, story::options());
    diagnosis.print(std::cout);
    // [diagnose]
    return EXIT_SUCCESS;
  } catch (const std::exception& e) {
    std::cerr << "diagnose_kpi: " << e.what() << "\n";
    return EXIT_FAILURE;
  }
}
