#include "load/value.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "common/error.hpp"

namespace pgcertify::load {
namespace {
Error script_error(std::string message) { return Error(ErrorKind::kPlan, std::move(message)); }
}  // namespace

std::int64_t to_int(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) {
    // Exactly representable bounds: [-2^63, 2^63).
    if (std::isnan(*d) || *d < -9223372036854775808.0 || *d >= 9223372036854775808.0)
      throw script_error("double to int overflow for " + to_text(v));
    return static_cast<std::int64_t>(*d);
  }
  if (is_bool(v)) throw script_error("cannot coerce boolean to int");
  throw script_error("cannot coerce NULL to int");
}

double to_double(const Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (is_bool(v)) throw script_error("cannot coerce boolean to double");
  throw script_error("cannot coerce NULL to double");
}

bool truth(const Value& v) {
  if (const auto* b = std::get_if<bool>(&v)) return *b;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i != 0;
  if (const auto* d = std::get_if<double>(&v)) return *d != 0.0;
  return false;
}

std::string to_text(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return fmt::format("{}", *i);
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{:.15g}", *d);
  if (const auto* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return "";
}

std::string describe(const Value& v) {
  if (is_int(v)) return "int " + to_text(v);
  if (is_double(v)) return "double " + to_text(v);
  if (is_bool(v)) return "boolean " + to_text(v);
  return "null";
}

Value parse_number(std::string_view text, std::string_view variable) {
  std::string_view t = text;
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\n')) t.remove_suffix(1);
  const char* end = t.data() + t.size();
  std::int64_t i = 0;
  auto [p, ec] = std::from_chars(t.data(), end, i);
  if (ec == std::errc() && p == end && !t.empty()) return i;
  double d = 0;
  auto [q, ec2] = std::from_chars(t.data(), end, d);
  if (ec2 == std::errc() && q == end && !t.empty()) return d;
  throw script_error(fmt::format("malformed variable \"{}\" value: \"{}\"", variable, text));
}

}  // namespace pgcertify::load
