#pragma once
// A column's type as format_type prints it, reduced to what generation needs: how to render a
// value in COPY text, the range an integer type holds, a varchar's length limit.

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

  bool numeric() const { return kind == ValueType::kInteger || kind == ValueType::kNumeric || kind == ValueType::kFloat; }
  bool temporal() const {
    return kind == ValueType::kTimestamp || kind == ValueType::kTimestampTz || kind == ValueType::kDate || kind == ValueType::kTime;
  }
};

ColumnType column_type(std::string_view format_type);

/// Renders a number (epoch seconds for temporal types, seconds for intervals) as the type's text.
void format_number(const ColumnType& type, double value, std::string& out);

}  // namespace pgcertify::datagen
