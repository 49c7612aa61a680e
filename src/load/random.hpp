#pragma once
// pgbench's distributions for random, random_exponential, random_gaussian, random_zipfian,
// drawn from a client's stream (the one PRNG, common/random.hpp, seeded per client by mix_seed
// from --random-seed).

#include <cstdint>

#include "common/random.hpp"

namespace pgcertify::load {

/// Each throws Error (kPlan) with pgbench's wording when its parameters are out of range.
std::int64_t random_uniform(Prng& rng, std::int64_t lb, std::int64_t ub);
/// Truncated exponential: P(x) ∝ exp(-param * (x - lb) / (ub - lb + 1)); param > 0.
std::int64_t random_exponential(Prng& rng, std::int64_t lb, std::int64_t ub, double param);
/// Truncated normal centred on the interval, ±param standard deviations wide; param >= 2.
std::int64_t random_gaussian(Prng& rng, std::int64_t lb, std::int64_t ub, double param);
/// Zipf: P(k) ∝ 1 / k^param over k = 1..(ub - lb + 1), returned as lb + k - 1; 1 < param <= 1000.
std::int64_t random_zipfian(Prng& rng, std::int64_t lb, std::int64_t ub, double param);

}  // namespace pgcertify::load
