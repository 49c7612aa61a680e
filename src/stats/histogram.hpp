#pragma once
// A latency histogram with log-linear buckets (HDR-style): exact below 256 ns, then 128
// sub-buckets per power of two, so any recorded value is known within 1/128 (< 0.8 %), from
// 1 ns to far beyond an hour, in a fixed 4,864-bucket array. Mergeable across threads and
// processes (bucket-wise sums), and serialisable to JSON.

#include <nlohmann/json.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <string>

namespace pgcertify::stats {

class Histogram {
 public:
  static constexpr int kSubBucketBits = 7;  // 128 sub-buckets: relative error < 1/128
  static constexpr int kLinearLimit = 1 << (kSubBucketBits + 1);  // values below are exact
  static constexpr int kMaxShift = 36;                            // 2^44 ns ≈ 4.9 hours
  static constexpr int kBuckets = kLinearLimit + kMaxShift * (1 << kSubBucketBits);

  void record(std::chrono::nanoseconds value);
  void record_ns(std::int64_t ns);
  /// Adds another histogram's counts (another thread's, or another process's via JSON).
  void merge(const Histogram& other);

  std::uint64_t count() const { return count_; }
  std::int64_t min_ns() const { return count_ ? min_ : 0; }
  std::int64_t max_ns() const { return max_; }
  double mean_ns() const { return count_ ? static_cast<double>(sum_) / static_cast<double>(count_) : 0.0; }
  double stddev_ns() const;
  /// The value at percentile p (0-100]: the smallest recorded value with at least p % of the
  /// values at or below it, within the bucket's resolution (clamped to the exact min/max).
  std::int64_t percentile_ns(double p) const;

  nlohmann::json to_json() const;
  /// Throws std::invalid_argument for JSON that is not a histogram of this layout.
  static Histogram from_json(const nlohmann::json& j);

  /// Bucket of a value, and the bucket's inclusive value range: exposed for tests.
  static int bucket_of(std::int64_t ns);
  static std::int64_t bucket_low(int bucket);
  static std::int64_t bucket_high(int bucket);

 private:
  std::array<std::uint64_t, kBuckets> counts_{};
  std::uint64_t count_ = 0;
  std::int64_t min_ = 0;
  std::int64_t max_ = 0;
  long double sum_ = 0;
  long double sum_squares_ = 0;
};

}  // namespace pgcertify::stats
