// The index and partitioning parts of a `table` check's comparison.

#include <fmt/format.h>

#include <set>

#include "catalog/identifiers.hpp"
#include "checks/schema/schema_options.hpp"
#include "checks/schema/table_compare.hpp"

namespace pgcertify::checks {
namespace {
std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string describe(const IndexSpec& want) {
  std::string out = "index " + (want.name ? catalog::quote_if_needed(*want.name) + " " : "");
  if (!want.columns.empty()) out += "on (" + joined(want.columns) + ")";
  if (want.where) out += " where " + *want.where;
  return catalog::squeeze_spaces(out);
}

std::string describe(const catalog::Index& have) {
  std::string out = "index " + catalog::quote_if_needed(have.name) + " on (" + joined(have.keys) + ")";
  if (!have.include.empty()) out += " include (" + joined(have.include) + ")";
  if (have.predicate) out += " where " + *have.predicate;
  return out;
}

bool same_keys(const std::vector<std::string>& want, const std::vector<std::string>& have, const Spellings& sp) {
  if (want.size() != have.size()) return false;
  for (size_t i = 0; i < want.size(); ++i)
    if (!sp.same_expression(want[i], have[i])) return false;
  return true;
}

std::vector<std::string> index_differences(const IndexSpec& want, const catalog::Index& have, const Spellings& sp) {
  std::vector<std::string> out;
  // An invalid or not-ready index (a failed CREATE INDEX CONCURRENTLY) serves no query and
  // enforces no uniqueness: it matches nothing a plan can ask for.
  if (!have.valid) out.push_back("invalid (indisvalid = false): it serves no query and enforces nothing; drop and rebuild it");
  if (!want.columns.empty() && !same_keys(want.columns, have.keys, sp))
    out.push_back(fmt::format("columns expected ({}), actual ({})", joined(want.columns), joined(have.keys)));
  if (want.where || have.predicate) {
    // An entry without `where` asks for an index over every row: a partial index (which may
    // cover 9 rows of 20,000) does not satisfy it.
    const bool same = want.where && have.predicate ? sp.same_expression(*want.where, *have.predicate) : false;
    if (!same)
      out.push_back(fmt::format("where expected {}, actual {}", want.where.value_or("none"), have.predicate.value_or("none")));
  }
  if (want.unique && *want.unique != have.unique)
    out.push_back(fmt::format("unique expected {}, actual {}", *want.unique, have.unique));
  if (want.method && *want.method != have.method)
    out.push_back(fmt::format("method expected {}, actual {}", *want.method, have.method));
  if (want.include && !same_keys(*want.include, have.include, sp))
    out.push_back(fmt::format("include expected ({}), actual ({})", joined(*want.include), joined(have.include)));
  if (want.definition && catalog::squeeze_spaces(*want.definition) != catalog::squeeze_spaces(have.definition))
    out.push_back(fmt::format("definition expected {}, actual {}", *want.definition, have.definition));
  return out;
}

/// The index the plan means: by name, else the first on the same keys that matches in every
/// listed property, else the first on the same keys.
const catalog::Index* find_index(const IndexSpec& want, const catalog::Relation& table, const Spellings& sp,
                                 const std::set<std::string>& taken) {
  if (want.name) return table.index(*want.name);
  const catalog::Index* first = nullptr;
  for (const auto& have : table.indexes) {
    if (taken.count(have.name) || !same_keys(want.columns, have.keys, sp)) continue;
    if (index_differences(want, have, sp).empty()) return &have;
    if (!first) first = &have;
  }
  return first;
}
}  // namespace

void compare_indexes(const TableSpec& spec, const catalog::Relation& table, const Spellings& sp,
                     std::vector<std::string>& out) {
  if (!spec.indexes) return;
  std::set<std::string> matched;
  for (const auto& want : *spec.indexes) {
    const catalog::Index* have = find_index(want, table, sp, matched);
    if (!have) {
      out.push_back(describe(want) + ": missing");
      continue;
    }
    matched.insert(have->name);
    const std::string at = describe(want) + (want.name ? "" : " (" + have->name + ")");
    for (const auto& d : index_differences(want, *have, sp)) out.push_back(at + ": " + d);
  }
  if (!spec.exact) return;
  for (const auto& have : table.indexes)
    if (have.constraint.empty() && !matched.count(have.name)) out.push_back(describe(have) + ": not in the plan");
}

void compare_partitioning(const TableSpec& spec, const catalog::Relation& table, const Spellings& sp,
                          std::vector<std::string>& out) {
  if (!spec.partitioning) return;
  const PartitioningSpec& want = *spec.partitioning;
  if (!table.partitioning) {
    out.push_back("partitioning: expected " + want.strategy.value_or("some") + " partitioning, actual not partitioned");
    return;
  }
  const catalog::Partitioning& have = *table.partitioning;
  if (want.strategy && *want.strategy != have.strategy)
    out.push_back(fmt::format("partitioning: strategy expected {}, actual {}", *want.strategy, have.strategy));
  if (want.key && !same_keys(*want.key, have.key, sp))
    out.push_back(fmt::format("partitioning: key expected ({}), actual ({})", joined(*want.key), joined(have.key)));
  if (!want.partitions) return;
  std::set<catalog::QualifiedName> expected(want.partitions->begin(), want.partitions->end());
  std::set<catalog::QualifiedName> actual(table.partitions.begin(), table.partitions.end());
  for (const auto& p : expected)
    if (!actual.count(p)) out.push_back("partition " + p.display() + ": missing");
  for (const auto& p : actual)
    if (!expected.count(p)) out.push_back("partition " + p.display() + ": not in the plan");
}

}  // namespace pgcertify::checks
