// A pack of W doubles, one ensemble member per lane, that model code treats as a scalar.
//
// With GCC and Clang the lanes live in a compiler vector type (vector_size), which the
// compiler keeps in registers and maps to whatever the target offers (AVX-512, AVX2, SSE2)
// without any -march flag from goaldrift; elsewhere, or with GOALDRIFT_PORTABLE_PACK defined,
// in a plain array with lane-by-lane loops. bench/README.md has the measurements behind the
// choice, against std::experimental::simd and wider packs.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "../detail/bits.hpp"
#include "../math.hpp"

#if (defined(__GNUC__) || defined(__clang__)) && !defined(GOALDRIFT_PORTABLE_PACK)
#define GOALDRIFT_VECTOR_PACK 1
#else
#define GOALDRIFT_VECTOR_PACK 0
#endif

namespace goaldrift::simd {

namespace detail {

// Plain arrays: element-wise loops the compiler may vectorise. Always available.
template <std::size_t W>
struct array_storage {
  using values = std::array<double, W>;
  using flags = std::array<std::uint64_t, W>;
  static values broadcast(double x) {
    values v;
    v.fill(x);
    return v;
  }
  static double get(const values& v, std::size_t i) { return v[i]; }
  static void set(values& v, std::size_t i, double x) { v[i] = x; }
  static bool test(const flags& m, std::size_t i) { return m[i] != 0; }
  static bool all(const flags& m) {
    std::uint64_t r = ~std::uint64_t{0};
    for (std::size_t i = 0; i < W; ++i) r &= m[i];
    return r != 0;
  }
  static bool any(const flags& m) {
    std::uint64_t r = 0;
    for (std::size_t i = 0; i < W; ++i) r |= m[i];
    return r != 0;
  }
  static values blend(const flags& m, const values& a, const values& b) {
    values r;
    using goaldrift::detail::bits_of;
    for (std::size_t i = 0; i < W; ++i) r[i] = goaldrift::detail::double_of((bits_of(a[i]) & m[i]) | (bits_of(b[i]) & ~m[i]));
    return r;
  }
#define GOALDRIFT_ARRAY_OP(name, op)                                   \
  static values name(const values& a, const values& b) {               \
    values r;                                                          \
    for (std::size_t i = 0; i < W; ++i) r[i] = a[i] op b[i];           \
    return r;                                                          \
  }
  GOALDRIFT_ARRAY_OP(add, +)
  GOALDRIFT_ARRAY_OP(sub, -)
  GOALDRIFT_ARRAY_OP(mul, *)
  GOALDRIFT_ARRAY_OP(div, /)
#undef GOALDRIFT_ARRAY_OP
#define GOALDRIFT_ARRAY_CMP(name, op)                                                      \
  static flags name(const values& a, const values& b) {                                    \
    flags m;                                                                               \
    for (std::size_t i = 0; i < W; ++i) m[i] = a[i] op b[i] ? ~std::uint64_t{0} : 0;       \
    return m;                                                                              \
  }
  GOALDRIFT_ARRAY_CMP(lt, <)
  GOALDRIFT_ARRAY_CMP(gt, >)
  GOALDRIFT_ARRAY_CMP(le, <=)
  GOALDRIFT_ARRAY_CMP(ge, >=)
  GOALDRIFT_ARRAY_CMP(eq, ==)
#undef GOALDRIFT_ARRAY_CMP
  static values neg(const values& a) {
    values r;
    for (std::size_t i = 0; i < W; ++i) r[i] = -a[i];
    return r;
  }
};

#if GOALDRIFT_VECTOR_PACK
// Compiler vectors: arithmetic, comparison (all bits set per true lane) and blends are single
// expressions on whole vectors. Each vector is wrapped in a struct: passed or returned bare, a
// 32- or 64-byte vector draws GCC's -Wpsabi note (the ABI differs with and without AVX) in
// every program built without -march flags, while a struct holding one does not.
template <std::size_t Bytes>
struct vector_types {
  typedef double values __attribute__((vector_size(Bytes)));
  typedef std::int64_t flags __attribute__((vector_size(Bytes)));
};
template <std::size_t W>
struct vector_storage {
  using raw_values = typename vector_types<8 * W>::values;
  using raw_flags = typename vector_types<8 * W>::flags;
  struct values {
    raw_values x;
  };
  struct flags {
    raw_flags x;
  };
  static values broadcast(double x) { return {raw_values{} + x}; }
  static double get(const values& v, std::size_t i) { return v.x[i]; }
  static void set(values& v, std::size_t i, double x) { v.x[i] = x; }
  static bool test(const flags& m, std::size_t i) { return m.x[i] != 0; }
  // Whole-vector reductions: AND or OR every lane, no early exit, which vectorises.
  static bool all(const flags& m) {
    std::int64_t r = -1;
    for (std::size_t i = 0; i < W; ++i) r &= m.x[i];
    return r != 0;
  }
  static bool any(const flags& m) {
    std::int64_t r = 0;
    for (std::size_t i = 0; i < W; ++i) r |= m.x[i];
    return r != 0;
  }
  static values blend(const flags& m, const values& a, const values& b) { return {m.x ? a.x : b.x}; }
  static values add(const values& a, const values& b) { return {a.x + b.x}; }
  static values sub(const values& a, const values& b) { return {a.x - b.x}; }
  static values mul(const values& a, const values& b) { return {a.x * b.x}; }
  static values div(const values& a, const values& b) { return {a.x / b.x}; }
  static flags lt(const values& a, const values& b) { return {a.x < b.x}; }
  static flags gt(const values& a, const values& b) { return {a.x > b.x}; }
  static flags le(const values& a, const values& b) { return {a.x <= b.x}; }
  static flags ge(const values& a, const values& b) { return {a.x >= b.x}; }
  static flags eq(const values& a, const values& b) { return {a.x == b.x}; }
  static values neg(const values& a) { return {-a.x}; }
};
template <std::size_t W>
using default_storage = vector_storage<W>;
#else
template <std::size_t W>
using default_storage = array_storage<W>;
#endif
}  // namespace detail

/// The result of comparing two packs: per lane all bits set (true) or none (false), as the
/// hardware's compare instructions produce, so that a select is a bitwise blend.
template <std::size_t W, class Storage = detail::default_storage<W>>
struct mask {
  typename Storage::flags lane{};
  bool operator[](std::size_t i) const { return Storage::test(lane, i); }
};

/// W doubles that behave like one: + - * / and comparisons lane by lane, a double on either
/// side is broadcast. Part code written for a scalar type T runs on it unchanged. `Storage`
/// is the lane container: compiler vectors by default on GCC and Clang, plain arrays
/// (detail::array_storage) elsewhere or with GOALDRIFT_PORTABLE_PACK.
template <std::size_t W, class Storage = detail::default_storage<W>>
struct pack {
  static_assert(W >= 1, "A pack holds at least one lane.");
  using store = Storage;
  using mask_type = mask<W, Storage>;
  static constexpr std::size_t width = W;

  typename store::values v{};

  pack() = default;
  /// Every lane set to `x`.
  explicit pack(double x) : v(store::broadcast(x)) {}

  /// Lane i (read only; set_lane in math::scalar_ops writes one).
  double operator[](std::size_t i) const { return store::get(v, i); }

#define GOALDRIFT_PACK_ARITHMETIC(op, name)                                                  \
  friend pack operator op(const pack& a, const pack& b) { return of(store::name(a.v, b.v)); } \
  friend pack operator op(double a, const pack& b) { return pack(a) op b; }                   \
  friend pack operator op(const pack& a, double b) { return a op pack(b); }                   \
  pack& operator op##=(const pack& b) {                                                       \
    v = store::name(v, b.v);                                                                  \
    return *this;                                                                             \
  }
#define GOALDRIFT_PACK_COMPARISON(op, name) \
  friend mask_type operator op(const pack& a, const pack& b) { return mask_type{store::name(a.v, b.v)}; }
  GOALDRIFT_PACK_ARITHMETIC(+, add)
  GOALDRIFT_PACK_ARITHMETIC(-, sub)
  GOALDRIFT_PACK_ARITHMETIC(*, mul)
  GOALDRIFT_PACK_ARITHMETIC(/, div)
  GOALDRIFT_PACK_COMPARISON(<, lt)
  GOALDRIFT_PACK_COMPARISON(>, gt)
  GOALDRIFT_PACK_COMPARISON(<=, le)
  GOALDRIFT_PACK_COMPARISON(>=, ge)
  GOALDRIFT_PACK_COMPARISON(==, eq)
#undef GOALDRIFT_PACK_ARITHMETIC
#undef GOALDRIFT_PACK_COMPARISON
  friend pack operator-(const pack& a) { return of(store::neg(a.v)); }

  static pack of(const typename store::values& values) {
    pack r;
    r.v = values;
    return r;
  }
};

}  // namespace goaldrift::simd

template <std::size_t W, class S>
struct goaldrift::math::scalar_ops<goaldrift::simd::pack<W, S>> {
  using T = goaldrift::simd::pack<W, S>;
  using mask_type = goaldrift::simd::mask<W, S>;
  using store = S;
  static constexpr std::size_t lanes = W;

  static T select(const mask_type& m, const T& a, const T& b) { return T::of(store::blend(m.lane, a.v, b.v)); }
  static bool is_finite(const T& a) {
    bool ok = true;
    for (std::size_t i = 0; i < W; ++i) ok = ok && std::isfinite(a[i]);
    return ok;
  }
  static T abs(const T& a) {
    return select(a < T(0.0), -a, a);
  }
  static double lane(const T& a, std::size_t i) { return a[i]; }
  static void set_lane(T& a, std::size_t i, double x) { store::set(a.v, i, x); }
  static T from_lanes(const double* lanes) {
    T r;
    std::memcpy(&r.v, lanes, sizeof(double) * W);
    return r;
  }
  template <class F>
  static T map(F&& f, const T& a) {
    T r;
    for (std::size_t i = 0; i < W; ++i) store::set(r.v, i, f(a[i]));
    return r;
  }
};

template <std::size_t W, class S>
struct goaldrift::math::mask_ops<goaldrift::simd::mask<W, S>> {
  static bool all(const goaldrift::simd::mask<W, S>& m) { return S::all(m.lane); }
  static bool any(const goaldrift::simd::mask<W, S>& m) { return S::any(m.lane); }
};
