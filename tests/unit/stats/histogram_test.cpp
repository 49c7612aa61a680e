#include "stats/histogram.hpp"

#include <gtest/gtest.h>

#include <random>

namespace pgcertify::stats {
namespace {

TEST(Histogram, BucketsAreContiguousAndWithinOnePercent) {
  for (int b = 1; b < Histogram::kBuckets; ++b) {
    ASSERT_EQ(Histogram::bucket_low(b), Histogram::bucket_high(b - 1) + 1) << b;
    const double width = static_cast<double>(Histogram::bucket_high(b) - Histogram::bucket_low(b) + 1);
    if (b < Histogram::kLinearLimit) {
      ASSERT_EQ(width, 1.0) << b;  // exact
    } else {
      ASSERT_LE(width / static_cast<double>(Histogram::bucket_low(b)), 1.0 / 128 + 1e-12) << b;
    }
  }
  for (std::int64_t v : {0LL, 1LL, 255LL, 256LL, 1000LL, 123456789LL, 3600LL * 1000000000LL}) {
    const int b = Histogram::bucket_of(v);
    EXPECT_LE(Histogram::bucket_low(b), v);
    EXPECT_GE(Histogram::bucket_high(b), v);
  }
  EXPECT_GE(Histogram::bucket_high(Histogram::kBuckets - 1), 3600LL * 1000000000LL);  // an hour fits
}

TEST(Histogram, PercentilesMeanAndMaxOfKnownValues) {
  Histogram h;
  for (int i = 1; i <= 1000; ++i) h.record_ns(i * 1000LL);  // 1 us .. 1 ms
  EXPECT_EQ(h.count(), 1000u);
  EXPECT_EQ(h.min_ns(), 1000);
  EXPECT_EQ(h.max_ns(), 1000000);
  EXPECT_DOUBLE_EQ(h.mean_ns(), 500500.0);
  EXPECT_NEAR(static_cast<double>(h.percentile_ns(50)), 500000.0, 500000.0 / 128);
  EXPECT_NEAR(static_cast<double>(h.percentile_ns(95)), 950000.0, 950000.0 / 128);
  EXPECT_NEAR(static_cast<double>(h.percentile_ns(99)), 990000.0, 990000.0 / 128);
  EXPECT_EQ(h.percentile_ns(100), 1000000);
  EXPECT_NEAR(h.stddev_ns(), 288675.0, 10.0);
}

TEST(Histogram, MergingEqualsRecordingEverythingInOne) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> latency(12.0, 1.0);
  Histogram all, a, b;
  for (int i = 0; i < 100000; ++i) {
    const auto v = static_cast<std::int64_t>(latency(rng));
    all.record_ns(v);
    (i % 3 ? a : b).record_ns(v);
  }
  a.merge(b);
  for (double p : {50.0, 90.0, 99.0, 99.9}) EXPECT_EQ(a.percentile_ns(p), all.percentile_ns(p)) << p;
  EXPECT_EQ(a.count(), all.count());
  EXPECT_EQ(a.max_ns(), all.max_ns());
  EXPECT_NEAR(a.mean_ns(), all.mean_ns(), 1e-6 * all.mean_ns());
}

TEST(Histogram, JsonRoundTripKeepsEverything) {
  Histogram h;
  for (int i = 0; i < 5000; ++i) h.record_ns(1000 + i * 37);
  const Histogram back = Histogram::from_json(nlohmann::json::parse(h.to_json().dump()));
  EXPECT_EQ(back.count(), h.count());
  EXPECT_EQ(back.percentile_ns(99), h.percentile_ns(99));
  EXPECT_EQ(back.min_ns(), h.min_ns());
  EXPECT_THROW(Histogram::from_json(nlohmann::json{{"layout", "other"}}), std::invalid_argument);
}

}  // namespace
}  // namespace pgcertify::stats
