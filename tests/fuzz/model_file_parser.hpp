// What the model-file fuzzer does with one input, shared with its replay test so that the seed
// corpus and every past crash run through the same code in each ordinary build too. Apart from
// parsers.hpp because model files need nlohmann-json (goaldrift::runtime).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include <goaldrift/error.hpp>
#include <goaldrift/parameters.hpp>
#include <goaldrift/runtime/ensemble_file.hpp>
#include <goaldrift/runtime/model_file.hpp>

#include "parsers.hpp"

namespace fuzz {

/// Reads a model file (and its ensemble section) from arbitrary bytes. A refusal
/// (model_file_error, or a part's invalid_parameter) is fine; any other exception, a crash, a
/// hang or a huge allocation is a bug. A file that reads must keep its promises: every
/// parameter it lists reads back finite, and setting a parameter to the value it has is
/// accepted and changes nothing (an exception there escapes and libFuzzer reports it).
inline void model_file(const std::uint8_t* data, std::size_t size) {
  namespace rt = goaldrift::runtime;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<rt::model_file> file;
  try {
    file = rt::parse_model_file(text, "fuzz.json", "/nonexistent/goaldrift-fuzz");
    if (!file->ensemble.is_null()) (void)rt::read_ensemble(*file);
  } catch (const goaldrift::runtime::model_file_error&) {
    return;
  } catch (const goaldrift::invalid_parameter&) {
    return;
  }
  for (const auto& p : goaldrift::parameter_list(file->model)) {
    if (!p.is_set) continue;
    const double v = goaldrift::get(file->model, p.path);
    require(std::isfinite(v));
    goaldrift::set(file->model, p.path, v);
    require(goaldrift::get(file->model, p.path) == v);
  }
}

}  // namespace fuzz
