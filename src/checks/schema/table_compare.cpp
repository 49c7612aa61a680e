#include "checks/schema/table_compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "catalog/identifiers.hpp"
#include "checks/schema/schema_options.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
using catalog::ConstraintKind;
using catalog::quote_if_needed;
using Lines = std::vector<std::string>;

std::string shown(const std::optional<std::string>& value) { return value ? *value : "none"; }

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

void compare_column(const ColumnSpec& want, const catalog::Column& have, const Spellings& sp, Lines& out) {
  const std::string at = "column " + quote_if_needed(want.name) + ": ";
  if (want.type && !sp.same_type(*want.type, have.type)) {
    const std::string why = sp.type_error(*want.type);
    out.push_back(at + fmt::format("type expected {}, actual {}{}", *want.type, have.type,
                                   why.empty() ? "" : " (the server does not read '" + *want.type + "' as a type: " + why + ")"));
  }
  if (want.not_null && *want.not_null != have.not_null)
    out.push_back(at + (*want.not_null ? "expected NOT NULL, actual nullable" : "expected nullable, actual NOT NULL"));
  if (want.default_expression) {
    const auto& expected = *want.default_expression;
    const auto& actual = have.default_expression;
    const bool same = expected && actual ? sp.same_expression(*expected, *actual, have.type) : expected == actual;
    if (!same) out.push_back(at + fmt::format("default expected {}, actual {}", shown(expected), shown(actual)));
  }
  if (want.identity) {
    const std::string actual = have.identity.empty() ? "none" : have.identity;
    if (*want.identity != actual) out.push_back(at + fmt::format("identity expected {}, actual {}", *want.identity, actual));
  }
  if (want.generated) {
    const auto& actual = have.generated_expression;
    if (!actual || !sp.same_expression(*want.generated, *actual))
      out.push_back(at + fmt::format("generated expected {}, actual {}", *want.generated, shown(actual)));
  }
  if (want.collation) {
    const std::string actual = have.collation.empty() ? "default" : have.collation;
    if (*want.collation != actual) out.push_back(at + fmt::format("collation expected {}, actual {}", *want.collation, actual));
  }
}

/// Column privileges and comments: with `exact`, unlisted ones are differences too.
void compare_column_posture(const ColumnSpec& want, const catalog::Column& have, bool exact, Lines& out) {
  PostureSpec posture = want.posture;
  if (exact && !posture.grants) posture.grants.emplace();
  compare_posture(posture, {}, have.grants, have.comment, exact, out, "column " + quote_if_needed(want.name) + ": ");
}

void compare_columns(const TableSpec& spec, const catalog::Relation& table, const Spellings& sp, Lines& out) {
  std::set<std::string> listed;
  for (const auto& want : spec.columns) {
    listed.insert(want.name);
    const catalog::Column* have = table.column(want.name);
    if (!have) {
      std::vector<std::string> names;
      for (const auto& c : table.columns) names.push_back(c.name);
      out.push_back("column " + quote_if_needed(want.name) + ": missing" + did_you_mean(want.name, names) +
                    (want.type ? " (expected type " + *want.type + ")" : ""));
      continue;
    }
    compare_column(want, *have, sp, out);
    compare_column_posture(want, *have, spec.exact, out);
  }
  if (!spec.exact) return;
  for (const auto& c : table.columns)
    if (!listed.count(c.name)) out.push_back("column " + quote_if_needed(c.name) + " (" + c.type + "): not in the plan");
}

void compare_primary_key(const TableSpec& spec, const catalog::Relation& table, Lines& out) {
  if (!spec.primary_key) return;
  const catalog::Constraint* pk = table.primary_key();
  const std::vector<std::string> actual = pk ? pk->columns : std::vector<std::string>{};
  if (actual == *spec.primary_key) return;
  out.push_back(fmt::format("primary key: expected {}, actual {}",
                            spec.primary_key->empty() ? "none" : column_list(*spec.primary_key),
                            pk ? column_list(actual) + " (" + pk->name + ")" : "none"));
}

bool same_set(std::vector<std::string> a, std::vector<std::string> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

void compare_unique(const TableSpec& spec, const catalog::Relation& table, Lines& out) {
  if (!spec.unique) return;
  std::set<std::string> matched;
  for (const auto& want : *spec.unique) {
    const catalog::Constraint* found = nullptr;
    for (const auto& c : table.constraints)
      if (c.kind == ConstraintKind::kUnique && same_set(c.columns, want)) found = &c;
    if (found) {
      matched.insert(found->name);
      continue;
    }
    // A valid unique index on plain columns, without a predicate, is as good as the constraint;
    // an invalid one (a failed CREATE UNIQUE INDEX CONCURRENTLY) enforces nothing.
    const catalog::Index* invalid = nullptr;
    const bool by_index = std::any_of(table.indexes.begin(), table.indexes.end(), [&](const catalog::Index& i) {
      const bool fits = i.unique && !i.primary && !i.predicate && same_set(i.keys, want);
      if (fits && !i.valid) invalid = &i;
      return fits && i.valid;
    });
    if (by_index) continue;
    if (invalid)
      out.push_back("unique " + column_list(want) + ": only the invalid index " + invalid->name +
                    " (indisvalid = false, e.g. a failed CREATE UNIQUE INDEX CONCURRENTLY), which enforces nothing");
    else
      out.push_back("unique " + column_list(want) + ": missing");
  }
  if (!spec.exact) return;
  for (const auto& c : table.constraints)
    if (c.kind == ConstraintKind::kUnique && !matched.count(c.name))
      out.push_back("unique " + column_list(c.columns) + " (" + c.name + "): not in the plan");
}

void compare_foreign_key(const ForeignKeySpec& want, const catalog::Constraint& have, Lines& out) {
  const std::string at = "foreign key " + column_list(want.columns) + ": ";
  if (want.references != have.references)
    out.push_back(at + fmt::format("references expected {}, actual {}", want.references.display(), have.references.display()));
  if (!want.referenced_columns.empty() && want.referenced_columns != have.referenced_columns)
    out.push_back(at + fmt::format("referenced columns expected {}, actual {}", column_list(want.referenced_columns),
                                   column_list(have.referenced_columns)));
  if (want.on_delete && *want.on_delete != have.on_delete)
    out.push_back(at + fmt::format("on delete expected {}, actual {}", *want.on_delete, have.on_delete));
  if (want.on_update && *want.on_update != have.on_update)
    out.push_back(at + fmt::format("on update expected {}, actual {}", *want.on_update, have.on_update));
  if (want.deferrable && *want.deferrable != have.deferrable)
    out.push_back(at + fmt::format("deferrable expected {}, actual {}", *want.deferrable, have.deferrable));
}

void compare_foreign_keys(const TableSpec& spec, const catalog::Relation& table, Lines& out) {
  if (!spec.foreign_keys) return;
  std::set<std::string> matched;
  for (const auto& want : *spec.foreign_keys) {
    const catalog::Constraint* found = nullptr;
    for (const auto& c : table.constraints) {
      if (c.kind != ConstraintKind::kForeignKey || matched.count(c.name)) continue;
      const bool named = want.name ? c.name == *want.name : c.columns == want.columns;
      // Several keys on the same columns: prefer the one that references the expected table.
      if (named && (!found || c.references == want.references)) found = &c;
    }
    if (!found) {
      out.push_back("foreign key " + column_list(want.columns) + " -> " + want.references.display() +
                    (want.referenced_columns.empty() ? "" : column_list(want.referenced_columns)) + ": missing");
      continue;
    }
    matched.insert(found->name);
    compare_foreign_key(want, *found, out);
  }
  if (!spec.exact) return;
  for (const auto& c : table.constraints)
    if (c.kind == ConstraintKind::kForeignKey && !matched.count(c.name))
      out.push_back("foreign key " + column_list(c.columns) + " -> " + c.references.display() +
                    column_list(c.referenced_columns) + " (" + c.name + "): not in the plan");
}

void compare_checks(const TableSpec& spec, const catalog::Relation& table, const Spellings& sp, Lines& out) {
  if (!spec.checks) return;
  std::set<std::string> matched;
  std::vector<std::string> actual;
  for (const auto& c : table.constraints)
    if (c.kind == ConstraintKind::kCheck) actual.push_back(c.expression);
  for (const auto& want : *spec.checks) {
    const catalog::Constraint* found = nullptr;
    for (const auto& c : table.constraints)
      if (!found && c.kind == ConstraintKind::kCheck && !matched.count(c.name) && sp.same_expression(want, c.expression))
        found = &c;
    if (found) {
      matched.insert(found->name);
      continue;
    }
    const std::string why = sp.expression_error(want);
    out.push_back("check (" + want + "): missing" +
                  (why.empty() ? "; the table's checks are: " + (actual.empty() ? "none" : joined(actual))
                               : " (the server cannot read it: " + why + ")"));
  }
  if (!spec.exact) return;
  for (const auto& c : table.constraints)
    if (c.kind == ConstraintKind::kCheck && !matched.count(c.name))
      out.push_back("check (" + c.expression + ") (" + c.name + "): not in the plan");
}

}  // namespace

std::vector<std::string> compare_table(const TableSpec& spec, const catalog::Relation& table,
                                       const catalog::Catalog& catalog, const Spellings& sp) {
  Lines out;
  compare_columns(spec, table, sp, out);
  compare_primary_key(spec, table, out);
  compare_unique(spec, table, out);
  compare_foreign_keys(spec, table, out);
  compare_checks(spec, table, sp, out);
  compare_indexes(spec, table, sp, out);
  compare_partitioning(spec, table, sp, out);
  if (spec.rls_enabled && *spec.rls_enabled != table.rls_enabled)
    out.push_back(fmt::format("row level security: enabled expected {}, actual {}", *spec.rls_enabled, table.rls_enabled));
  if (spec.rls_forced && *spec.rls_forced != table.rls_forced)
    out.push_back(fmt::format("row level security: forced expected {}, actual {}", *spec.rls_forced, table.rls_forced));
  if (spec.policies) compare_policies(*spec.policies, catalog, table.name, spec.exact, sp, out);
  compare_posture(spec.posture, table.owner, table.grants, table.comment, spec.exact, out);
  return out;
}

}  // namespace pgcertify::checks
