#include "common/random.hpp"

#include <cmath>
#include <limits>

namespace pgcertify {
namespace {
std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

std::uint64_t splitmix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
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

std::int64_t Prng::uniform(std::int64_t lb, std::int64_t ub) {
  const std::uint64_t size = static_cast<std::uint64_t>(ub) - static_cast<std::uint64_t>(lb) + 1;
  if (size == 0) return static_cast<std::int64_t>(next_u64());  // the whole int64 range
  const std::uint64_t limit = std::numeric_limits<std::uint64_t>::max() - std::numeric_limits<std::uint64_t>::max() % size;
  std::uint64_t r;
  do r = next_u64();
  while (r >= limit);
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lb) + r % size);
}

std::int64_t Prng::between(std::int64_t lo, std::int64_t hi) {
  const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
  if (span == 0) return static_cast<std::int64_t>(next_u64());  // the full 64-bit range
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + next_u64() % span);
}

double Prng::gaussian() {
  const double u1 = 1.0 - next_double();
  const double u2 = next_double();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

std::uint64_t mix_seed(std::uint64_t base, std::uint64_t index) {
  std::uint64_t state = base ^ (index * 0xd1342543de82ef95ULL);
  splitmix64(state);
  return splitmix64(state);
}

}  // namespace pgcertify
