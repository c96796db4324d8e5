// libFuzzer target for the readers of partial ensemble results (tdigest, streaming_summary,
// failure), which cross process boundaries.
#include "bytes_readers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::ensemble_bytes(data, size);
  return 0;
}
