// libFuzzer target for runtime::parse_model_file and read_ensemble.
#include "model_file_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::model_file(data, size);
  return 0;
}
