#include "checks/schema/table_spec.hpp"

#include "catalog/identifiers.hpp"
#include "checks/normaliser.hpp"
#include "checks/schema/schema_options.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {

const std::vector<std::string> kTableKeys = {"name",         "schema",      "exact",   "columns", "primary_key",
                                             "unique",       "foreign_keys", "checks", "indexes", "partitioning",
                                             "rls",          "owner",       "grants",  "comment", "policies"};
namespace {
const std::vector<std::string> kColumnKeys = {"type",      "not_null",  "default", "identity",
                                              "generated", "collation", "grants",  "comment"};
const std::vector<std::string> kForeignKeyKeys = {"name",      "columns",   "references", "on_delete",
                                                  "on_update", "deferrable"};
const std::vector<std::string> kIndexKeys = {"name", "columns", "where", "unique", "method", "include", "definition"};
const std::vector<std::string> kPartitioningKeys = {"strategy", "key", "partitions"};
const std::vector<std::string> kRlsKeys = {"enabled", "forced"};
const std::vector<std::string> kActions = {"no action", "restrict", "cascade", "set null", "set default"};
const std::vector<std::string> kMethods = {"btree", "hash", "gist", "gin", "brin", "spgist"};

std::string read_type(const plan::Node& node) {
  const std::string type = trim(node.as_string("a type name like integer or varchar(255)"));
  if (!plausible_type_name(type))
    throw node.error("expected a type name like integer, varchar(255) or numeric(10,2)[], got '" + type + "'");
  return type;
}

std::string read_expression(const plan::Node& node, std::string_view what) {
  std::string text = trim(node.as_string(what));
  if (text.empty()) throw node.error("expected " + std::string(what) + ", got an empty string");
  return text;
}

ColumnSpec read_column(const plan::Node& key, const plan::Node& value) {
  ColumnSpec col;
  col.name = read_identifier(key);
  if (value.is_null()) return col;
  if (value.is_scalar()) {
    col.type = read_type(value);
    return col;
  }
  value.require_map("a column's properties (type, not_null, default, identity, generated, collation) or a type");
  value.check_keys(kColumnKeys);
  if (auto t = value.get("type")) col.type = read_type(*t);
  if (auto n = value.get("not_null")) col.not_null = n->as_bool();
  if (auto d = value.get("default")) {
    col.default_expression = d->is_null() ? std::optional<std::string>() : read_expression(*d, "a default expression");
  }
  if (auto i = value.get("identity")) col.identity = read_choice(*i, {"always", "by default", "none"}, "an identity");
  if (auto g = value.get("generated")) col.generated = read_expression(*g, "a generation expression");
  if (auto c = value.get("collation")) col.collation = c->as_string("a collation name");
  col.posture = read_posture(value);
  return col;
}

ForeignKeySpec read_foreign_key(const plan::Node& node, const std::string& schema) {
  node.require_map("a foreign key (columns, references, on_delete, on_update, deferrable)");
  node.check_keys(kForeignKeyKeys);
  ForeignKeySpec fk;
  if (auto n = node.get("name")) fk.name = read_identifier(*n, "a constraint name");
  fk.columns = read_identifier_list(node.require("columns"));
  if (fk.columns.empty()) throw node.require("columns").error("expected at least one column");
  const plan::Node ref = node.require("references");
  const std::string text = ref.as_string("a table and its columns, like facilitators(id)");
  const std::string table = text.find('(') == std::string::npos ? text : text.substr(0, text.find('('));
  auto name = catalog::parse_qualified_name(table, schema);
  if (!name) throw ref.error("expected a table and its columns, like facilitators(id), got '" + text + "'");
  fk.references = *name;
  if (text.find('(') != std::string::npos) {
    auto parsed = catalog::parse_reference(text);
    if (!parsed) throw ref.error("expected a table and its columns, like facilitators(id), got '" + text + "'");
    fk.referenced_columns = parsed->columns;
  }
  if (auto d = node.get("on_delete")) fk.on_delete = read_choice(*d, kActions, "an ON DELETE action");
  if (auto u = node.get("on_update")) fk.on_update = read_choice(*u, kActions, "an ON UPDATE action");
  if (auto d = node.get("deferrable")) fk.deferrable = d->as_bool();
  return fk;
}

IndexSpec read_index(const plan::Node& node) {
  IndexSpec index;
  if (node.is_scalar() || node.is_sequence()) {
    index.columns = node.as_string_list("index columns");
    return index;
  }
  node.require_map("an index (name, columns, where, unique, method, include)");
  node.check_keys(kIndexKeys);
  if (auto n = node.get("name")) index.name = read_identifier(*n, "an index name");
  if (auto c = node.get("columns")) {
    for (auto& col : c->as_string_list("a list of columns or expressions")) index.columns.push_back(trim(col));
  }
  if (index.columns.empty() && !index.name) throw node.error("an index needs 'columns' or a 'name'");
  if (auto w = node.get("where")) index.where = read_expression(*w, "a predicate");
  if (auto u = node.get("unique")) index.unique = u->as_bool();
  if (auto m = node.get("method")) index.method = read_choice(*m, kMethods, "an index method");
  if (auto i = node.get("include")) index.include = read_identifier_list(*i);
  if (auto d = node.get("definition")) index.definition = read_expression(*d, "an index definition (CREATE INDEX …)");
  return index;
}

PartitioningSpec read_partitioning(const plan::Node& node, const std::string& schema) {
  node.require_map("partitioning (strategy, key, partitions)");
  node.check_keys(kPartitioningKeys);
  PartitioningSpec p;
  if (auto s = node.get("strategy")) p.strategy = read_choice(*s, {"range", "list", "hash"}, "a partitioning strategy");
  if (auto k = node.get("key")) p.key = k->as_string_list("partition key columns or expressions");
  if (auto parts = node.get("partitions")) {
    p.partitions.emplace();
    const auto items = parts->is_sequence() ? parts->items() : std::vector<plan::Node>{*parts};
    for (const auto& item : items) p.partitions->push_back(read_qualified_name(item, schema, "a partition name"));
  }
  return p;
}

void read_rls(const plan::Node& node, TableSpec& spec) {
  if (node.is_scalar()) {
    spec.rls_enabled = node.as_bool();
    return;
  }
  node.require_map("rls (enabled, forced) or true/false");
  node.check_keys(kRlsKeys);
  if (auto e = node.get("enabled")) spec.rls_enabled = e->as_bool();
  if (auto f = node.get("forced")) spec.rls_forced = f->as_bool();
}

std::vector<plan::Node> list_items(const plan::Node& node, std::string_view what) {
  if (node.is_null()) return {};
  if (!node.is_sequence()) throw node.error("expected " + std::string(what));
  return node.items();
}

void read_columns(const plan::Node& node, TableSpec& spec) {
  spec.columns_listed = true;
  if (node.is_null()) return;
  if (node.is_sequence()) {
    for (const auto& item : node.items()) {
      ColumnSpec col;
      col.name = read_identifier(item);
      spec.columns.push_back(std::move(col));
    }
    return;
  }
  for (const auto& [key, value] : node.entries()) spec.columns.push_back(read_column(key, value));
}
}  // namespace

TableSpec read_table_spec(const plan::Node& options) {
  TableSpec spec;
  if (options.is_scalar()) {
    spec.name = read_qualified_name(options, kDefaultSchema, "a table name");
    return spec;
  }
  options.require_map("table options (name, columns, primary_key, unique, foreign_keys, checks, indexes, …)");
  options.check_keys(kTableKeys);
  const std::string schema = read_default_schema(options);
  spec.name = read_qualified_name(options.require("name"), schema, "a table name");
  if (auto e = options.get("exact")) spec.exact = e->as_bool();
  if (auto c = options.get("columns")) read_columns(*c, spec);
  if (auto pk = options.get("primary_key")) spec.primary_key = pk->is_null() ? std::vector<std::string>{} : read_identifier_list(*pk);
  if (auto u = options.get("unique")) {
    spec.unique.emplace();
    for (const auto& item : list_items(*u, "a list of column lists, like [[email], [tenant_id, code]]"))
      spec.unique->push_back(read_identifier_list(item));
  }
  if (auto f = options.get("foreign_keys")) {
    spec.foreign_keys.emplace();
    for (const auto& item : list_items(*f, "a list of foreign keys")) spec.foreign_keys->push_back(read_foreign_key(item, spec.name.schema));
  }
  if (auto c = options.get("checks")) {
    spec.checks.emplace();
    for (const auto& item : list_items(*c, "a list of check expressions")) {
      std::string expr = read_expression(item, "a check expression");
      // `CHECK (…)` as pg_get_constraintdef prints it reads as the expression inside.
      if (starts_with_ci(expr, "check") && expr.back() == ')') {
        const std::string rest = trim(std::string_view(expr).substr(5));
        if (!rest.empty() && rest.front() == '(') expr = trim(std::string_view(rest).substr(1, rest.size() - 2));
      }
      spec.checks->push_back(expr);
    }
  }
  if (auto i = options.get("indexes")) {
    spec.indexes.emplace();
    for (const auto& item : list_items(*i, "a list of indexes")) spec.indexes->push_back(read_index(item));
  }
  if (auto p = options.get("partitioning")) spec.partitioning = read_partitioning(*p, spec.name.schema);
  if (auto r = options.get("rls")) read_rls(*r, spec);
  spec.posture = read_posture(options);
  if (auto p = options.get("policies")) spec.policies = read_policies(*p);
  return spec;
}

}  // namespace pgcertify::checks
