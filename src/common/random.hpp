#pragma once
// The one PRNG: xoshiro256** seeded through splitmix64, so that one seed gives the same stream
// on every machine (std::mt19937's distributions are not portable). The load engine gives
// every client its own stream (mix_seed); datagen one per table (datagen/table_rng.hpp).

#include <array>
#include <cstdint>

namespace pgcertify {

class Prng {
 public:
  explicit Prng(std::uint64_t seed = 0);
  std::uint64_t next_u64();
  /// Uniform in [0, 1).
  double next_double() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  /// Uniform in [lb, ub] by rejection sampling (no modulo bias); requires lb <= ub.
  std::int64_t uniform(std::int64_t lb, std::int64_t ub);
  /// In [lo, hi] by one draw modulo the width: a slight bias, one draw always (datagen's
  /// "same seed, same bytes" streams are built on it); requires lo <= hi.
  std::int64_t between(std::int64_t lo, std::int64_t hi);
  /// Standard normal (Box-Muller, cosine branch; one value per call keeps the stream simple).
  double gaussian();

 private:
  std::array<std::uint64_t, 4> s_{};
};

/// splitmix64: derives independent seeds (one per client) from one base seed.
std::uint64_t mix_seed(std::uint64_t base, std::uint64_t index);

}  // namespace pgcertify
