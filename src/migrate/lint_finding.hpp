#pragma once
// One hazard the linter found, and the state it keeps while walking a folder.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace pgcertify::migrate {

enum class LintSeverity { kInfo, kWarning, kError };
std::string_view severity_name(LintSeverity severity);
/// "info" | "warning" | "error"; nullopt otherwise.
std::optional<LintSeverity> parse_severity(std::string_view text);

/// What a hazardous statement costs on a table that has rows, for the --dsn estimate.
enum class LintCost { kLockOnly, kScan, kRewrite, kIndexBuild };

struct Finding {
  std::string file;
  int line = 0, column = 0;
  std::string rule;  // squawk's name where the hazard is the same
  LintSeverity severity = LintSeverity::kWarning;
  std::string message;
  std::string table;  // the table at risk, "" when none
  std::optional<double> rows;
  std::optional<long long> bytes;
  std::string lock;  // "ACCESS EXCLUSIVE", "SHARE", …
  LintCost cost = LintCost::kLockOnly;
  bool table_from_folder = false;  // the table was created by an earlier file of the folder
  std::string source_line;
};

/// What the folder has done so far, as the linter reads it in order.
struct TableFacts {
  std::string created_in;  // the file that created it
  std::map<std::string, std::string> column_types;  // column -> type as written ("varchar(50)")
};

struct LintState {
  std::map<std::string, TableFacts> tables;  // created by the folder, by name
  std::set<std::string> proven_not_null;     // "table.column" with a validated CHECK (column IS NOT NULL)
  // "table.constraint" -> "table.column": a CHECK (column IS NOT NULL) added NOT VALID, which proves
  // nothing until a VALIDATE CONSTRAINT (PostgreSQL does not use an unvalidated CHECK for SET NOT NULL).
  std::map<std::string, std::string> unvalidated_not_null;
  // Per file:
  std::string file;
  bool outside_transaction = false;  // the file runs statement by statement (CONCURRENTLY, BEGIN…)
  bool in_explicit_transaction = false;
  bool lock_timeout_set = false;
  bool lock_timeout_reported = false;
  std::map<std::string, std::string> write_locked;  // table -> the write-blocking lock this file's DDL took
  std::set<std::string> added_not_valid;            // "table.constraint" this file added NOT VALID
};

}  // namespace pgcertify::migrate
