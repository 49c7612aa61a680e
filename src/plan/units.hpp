#pragma once
// Durations ("250ms", "2min"), sizes ("512kB") and thresholds ("">= 500"", "< 80%", "50ms").

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pgcertify::plan {

using Duration = std::chrono::microseconds;

/// Parses "500us", "250ms", "5s", "2min", "4h", "1d" (fractions allowed: "1.5s").
/// Returns nullopt for anything else; callers report the position.
std::optional<Duration> parse_duration(std::string_view text);
/// A negative duration as used by time offsets ("-365d"); nullopt when not a duration.
std::optional<Duration> parse_signed_duration(std::string_view text);
/// "250ms", "1.5s", "2min": the shortest exact spelling, for messages.
std::string format_duration(Duration d);

/// Parses "512B", "512kB", "64MB", "1GB", "1TB" (1024-based, as PostgreSQL spells them).
std::optional<std::uint64_t> parse_size(std::string_view text);

enum class Comparator { kLess, kLessEqual, kGreater, kGreaterEqual, kEqual, kNotEqual };
enum class ThresholdUnit { kNone, kPercent, kDuration };

/// A bound a measurement is compared against.
struct Threshold {
  Comparator comparator = Comparator::kLessEqual;
  double value = 0;  // microseconds for kDuration, percent points for kPercent
  ThresholdUnit unit = ThresholdUnit::kNone;
  std::string text;  // as the user wrote it, for reports

  bool holds(double measured) const;
  /// "<= 50ms", ">= 500": comparator and bound.
  std::string describe() const;
};

/// How a bare number (no comparator) is read: as an upper bound ("errors: 0") or as equality.
enum class BareNumber { kUpperBound, kEqual };

/// Parses ">= 500", "< 80%", "!= 0", "50ms" (a bare duration is an upper bound) or a bare number.
std::optional<Threshold> parse_threshold(std::string_view text, BareNumber bare = BareNumber::kUpperBound);

std::string_view comparator_symbol(Comparator c);

}  // namespace pgcertify::plan
