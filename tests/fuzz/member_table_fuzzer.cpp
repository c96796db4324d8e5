// libFuzzer target for ensemble::member_table::read_csv.
#include "parsers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::member_table(data, size);
  return 0;
}
