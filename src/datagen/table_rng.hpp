#pragma once
// Datagen's streams: one per table (and per column permutation), the plan's seed mixed with
// the name, so one plan seed gives the same bytes on every machine.

#include <cstdint>
#include <string_view>

#include "common/random.hpp"

namespace pgcertify::datagen {

/// The plan's seed mixed with a table's name (FNV-1a).
inline Prng table_rng(std::uint64_t seed, std::string_view table) {
  std::uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : table) h = (h ^ c) * 1099511628211ULL;
  return Prng(seed ^ h);
}

}  // namespace pgcertify::datagen
