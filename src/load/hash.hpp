#pragma once
// pgbench's hash functions over one 64-bit integer: FNV-1a and MurmurHash2 (64-bit), and the
// pseudo-random permutation behind permute().

#include <cstdint>

namespace pgcertify::load {

std::int64_t hash_fnv1a(std::int64_t value, std::int64_t seed);
std::int64_t hash_murmur2(std::int64_t value, std::int64_t seed);

/// The position of `i` (taken modulo `size`) in a pseudo-random permutation of 0..size-1 chosen
/// by `seed`: a bijection for every seed. Requires size > 0. (Same contract as pgbench's
/// permute(), not the same permutation.)
std::int64_t permute(std::int64_t i, std::int64_t size, std::int64_t seed);

}  // namespace pgcertify::load
