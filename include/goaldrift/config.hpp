// Build-environment checks that every goaldrift header relies on.
#pragma once

// goaldrift reports a state that turns into NaN or infinity instead of averaging it into a
// result. Under -ffast-math (or -ffinite-math-only, or MSVC /fp:fast) the compiler may assume
// that no value is ever NaN or infinite and delete exactly those checks, so refuse to build.
#if defined(__FAST_MATH__) || (defined(__FINITE_MATH_ONLY__) && __FINITE_MATH_ONLY__) || \
    defined(_M_FP_FAST)
#error "goaldrift: -ffast-math / -ffinite-math-only / /fp:fast are not supported: they let the compiler assume values are always finite, which silently removes goaldrift's NaN and infinity checks. Compile code that includes goaldrift without them."
#endif

#include "version.hpp"

// The model's right-hand side is the innermost call of every run. g++ sometimes declines to
// inline it into the stepper's loop (measured: a one-trajectory Euler run twice as slow, the
// derivatives written to memory by the call and read back at once); this asks it to.
#if defined(__GNUC__)
#define GOALDRIFT_HOT_INLINE inline __attribute__((always_inline))
#else
#define GOALDRIFT_HOT_INLINE inline
#endif

// Keeps a function out of its caller (simulate()'s fixed-step loop, see run_fixed_in_own_frame):
// called once per run, the call costs nothing that shows. Not for a function that a flattened
// caller must inline: noinline wins over flatten.
#if defined(__GNUC__)
#define GOALDRIFT_OWN_FRAME __attribute__((noinline))
#else
#define GOALDRIFT_OWN_FRAME
#endif
