#include "load/random.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "common/error.hpp"

namespace pgcertify::load {
namespace {
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

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

Prng::Prng(std::uint64_t seed) {
  for (auto& word : s_) word = splitmix64(seed);
}

std::uint64_t Prng::next_u64() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

double Prng::next_double() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

std::int64_t Prng::uniform(std::int64_t lb, std::int64_t ub) {
  const std::uint64_t size = static_cast<std::uint64_t>(ub) - static_cast<std::uint64_t>(lb) + 1;
  if (size == 0) return static_cast<std::int64_t>(next_u64());  // the whole int64 range
  // Rejection sampling: no modulo bias.
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % size;
  std::uint64_t r;
  do r = next_u64();
  while (r >= limit);
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lb) + r % size);
}

std::uint64_t mix_seed(std::uint64_t base, std::uint64_t index) {
  std::uint64_t state = base ^ (index * 0xd1342543de82ef95ULL);
  splitmix64(state);
  return splitmix64(state);
}

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
