// The noise generator alone: white noise for 64 members over 1600 intervals. goaldrift's
// noise::white (on the batched path's packs, and on double one member at a time) against
// (a) the textbook scalar way, Random123's Philox4x32 and libm's log, sqrt, cos and sin per
// Box-Muller pair, and (b) bench/independent.hpp's own generator drawing all 64 members'
// normals in one pass per pair of intervals (AVX-512 intrinsics where built for them).
#include <Random123/philox.h>

#include <array>
#include <cmath>
#include <vector>

#include "compare.hpp"
#include "models.hpp"

namespace db = drift_bench;
namespace gd = goaldrift;

namespace {

constexpr std::size_t members = 64;
constexpr std::uint64_t seed = 3;
constexpr double two_pi = 6.283185307179586476925286766559;

// (a): one member's noise, interval by interval, two intervals per Philox block.
double scalar_random123(std::uint64_t key, std::uint64_t member, double sd) {
  r123::Philox4x32 philox;
  const r123::Philox4x32::key_type k = {{static_cast<std::uint32_t>(key), static_cast<std::uint32_t>(key >> 32)}};
  double sum = 0.0;
  for (std::size_t pair = 0; pair < db::steps / 2; ++pair) {
    const r123::Philox4x32::ctr_type c = {{static_cast<std::uint32_t>(pair), 0u, static_cast<std::uint32_t>(member), 0u}};
    const auto r = philox(c, k);
    const double u1 = independent::unit(r[0], r[1]);
    const double u2 = independent::unit(r[2], r[3]);
    const double radius = std::sqrt(-2.0 * std::log(u1));
    sum += sd * radius * std::cos(two_pi * u2);
    sum += sd * radius * std::sin(two_pi * u2);
  }
  return sum;
}

// (b): all members at once by bench/independent.hpp's own kernel, no goaldrift code: eight
// members per AVX-512 register where built for it, a plain loop over the members otherwise.
double vectorised(std::uint64_t key, double sd) {
  alignas(64) std::array<double, members> z0, z1;
  double sum = 0.0;
  for (std::size_t pair = 0; pair < db::steps / 2; ++pair) {
#if INDEPENDENT_HAVE_AVX512
    independent::avx512::normal_pairs64(key, pair, 0, z0.data(), z1.data());
#else
    for (std::size_t i = 0; i < members; ++i) independent::normal_pair(key, pair, i, z0[i], z1[i]);
#endif
    for (std::size_t i = 0; i < members; ++i) sum += (0.0 + sd * z0[i]) + (0.0 + sd * z1[i]);
  }
  return sum;
}

// goaldrift: the noise input as the model reads it, at each interval's jump time.
template <class T>
double library(std::vector<gd::noise::white<T>>& noise) {
  T sum(0.0);
  for (std::size_t k = 0; k < db::steps; ++k) {
    const double t = static_cast<double>(k) * db::dt;
    const gd::time_point when{t, t + 0.5 * db::dt, 0.5 * db::dt};
    for (const auto& n : noise) sum = sum + n(when);
  }
  double total = 0.0;
  for (std::size_t l = 0; l < gd::math::lanes_v<T>; ++l) total += gd::math::scalar_ops<T>::lane(sum, l);
  return total;
}

template <class T>
std::vector<gd::noise::white<T>> make_noise() {
  constexpr std::size_t L = gd::math::lanes_v<T>;
  std::vector<gd::noise::white<T>> noise;
  for (std::size_t g = 0; g < members; g += L) {
    gd::noise::white<T> n(db::noise_stream, T(0.0), T(db::noise_sd()), db::dt);
    std::array<std::uint64_t, L> ids;
    for (std::size_t l = 0; l < L; ++l) ids[l] = g + l;
    n.reseed(gd::random::member_keys<L>{seed, ids});
    noise.push_back(n);
  }
  return noise;
}

template <class T, bool Vectorised>
void noise_white(benchmark::State& state) {
  auto noise = make_noise<T>();
  const std::uint64_t key = db::noise_key(seed);
  db::compare(
      state, "normal", static_cast<double>(members * db::steps),
      [&] { benchmark::DoNotOptimize(library(noise)); },
      [&] {
        if constexpr (Vectorised) {
          benchmark::DoNotOptimize(vectorised(key, db::noise_sd()));
        } else {
          double sum = 0.0;
          for (std::size_t i = 0; i < members; ++i) sum += scalar_random123(key, i, db::noise_sd());
          benchmark::DoNotOptimize(sum);
        }
      });
}

}  // namespace

BENCHMARK(noise_white<gd::ensemble::default_pack, false>)
    ->Name("noise/white/pack/vs_scalar_random123_libm")
    ->UseManualTime();
BENCHMARK(noise_white<gd::ensemble::default_pack, true>)->Name("noise/white/pack/vs_vectorised_loop")->UseManualTime();
BENCHMARK(noise_white<double, false>)->Name("noise/white/double/vs_scalar_random123_libm")->UseManualTime();
