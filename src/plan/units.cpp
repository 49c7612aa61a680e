#include "plan/units.hpp"

#include <charconv>
#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "common/strings.hpp"

namespace pgcertify::plan {
namespace {
std::optional<double> parse_number(std::string_view text) {
  const std::string s = trim(text);
  if (s.empty()) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

/// Splits "250ms" into 250 and "ms".
std::pair<std::string, std::string> split_number_unit(std::string_view text) {
  const std::string s = trim(text);
  size_t i = 0;
  while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == '-' || s[i] == '+'))
    ++i;
  return {s.substr(0, i), trim(std::string_view(s).substr(i))};
}

constexpr std::pair<std::string_view, double> kDurationUnits[] = {
    {"us", 1.0}, {"ms", 1e3}, {"s", 1e6}, {"min", 60e6}, {"h", 3600e6}, {"d", 86400e6},
};
}  // namespace

std::optional<Duration> parse_signed_duration(std::string_view text) {
  const auto [number, unit] = split_number_unit(text);
  const auto value = parse_number(number);
  if (!value) return std::nullopt;
  for (const auto& [name, micros] : kDurationUnits)
    if (unit == name) return Duration(static_cast<Duration::rep>(std::llround(*value * micros)));
  return std::nullopt;
}

std::optional<Duration> parse_duration(std::string_view text) {
  auto d = parse_signed_duration(text);
  if (!d || d->count() < 0) return std::nullopt;
  return d;
}

std::string format_duration(Duration d) {
  const double us = static_cast<double>(d.count());
  if (us < 1e3) return fmt::format("{}us", d.count());
  if (us < 1e6) return fmt::format("{:.4g}ms", us / 1e3);
  if (us < 60e6) return fmt::format("{:.4g}s", us / 1e6);
  if (us < 3600e6) return fmt::format("{:.4g}min", us / 60e6);
  if (us < 86400e6) return fmt::format("{:.4g}h", us / 3600e6);
  return fmt::format("{:.4g}d", us / 86400e6);
}

std::optional<std::uint64_t> parse_size(std::string_view text) {
  const auto [number, unit] = split_number_unit(text);
  const auto value = parse_number(number);
  if (!value || *value < 0) return std::nullopt;
  static constexpr std::pair<std::string_view, double> kUnits[] = {
      {"B", 1.0}, {"kB", 1024.0}, {"MB", 1024.0 * 1024}, {"GB", 1024.0 * 1024 * 1024}, {"TB", 1024.0 * 1024 * 1024 * 1024}};
  for (const auto& [name, bytes] : kUnits)
    if (unit == name) return static_cast<std::uint64_t>(std::llround(*value * bytes));
  return std::nullopt;
}

std::string_view comparator_symbol(Comparator c) {
  switch (c) {
    case Comparator::kLess: return "<";
    case Comparator::kLessEqual: return "<=";
    case Comparator::kGreater: return ">";
    case Comparator::kGreaterEqual: return ">=";
    case Comparator::kEqual: return "=";
    case Comparator::kNotEqual: return "!=";
  }
  return "?";
}

bool Threshold::holds(double measured) const {
  switch (comparator) {
    case Comparator::kLess: return measured < value;
    case Comparator::kLessEqual: return measured <= value;
    case Comparator::kGreater: return measured > value;
    case Comparator::kGreaterEqual: return measured >= value;
    case Comparator::kEqual: return measured == value;
    case Comparator::kNotEqual: return measured != value;
  }
  return false;
}

std::string Threshold::describe() const {
  std::string bound;
  if (unit == ThresholdUnit::kDuration)
    bound = format_duration(Duration(static_cast<Duration::rep>(value)));
  else if (unit == ThresholdUnit::kPercent)
    bound = fmt::format("{:g}%", value);
  else
    bound = fmt::format("{:g}", value);
  return fmt::format("{} {}", comparator_symbol(comparator), bound);
}

std::optional<Threshold> parse_threshold(std::string_view text, BareNumber bare) {
  std::string s = trim(text);
  Threshold t;
  t.text = s;
  static constexpr std::pair<std::string_view, Comparator> kOps[] = {
      {">=", Comparator::kGreaterEqual}, {"<=", Comparator::kLessEqual}, {"!=", Comparator::kNotEqual},
      {"<>", Comparator::kNotEqual},     {"==", Comparator::kEqual},     {">", Comparator::kGreater},
      {"<", Comparator::kLess},          {"=", Comparator::kEqual}};
  bool explicit_op = false;
  for (const auto& [symbol, op] : kOps) {
    if (s.starts_with(symbol)) {
      t.comparator = op;
      s = trim(std::string_view(s).substr(symbol.size()));
      explicit_op = true;
      break;
    }
  }
  if (s.ends_with('%')) {
    const auto v = parse_number(std::string_view(s).substr(0, s.size() - 1));
    if (!v) return std::nullopt;
    t.value = *v;
    t.unit = ThresholdUnit::kPercent;
  } else if (const auto number = parse_number(s)) {
    t.value = *number;
    if (!explicit_op) t.comparator = bare == BareNumber::kEqual ? Comparator::kEqual : Comparator::kLessEqual;
  } else if (const auto d = parse_signed_duration(s)) {
    t.value = static_cast<double>(d->count());
    t.unit = ThresholdUnit::kDuration;
  } else {
    return std::nullopt;
  }
  return t;
}

}  // namespace pgcertify::plan
