// `migrate lint --dsn`: live rows and sizes of the tables the findings are about.

#include <fmt/format.h>

#include <map>
#include <set>
#include <vector>

#include "migrate/linter.hpp"

namespace pgcertify::migrate {
namespace {
struct TableSize {
  double rows = 0;
  long long bytes = 0;
};

/// One query for every table named: reltuples (-1 when never analysed: counted then) and the
/// heap size. Tables the database does not have are absent.
std::string array_literal(const std::vector<std::string>& items) {
  std::string out = "{";
  for (const auto& item : items) {
    out += out.size() > 1 ? ",\"" : "\"";
    for (char c : item) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
    out += '"';
  }
  return out + "}";
}

std::map<std::string, TableSize> table_sizes(pg::Connection& connection, const std::set<std::string>& tables) {
  std::vector<std::string> names, regclasses;
  for (const auto& t : tables) {
    names.push_back(t);
    const auto dot = t.find('.');
    regclasses.push_back(dot == std::string::npos
                             ? connection.quote_identifier(t)
                             : connection.quote_identifier(t.substr(0, dot)) + "." + connection.quote_identifier(t.substr(dot + 1)));
  }
  const pg::Param params[] = {array_literal(names), array_literal(regclasses)};
  const auto result = connection.exec(
      "SELECT t.name, c.reltuples::float8, pg_relation_size(c.oid)"
      " FROM unnest($1::text[], $2::text[]) AS t(name, regclass_text) JOIN pg_class c ON c.oid = to_regclass(t.regclass_text)",
      params);
  std::map<std::string, TableSize> out;
  for (int r = 0; r < result.rows(); ++r)
    out[std::string(result.value(r, 0))] = {std::stod(std::string(result.value(r, 1))),
                                           std::stoll(std::string(result.value(r, 2)))};
  return out;
}

std::string human_rows(double rows) {
  if (rows >= 1e6) return fmt::format("{:.1f} M rows", rows / 1e6);
  if (rows >= 1e4) return fmt::format("{:.0f} k rows", rows / 1e3);
  return fmt::format("{:.0f} rows", rows);
}

std::string human_bytes(long long bytes) {
  const double b = static_cast<double>(bytes);
  if (b >= 1e9) return fmt::format("{:.1f} GB", b / 1e9);
  if (b >= 1e6) return fmt::format("{:.1f} MB", b / 1e6);
  return fmt::format("{:.0f} kB", b / 1e3);
}

std::string blocks(const std::string& lock) {
  if (lock == "ACCESS EXCLUSIVE") return "blocks reads and writes";
  if (lock == "SHARE UPDATE EXCLUSIVE") return "blocks other DDL";
  return "blocks writes";
}
}  // namespace

void apply_table_stats(std::vector<Finding>& findings, pg::Connection& connection) {
  std::set<std::string> tables;
  for (const auto& f : findings)
    if (!f.table.empty()) tables.insert(f.table);
  if (tables.empty()) return;
  const auto sizes = table_sizes(connection, tables);
  std::erase_if(findings, [&](const Finding& f) { return f.table_from_folder && !sizes.contains(f.table); });
  for (auto& f : findings) {
    const auto it = sizes.find(f.table);
    if (it == sizes.end()) continue;
    f.rows = std::max(0.0, it->second.rows);
    f.bytes = it->second.bytes;
    if (it->second.bytes == 0) {
      if (f.severity == LintSeverity::kError) f.severity = LintSeverity::kInfo;
      f.message += fmt::format(" ({} is empty now: harmless today)", f.table);
      continue;
    }
    const std::string estimate = estimate_blocking(f.cost, it->second.bytes);
    f.message += fmt::format(" ({}: {}, {}; {} lock {}{})", f.table, human_rows(*f.rows), human_bytes(*f.bytes),
                             f.lock, blocks(f.lock), estimate.empty() ? "" : " for " + estimate);
  }
}

}  // namespace pgcertify::migrate
