#include "datagen/binary_format.hpp"

#include <fmt/format.h>

#include <array>
#include <map>
#include <utility>

#include "datagen/data_plan.hpp"

namespace pgcertify::datagen {

std::optional<BinaryFormat> binary_format_for_receive(std::string_view receive) {
  static constexpr std::array<std::pair<std::string_view, BinaryFormat>, 22> kReceivers{{
      {"int2recv", BinaryFormat::kInt2},
      {"int4recv", BinaryFormat::kInt4},
      {"int8recv", BinaryFormat::kInt8},
      {"float4recv", BinaryFormat::kFloat4},
      {"float8recv", BinaryFormat::kFloat8},
      {"numeric_recv", BinaryFormat::kNumeric},
      {"boolrecv", BinaryFormat::kBool},
      {"textrecv", BinaryFormat::kText},
      {"varcharrecv", BinaryFormat::kText},
      {"bpcharrecv", BinaryFormat::kText},
      {"namerecv", BinaryFormat::kText},
      {"enum_recv", BinaryFormat::kText},
      {"json_recv", BinaryFormat::kJson},
      {"jsonb_recv", BinaryFormat::kJsonb},
      {"uuid_recv", BinaryFormat::kUuid},
      {"date_recv", BinaryFormat::kDate},
      {"timestamp_recv", BinaryFormat::kTimestamp},
      {"timestamptz_recv", BinaryFormat::kTimestamp},
      {"time_recv", BinaryFormat::kTime},
      {"interval_recv", BinaryFormat::kInterval},
      {"inet_recv", BinaryFormat::kInet},
      {"cidr_recv", BinaryFormat::kCidr},
  }};
  for (const auto& [name, format] : kReceivers)
    if (name == receive) return format;
  return std::nullopt;
}

namespace {
/// Values drawn as numbers (epoch seconds for times): the only ones dates and times encode from.
bool drawn_as_number(const ColumnPlan& column) {
  if (column.foreign_key >= 0) return false;
  switch (column.spec.kind) {
    case GeneratorKind::kUniform:
    case GeneratorKind::kNormal:
    case GeneratorKind::kSequence:
    case GeneratorKind::kBetween:
    case GeneratorKind::kServerDefault: return true;
    default: return false;
  }
}
}  // namespace

bool can_encode(BinaryFormat format, const ColumnPlan& column, std::string& why) {
  switch (format) {
    case BinaryFormat::kNone: why = "its type has no binary encoder in pgcertify"; return false;
    case BinaryFormat::kDate:
    case BinaryFormat::kTimestamp:
    case BinaryFormat::kTime:
    case BinaryFormat::kInterval:
      if (drawn_as_number(column)) return true;
      why = "its values are drawn as text (a key or a literal), which only the server's parser reads";
      return false;
    case BinaryFormat::kInet:
    case BinaryFormat::kCidr:
      if (column.foreign_key < 0 && column.spec.kind == GeneratorKind::kInet) return true;
      why = "only the inet generator's IPv4 addresses are encoded";
      return false;
    default: return true;
  }
}

void choose_copy_formats(pg::Connection& connection, DataPlan& plan) {
  // A domain's values travel as its base type's (domain_recv calls the base type's receive).
  static const std::string kColumnReceivers = R"(
    WITH RECURSIVE base (attname, typid, depth) AS (
      SELECT a.attname, a.atttypid, 0 FROM pg_attribute a
       WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped
      UNION ALL
      SELECT b.attname, t.typbasetype, b.depth + 1 FROM base b JOIN pg_type t ON t.oid = b.typid
       WHERE t.typtype = 'd' AND b.depth < 16)
    SELECT DISTINCT ON (b.attname) b.attname, format_type(b.typid, NULL),
           CASE WHEN l.lanname = 'internal' THEN p.prosrc ELSE p.proname END
      FROM base b JOIN pg_type t ON t.oid = b.typid JOIN pg_proc p ON p.oid = t.typreceive
      JOIN pg_language l ON l.oid = p.prolang
     ORDER BY b.attname, b.depth DESC)";
  for (TablePlan& table : plan.tables) {
    const std::string name =
        connection.quote_identifier(table.name.schema) + "." + connection.quote_identifier(table.name.name);
    const std::vector<pg::Param> params{name};
    const pg::Result result = connection.exec(kColumnReceivers, params);
    std::map<std::string, std::pair<std::string, std::string>> receivers;  // column → type, receive function
    for (int r = 0; r < result.rows(); ++r)
      receivers[std::string(result.value(r, 0))] = {std::string(result.value(r, 1)), std::string(result.value(r, 2))};
    table.binary_copy = true;
    table.text_copy_reason.clear();
    for (ColumnPlan& column : table.columns) {
      if (column.omitted) continue;
      const auto found = receivers.find(column.name);
      const auto format = found == receivers.end() ? std::nullopt : binary_format_for_receive(found->second.second);
      column.binary = format.value_or(BinaryFormat::kNone);
      std::string why;
      if (table.binary_copy && !can_encode(column.binary, column, why)) {
        table.binary_copy = false;
        table.text_copy_reason = fmt::format("column {} ({}): {}", column.name,
                                             found == receivers.end() ? column.type.name : found->second.first, why);
      }
    }
  }
}

}  // namespace pgcertify::datagen
