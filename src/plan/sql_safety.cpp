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
/// True for a DefElem `transaction_read_only` that does not say READ ONLY (READ WRITE is the
/// integer 0, which the JSON leaves out).
bool read_write_option(const nlohmann::json& def) {
  if (def.value("defname", "") != "transaction_read_only") return false;
  const auto arg = def.find("arg");
  if (arg == def.end()) return true;
  const auto ival = arg->find("A_Const");
  if (ival == arg->end() || !ival->contains("ival")) return true;
  return (*ival)["ival"].value("ival", 0) != 1;
}

/// Why `node` (a parse-tree node, searched through) makes a read-only session writable.
std::optional<std::string> read_write_switch(const nlohmann::json& node) {
  if (node.is_array()) {
    for (const auto& item : node)
      if (auto why = read_write_switch(item)) return why;
    return std::nullopt;
  }
  if (!node.is_object()) return std::nullopt;
  for (const auto& [key, value] : node.items()) {
    if (key == "DefElem" && read_write_option(value)) return std::string("READ WRITE");
    if (key == "VariableSetStmt") {
      const std::string name = value.value("name", "");
      const std::string kind = value.value("kind", "");
      if ((name == "default_transaction_read_only" || name == "transaction_read_only") && kind != "VAR_RESET")
        return "SET " + name;
    }
    if (key == "FuncCall" && value.contains("funcname"))
      for (const auto& part : value["funcname"])
        if (part.contains("String") && part["String"].value("sval", "") == "set_config") return std::string("set_config()");
    if (key == "DoStmt") return std::string("a DO block");
    if (auto why = read_write_switch(value)) return why;
  }
  return std::nullopt;
}

/// Each statement of `sql` parsed, or nothing when the parser cannot read it.
template <typename Judge>
std::optional<UnsafeStatement> first_refused(std::string_view sql, Judge judge) {
  const ParseResult parsed{pg_query_parse(std::string(sql).c_str())};
  if (parsed.result.error || !parsed.result.parse_tree) return std::nullopt;
  const auto tree = nlohmann::json::parse(parsed.result.parse_tree, nullptr, false);
  if (tree.is_discarded() || !tree.contains("stmts")) return std::nullopt;
  for (const auto& raw : tree["stmts"]) {
    if (!raw.contains("stmt") || !raw["stmt"].is_object() || raw["stmt"].empty()) continue;
    if (auto why = judge(raw["stmt"])) {
      const size_t location = static_cast<size_t>(raw.value("stmt_location", 0));
      return UnsafeStatement{skip_space_and_comments(sql, location, sql.size()), *why};
    }
  }
  return std::nullopt;
}
}  // namespace

std::optional<UnsafeStatement> find_read_write_switch(std::string_view sql) {
  return first_refused(sql, [](const nlohmann::json& stmt) -> std::optional<std::string> {
    auto what = read_write_switch(stmt);
    if (!what) return std::nullopt;
    return *what + " is not allowed without 'writes: true': it would make the check's read-only session writable, "
           "and what the load then wrote would stay in the database";
  });
}

std::optional<UnsafeStatement> find_unsafe_statement(std::string_view sql) {
  return first_refused(sql, [](const nlohmann::json& stmt) {
    const auto first = stmt.begin();
    return refusal(first.key(), first.value());
  });
}

}  // namespace pgcertify::plan
