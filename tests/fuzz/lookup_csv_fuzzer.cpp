// libFuzzer target for io::read_lookup_csv.
#include "parsers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::lookup_csv(data, size);
  return 0;
}
