#include "catalog/catalog.hpp"

#include <algorithm>
#include <cctype>

#include "catalog/identifiers.hpp"

namespace pgcertify::catalog {

std::string QualifiedName::display() const {
  if (schema.empty()) return quote_if_needed(name);
  return quote_if_needed(schema) + "." + quote_if_needed(name);
}

std::string_view relation_kind_name(RelationKind kind) {
  switch (kind) {
    case RelationKind::kTable: return "table";
    case RelationKind::kPartitionedTable: return "partitioned table";
    case RelationKind::kView: return "view";
    case RelationKind::kMaterializedView: return "materialized view";
    case RelationKind::kForeignTable: return "foreign table";
  }
  return "relation";
}

const Column* Relation::column(std::string_view wanted) const {
  for (const auto& c : columns)
    if (c.name == wanted) return &c;
  return nullptr;
}

const Index* Relation::index(std::string_view wanted) const {
  for (const auto& i : indexes)
    if (i.name == wanted) return &i;
  return nullptr;
}

const Constraint* Relation::constraint(std::string_view wanted) const {
  for (const auto& c : constraints)
    if (c.name == wanted) return &c;
  return nullptr;
}

const Constraint* Relation::primary_key() const {
  for (const auto& c : constraints)
    if (c.kind == ConstraintKind::kPrimaryKey) return &c;
  return nullptr;
}

std::string Function::signature() const { return name.display() + "(" + argument_types + ")"; }

void Catalog::build_index() {
  relation_index_.clear();
  function_index_.clear();
  trigger_index_.clear();
  sequence_index_.clear();
  for (size_t i = 0; i < relations.size(); ++i) relation_index_[relations[i].name] = i;
  for (size_t i = 0; i < functions.size(); ++i) function_index_.emplace(functions[i].name, i);
  for (size_t i = 0; i < triggers.size(); ++i) trigger_index_[{triggers[i].table, triggers[i].name}] = i;
  for (size_t i = 0; i < sequences.size(); ++i) sequence_index_[sequences[i].name] = i;
}

bool Catalog::has_schema(std::string_view name) const {
  return std::find(schemas.begin(), schemas.end(), name) != schemas.end();
}

const Relation* Catalog::relation(const QualifiedName& name) const {
  const auto it = relation_index_.find(name);
  return it == relation_index_.end() ? nullptr : &relations[it->second];
}

std::vector<const Function*> Catalog::functions_named(const QualifiedName& name) const {
  std::vector<const Function*> out;
  const auto [begin, end] = function_index_.equal_range(name);
  for (auto it = begin; it != end; ++it) out.push_back(&functions[it->second]);
  return out;
}

const Trigger* Catalog::trigger(const QualifiedName& table, std::string_view name) const {
  const auto it = trigger_index_.find({table, std::string(name)});
  return it == trigger_index_.end() ? nullptr : &triggers[it->second];
}

const Sequence* Catalog::sequence(const QualifiedName& name) const {
  const auto it = sequence_index_.find(name);
  return it == sequence_index_.end() ? nullptr : &sequences[it->second];
}

const Extension* Catalog::extension(std::string_view name) const {
  for (const auto& e : extensions)
    if (e.name == name) return &e;
  return nullptr;
}

const Role* Catalog::role(std::string_view name) const {
  for (const auto& r : roles)
    if (r.name == name) return &r;
  return nullptr;
}

}  // namespace pgcertify::catalog
