// ALTER TABLE's sub-commands: which rewrite the table, which scan it under a lock, which are a
// catalog update only (PostgreSQL 11+: a non-volatile default; varchar(n) -> varchar(m >= n) or text).

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <regex>
#include <set>

#include "migrate/lint_rules.hpp"

namespace pgcertify::migrate {
namespace {
using lint::on_table;
using lint::plain;

struct AlterContext {
  const plan::SqlStatement& statement;
  LintState& state;
  std::vector<Finding>& findings;
  std::string table;

  void add(std::string rule, LintSeverity severity, std::string message, std::string lock, LintCost cost) {
    if (auto f = on_table(statement, state, table, std::move(rule), severity, std::move(message), std::move(lock), cost))
      findings.push_back(std::move(*f));
  }
};

/// True when an expression calls a function that is volatile (evaluated per row: the table is
/// rewritten). Unknown functions are assumed volatile; now() and friends are stable.
bool volatile_expression(const nlohmann::json& node) {
  static const std::set<std::string> kNotVolatile = {"now", "current_date", "current_timestamp", "lower", "upper",
                                                     "transaction_timestamp", "statement_timestamp", "jsonb_build_object",
                                                     "json_build_object", "array", "coalesce", "concat", "to_jsonb"};
  if (node.is_object()) {
    if (node.contains("FuncCall")) {
      std::string name;
      for (const auto& part : node["FuncCall"].value("funcname", nlohmann::json::array()))
        name = text_of(part.value("String", nlohmann::json::object()), "sval");
      if (!kNotVolatile.contains(name)) return true;
    }
    for (const auto& [key, value] : node.items())
      if (volatile_expression(value)) return true;
  } else if (node.is_array()) {
    for (const auto& value : node)
      if (volatile_expression(value)) return true;
  }
  return false;
}

/// varchar(n) -> varchar(m >= n), varchar/text -> text or unbounded varchar, numeric(p,s) ->
/// numeric(q >= p, s), and the same type: no rewrite, no scan.
bool binary_coercible_change(const std::string& from, const std::string& to) {
  static const std::regex kSized(R"((varchar|numeric|bpchar|varbit)\((\d+)(?:,(\d+))?\))");
  if (from == to) return true;
  if ((to == "text" || to == "varchar") && (from.starts_with("varchar") || from == "text")) return true;
  std::smatch a, b;
  if (!std::regex_match(from, a, kSized) || !std::regex_match(to, b, kSized)) return false;
  if (a[1] != b[1] || a[1] == "bpchar") return false;
  return std::stoi(b[2]) >= std::stoi(a[2]) && a[3] == b[3];
}

void add_column(AlterContext& c, const nlohmann::json& def) {
  const std::string column = text_of(def, "colname");
  const std::string type = lint::type_text(def.value("typeName", nlohmann::json::object()));
  bool not_null = false, has_default = false;
  lint::column_type_rules(def, c.statement, c.findings);
  for (const auto& constraint : def.value("constraints", nlohmann::json::array())) {
    const auto& k = constraint.value("Constraint", nlohmann::json::object());
    const std::string contype = text_of(k, "contype");
    if (contype == "CONSTR_NOTNULL") not_null = true;
    if (contype == "CONSTR_DEFAULT") {
      has_default = true;
      if (volatile_expression(k.value("raw_expr", nlohmann::json::object())))
        c.add("adding-field-with-default", LintSeverity::kError,
              fmt::format("column {} of {} gets a volatile default: every row is rewritten under an ACCESS "
                          "EXCLUSIVE lock; add the column without it, then backfill in batches",
                          column, c.table),
              "ACCESS EXCLUSIVE", LintCost::kRewrite);
    }
    if (contype == "CONSTR_GENERATED")
      c.add("adding-field-with-default", LintSeverity::kError,
            fmt::format("stored generated column {} rewrites {} under an ACCESS EXCLUSIVE lock", column, c.table),
            "ACCESS EXCLUSIVE", LintCost::kRewrite);
    if (contype == "CONSTR_UNIQUE" || contype == "CONSTR_PRIMARY")
      c.add("disallowed-unique-constraint", LintSeverity::kError,
            fmt::format("a UNIQUE column builds its index on {} under an ACCESS EXCLUSIVE lock", c.table),
            "ACCESS EXCLUSIVE", LintCost::kIndexBuild);
  }
  if (type.ends_with("serial"))
    c.add("adding-field-with-default", LintSeverity::kError,
          fmt::format("{} column {} fills every row from a sequence: {} is rewritten under an ACCESS EXCLUSIVE lock",
                      type, column, c.table),
          "ACCESS EXCLUSIVE", LintCost::kRewrite);
  if (not_null && !has_default)
    c.add("adding-not-nullable-field", LintSeverity::kError,
          fmt::format("NOT NULL column {} without a default fails on a table that has rows; add a default "
                      "(a constant one is a catalog update from PostgreSQL 11)", column),
          "ACCESS EXCLUSIVE", LintCost::kLockOnly);
}

void alter_type(AlterContext& c, const std::string& column, const nlohmann::json& def) {
  const std::string to = lint::type_text(def.value("typeName", nlohmann::json::object()));
  std::string from;
  const std::string key = lint::tracking_key(c.table);
  if (const auto it = c.state.tables.find(key); it != c.state.tables.end()) {
    const auto col = it->second.column_types.find(column);
    if (col != it->second.column_types.end()) from = col->second;
    it->second.column_types[column] = to;
  }
  if (!from.empty() && binary_coercible_change(from, to)) return;
  if (from.empty() && (to == "text" || to == "varchar")) {
    c.add("changing-column-type", LintSeverity::kWarning,
          fmt::format("changing {}.{} to {} is a catalog update only from varchar or text; from any other type it "
                      "rewrites the table", c.table, column, to),
          "ACCESS EXCLUSIVE", LintCost::kLockOnly);
    return;
  }
  c.add("changing-column-type", LintSeverity::kError,
        fmt::format("changing {}.{} {}to {} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock",
                    c.table, column, from.empty() ? "" : "from " + from + " ", to),
        "ACCESS EXCLUSIVE", LintCost::kRewrite);
}

/// The column of a CHECK (col IS NOT NULL), or "" for any other CHECK.
std::string not_null_check_column(const nlohmann::json& constraint) {
  const auto& test = constraint.value("raw_expr", nlohmann::json::object()).value("NullTest", nlohmann::json::object());
  if (text_of(test, "nulltesttype") != "IS_NOT_NULL") return "";
  std::string column;
  for (const auto& f : test.value("arg", nlohmann::json::object()).value("ColumnRef", nlohmann::json::object()).value("fields", nlohmann::json::array()))
    column = text_of(f.value("String", nlohmann::json::object()), "sval");
  return column;
}

std::string constraint_key(const AlterContext& c, const std::string& name) {
  return lint::tracking_key(c.table) + "." + name;
}

void add_constraint(AlterContext& c, const nlohmann::json& constraint) {
  const std::string contype = text_of(constraint, "contype");
  const bool validated = !flag_of(constraint, "skip_validation");
  const std::string name = text_of(constraint, "conname");
  if (!validated && !name.empty()) c.state.added_not_valid.insert(constraint_key(c, name));
  if (contype == "CONSTR_CHECK") {
    // Only a validated CHECK (col IS NOT NULL) lets SET NOT NULL skip its scan; a NOT VALID one
    // proves the column once a VALIDATE CONSTRAINT of it has run.
    if (const std::string column = not_null_check_column(constraint); !column.empty()) {
      const std::string proves = lint::tracking_key(c.table) + "." + column;
      if (validated) c.state.proven_not_null.insert(proves);
      else if (!name.empty()) c.state.unvalidated_not_null[constraint_key(c, name)] = proves;
    }
  }
  if ((contype == "CONSTR_FOREIGN" || contype == "CONSTR_CHECK") && validated)
    c.add("constraint-missing-not-valid", LintSeverity::kError,
          fmt::format("adding {} {} scans {} to validate it while holding a lock that blocks writes; add it NOT "
                      "VALID, then VALIDATE CONSTRAINT in a later migration",
                      contype == "CONSTR_FOREIGN" ? "foreign key" : "check", name, c.table),
          contype == "CONSTR_FOREIGN" ? "SHARE ROW EXCLUSIVE" : "ACCESS EXCLUSIVE", LintCost::kScan);
  if ((contype == "CONSTR_UNIQUE" || contype == "CONSTR_PRIMARY" || contype == "CONSTR_EXCLUSION") &&
      text_of(constraint, "indexname").empty())
    c.add("disallowed-unique-constraint", LintSeverity::kError,
          fmt::format("adding {} builds its index on {} under an ACCESS EXCLUSIVE lock; CREATE UNIQUE INDEX "
                      "CONCURRENTLY first, then ADD CONSTRAINT … USING INDEX",
                      name.empty() ? "the constraint" : name, c.table),
          "ACCESS EXCLUSIVE", LintCost::kIndexBuild);
}

void validate_constraint(AlterContext& c, const std::string& name) {
  const std::string key = constraint_key(c, name);
  if (const auto it = c.state.unvalidated_not_null.find(key); it != c.state.unvalidated_not_null.end()) {
    c.state.proven_not_null.insert(it->second);
    c.state.unvalidated_not_null.erase(it);
  }
  // In the transaction that added it NOT VALID, the ADD's lock is still held while VALIDATE scans.
  if (c.state.added_not_valid.contains(key) && !c.state.outside_transaction)
    c.add("constraint-missing-not-valid", LintSeverity::kError,
          fmt::format("VALIDATE CONSTRAINT {} runs in the transaction that added it NOT VALID: the lock the ADD "
                      "took on {} is held while the whole table is scanned; validate in a later migration",
                      name, c.table),
          "ACCESS EXCLUSIVE", LintCost::kScan);
}

void set_not_null(AlterContext& c, const std::string& column) {
  if (c.state.proven_not_null.contains(lint::tracking_key(c.table) + "." + column)) return;
  c.add("adding-not-nullable-field", LintSeverity::kError,
        fmt::format("SET NOT NULL on {}.{} scans the table under an ACCESS EXCLUSIVE lock; first add CHECK ({} IS "
                    "NOT NULL) NOT VALID and VALIDATE it, then SET NOT NULL is a catalog update (PostgreSQL 12+)",
                    c.table, column, column),
        "ACCESS EXCLUSIVE", LintCost::kScan);
}

void lint_command(AlterContext& c, const nlohmann::json& cmd) {
  const std::string subtype = text_of(cmd, "subtype");
  const std::string column = text_of(cmd, "name");
  const auto& def = cmd.value("def", nlohmann::json::object());
  if (subtype == "AT_AddColumn") add_column(c, def.value("ColumnDef", nlohmann::json::object()));
  else if (subtype == "AT_AlterColumnType") alter_type(c, column, def.value("ColumnDef", nlohmann::json::object()));
  else if (subtype == "AT_AddConstraint") add_constraint(c, def.value("Constraint", nlohmann::json::object()));
  else if (subtype == "AT_SetNotNull") set_not_null(c, column);
  else if (subtype == "AT_ValidateConstraint") validate_constraint(c, column);
  else if (subtype == "AT_DropColumn")
    c.findings.push_back(plain(c.statement, "ban-drop-column", LintSeverity::kWarning,
                               fmt::format("dropping {}.{} breaks clients that still read it", c.table, column)));
}

/// The lock one sub-command takes (PostgreSQL's AlterTableGetLockLevel, for the sub-commands a
/// migration writes); 0 SHARE UPDATE EXCLUSIVE, 1 SHARE ROW EXCLUSIVE, 2 ACCESS EXCLUSIVE. Where
/// PostgreSQL's level depends on more than the sub-command (ATTACH PARTITION takes ACCESS EXCLUSIVE
/// on the partition it attaches; a few storage options need ACCESS EXCLUSIVE), the stronger one.
int lock_rank(const nlohmann::json& cmd) {
  static const std::set<std::string> kShareUpdateExclusive = {
      "AT_ValidateConstraint", "AT_SetStatistics", "AT_ClusterOn",     "AT_DropCluster",
      "AT_SetRelOptions",      "AT_ResetRelOptions", "AT_DetachPartitionFinalize"};
  static const std::set<std::string> kShareRowExclusive = {
      "AT_EnableTrig",    "AT_EnableAlwaysTrig", "AT_EnableReplicaTrig", "AT_DisableTrig",
      "AT_EnableTrigAll", "AT_DisableTrigAll",   "AT_EnableTrigUser",    "AT_DisableTrigUser"};
  const std::string subtype = text_of(cmd, "subtype");
  if (kShareUpdateExclusive.contains(subtype)) return 0;
  if (subtype == "AT_DetachPartition" &&
      flag_of(cmd.value("def", nlohmann::json::object()).value("PartitionCmd", nlohmann::json::object()), "concurrent"))
    return 0;
  if (kShareRowExclusive.contains(subtype)) return 1;
  if (subtype == "AT_AddConstraint" &&
      text_of(cmd.value("def", nlohmann::json::object()).value("Constraint", nlohmann::json::object()), "contype") ==
          "CONSTR_FOREIGN")
    return 1;
  return 2;
}
}  // namespace

void lint_alter_table(const StatementTree& tree, const plan::SqlStatement& statement, LintState& state,
                      std::vector<Finding>& findings) {
  AlterContext c{statement, state, findings, lint::table_name(tree.node.value("relation", nlohmann::json::object()))};
  static constexpr std::array<const char*, 3> kLocks = {"SHARE UPDATE EXCLUSIVE", "SHARE ROW EXCLUSIVE",
                                                        "ACCESS EXCLUSIVE"};
  int rank = 0;
  for (const auto& cmd : tree.node.value("cmds", nlohmann::json::array()))
    rank = std::max(rank, lock_rank(cmd.value("AlterTableCmd", nlohmann::json::object())));
  lint::require_lock_timeout(statement, state, c.table, kLocks[rank], findings);
  for (const auto& cmd : tree.node.value("cmds", nlohmann::json::array()))
    lint_command(c, cmd.value("AlterTableCmd", nlohmann::json::object()));
  if (rank > 0 && !state.write_locked.contains(c.table)) state.write_locked[c.table] = kLocks[rank];
  else if (rank == 2) state.write_locked[c.table] = kLocks[rank];
}

}  // namespace pgcertify::migrate
