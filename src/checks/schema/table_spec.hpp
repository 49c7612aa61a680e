#pragma once
// What a `table` check expects, as read from the plan (no database needed to read it).

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "checks/schema/security_facts.hpp"
#include "plan/node.hpp"

namespace pgcertify::checks {

struct ColumnSpec {
  std::string name;
  std::optional<std::string> type;
  std::optional<bool> not_null;
  std::optional<std::optional<std::string>> default_expression;  // set to nullopt: "must have none"
  std::optional<std::string> identity;                             // "always", "by default", "none"
  std::optional<std::string> generated;
  std::optional<std::string> collation;
  PostureSpec posture;  // column grants and comment (no owner)
};

struct ForeignKeySpec {
  std::optional<std::string> name;
  std::vector<std::string> columns;
  catalog::QualifiedName references;
  std::vector<std::string> referenced_columns;  // empty: not checked
  std::optional<std::string> on_delete;         // "cascade", "set null", …
  std::optional<std::string> on_update;
  std::optional<bool> deferrable;
};

struct IndexSpec {
  std::optional<std::string> name;
  std::vector<std::string> columns;  // names or expressions
  std::optional<std::string> where;  // a partial index's predicate
  std::optional<bool> unique;
  std::optional<std::string> method;
  std::optional<std::vector<std::string>> include;
  std::optional<std::string> definition;  // pg_get_indexdef's text: order, direction, NULLS, opclass, collation
};

struct PartitioningSpec {
  std::optional<std::string> strategy;
  std::optional<std::vector<std::string>> key;
  std::optional<std::vector<catalog::QualifiedName>> partitions;
};

struct TableSpec {
  catalog::QualifiedName name;
  /// Unlisted columns are differences; so are unlisted unique constraints, foreign keys,
  /// checks and indexes when the plan lists that category (an empty list means "none").
  bool exact = false;
  std::vector<ColumnSpec> columns;
  bool columns_listed = false;
  std::optional<std::vector<std::string>> primary_key;  // empty: "no primary key"
  std::optional<std::vector<std::vector<std::string>>> unique;
  std::optional<std::vector<ForeignKeySpec>> foreign_keys;
  std::optional<std::vector<std::string>> checks;
  std::optional<std::vector<IndexSpec>> indexes;
  std::optional<PartitioningSpec> partitioning;
  std::optional<bool> rls_enabled;
  std::optional<bool> rls_forced;
  PostureSpec posture;  // owner, grants, comment
  std::optional<std::vector<PolicySpec>> policies;
};

/// Reads a `table` check's options; throws Error(kPlan) at the offending node.
TableSpec read_table_spec(const plan::Node& options);

/// The keys `table` accepts, for the docs and for "did you mean".
extern const std::vector<std::string> kTableKeys;

}  // namespace pgcertify::checks
