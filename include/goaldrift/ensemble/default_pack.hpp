// The SIMD pack a batched ensemble steps its members in, by default.
#pragma once

#include <cstddef>

#include "../simd/pack.hpp"

namespace goaldrift::ensemble {

/// The lanes a pack holds by default: as many doubles as the target's vector registers take
/// (8 with AVX-512, 4 with AVX, 2 otherwise), the widths that measured fastest for each
/// (bench/README.md, docs/simd.md). It follows the flags a translation unit is compiled with;
/// results do not depend on it.
#if defined(__AVX512F__)
inline constexpr std::size_t default_lanes = 8;
#elif defined(__AVX__)
inline constexpr std::size_t default_lanes = 4;
#else
inline constexpr std::size_t default_lanes = 2;
#endif

/// The pack batched runs step members in.
using default_pack = simd::pack<default_lanes>;

}  // namespace goaldrift::ensemble
