#pragma once
// The generator's PRNG: xoshiro256** seeded through splitmix64, so that one plan seed and a
// table name give the same stream on every machine (std::mt19937 distributions are not portable).

#include <cmath>
#include <cstdint>
#include <string_view>

namespace pgcertify::datagen {

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (auto& word : state_) word = splitmix(seed);
  }
  /// One stream per table: the plan's seed mixed with the table's name (FNV-1a).
  static Rng for_table(uint64_t seed, std::string_view table) {
    uint64_t h = 1469598103934665603ULL;
    for (unsigned char c : table) h = (h ^ c) * 1099511628211ULL;
    return Rng(seed ^ h);
  }

  uint64_t next() {
    const uint64_t result = rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }
  /// Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Uniform integer in [lo, hi] (inclusive); lo <= hi.
  int64_t between(int64_t lo, int64_t hi) {
    const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;
    if (span == 0) return static_cast<int64_t>(next());  // the full 64-bit range
    return static_cast<int64_t>(static_cast<uint64_t>(lo) + next() % span);
  }
  /// Standard normal (Box-Muller; one value per call keeps the stream simple).
  double gaussian() {
    const double u1 = 1.0 - unit();
    const double u2 = unit();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  static uint64_t splitmix(uint64_t& x) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t state_[4];
};

}  // namespace pgcertify::datagen
