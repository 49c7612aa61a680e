#pragma once
// The shape shared by the data-quality kinds: count the rows in scope and the rows that break
// a rule in ONE statement (one pass over the table), fetch a few offending rows only when
// there are some, and judge the count against `max`.

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "checks/check.hpp"
#include "plan/node.hpp"

namespace pgcertify::checks {

/// How many offending rows are tolerated: a count (`max: 10`) or a share of the rows in scope
/// (`max: "0.5%"`). Default: none.
struct Tolerance {
  double count = 0;
  bool percent = false;

  static Tolerance read(const plan::Node& options);
  bool allows(long long bad, long long total) const;
  std::string describe() const;
};

/// Options every row rule understands besides its own.
struct RowRuleOptions {
  std::string table;                 // as written: "videos" or "analytics.videos"
  std::optional<std::string> where;  // an SQL filter on the table's rows
  Tolerance tolerance;
  int samples = 5;

  /// Reads `table`, `where`, `max`, `samples`; `table_required` false for kinds that take SQL.
  static RowRuleOptions read(const plan::Node& options, bool table_required = true);
};

inline const std::vector<std::string> kRowRuleKeys = {"table", "where", "max", "samples"};

/// One rule over one table (aliased `t`), possibly joined to others.
struct RowRule {
  std::string from;            // "schema.table AS t [LEFT JOIN … ]"
  std::string violation;       // an SQL predicate true for an offending row
  std::string sample_columns;  // what to show of an offending row
  std::string what;            // "orphaned rows", for messages
};

/// "a"."b" from "a.b" or `a."B"`: read as PostgreSQL reads a name (unquoted parts fold to lower
/// case), then quoted for SQL.
std::string quote_qualified(pg::Connection& connection, std::string_view name);
/// One column name as PostgreSQL reads it (unquoted folds to lower case), quoted for SQL.
std::string quote_column(pg::Connection& connection, std::string_view column);

/// Builds the single statement for a rule: total, bad, and up to N sample rows as JSON.
std::string row_rule_sql(const RowRule& rule, const RowRuleOptions& options);

/// One offending row as evidence: the row's JSON with each value over `max_value` bytes cut at a
/// character boundary (ending in "…"), and the columns past `max_row` bytes replaced by
/// {"…": "N more columns"}: never cut mid-value, always JSON.
std::string evidence_row(const nlohmann::ordered_json& row, size_t max_value = 80, size_t max_row = 600);

/// Runs a statement returning (total, bad, samples as JSON) in a READ ONLY transaction and
/// judges `bad` against the tolerance; `what` names the offending things ("orphaned rows").
Outcome judge_counts(Context& context, const std::string& sql, std::string_view what, const RowRuleOptions& options);

/// row_rule_sql + judge_counts.
Outcome run_row_rule(Context& context, const RowRule& rule, const RowRuleOptions& options);

/// Column names from a plan, quoted and joined: "a", "b".
std::string quote_columns(pg::Connection& connection, const std::vector<std::string>& columns,
                          std::string_view prefix = "t.");

}  // namespace pgcertify::checks
