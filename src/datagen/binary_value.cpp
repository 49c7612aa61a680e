#include "datagen/binary_value.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

#include "datagen/binary_encoding.hpp"
#include "datagen/column_generator.hpp"

namespace pgcertify::datagen {
namespace {
[[noreturn]] void reject(const ColumnPlan& column, const Datum& value, std::string_view what) {
  std::string shown;
  render_value(column.type, value, shown);
  throw std::invalid_argument(fmt::format("value '{}' is not a valid {} ({})", shown, column.type.name, what));
}

int64_t whole_number(const ColumnPlan& column, const Datum& value, int64_t low, int64_t high) {
  int64_t n = 0;
  if (value.kind == Datum::Kind::kNumber) {
    if (!(value.number >= static_cast<double>(low) && value.number <= static_cast<double>(high)))
      reject(column, value, "out of range");
    n = std::llround(value.number);
  } else if (value.kind == Datum::Kind::kBool) {
    n = value.boolean ? 1 : 0;
  } else {
    const char* end = value.text.data() + value.text.size();
    const auto parsed = std::from_chars(value.text.data(), end, n);
    if (parsed.ec != std::errc() || parsed.ptr != end) reject(column, value, "not an integer");
  }
  if (n < low || n > high) reject(column, value, "out of range");
  return n;
}

double real_number(const ColumnPlan& column, const Datum& value) {
  if (value.kind == Datum::Kind::kNumber) return value.number;
  if (value.kind == Datum::Kind::kBool) return value.boolean ? 1 : 0;
  char* end = nullptr;
  const double d = std::strtod(value.text.c_str(), &end);
  if (value.text.empty() || *end != '\0') reject(column, value, "not a number");
  return d;
}

bool truth(const ColumnPlan& column, const Datum& value) {
  if (value.kind == Datum::Kind::kBool) return value.boolean;
  if (value.kind == Datum::Kind::kNumber) return value.number != 0;
  for (std::string_view yes : {"t", "true", "y", "yes", "on", "1"})
    if (value.text == yes) return true;
  for (std::string_view no : {"f", "false", "n", "no", "off", "0"})
    if (value.text == no) return false;
  reject(column, value, "not a boolean");
}

void numeric(const ColumnPlan& column, const Datum& value, std::string& out) {
  if (value.kind == Datum::Kind::kNumber) {
    if (std::isnan(value.number)) return void(append_numeric("NaN", out));
    // The same digits text COPY sends ("{:.{scale}f}"), without formatting them as text.
    const double scaled = std::round(value.number * column.type.scale_factor());
    if (std::fabs(scaled) < 9e18) return append_numeric_scaled(static_cast<int64_t>(scaled), column.type.scale, out);
  }
  std::string text;
  render_value(column.type, value, text, false);
  if (!append_numeric(text, out)) reject(column, value, "not a decimal number");
}

int64_t epoch_seconds(const Datum& value) {
  return static_cast<int64_t>(std::floor(value.number));
}
}  // namespace

void append_binary_field(const ColumnPlan& column, const Datum& value, std::string& out) {
  if (value.kind == Datum::Kind::kNull || value.kind == Datum::Kind::kUnknown) return append_field_length(-1, out);
  const size_t at = out.size();
  append_field_length(0, out);
  switch (column.binary) {
    case BinaryFormat::kInt2:
      append_int16(static_cast<int16_t>(whole_number(column, value, INT16_MIN, INT16_MAX)), out);
      break;
    case BinaryFormat::kInt4:
      append_int32(static_cast<int32_t>(whole_number(column, value, INT32_MIN, INT32_MAX)), out);
      break;
    case BinaryFormat::kInt8:
      append_int64(whole_number(column, value, -9'000'000'000'000'000'000LL, 9'000'000'000'000'000'000LL), out);
      break;
    case BinaryFormat::kFloat4: append_float4(static_cast<float>(real_number(column, value)), out); break;
    case BinaryFormat::kFloat8: append_float8(real_number(column, value), out); break;
    case BinaryFormat::kNumeric: numeric(column, value, out); break;
    case BinaryFormat::kBool: out += static_cast<char>(truth(column, value) ? 1 : 0); break;
    case BinaryFormat::kUuid:
      if (value.kind != Datum::Kind::kText || !append_uuid(value.text, out)) reject(column, value, "not a uuid");
      break;
    case BinaryFormat::kDate: append_int32(pg_date_days(epoch_seconds(value)), out); break;
    case BinaryFormat::kTimestamp: append_int64(pg_timestamp_micros(epoch_seconds(value)), out); break;
    case BinaryFormat::kTime: append_int64(pg_time_micros(epoch_seconds(value)), out); break;
    case BinaryFormat::kInterval:
      append_int64(std::llround(value.number) * 1000000, out), append_int32(0, out),
          append_int32(0, out);  // µs, days, months
      break;
    case BinaryFormat::kInet:
    case BinaryFormat::kCidr:
      if (value.kind != Datum::Kind::kText || !append_inet4(value.text, column.binary == BinaryFormat::kCidr, out))
        reject(column, value, "not an IPv4 address");
      break;
    case BinaryFormat::kJsonb:
      out += '\1', render_value(column.type, value, out, false);
      break;  // jsonb's version byte
    case BinaryFormat::kText:
    case BinaryFormat::kJson:
    case BinaryFormat::kNone: render_value(column.type, value, out, false); break;
  }
  patch_field_length(out, at);
}

}  // namespace pgcertify::datagen
