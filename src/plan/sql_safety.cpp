#include "plan/sql_safety.hpp"

#include <pg_query.h>

#include <nlohmann/json.hpp>

#include "plan/sql_file.hpp"

namespace pgcertify::plan {
namespace {
/// A parse whose result is freed on every way out.
struct ParseResult {
  PgQueryParseResult result;
  ~ParseResult() { pg_query_free_parse_result(result); }
};

constexpr std::string_view kWhy =
    "a check's SQL runs in a transaction that pgcertify rolls back (or keeps READ ONLY), so nothing it "
    "does can stay in the database";

std::optional<std::string> transaction_control(const nlohmann::json& stmt) {
  const std::string kind = stmt.value("kind", "");
  // Savepoints stay inside the transaction; everything else ends it or hands it on.
  if (kind == "TRANS_STMT_SAVEPOINT" || kind == "TRANS_STMT_RELEASE" || kind == "TRANS_STMT_ROLLBACK_TO")
    return std::nullopt;
  return std::string("transaction control (") + (kind.empty() ? "?" : kind.substr(11)) +
         ") is not allowed: it would end the check's transaction and could keep what the check wrote; " +
         std::string(kWhy);
}

/// Statements PostgreSQL runs outside any transaction block, or whose effect a rollback does
/// not undo, by their parse-tree node.
std::optional<std::string_view> outside_transaction(const std::string& type) {
  static const std::pair<std::string_view, std::string_view> kNodes[] = {
      {"VacuumStmt", "VACUUM/ANALYZE"},           {"CreatedbStmt", "CREATE DATABASE"},
      {"DropdbStmt", "DROP DATABASE"},            {"AlterSystemStmt", "ALTER SYSTEM"},
      {"CreateTableSpaceStmt", "CREATE TABLESPACE"}, {"DropTableSpaceStmt", "DROP TABLESPACE"},
      {"CreateSubscriptionStmt", "CREATE SUBSCRIPTION"}, {"DropSubscriptionStmt", "DROP SUBSCRIPTION"},
  };
  for (const auto& [node, name] : kNodes)
    if (type == node) return name;
  return std::nullopt;
}

std::optional<std::string> refusal(const std::string& type, const nlohmann::json& stmt) {
  if (type == "TransactionStmt") return transaction_control(stmt);
  if (auto name = outside_transaction(type))
    return std::string(*name) + " is not allowed in a check: it runs outside the check's transaction or is not undone by "
           "its rollback; " + std::string(kWhy);
  if (type == "CopyStmt" && (stmt.contains("filename") || stmt.value("is_program", false)))
    return std::string("COPY to or from a server file or program is not allowed in a check: its effect outside the "
                       "database is not undone by a rollback; ") +
           std::string(kWhy);
  return std::nullopt;
}
}  // namespace

std::optional<UnsafeStatement> find_unsafe_statement(std::string_view sql) {
  const ParseResult parsed{pg_query_parse(std::string(sql).c_str())};
  if (parsed.result.error || !parsed.result.parse_tree) return std::nullopt;
  const auto tree = nlohmann::json::parse(parsed.result.parse_tree, nullptr, false);
  if (tree.is_discarded() || !tree.contains("stmts")) return std::nullopt;
  for (const auto& raw : tree["stmts"]) {
    if (!raw.contains("stmt") || !raw["stmt"].is_object() || raw["stmt"].empty()) continue;
    const auto first = raw["stmt"].begin();
    if (auto why = refusal(first.key(), first.value())) {
      const size_t location = static_cast<size_t>(raw.value("stmt_location", 0));
      return UnsafeStatement{skip_space_and_comments(sql, location, sql.size()), *why};
    }
  }
  return std::nullopt;
}

}  // namespace pgcertify::plan
