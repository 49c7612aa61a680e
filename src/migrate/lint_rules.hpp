#pragma once
// The lint rules: one statement's parse tree in, findings out. Statements on a table created in
// the same file are never hazards; on a table created by an earlier file of the folder they are
// kept but marked (the linter drops them unless --dsn shows the table has rows).

#include <vector>

#include "migrate/lint_finding.hpp"
#include "migrate/parse_tree.hpp"
#include "plan/sql_file.hpp"

namespace pgcertify::migrate {

void lint_statement(const StatementTree& tree, const plan::SqlStatement& statement, LintState& state,
                    std::vector<Finding>& findings);

/// ALTER TABLE's sub-commands (lint_alter_table.cpp).
void lint_alter_table(const StatementTree& tree, const plan::SqlStatement& statement, LintState& state,
                      std::vector<Finding>& findings);

/// The shared pieces of the rules.
namespace lint {
/// The folder's tables are tracked by name without the schema: "public.users" is "users".
std::string tracking_key(const std::string& table);
/// "schema.table" or "table" of a RangeVar.
std::string table_name(const nlohmann::json& range_var);
/// Starts a finding at `statement` about `table` (marks folder tables; returns nullopt when the
/// table was created in this very file, where nothing is a hazard).
std::optional<Finding> on_table(const plan::SqlStatement& statement, const LintState& state, const std::string& table,
                                std::string rule, LintSeverity severity, std::string message, std::string lock,
                                LintCost cost);
/// A finding not about a table's size (hygiene, transaction structure).
Finding plain(const plan::SqlStatement& statement, std::string rule, LintSeverity severity, std::string message);
/// "varchar(50)", "timestamp", "int4" … from a TypeName node.
std::string type_text(const nlohmann::json& type_name);
/// prefer-timestamptz, ban-char-field on a column definition.
void column_type_rules(const nlohmann::json& column_def, const plan::SqlStatement& statement,
                       std::vector<Finding>& findings);
/// require-lock-timeout: once per file, on the first lock of an existing table without one that
/// reads or writes would queue behind (`lock` as the server names it: "SHARE", "ACCESS EXCLUSIVE").
void require_lock_timeout(const plan::SqlStatement& statement, LintState& state, const std::string& table,
                          const std::string& lock, std::vector<Finding>& findings);
}  // namespace lint

}  // namespace pgcertify::migrate
