// libFuzzer target for mpi::detail::from_bytes, the reader of a rank's block message.
#include "mpi_block.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::mpi_block(data, size);
  return 0;
}
