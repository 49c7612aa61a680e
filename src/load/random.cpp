#include "load/random.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "common/error.hpp"

namespace pgcertify::load {
namespace {
Error range_error(std::string message) { return Error(ErrorKind::kPlan, std::move(message)); }

/// The width of [lb, ub] as an unsigned count; rejects empty and overflowing ranges.
std::uint64_t range_size(std::int64_t lb, std::int64_t ub, const char* function) {
  if (lb > ub) throw range_error(fmt::format("empty range given to {}", function));
  const std::uint64_t width = static_cast<std::uint64_t>(ub) - static_cast<std::uint64_t>(lb);
  if (width >= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    throw range_error(fmt::format("random range is too large in {}", function));
  return width + 1;
}

std::int64_t offset(std::int64_t lb, double fraction, std::uint64_t size) {
  auto k = static_cast<std::uint64_t>(static_cast<double>(size) * fraction);
  if (k >= size) k = size - 1;  // fraction rounds to 1.0 only at the very top
  return lb + static_cast<std::int64_t>(k);
}
}  // namespace

std::int64_t random_uniform(Prng& rng, std::int64_t lb, std::int64_t ub) {
  range_size(lb, ub, "random");
  return rng.uniform(lb, ub);
}

std::int64_t random_exponential(Prng& rng, std::int64_t lb, std::int64_t ub, double param) {
  const std::uint64_t size = range_size(lb, ub, "random_exponential");
  if (!(param > 0.0)) throw range_error("exponential parameter must be greater than zero (not " + fmt::format("{}", param) + ")");
  // Inverse transform of the exponential truncated to [0, 1).
  const double cut = std::exp(-param);
  const double u = 1.0 - rng.next_double();  // (0, 1]
  const double fraction = -std::log(cut + (1.0 - cut) * u) / param;
  return offset(lb, fraction, size);
}

std::int64_t random_gaussian(Prng& rng, std::int64_t lb, std::int64_t ub, double param) {
  const std::uint64_t size = range_size(lb, ub, "random_gaussian");
  if (param < 2.0) throw range_error(fmt::format("gaussian parameter must be at least 2.0 (not {})", param));
  double z;
  do {
    // Box-Muller; u1 in (0, 1] so the logarithm is finite.
    const double u1 = 1.0 - rng.next_double();
    const double u2 = rng.next_double();
    z = std::sqrt(-2.0 * std::log(u1)) * std::sin(2.0 * M_PI * u2);
  } while (z < -param || z >= param);
  return offset(lb, (z + param) / (2.0 * param), size);
}

std::int64_t random_zipfian(Prng& rng, std::int64_t lb, std::int64_t ub, double param) {
  const std::uint64_t size = range_size(lb, ub, "random_zipfian");
  if (param < 1.001 || param > 1000.0)
    throw range_error(fmt::format("zipfian parameter must be in range [1.001, 1000] (not {})", param));
  // Devroye's rejection method for the Zipf distribution (Non-Uniform Random Variate
  // Generation, 1986, X.6), restricted to 1..size by rejecting larger draws.
  const double n = static_cast<double>(size);
  const double b = std::pow(2.0, param - 1.0);
  for (;;) {
    const double u = 1.0 - rng.next_double();
    const double v = rng.next_double();
    const double x = std::floor(std::pow(u, -1.0 / (param - 1.0)));
    const double t = std::pow(1.0 + 1.0 / x, param - 1.0);
    if (v * x * (t - 1.0) / (b - 1.0) <= t / b && x <= n) return lb + static_cast<std::int64_t>(x) - 1;
  }
}

}  // namespace pgcertify::load
