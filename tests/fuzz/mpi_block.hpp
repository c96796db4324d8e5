// What the fuzzer of the MPI block message does with one input: mpi::detail::from_bytes, the
// reader of one rank's block results on rank 0 (external/mpi.hpp). Needs MPI's headers only;
// nothing here calls MPI. Shared with the replay program, like parsers.hpp.
//
// Input: 4 bytes of the block shape rank 0 expects (summaries, outcomes kept 0/1, parameters
// and outcome values a member), then the message. The block index expected is the one the
// message opens with, so that the fuzzer reaches past that check. A refusal (invalid_parameter)
// is fine; a block read must have the shape expected (merging it indexes by that shape) and be
// the block written: to_bytes gives back the very message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include <goaldrift/external/mpi.hpp>

namespace fuzz {

inline void mpi_block(const std::uint8_t* data, std::size_t size) {
  namespace mpi = goaldrift::external::mpi;
  if (size < 4) return;
  mpi::detail::block_shape shape;
  shape.summaries = data[0];
  shape.outcomes = (data[1] & 1) != 0;
  shape.parameters = data[2];
  shape.outcome_values = data[3];
  const std::vector<unsigned char> message(data + 4, data + size);
  std::uint64_t index = 0;
  if (message.size() >= sizeof index) std::memcpy(&index, message.data(), sizeof index);
  auto require = [](bool ok) {
    if (!ok) std::abort();
  };
  try {
    const auto block = mpi::detail::from_bytes(message, static_cast<std::size_t>(index), shape);
    require(block.summaries.size() == shape.summaries);
    const std::size_t kept = shape.outcomes ? block.members.size() : 0;
    require(block.parameters.size() == kept && block.outcomes.size() == kept);
    for (const auto& p : block.parameters) require(p.size() == shape.parameters);
    for (const auto& o : block.outcomes) require(o.size() == shape.outcome_values);
    require(mpi::detail::to_bytes(static_cast<std::size_t>(index), block) == message);
  } catch (const goaldrift::invalid_parameter&) {
  }
}

}  // namespace fuzz
