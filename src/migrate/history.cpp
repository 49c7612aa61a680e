#include "migrate/history.hpp"

#include <fmt/format.h>

#include "catalog/catalog.hpp"

namespace pgcertify::migrate {

History::History(pg::Connection& connection, std::string schema)
    : connection_(connection),
      schema_(std::move(schema)),
      table_(connection.quote_identifier(schema_) + ".pgcertify_schema_history"),
      display_(catalog::QualifiedName{schema_, "pgcertify_schema_history"}.display()) {}

bool History::exists() {
  const pg::Param params[] = {schema_};
  return connection_
             .exec("SELECT to_regclass(format('%I.pgcertify_schema_history', $1::text)) IS NOT NULL", params)
             .value(0, 0) == "t";
}

void History::create_if_missing() {
  if (exists()) return;
  connection_.exec_simple(fmt::format(
      "CREATE SCHEMA IF NOT EXISTS {};"
      "CREATE TABLE IF NOT EXISTS {} ("
      " installed_rank bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
      " version text, description text NOT NULL, type text NOT NULL, script text NOT NULL,"
      " checksum text, installed_by text NOT NULL DEFAULT current_user,"
      " installed_on timestamptz NOT NULL DEFAULT now(), execution_time_ms bigint NOT NULL DEFAULT 0,"
      " success boolean NOT NULL)",
      connection_.quote_identifier(schema_), table_));
}

std::vector<HistoryRow> History::rows() {
  if (!exists()) return {};
  const auto result = connection_.exec(
      "SELECT installed_rank, coalesce(version, ''), description, type, script, coalesce(checksum, ''), installed_by,"
      " to_char(installed_on, 'YYYY-MM-DD HH24:MI:SS'), execution_time_ms, success FROM " +
      table_ + " ORDER BY installed_rank");
  std::vector<HistoryRow> out;
  for (int r = 0; r < result.rows(); ++r) {
    auto text = [&](int c) { return std::string(result.value(r, c)); };
    out.push_back({std::stoll(text(0)), text(1), text(2), text(3), text(4), text(5), text(6), text(7),
                   std::stoll(text(8)), result.value(r, 9) == "t"});
  }
  return out;
}

void History::insert(const NewHistoryRow& row, pg::ExecLimits limits) {
  const pg::Param params[] = {row.version.empty() ? pg::Param{} : pg::Param{row.version},
                              row.description,
                              row.type,
                              row.script,
                              row.checksum.empty() ? pg::Param{} : pg::Param{row.checksum},
                              std::to_string(row.execution_ms),
                              row.success ? "true" : "false"};
  connection_.exec("INSERT INTO " + table_ +
                       " (version, description, type, script, checksum, execution_time_ms, success)"
                       " VALUES ($1, $2, $3, $4, $5, $6, $7)",
                   params, limits);
}

void History::remove_version(const std::string& version) {
  const pg::Param params[] = {version};
  connection_.exec("DELETE FROM " + table_ + " WHERE version = $1", params);
}

long History::remove_failed() {
  return connection_.exec("DELETE FROM " + table_ + " WHERE NOT success").affected_rows();
}

void History::update_checksum(long long rank, const std::string& checksum, const std::string& description) {
  const pg::Param params[] = {std::to_string(rank), checksum, description};
  connection_.exec("UPDATE " + table_ + " SET checksum = $2, description = $3 WHERE installed_rank = $1", params);
}

}  // namespace pgcertify::migrate
