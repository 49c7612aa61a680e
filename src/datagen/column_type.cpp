#include "datagen/column_type.hpp"

#include <fmt/format.h>

#include <cmath>
#include <ctime>

namespace pgcertify::datagen {
namespace {
int argument(std::string_view type, int which) {
  const size_t open = type.find('(');
  if (open == std::string_view::npos) return -1;
  std::string_view rest = type.substr(open + 1);
  for (int i = 0; i < which; ++i) {
    const size_t comma = rest.find(',');
    if (comma == std::string_view::npos) return -1;
    rest = rest.substr(comma + 1);
  }
  return std::atoi(std::string(rest).c_str());
}
}  // namespace

ColumnType column_type(std::string_view t) {
  ColumnType out;
  out.name = std::string(t);
  auto is = [&](std::string_view prefix) { return t.starts_with(prefix); };
  if (t.ends_with("[]")) out.kind = ValueType::kArray;
  else if (t == "smallint") out.kind = ValueType::kInteger, out.min = -32768, out.max = 32767;
  else if (t == "integer") out.kind = ValueType::kInteger, out.min = -2147483648.0, out.max = 2147483647.0;
  else if (t == "bigint") out.kind = ValueType::kInteger, out.min = -9e15, out.max = 9e15;
  else if (is("numeric")) {
    out.kind = ValueType::kNumeric;
    const int precision = argument(t, 0), scale = argument(t, 1);
    out.scale = scale < 0 ? (precision < 0 ? 2 : 0) : scale;
    if (precision > 0) out.max = std::pow(10.0, precision - out.scale) - std::pow(10.0, -out.scale), out.min = -out.max;
  } else if (t == "real" || t == "double precision") out.kind = ValueType::kFloat;
  else if (t == "text" || is("character varying") || is("character") || t == "citext" || t == "name") {
    out.kind = ValueType::kText;
    out.max_length = std::max(0, argument(t, 0));
    if (t == "character") out.max_length = 1;
  } else if (t == "uuid") out.kind = ValueType::kUuid;
  else if (is("timestamp") && t.find("with time zone") != std::string_view::npos && t.find("without") == std::string_view::npos)
    out.kind = ValueType::kTimestampTz;
  else if (is("timestamp")) out.kind = ValueType::kTimestamp;
  else if (t == "date") out.kind = ValueType::kDate;
  else if (is("time")) out.kind = ValueType::kTime;
  else if (t == "boolean") out.kind = ValueType::kBool;
  else if (is("interval")) out.kind = ValueType::kInterval;
  else if (t == "jsonb" || t == "json") out.kind = ValueType::kJson;
  else if (t == "inet" || t == "cidr") out.kind = ValueType::kInet;
  else if (t == "bytea") out.kind = ValueType::kBytea;
  return out;
}

void format_number(const ColumnType& type, double value, std::string& out) {
  switch (type.kind) {
    case ValueType::kNumeric: fmt::format_to(std::back_inserter(out), "{:.{}f}", value, type.scale); return;
    case ValueType::kFloat: fmt::format_to(std::back_inserter(out), "{}", value); return;
    case ValueType::kTimestamp:
    case ValueType::kTimestampTz:
    case ValueType::kDate:
    case ValueType::kTime: {
      const std::time_t seconds = static_cast<std::time_t>(std::floor(value));
      std::tm tm{};
      gmtime_r(&seconds, &tm);
      char buffer[40];
      const char* format = type.kind == ValueType::kDate ? "%Y-%m-%d"
                           : type.kind == ValueType::kTime ? "%H:%M:%S"
                           : type.kind == ValueType::kTimestampTz ? "%Y-%m-%d %H:%M:%S+00" : "%Y-%m-%d %H:%M:%S";
      out.append(buffer, std::strftime(buffer, sizeof buffer, format, &tm));
      return;
    }
    case ValueType::kInterval: fmt::format_to(std::back_inserter(out), "{} seconds", std::llround(value)); return;
    default: fmt::format_to(std::back_inserter(out), "{}", std::llround(value)); return;
  }
}

}  // namespace pgcertify::datagen
