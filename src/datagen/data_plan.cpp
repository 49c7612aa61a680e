#include "datagen/data_plan.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <set>
#include <stdexcept>

#include "catalog/identifiers.hpp"
#include "common/error.hpp"
#include "common/strings.hpp"
#include "datagen/column_generator.hpp"

namespace pgcertify::datagen {
namespace {
using catalog::ConstraintKind;
using catalog::QualifiedName;

struct Wanted {
  const catalog::Relation* relation = nullptr;
  const plan::DataTable* table = nullptr;  // null when the command line named it
  long long rows = 0;
};

Error column_error(const TablePlan& t, const std::string& column, const std::string& message) {
  return Error(ErrorKind::kPlan, fmt::format("setup.data: {}.{}: {}", t.name.display(), column, message))
      .with_hint(fmt::format("give an explicit generator: setup.data.tables.{}.columns.{}: {{…}}", t.name.name, column));
}

size_t column_index(const TablePlan& t, const std::string& name) {
  for (size_t i = 0; i < t.columns.size(); ++i)
    if (t.columns[i].name == name) return i;
  throw Error(ErrorKind::kInternal, "no column " + name + " in " + t.name.display());
}

void read_checks(const catalog::Relation& r, TablePlan& t, std::map<std::string, ColumnHints>& hints) {
  for (const auto& c : r.constraints) {
    if (c.kind != ConstraintKind::kCheck) continue;
    try {
      CheckExpression expression = CheckExpression::parse(c.expression);
      expression.add_hints(hints, c.name);
      t.checks.push_back({c.name, std::move(expression)});
    } catch (const std::invalid_argument& e) {
      throw Error(ErrorKind::kPlan, fmt::format("setup.data: {}: cannot read CHECK {} ({}): {}", t.name.display(), c.name,
                                                c.expression, e.what()))
          .with_hint("drop the constraint for the load, or fill the table with a SQL file in setup.sql");
    }
  }
}

std::vector<std::vector<std::string>> unique_keys(const catalog::Relation& r) {
  std::vector<std::vector<std::string>> keys;
  for (const auto& c : r.constraints)
    if (c.kind == ConstraintKind::kPrimaryKey || c.kind == ConstraintKind::kUnique) keys.push_back(c.columns);
  for (const auto& index : r.indexes) {
    if (!index.unique || !index.constraint.empty() || index.predicate) continue;
    bool plain = true;
    for (const auto& k : index.keys) plain = plain && r.column(k) != nullptr;
    if (plain) keys.push_back(index.keys);
  }
  return keys;
}

void plan_foreign_keys(const catalog::Relation& r, TablePlan& t, const std::set<std::string>& explicit_columns,
                       std::vector<std::string>& notes) {
  std::vector<const catalog::Constraint*> fks;
  for (const auto& c : r.constraints)
    if (c.kind == ConstraintKind::kForeignKey) fks.push_back(&c);
  // Wider keys first: a column in (channel_id, user_id) and in (user_id) is filled by the wider one.
  std::stable_sort(fks.begin(), fks.end(), [](auto* a, auto* b) { return a->columns.size() > b->columns.size(); });
  for (const auto* fk : fks) {
    bool any_explicit = false, all_covered = true, all_nullable = true;
    for (const auto& col : fk->columns) {
      const size_t i = column_index(t, col);
      any_explicit = any_explicit || explicit_columns.contains(col);
      all_covered = all_covered && t.columns[i].foreign_key >= 0;
      all_nullable = all_nullable && !t.columns[i].not_null;
    }
    if (any_explicit || all_covered) continue;
    if (fk->references == t.name) {
      if (!all_nullable)
        throw column_error(t, fk->columns[0], fmt::format("foreign key {} references its own table through NOT NULL columns", fk->name));
      for (const auto& col : fk->columns) {
        ColumnPlan& c = t.columns[column_index(t, col)];
        c.spec.null_fraction = 1, c.spec.why = "self-reference " + fk->name + ": NULL", c.foreign_key = -2;
      }
      notes.push_back(fmt::format("{}: self-referencing foreign key {} filled with NULL", t.name.display(), fk->name));
      continue;
    }
    const int index = static_cast<int>(t.foreign_keys.size());
    ForeignKeyPlan plan{fk->name, {}, fk->references, fk->referenced_columns};
    for (size_t k = 0; k < fk->columns.size(); ++k) {
      ColumnPlan& c = t.columns[column_index(t, fk->columns[k])];
      if (c.foreign_key >= 0) continue;
      plan.columns.push_back(column_index(t, fk->columns[k]));
      c.foreign_key = index;
      c.spec = GeneratorSpec{};
      c.spec.kind = GeneratorKind::kRef, c.spec.ref_table = fk->references.display(), c.spec.ref_column = fk->referenced_columns[k];
      c.spec.why = "foreign key " + fk->name;
    }
    t.foreign_keys.push_back(std::move(plan));
  }
}
}  // namespace

double today_utc() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  const long long seconds = std::chrono::duration_cast<std::chrono::seconds>(now).count();
  return static_cast<double>(seconds - seconds % 86400);
}

namespace {
/// The plan's `columns:` for this table, parsed into the column plans; returns their names.
std::set<std::string> read_explicit_generators(const Wanted& w, TablePlan& t) {
  const catalog::Relation& r = *w.relation;
  std::set<std::string> explicit_columns;
  if (w.table) {
    for (const auto& [key, node] : w.table->columns) {
      const std::string name = key.as_string();
      const catalog::Column* column = r.column(name);
      if (!column) {
        std::vector<std::string> names;
        for (const auto& c : r.columns) names.push_back(c.name);
        throw key.error(fmt::format("table {} has no column '{}'{}", r.name.display(), name, did_you_mean(name, names)));
      }
      t.columns[column_index(t, name)].spec = parse_generator(node);
      explicit_columns.insert(name);
    }
  }
  return explicit_columns;
}

/// Unique keys that need bookkeeping, after checking the generators can produce enough values.
void plan_uniques(TablePlan& t, const std::vector<std::vector<std::string>>& keys, double now) {
  for (const auto& key : keys) {
    UniquePlan u{fmt::format("UNIQUE ({})", fmt::join(key, ", ")), {}};
    bool skip = false;
    double combinations = 1;
    for (const auto& col : key) {
      const size_t i = column_index(t, col);
      u.columns.push_back(i);
      const ColumnPlan& c = t.columns[i];
      if (c.omitted) skip = true;
      if (c.foreign_key >= 0) {
        combinations = 1e18;  // parent keys are counted only at load time: rows are drawn again there
        continue;
      }
      // A one-column key draws without replacement where its generator's space can be enumerated.
      if (key.size() == 1) t.columns[i].spec.unique = true;
      try {
        ColumnGenerator g(t.columns[i].spec, c.type, now);
        if (key.size() == 1 && g.inherently_unique()) skip = true;
        combinations = std::min(1e18, combinations * g.combinations());
      } catch (const std::invalid_argument&) {
      }
    }
    if (skip) continue;
    if (combinations < static_cast<double>(t.rows))
      throw column_error(t, key.back(), fmt::format("{} needs {} distinct values, but the generators can produce only {}",
                                                    u.constraint, t.rows, combinations));
    t.uniques.push_back(std::move(u));
  }
}

TablePlan build_table(const Wanted& w, double now, const std::set<QualifiedName>& referenced, std::vector<std::string>& notes) {
  const catalog::Relation& r = *w.relation;
  TablePlan t;
  t.name = r.name;
  t.rows = w.rows;
  std::map<std::string, ColumnHints> hints;
  read_checks(r, t, hints);
  for (const auto& c : r.columns) t.columns.push_back({c.name, column_type(c.type), {}, false, c.not_null, -1});

  const std::set<std::string> explicit_columns = read_explicit_generators(w, t);
  plan_foreign_keys(r, t, explicit_columns, notes);
  auto keys = unique_keys(r);
  for (const auto& c : t.columns) {  // `unique: true` in the plan, on a column no key covers
    const bool covered = std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return k.size() == 1 && k[0] == c.name; });
    if (c.spec.unique && explicit_columns.contains(c.name) && !covered) keys.push_back({c.name});
  }
  for (size_t i = 0; i < t.columns.size(); ++i) {
    ColumnPlan& c = t.columns[i];
    const catalog::Column& column = r.columns[i];
    if (column.generated_expression || !column.identity.empty() ||
        (column.default_expression && column.default_expression->starts_with("nextval("))) {
      if (explicit_columns.contains(c.name) && !column.generated_expression) continue;
      c.omitted = true, c.spec.kind = GeneratorKind::kServerDefault;
      c.spec.why = column.generated_expression ? "generated column" : (column.identity.empty() ? "serial DEFAULT" : "identity");
      continue;
    }
    if (explicit_columns.contains(c.name) || c.foreign_key != -1) continue;
    const bool unique = std::any_of(keys.begin(), keys.end(), [&](const auto& k) { return k.size() == 1 && k[0] == c.name; });
    const auto h = hints.find(c.name);
    c.spec = default_generator(r, column, c.type, h == hints.end() ? nullptr : &h->second, unique, t.rows);
    c.omitted = c.spec.kind == GeneratorKind::kServerDefault && column.default_expression.has_value();
    const bool in_key = std::any_of(keys.begin(), keys.end(), [&](const auto& k) {
      return std::find(k.begin(), k.end(), c.name) != k.end();
    });
    if (!column.not_null && !in_key && c.spec.kind != GeneratorKind::kServerDefault) c.spec.null_fraction = 0.1;
    if (c.spec.kind == GeneratorKind::kServerDefault && !c.omitted) c.spec.null_fraction = 1;
    c.spec.unique = unique;
  }
  for (const auto& c : t.columns) {
    if (c.omitted || c.foreign_key >= 0) continue;
    try {
      ColumnGenerator(c.spec, c.type, now);
    } catch (const std::invalid_argument& e) {
      throw column_error(t, c.name, e.what());
    }
  }
  plan_uniques(t, keys, now);
  if (r.kind == catalog::RelationKind::kTable) {
    for (const auto& index : r.indexes)
      if (index.constraint.empty() && index.valid) t.secondary_indexes.emplace_back(index.name, index.definition);
    for (const auto& c : r.constraints)
      if (c.kind == ConstraintKind::kForeignKey && !c.inherited) t.foreign_key_definitions.emplace_back(c.name, c.definition);
    if (!referenced.contains(r.name))
      for (const auto& c : r.constraints)
        if ((c.kind == ConstraintKind::kPrimaryKey || c.kind == ConstraintKind::kUnique) && !c.inherited)
          t.key_definitions.emplace_back(c.name, c.definition);
  }
  return t;
}
}  // namespace

namespace {
std::vector<Wanted> wanted_tables(const catalog::Catalog& catalog, const plan::DataSetup& setup, const DataOverrides& o) {
  std::vector<Wanted> out;
  std::vector<std::string> names;
  for (const auto& r : catalog.relations)
    if (r.is_table() && !r.from_extension) names.push_back(r.name.display());
  for (const auto& table : setup.tables) {
    const auto name = catalog::parse_qualified_name(table.name, "public");
    const catalog::Relation* r = name ? catalog.relation(*name) : nullptr;
    if (!r || !r->is_table())
      throw std::move(Error(ErrorKind::kPlan, fmt::format("setup.data: no table '{}' in the database{}", table.name,
                                                          did_you_mean(table.name, names))))
          .at(table.where);
    out.push_back({r, &table, o.rows.value_or(table.rows)});
  }
  if (setup.tables.empty() && o.rows && !o.table) {
    for (const auto& r : catalog.relations)
      if (r.is_table() && !r.from_extension && !r.partition_of) out.push_back({&r, nullptr, *o.rows});
  }
  if (!o.table) return out;
  const auto name = catalog::parse_qualified_name(*o.table, "public");
  const catalog::Relation* r = name ? catalog.relation(*name) : nullptr;
  if (!r || !r->is_table())
    throw Error(ErrorKind::kUsage, fmt::format("--table: no table '{}' in the database{}", *o.table, did_you_mean(*o.table, names)));
  for (const auto& w : out)
    if (w.relation == r) return {w};
  if (!o.rows) throw Error(ErrorKind::kUsage, fmt::format("--table {}: the plan gives it no rows; add --rows N", *o.table));
  return {Wanted{r, nullptr, *o.rows}};
}

/// Parents first. A cycle is broken at a foreign key whose columns are all nullable (filled with
/// NULL); a cycle of NOT NULL keys cannot be loaded and is reported.
void order_tables(std::vector<TablePlan>& tables, std::vector<std::string>& notes) {
  std::vector<TablePlan> ordered;
  while (!tables.empty()) {
    std::set<QualifiedName> pending;
    for (const auto& t : tables) pending.insert(t.name);
    bool progressed = false;
    for (size_t i = 0; i < tables.size(); ++i) {
      const bool ready = std::none_of(tables[i].foreign_keys.begin(), tables[i].foreign_keys.end(),
                                      [&](const ForeignKeyPlan& fk) { return pending.contains(fk.parent); });
      if (!ready) continue;
      pending.erase(tables[i].name);
      ordered.push_back(std::move(tables[i]));
      tables.erase(tables.begin() + static_cast<long>(i));
      progressed = true;
      --i;
    }
    if (progressed) continue;
    bool broken = false;
    for (auto& t : tables) {
      for (size_t k = 0; k < t.foreign_keys.size() && !broken; ++k) {
        auto& fk = t.foreign_keys[k];
        const bool nullable = std::none_of(fk.columns.begin(), fk.columns.end(), [&](size_t c) { return t.columns[c].not_null; });
        if (!pending.contains(fk.parent) || !nullable) continue;
        for (size_t c : fk.columns) {
          t.columns[c].foreign_key = -2, t.columns[c].spec.null_fraction = 1;
          t.columns[c].spec.why = "foreign key " + fk.constraint + " closes a cycle: NULL";
        }
        notes.push_back(fmt::format("{}: foreign key {} closes a cycle; filled with NULL", t.name.display(), fk.constraint));
        t.foreign_keys.erase(t.foreign_keys.begin() + static_cast<long>(k));
        for (auto& c : t.columns)
          if (c.foreign_key > static_cast<int>(k)) --c.foreign_key;
        broken = true;
      }
      if (broken) break;
    }
    if (!broken) {
      std::vector<std::string> names;
      for (const auto& t : tables) names.push_back(t.name.display());
      throw Error(ErrorKind::kPlan, fmt::format("setup.data: the foreign keys of {} form a cycle of NOT NULL columns", fmt::join(names, ", ")))
          .with_hint("load one of these tables with a SQL file in setup.sql, or make one of the keys nullable or deferrable");
    }
  }
  tables = std::move(ordered);
}
}  // namespace

DataPlan plan_data(const catalog::Catalog& catalog, const plan::DataSetup& setup, const DataOverrides& overrides, double now) {
  DataPlan plan;
  plan.seed = setup.seed;
  plan.skip_triggers = setup.skip_triggers;
  plan.now = now;
  std::set<QualifiedName> referenced;  // tables some foreign key points at: their keys stay during a load
  for (const auto& r : catalog.relations)
    for (const auto& c : r.constraints)
      if (c.kind == ConstraintKind::kForeignKey) referenced.insert(c.references);
  for (const auto& w : wanted_tables(catalog, setup, overrides)) plan.tables.push_back(build_table(w, now, referenced, plan.notes));
  for (auto& t : plan.tables)
    for (const auto& trigger : catalog.triggers)
      if (trigger.table == t.name && trigger.enabled && !trigger.inherited &&
          std::find(trigger.events.begin(), trigger.events.end(), "insert") != trigger.events.end())
        t.insert_triggers.push_back(trigger.name);
  order_tables(plan.tables, plan.notes);
  return plan;
}

}  // namespace pgcertify::datagen
