// Which SIMD vehicle should carry a pack of ensemble members? This program steps the same
// bundle of 64 drift-noisy (and noise-free drift) members through goaldrift's batched path
// with each candidate pack type, beside the hand-written structure-of-arrays loop over 64
// members, and prints ns per member-step and the ratio (medians of 9 interleaved runs).
// Candidates: goaldrift's pack on compiler vector extensions (2, 4, 8, 16 lanes), the same on
// std::array, std::experimental::simd (libstdc++), xsimd::batch (if libxsimd-dev is
// installed; goaldrift does not depend on it) and plain double (64 models per bundle).
// bench/README.md has the table and the choice it led to.
//
//   goaldrift_simd_vehicles
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdio>
#include <vector>

#include "models.hpp"
#include "vehicles/stdx_pack.hpp"
#include "vehicles/xsimd_pack.hpp"

namespace db = drift_bench;
namespace gd = goaldrift;
namespace ens = goaldrift::ensemble;

namespace {

constexpr std::size_t in_flight = 64;  // members per bundle, as the library's batched runner

// ns per member-step for `groups` bundles of 64 members stepped by goaldrift with pack P.
template <class P, class Factory>
double library(double& sink, std::size_t groups) {
  constexpr std::size_t lanes = gd::math::lanes_v<P>;
  constexpr std::size_t parts = in_flight / lanes;
  using pack_model = decltype(Factory{}(P{}));
  using bundle = ens::detail::bundle<pack_model, parts>;
  using state = typename bundle::state_type;
  using ops = gd::math::scalar_ops<P>;
  const auto study = db::make_study<Factory>();
  const auto t0 = std::chrono::steady_clock::now();
  for (std::size_t g = 0; g < groups; ++g) {
    bundle b;
    for (std::size_t k = 0; k < parts; ++k) {
      pack_model m = Factory{}(P{});
      std::array<std::uint64_t, lanes> ids{};
      for (std::size_t l = 0; l < lanes; ++l) {
        ids[l] = g * in_flight + k * lanes + l;
        const auto q = db::member_parameters(study, ids[l], groups * in_flight, 7);
        ops::set_lane(db::action_time(m), l, q.ta);
        ops::set_lane(m.goal.adjustment_time, l, q.tg);
        ops::set_lane(m.pressure.value, l, q.u);
      }
      m.reseed(gd::random::member_keys<lanes>{7, ids});
      b.models.push_back(m);
    }
    state x = b.initial_state(0.0);
    typename ens::detail::bundle_stepper<gd::method::rk4, state>::type stepper;
    const auto o = gd::run_options(0.0, db::t_end, db::dt).saving_every(db::t_end);
    const auto grid = gd::detail::check_options(o, false);
    std::array<P, parts> sums{};
    auto observe = [&](double, const state& xs, const gd::time_point&) { sink += ops::lane(xs.part[0][1], 0); };
    gd::detail::run_fixed(b, o, grid, x, stepper, observe,
                          [&](const state& xs, double) { ens::detail::accumulate(sums, xs); });
    sink += ops::lane(sums[0], 0);
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;
  return took.count() * 1e9 / static_cast<double>(groups * in_flight * db::steps);
}

// ns per member-step of the hand-written loop over 64 members.
template <class Factory, bool Noisy>
double hand_written(double& sink, std::size_t groups) {
  const auto study = db::make_study<Factory>();
  const auto t0 = std::chrono::steady_clock::now();
  for (std::size_t g = 0; g < groups; ++g) {
    std::array<db::parameters, in_flight> q{};
    std::array<std::uint64_t, in_flight> ids{};
    for (std::size_t i = 0; i < in_flight; ++i) {
      ids[i] = g * in_flight + i;
      q[i] = db::member_parameters(study, ids[i], groups * in_flight, 7);
    }
    std::array<double, in_flight> final_s{};
    db::batch_members<in_flight, Noisy>(q, ids, 7, final_s.data());
    sink += final_s[3];
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - t0;
  return took.count() * 1e9 / static_cast<double>(groups * in_flight * db::steps);
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

template <class P>
void compare(const char* name) {
  double sink = 0;
  auto one = [&](auto factory, auto noisy) {
    using factory_t = decltype(factory);
    constexpr bool is_noisy = decltype(noisy)::value;
    std::vector<double> ratio, lib, base;
    for (int rep = 0; rep < 9; ++rep) {  // interleaved, alternating which goes first
      double x = 0, y = 0;
      if (rep % 2 != 0) {
        y = hand_written<factory_t, is_noisy>(sink, 48);
        x = library<P, factory_t>(sink, 48);
      } else {
        x = library<P, factory_t>(sink, 48);
        y = hand_written<factory_t, is_noisy>(sink, 48);
      }
      ratio.push_back(x / y);
      lib.push_back(x);
      base.push_back(y);
    }
    std::printf("%-34s %-10s %6.2f ns   hand-written %6.2f ns   ratio %5.2f\n", name,
                is_noisy ? "noisy" : "noise-free", median(lib), median(base), median(ratio));
  };
  one(db::noisy_factory{}, std::true_type{});
  one(db::quiet_factory{}, std::false_type{});
  if (sink == 0.123456789) std::puts("");  // keeps the results alive
}

}  // namespace

int main() {
  std::printf("per member-step, RK4 dt = %g, %zu steps, bundles of %zu members\n", db::dt, db::steps, in_flight);
  compare<gd::simd::pack<2>>("vector-extension pack<2>");
  compare<gd::simd::pack<4>>("vector-extension pack<4>");
  compare<gd::simd::pack<8>>("vector-extension pack<8>");
  compare<gd::simd::pack<16>>("vector-extension pack<16>");
  compare<gd::simd::pack<8, gd::simd::detail::array_storage<8>>>("std::array pack<8>");
#if GOALDRIFT_HAS_STDX_SIMD
  compare<gd::simd::stdx_pack<8>>("std::experimental::simd<8>");
#else
  std::puts("std::experimental::simd: not in this standard library");
#endif
#if GOALDRIFT_HAS_XSIMD
  char xsimd_name[64];
  std::snprintf(xsimd_name, sizeof xsimd_name, "xsimd::batch<double> (%zu lanes)", xsimd::batch<double>::size);
  compare<xsimd::batch<double>>(xsimd_name);
#else
  std::puts("xsimd: not installed (Debian: libxsimd-dev), so not measured");
#endif
  compare<double>("double, 64 models per bundle");
}
