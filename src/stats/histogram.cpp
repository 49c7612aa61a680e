#include "stats/histogram.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <stdexcept>

namespace pgcertify::stats {
namespace {
constexpr int kSubBuckets = 1 << Histogram::kSubBucketBits;
}

int Histogram::bucket_of(std::int64_t ns) {
  if (ns < 0) ns = 0;
  if (ns < kLinearLimit) return static_cast<int>(ns);
  const int bits = std::bit_width(static_cast<std::uint64_t>(ns));      // >= kSubBucketBits + 2
  const int shift = std::min(bits - (kSubBucketBits + 1), kMaxShift);  // top keeps 8 bits: [128, 256)
  const std::int64_t top = std::min<std::int64_t>(ns >> shift, 2 * kSubBuckets - 1);
  return kLinearLimit + (shift - 1) * kSubBuckets + static_cast<int>(top - kSubBuckets);
}

std::int64_t Histogram::bucket_low(int bucket) {
  if (bucket < kLinearLimit) return bucket;
  const int shift = (bucket - kLinearLimit) / kSubBuckets + 1;
  const std::int64_t top = kSubBuckets + (bucket - kLinearLimit) % kSubBuckets;
  return top << shift;
}

std::int64_t Histogram::bucket_high(int bucket) {
  if (bucket < kLinearLimit) return bucket;
  const int shift = (bucket - kLinearLimit) / kSubBuckets + 1;
  const std::int64_t top = kSubBuckets + (bucket - kLinearLimit) % kSubBuckets;
  return ((top + 1) << shift) - 1;
}

void Histogram::record(std::chrono::nanoseconds value) { record_ns(value.count()); }

void Histogram::record_ns(std::int64_t ns) {
  if (ns < 0) ns = 0;
  ++counts_[static_cast<size_t>(bucket_of(ns))];
  min_ = count_ == 0 ? ns : std::min(min_, ns);
  max_ = std::max(max_, ns);
  ++count_;
  sum_ += ns;
  sum_squares_ += static_cast<long double>(ns) * ns;
}

void Histogram::merge(const Histogram& other) {
  if (other.count_ == 0) return;
  for (size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  min_ = count_ == 0 ? other.min_ : std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
  count_ += other.count_;
  sum_ += other.sum_;
  sum_squares_ += other.sum_squares_;
}

double Histogram::stddev_ns() const {
  if (count_ < 2) return 0.0;
  const long double mean = sum_ / count_;
  const long double variance = std::max<long double>(0, sum_squares_ / count_ - mean * mean);
  return static_cast<double>(std::sqrt(variance));
}

std::int64_t Histogram::percentile_ns(double p) const {
  if (count_ == 0) return 0;
  const double clamped = std::clamp(p, 0.0, 100.0);
  const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(clamped / 100.0 * count_)));
  std::uint64_t seen = 0;
  for (int b = 0; b < kBuckets; ++b) {
    seen += counts_[static_cast<size_t>(b)];
    if (seen >= rank) {
      // The middle of the bucket: half a bucket's width is the largest error either way.
      const std::int64_t middle = bucket_low(b) + (bucket_high(b) - bucket_low(b)) / 2;
      return std::clamp(middle, min_, max_);
    }
  }
  return max_;
}

nlohmann::json Histogram::to_json() const {
  nlohmann::json buckets = nlohmann::json::array();
  for (int b = 0; b < kBuckets; ++b)
    if (counts_[static_cast<size_t>(b)]) buckets.push_back({b, counts_[static_cast<size_t>(b)]});
  return {{"layout", "log-linear-7"}, {"unit", "ns"},          {"count", count_},
          {"min", min_ns()},          {"max", max_},           {"sum", static_cast<double>(sum_)},
          {"sum_squares", static_cast<double>(sum_squares_)}, {"buckets", buckets}};
}

Histogram Histogram::from_json(const nlohmann::json& j) {
  if (j.value("layout", "") != "log-linear-7" || j.value("unit", "") != "ns")
    throw std::invalid_argument("not a pgcertify latency histogram (layout log-linear-7, unit ns)");
  Histogram h;
  for (const auto& pair : j.at("buckets")) {
    const int b = pair.at(0).get<int>();
    if (b < 0 || b >= kBuckets) throw std::invalid_argument("histogram bucket out of range");
    h.counts_[static_cast<size_t>(b)] = pair.at(1).get<std::uint64_t>();
  }
  h.count_ = j.at("count").get<std::uint64_t>();
  h.min_ = j.at("min").get<std::int64_t>();
  h.max_ = j.at("max").get<std::int64_t>();
  h.sum_ = j.at("sum").get<double>();
  h.sum_squares_ = j.at("sum_squares").get<double>();
  return h;
}

}  // namespace pgcertify::stats
