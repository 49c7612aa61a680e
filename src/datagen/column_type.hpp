#pragma once
// A column's type as format_type prints it, reduced to what generation needs: how to render a
// value in COPY text, the range an integer type holds, a varchar's length limit.

#include <cmath>
#include <string>
#include <string_view>

namespace pgcertify::datagen {

enum class ValueType { kInteger, kNumeric, kFloat, kText, kUuid, kTimestamp, kTimestampTz, kDate, kTime, kBool,
                       kInterval, kJson, kInet, kBytea, kArray, kOther };

struct ColumnType {
  ValueType kind = ValueType::kOther;
  std::string name;         // as format_type printed it
  double min = -1e15, max = 1e15;  // integer and numeric(p,s) limits
  int scale = 0;            // numeric(p,s): s
  int max_length = 0;       // character varying(n), character(n): n (0: unlimited)

  /// 10^scale, for rounding a numeric(p,s) value to its scale without calling pow per value.
  double scale_factor() const {
    static constexpr double kPowers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18};
    return scale >= 0 && scale <= 18 ? kPowers[scale] : std::pow(10.0, scale);
  }
  bool numeric() const { return kind == ValueType::kInteger || kind == ValueType::kNumeric || kind == ValueType::kFloat; }
  bool temporal() const {
    return kind == ValueType::kTimestamp || kind == ValueType::kTimestampTz || kind == ValueType::kDate || kind == ValueType::kTime;
  }
};

ColumnType column_type(std::string_view format_type);

/// Renders a number (epoch seconds for temporal types, seconds for intervals) as the type's text.
void format_number(const ColumnType& type, double value, std::string& out);

}  // namespace pgcertify::datagen
