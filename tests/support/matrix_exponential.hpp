// exp(A) for small dense matrices, by scaling and squaring with a Taylor series, for checking
// linear models against their exact solution.
#pragma once

#include <array>
#include <cmath>
#include <cstddef>

namespace support {

template <std::size_t N>
using matrix = std::array<std::array<double, N>, N>;

template <std::size_t N>
matrix<N> multiply(const matrix<N>& a, const matrix<N>& b) {
  matrix<N> c{};
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t k = 0; k < N; ++k)
      for (std::size_t j = 0; j < N; ++j) c[i][j] += a[i][k] * b[k][j];
  return c;
}

/// exp(A): scale A by 2^-s until its norm is below 1/2, sum the Taylor series to 30 terms
/// (truncation below 1e-40 relative), then square s times.
template <std::size_t N>
matrix<N> expm(matrix<N> a) {
  double norm = 0.0;
  for (const auto& row : a) {
    double sum = 0.0;
    for (double v : row) sum += std::fabs(v);
    norm = std::max(norm, sum);
  }
  int squarings = 0;
  while (norm > 0.5) {
    norm *= 0.5;
    ++squarings;
  }
  const double scale = std::ldexp(1.0, -squarings);
  for (auto& row : a)
    for (double& v : row) v *= scale;
  matrix<N> result{};
  matrix<N> term{};
  for (std::size_t i = 0; i < N; ++i) result[i][i] = term[i][i] = 1.0;
  for (int k = 1; k <= 30; ++k) {
    term = multiply(term, a);
    for (auto& row : term)
      for (double& v : row) v /= k;
    for (std::size_t i = 0; i < N; ++i)
      for (std::size_t j = 0; j < N; ++j) result[i][j] += term[i][j];
  }
  for (int i = 0; i < squarings; ++i) result = multiply(result, result);
  return result;
}

template <std::size_t N>
std::array<double, N> apply(const matrix<N>& a, const std::array<double, N>& x) {
  std::array<double, N> y{};
  for (std::size_t i = 0; i < N; ++i)
    for (std::size_t j = 0; j < N; ++j) y[i] += a[i][j] * x[j];
  return y;
}

}  // namespace support
