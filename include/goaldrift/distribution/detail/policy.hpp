// The one Boost.Math policy every goaldrift distribution passes, so no global macro can change it.
#pragma once

#include <boost/math/policies/policy.hpp>

#include "../../config.hpp"

namespace goaldrift::distribution::detail {

/// Every Boost.Math call in goaldrift::distribution passes this policy explicitly. Boost's
/// defaults come from BOOST_MATH_*_POLICY macros that a user (or another library in the same
/// program) may define, and a sampler whose behaviour depends on them is neither reproducible nor
/// predictable, so each choice is spelled out:
///
/// - domain and pole errors throw std::domain_error. The parts validate their parameters and the
///   probability before calling Boost, so reaching one is a goaldrift bug, and it should be loud.
/// - overflow returns +/-infinity and underflow returns 0: both are the correct limits of the
///   functions we call (a normal quantile at the last representable probability, a tail
///   probability beyond 1e-308), and a sampler must not throw for valid input.
/// - evaluation errors (an iterative inverse that did not converge) throw
///   boost::math::evaluation_error, which the caller turns into goaldrift::error.
/// - no promotion of double to long double: long double is 80, 64 or 128 bits depending on the
///   platform, so promoting would make a seeded ensemble draw different parameter values on
///   different machines. Boost's double-precision paths are accurate to a few ulps, which the
///   tests check (cdf(quantile(p)) == p to 1e-12).
using boost_policy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::throw_on_error>,
    boost::math::policies::pole_error<boost::math::policies::throw_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::denorm_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::throw_on_error>,
    boost::math::policies::rounding_error<boost::math::policies::throw_on_error>,
    boost::math::policies::indeterminate_result_error<boost::math::policies::ignore_error>,
    boost::math::policies::promote_float<false>, boost::math::policies::promote_double<false>,
    boost::math::policies::digits2<0>>;

}  // namespace goaldrift::distribution::detail
