#pragma once
// Which binary COPY encoding a column gets, decided from the server's catalog: the receive
// function of the column's type (through domains to their base type), never from its name. A
// table with one column pgcertify cannot encode is loaded with text COPY, and says why.

#include <optional>
#include <string>
#include <string_view>

#include "pg/connection.hpp"

namespace pgcertify::datagen {

struct ColumnPlan;
struct DataPlan;

enum class BinaryFormat {
  kNone,
  kInt2,
  kInt4,
  kInt8,
  kFloat4,
  kFloat8,
  kNumeric,
  kBool,
  kText,
  kJson,
  kJsonb,
  kUuid,
  kDate,
  kTimestamp,
  kTime,
  kInterval,
  kInet,
  kCidr
};

/// The format for a type whose typreceive is the internal function `receive` ("int4recv",
/// "numeric_recv", "textrecv", "enum_recv" …); nullopt for every other one.
std::optional<BinaryFormat> binary_format_for_receive(std::string_view receive);

/// Whether `column`'s generated values can be encoded as `format`; else `why` says what stops it.
/// Dates, times and intervals are encoded from numbers only (a value drawn as text, say a parent
/// key or a one_of literal, would need the server's own input parser).
bool can_encode(BinaryFormat format, const ColumnPlan& column, std::string& why);

/// Reads every planned table's column types from pg_attribute/pg_type/pg_proc and sets each
/// column's BinaryFormat and the table's copy format (binary, or text with the reason).
void choose_copy_formats(pg::Connection& connection, DataPlan& plan);

}  // namespace pgcertify::datagen
