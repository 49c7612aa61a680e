#include "load/hash.hpp"

namespace pgcertify::load {

std::int64_t hash_fnv1a(std::int64_t value, std::int64_t seed) {
  constexpr std::uint64_t kOffsetBasis = 0xcbf29ce484222325ULL;
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::uint64_t h = kOffsetBasis ^ static_cast<std::uint64_t>(seed);
  auto v = static_cast<std::uint64_t>(value);
  for (int i = 0; i < 8; ++i) {
    h ^= v & 0xff;
    h *= kPrime;
    v >>= 8;
  }
  return static_cast<std::int64_t>(h);
}

std::int64_t hash_murmur2(std::int64_t value, std::int64_t seed) {
  // MurmurHash64A over the 8 bytes of `value`.
  constexpr std::uint64_t kMul = 0xc6a4a7935bd1e995ULL;
  constexpr int kRot = 47;
  std::uint64_t h = static_cast<std::uint64_t>(seed) ^ (kMul * 8);
  std::uint64_t k = static_cast<std::uint64_t>(value);
  k *= kMul;
  k ^= k >> kRot;
  k *= kMul;
  h ^= k;
  h *= kMul;
  h ^= h >> kRot;
  h *= kMul;
  h ^= h >> kRot;
  return static_cast<std::int64_t>(h);
}

namespace {
/// One invertible round on [0, 2^bits): multiply by an odd number, add, xor-shift.
std::uint64_t round_of(std::uint64_t x, std::uint64_t key, int bits, std::uint64_t mask) {
  x = (x * (key | 1)) & mask;
  x = (x + (key >> 17)) & mask;
  x ^= x >> ((bits + 1) / 2);
  return x & mask;
}
}  // namespace

std::int64_t permute(std::int64_t i, std::int64_t size, std::int64_t seed) {
  if (size <= 1) return 0;
  std::uint64_t v = static_cast<std::uint64_t>(((i % size) + size) % size);
  int bits = 1;
  while (bits < 63 && (std::uint64_t{1} << bits) < static_cast<std::uint64_t>(size)) ++bits;
  const std::uint64_t mask = (std::uint64_t{1} << bits) - 1;
  std::uint64_t keys[4];
  for (int r = 0; r < 4; ++r) keys[r] = static_cast<std::uint64_t>(hash_murmur2(r, seed));
  // Cycle walking: the rounds permute [0, 2^bits); repeat until the value lands in [0, size).
  do {
    for (auto key : keys) v = round_of(v, key, bits, mask);
  } while (v >= static_cast<std::uint64_t>(size));
  return static_cast<std::int64_t>(v);
}

}  // namespace pgcertify::load
