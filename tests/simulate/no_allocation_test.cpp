// No heap allocation inside the integration loop: the model's derivative, an odeint step on
// its std::array state, and simulate()'s loops allocate nothing per step.
//
// This file replaces the global operator new and delete for the whole test binary. They only
// count, and only on a thread that asked to be counted, then call malloc and free as the
// default ones do. Sanitizers (ASan, TSan, MSan) bring operator new of their own, so under
// them the replacement is left out and the tests report themselves as skipped.
#include <doctest/doctest.h>

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <functional>
#include <new>

#include <boost/numeric/odeint/stepper/runge_kutta4_classic.hpp>
#include <goaldrift/goaldrift.hpp>

#include "support/sanitized.hpp"

namespace {
thread_local bool counting = false;
thread_local long allocations = 0;
}  // namespace

#ifndef GOALDRIFT_TEST_SANITIZED
namespace {
void* counted_malloc(std::size_t size) {
  if (counting) ++allocations;
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void* counted_aligned(std::size_t size, std::align_val_t alignment) {
  if (counting) ++allocations;
  const auto a = static_cast<std::size_t>(alignment);
  const std::size_t rounded = (size + a - 1) / a * a;
  if (void* p = std::aligned_alloc(a, rounded == 0 ? a : rounded)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return counted_malloc(size); }
void* operator new[](std::size_t size) { return counted_malloc(size); }
void* operator new(std::size_t size, std::align_val_t a) { return counted_aligned(size, a); }
void* operator new[](std::size_t size, std::align_val_t a) { return counted_aligned(size, a); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
void operator delete(void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { std::free(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { std::free(p); }
#endif

namespace gd = goaldrift;

namespace {

/// How many times operator new ran on this thread while f() ran.
template <class F>
long allocations_in(F&& f) {
  allocations = 0;
  counting = true;
  f();
  counting = false;
  return allocations;
}

bool skipped_under_sanitizer() {
#ifdef GOALDRIFT_TEST_SANITIZED
  std::cout << "GOALDRIFT-SKIP: the allocation count needs our own operator new, which a "
               "sanitizer build replaces with its own\n";
  MESSAGE("GOALDRIFT-SKIP: allocation counting is off under sanitizers");
  return true;
#else
  return false;
#endif
}

// A model with something in every family: SMOOTH3 perception behind a sensor whose bias is a
// pulse, a goal floating toward a pessimistic memory, and pressure made of a number, a STEP,
// a PULSE and a callable.
auto busy_model() {
  namespace p = gd::perception;
  return gd::make_model(
      gd::state::actual(100.0, gd::state::capacity_limited(4.0, 3.0)).with_floor(0.0),
      p::distorted(p::smooth3(2.0), gd::input::pulse(5.0, 3.0, 0.1)),
      gd::goal::floating(100.0, 12.0, gd::goal::remembered(1.0, 12.0)),
      0.5 + gd::input::step(1.0, 2.0) + gd::input::pulse(4.0, 1.0, 2.0) +
          gd::input::function([](double t) { return 0.1 * t; }));
}

}  // namespace

TEST_CASE("the model's derivative and an odeint rk4 step allocate nothing") {
  if (skipped_under_sanitizer()) return;
  auto m = busy_model();
  m.start(gd::run_context{0.0, 10.0, 0.125, true, "rk4"});
  using state_type = decltype(m)::state_type;
  state_type x = m.initial_state(0.0);
  state_type dxdt{};
  boost::numeric::odeint::runge_kutta4_classic<state_type> stepper;
  stepper.do_step(std::cref(m), x, 0.0, 0.125);  // warm-up
  const long n = allocations_in([&] {
    double t = 0.125;
    for (int k = 0; k < 1000; ++k, t += 0.125) {
      m(x, dxdt, t);
      m.rhs(x, dxdt, gd::time_point{t, t + 0.0625, 0.0625});
      stepper.do_step(std::cref(m), x, t, 0.125);
    }
  });
  CHECK(n == 0);
  CHECK(std::isfinite(x[0]));
}

TEST_CASE("simulate() allocates the same whether it takes 100 steps or 10000") {
  if (skipped_under_sanitizer()) return;
  const auto m = busy_model();
  // The same save grid (11 rows), 100x as many steps: anything allocated per step would show.
  auto run = [&](double dt, auto method) {
    return allocations_in([&] { (void)gd::simulate(m, gd::run_options(0.0, 10.0, dt).saving_every(1.0), method); });
  };
  for (int warm = 0; warm < 2; ++warm) (void)run(0.1, gd::method::rk4{});
  const long coarse = run(0.1, gd::method::rk4{});
  const long fine = run(0.001, gd::method::rk4{});
  MESSAGE("allocations in one simulate(): " << coarse << " (100 steps), " << fine << " (10000 steps)");
  CHECK(coarse > 0);  // the counter does count: the trajectory and the names are allocated
  CHECK(fine == coarse);
  CHECK(run(0.001, gd::method::euler{}) == run(0.1, gd::method::euler{}));

  // integrate_on_grid with an observer of its own allocates nothing in its loop either.
  auto observe = [&](double dt) {
    auto copy = m;
    double sum = 0.0;
    const long n = allocations_in([&] {
      gd::integrate_on_grid(copy, gd::run_options(0.0, 10.0, dt).saving_every(1.0), gd::method::rk4{},
                            [&sum](double, const auto& x, const gd::time_point&) { sum += x[0]; });
    });
    CHECK(std::isfinite(sum));
    return n;
  };
  CHECK(observe(0.001) == observe(0.1));
}

TEST_CASE("dopri5 allocates the same for 10 accepted steps or 1000") {
  if (skipped_under_sanitizer()) return;
  const auto m = busy_model();
  auto run = [&](double tolerance) {
    return allocations_in([&] {
      (void)gd::simulate(m, gd::run_options(0.0, 10.0, 0.1).saving_every(1.0).with_tolerances(tolerance, tolerance),
                         gd::method::dopri5{});
    });
  };
  (void)run(1e-4);
  CHECK(run(1e-12) == run(1e-4));
}
