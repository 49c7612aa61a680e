// The one PRNG: its stream is pinned, because datagen's "same seed, same bytes" and the load
// engine's per-client streams (--random-seed, --shard) are built on it.

#include <gtest/gtest.h>

#include "common/random.hpp"

namespace pgcertify {
namespace {

TEST(Prng, StreamIsPinnedBitForBit) {
  Prng rng(42);
  EXPECT_EQ(rng.next_u64(), 0x15780b2e0c2ec716ULL);
  EXPECT_EQ(rng.next_u64(), 0x6104d9866d113a7eULL);
  EXPECT_EQ(rng.next_u64(), 0xae17533239e499a1ULL);
  EXPECT_EQ(mix_seed(7, 3), 0xfeb39099329fc3dcULL);
}

TEST(Prng, BetweenAndUniformStayInRange) {
  Prng rng(1);
  for (int i = 0; i < 1000; ++i) {
    const auto a = rng.between(-3, 3), b = rng.uniform(-3, 3);
    ASSERT_GE(a, -3);
    ASSERT_LE(a, 3);
    ASSERT_GE(b, -3);
    ASSERT_LE(b, 3);
  }
}

}  // namespace
}  // namespace pgcertify
