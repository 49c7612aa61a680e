#pragma once
// Per-client pseudo-random numbers: xoshiro256** seeded through splitmix64, so that one base
// seed (--random-seed) gives every client its own reproducible stream. The distributions are
// the ones pgbench documents for random, random_exponential, random_gaussian, random_zipfian.

#include <array>
#include <cstdint>

namespace pgcertify::load {

class Prng {
 public:
  explicit Prng(std::uint64_t seed = 0);
  std::uint64_t next_u64();
  /// Uniform in [0, 1).
  double next_double();
  /// Uniform in [lb, ub]; requires lb <= ub.
  std::int64_t uniform(std::int64_t lb, std::int64_t ub);

 private:
  std::array<std::uint64_t, 4> s_{};
};

/// splitmix64: derives independent seeds (one per client) from one base seed.
std::uint64_t mix_seed(std::uint64_t base, std::uint64_t index);

/// Each throws Error (kPlan) with pgbench's wording when its parameters are out of range.
std::int64_t random_uniform(Prng& rng, std::int64_t lb, std::int64_t ub);
/// Truncated exponential: P(x) ∝ exp(-param * (x - lb) / (ub - lb + 1)); param > 0.
std::int64_t random_exponential(Prng& rng, std::int64_t lb, std::int64_t ub, double param);
/// Truncated normal centred on the interval, ±param standard deviations wide; param >= 2.
std::int64_t random_gaussian(Prng& rng, std::int64_t lb, std::int64_t ub, double param);
/// Zipf: P(k) ∝ 1 / k^param over k = 1..(ub - lb + 1), returned as lb + k - 1; 1 < param <= 1000.
std::int64_t random_zipfian(Prng& rng, std::int64_t lb, std::int64_t ub, double param);

}  // namespace pgcertify::load
