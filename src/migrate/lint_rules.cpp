#include "migrate/lint_rules.hpp"

#include <fmt/format.h>

namespace pgcertify::migrate {
namespace lint {

std::string table_name(const nlohmann::json& range_var) {
  const std::string schema = text_of(range_var, "schemaname");
  const std::string name = text_of(range_var, "relname");
  return schema.empty() ? name : schema + "." + name;
}

std::string tracking_key(const std::string& table) {
  const auto dot = table.find('.');
  return dot == std::string::npos ? table : table.substr(dot + 1);
}

std::optional<Finding> on_table(const plan::SqlStatement& statement, const LintState& state, const std::string& table,
                                std::string rule, LintSeverity severity, std::string message, std::string lock,
                                LintCost cost) {
  Finding f = plain(statement, std::move(rule), severity, std::move(message));
  f.table = table;
  f.lock = std::move(lock);
  f.cost = cost;
  const auto it = state.tables.find(tracking_key(table));
  if (it != state.tables.end()) {
    if (it->second.created_in == state.file) return std::nullopt;
    f.table_from_folder = true;
  }
  return f;
}

Finding plain(const plan::SqlStatement& statement, std::string rule, LintSeverity severity, std::string message) {
  Finding f;
  f.file = statement.where.file;
  f.line = statement.where.line;
  f.column = statement.where.column;
  f.rule = std::move(rule);
  f.severity = severity;
  f.message = std::move(message);
  return f;
}

std::string type_text(const nlohmann::json& type_name) {
  std::string name;
  for (const auto& part : type_name.value("names", nlohmann::json::array())) {
    const std::string s = text_of(part.value("String", nlohmann::json::object()), "sval");
    if (s != "pg_catalog") name = s;
  }
  std::string mods;
  for (const auto& mod : type_name.value("typmods", nlohmann::json::array())) {
    const auto& c = mod.value("A_Const", nlohmann::json::object());
    if (c.contains("ival")) mods += (mods.empty() ? "" : ",") + std::to_string(c["ival"].value("ival", 0));
  }
  if (!mods.empty()) name += "(" + mods + ")";
  if (type_name.contains("arrayBounds")) name += "[]";
  return name;
}

void column_type_rules(const nlohmann::json& column_def, const plan::SqlStatement& statement,
                       std::vector<Finding>& findings) {
  const std::string type = type_text(column_def.value("typeName", nlohmann::json::object()));
  const std::string column = text_of(column_def, "colname");
  if (type.starts_with("timestamp") && !type.starts_with("timestamptz"))
    findings.push_back(plain(statement, "prefer-timestamptz", LintSeverity::kWarning,
                             fmt::format("column {} is timestamp without time zone: prefer timestamptz", column)));
  if (type.starts_with("bpchar"))
    findings.push_back(plain(statement, "ban-char-field", LintSeverity::kWarning,
                             fmt::format("column {} is char(n), which pads with blanks: prefer text or varchar", column)));
}

void require_lock_timeout(const plan::SqlStatement& statement, LintState& state, const std::string& table,
                          const std::string& lock, std::vector<Finding>& findings) {
  if (state.lock_timeout_set || state.lock_timeout_reported) return;
  // Reads and writes take ACCESS SHARE and ROW EXCLUSIVE, which SHARE UPDATE EXCLUSIVE admits:
  // nothing an application runs queues behind such a wait.
  if (lock == "SHARE UPDATE EXCLUSIVE") return;
  const std::string_view queued = lock == "ACCESS EXCLUSIVE" ? "every query" : "every write";
  auto f = on_table(statement, state, table, "require-lock-timeout", LintSeverity::kError,
                    fmt::format("{} waits for its {} lock on {} with no lock_timeout, and {} on {} queues "
                                "behind it meanwhile; SET lock_timeout = '2s' first",
                                statement.text.substr(0, statement.text.find_first_of(" \n")), lock, table, queued,
                                table),
                    lock, LintCost::kLockOnly);
  if (!f) return;
  state.lock_timeout_reported = true;
  findings.push_back(std::move(*f));
}

}  // namespace lint

namespace {
using lint::on_table;
using lint::plain;

void lint_create_table(const StatementTree& tree, const plan::SqlStatement& statement, LintState& state,
                       std::vector<Finding>& findings) {
  const std::string table = lint::table_name(tree.node.value("relation", nlohmann::json::object()));
  TableFacts facts{state.file, {}};
  for (const auto& element : tree.node.value("tableElts", nlohmann::json::array())) {
    if (!element.contains("ColumnDef")) continue;
    const auto& def = element["ColumnDef"];
    facts.column_types[text_of(def, "colname")] = lint::type_text(def.value("typeName", nlohmann::json::object()));
    lint::column_type_rules(def, statement, findings);
  }
  const std::string key = text_of(tree.node.value("relation", nlohmann::json::object()), "relname");
  state.tables[key] = std::move(facts);
  if (state.outside_transaction && !flag_of(tree.node, "if_not_exists"))
    findings.push_back(plain(statement, "prefer-robust-stmts", LintSeverity::kWarning,
                             "this file runs outside a transaction: CREATE TABLE " + table +
                                 " fails when re-run after a partial failure; use IF NOT EXISTS"));
}

void lint_index(const StatementTree& tree, const plan::SqlStatement& statement, LintState& state,
                std::vector<Finding>& findings) {
  const std::string table = lint::table_name(tree.node.value("relation", nlohmann::json::object()));
  const bool concurrent = flag_of(tree.node, "concurrent");
  if (!concurrent) {
    lint::require_lock_timeout(statement, state, table, "SHARE", findings);
    if (auto f = on_table(statement, state, table, "require-concurrent-index-creation", LintSeverity::kError,
                          "CREATE INDEX on " + table + " takes a SHARE lock that blocks writes while the index "
                          "builds; use CREATE INDEX CONCURRENTLY",
                          "SHARE", LintCost::kIndexBuild))
      findings.push_back(std::move(*f));
    return;
  }
  if (state.in_explicit_transaction)
    findings.push_back(plain(statement, "ban-concurrent-index-creation-in-transaction", LintSeverity::kError,
                             "CREATE INDEX CONCURRENTLY cannot run inside the transaction block this file opened"));
  if (!flag_of(tree.node, "if_not_exists"))
    findings.push_back(plain(statement, "prefer-robust-stmts", LintSeverity::kWarning,
                             "a CREATE INDEX CONCURRENTLY that fails leaves an invalid index behind; use IF NOT "
                             "EXISTS (and drop the invalid index) so that the migration can be re-run"));
}

void lint_drop(const StatementTree& tree, const plan::SqlStatement& statement, LintState& state,
               std::vector<Finding>& findings) {
  const std::string type = text_of(tree.node, "removeType");
  if (type == "OBJECT_TABLE")
    findings.push_back(plain(statement, "ban-drop-table", LintSeverity::kWarning,
                             "DROP TABLE breaks every client still reading the table; deploy the code change first"));
  if (type == "OBJECT_INDEX" && !flag_of(tree.node, "concurrent"))
    findings.push_back(plain(statement, "require-concurrent-index-deletion", LintSeverity::kWarning,
                             "DROP INDEX takes an ACCESS EXCLUSIVE lock on its table; use DROP INDEX CONCURRENTLY"));
  if (state.outside_transaction && !flag_of(tree.node, "missing_ok"))
    findings.push_back(plain(statement, "prefer-robust-stmts", LintSeverity::kWarning,
                             "this file runs outside a transaction: DROP fails when re-run; use IF EXISTS"));
}

void lint_rename(const StatementTree& tree, const plan::SqlStatement& statement, LintState& state,
                 std::vector<Finding>& findings) {
  const std::string type = text_of(tree.node, "renameType");
  const std::string table = lint::table_name(tree.node.value("relation", nlohmann::json::object()));
  if (type == "OBJECT_COLUMN") {
    if (auto f = on_table(statement, state, table, "renaming-column", LintSeverity::kWarning,
                          "renaming column " + text_of(tree.node, "subname") + " of " + table +
                              " breaks clients that still use the old name",
                          "ACCESS EXCLUSIVE", LintCost::kLockOnly))
      findings.push_back(std::move(*f));
  } else if (type == "OBJECT_TABLE") {
    if (auto f = on_table(statement, state, table, "renaming-table", LintSeverity::kWarning,
                          "renaming " + table + " breaks clients that still use the old name", "ACCESS EXCLUSIVE",
                          LintCost::kLockOnly))
      findings.push_back(std::move(*f));
  }
}

void lint_vacuum(const StatementTree& tree, const plan::SqlStatement& statement, LintState& state,
                 std::vector<Finding>& findings) {
  bool full = false;
  for (const auto& option : tree.node.value("options", nlohmann::json::array()))
    if (text_of(option.value("DefElem", nlohmann::json::object()), "defname") == "full") full = true;
  if (!full) return;
  for (const auto& rel : tree.node.value("rels", nlohmann::json::array())) {
    const std::string table =
        lint::table_name(rel.value("VacuumRelation", nlohmann::json::object()).value("relation", nlohmann::json::object()));
    if (auto f = on_table(statement, state, table, "ban-vacuum-full", LintSeverity::kError,
                          "VACUUM FULL rewrites " + table + " under an ACCESS EXCLUSIVE lock: no reads or writes "
                          "until it ends; use pg_repack or plain VACUUM",
                          "ACCESS EXCLUSIVE", LintCost::kRewrite))
      findings.push_back(std::move(*f));
  }
}

void lint_backfill(const StatementTree& tree, const plan::SqlStatement& statement, LintState& state,
                   std::vector<Finding>& findings) {
  const std::string table = lint::table_name(tree.node.value("relation", nlohmann::json::object()));
  const auto locked = state.write_locked.find(table);
  if (state.outside_transaction || locked == state.write_locked.end()) return;
  if (auto f = on_table(statement, state, table, "backfill-in-ddl-transaction", LintSeverity::kError,
                        fmt::format("this statement changes the rows of {} in the same transaction as DDL on it: "
                                    "the {} lock is held until the whole backfill commits; backfill in batches "
                                    "in a later migration",
                                    table, locked->second),
                        locked->second, LintCost::kRewrite))
    findings.push_back(std::move(*f));
}

void lint_transaction(const StatementTree& tree, const plan::SqlStatement& statement, LintState& state,
                      std::vector<Finding>& findings) {
  const std::string kind = text_of(tree.node, "kind");
  if (kind == "TRANS_STMT_BEGIN" || kind == "TRANS_STMT_START") {
    state.in_explicit_transaction = true;
    findings.push_back(plain(statement, "transaction-nesting", LintSeverity::kWarning,
                             "the file manages its own transaction, so pgcertify runs it outside one and its "
                             "history row is written separately; leave transactions to the runner"));
  } else if (kind == "TRANS_STMT_COMMIT" || kind == "TRANS_STMT_ROLLBACK") {
    state.in_explicit_transaction = false;
  }
}
}  // namespace

void lint_statement(const StatementTree& tree, const plan::SqlStatement& statement, LintState& state,
                    std::vector<Finding>& findings) {
  const std::string& type = tree.type;
  if (type == "CreateStmt") lint_create_table(tree, statement, state, findings);
  else if (type == "CreateTableAsStmt") {
    // CREATE MATERIALIZED VIEW / CREATE TABLE AS: new, so an index on it right after is safe.
    const auto& rel = tree.node.value("into", nlohmann::json::object()).value("rel", nlohmann::json::object());
    state.tables[text_of(rel, "relname")] = TableFacts{state.file, {}};
  } else if (type == "IndexStmt") lint_index(tree, statement, state, findings);
  else if (type == "AlterTableStmt") lint_alter_table(tree, statement, state, findings);
  else if (type == "DropStmt") lint_drop(tree, statement, state, findings);
  else if (type == "RenameStmt") lint_rename(tree, statement, state, findings);
  else if (type == "VacuumStmt") lint_vacuum(tree, statement, state, findings);
  else if (type == "UpdateStmt" || type == "DeleteStmt") lint_backfill(tree, statement, state, findings);
  else if (type == "TransactionStmt") lint_transaction(tree, statement, state, findings);
  else if (type == "VariableSetStmt" && text_of(tree.node, "name") == "lock_timeout") state.lock_timeout_set = true;
}

}  // namespace pgcertify::migrate
