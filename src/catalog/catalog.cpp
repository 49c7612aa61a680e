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

const Namespace* Catalog::namespace_named(std::string_view name) const {
  for (const auto& n : namespaces)
    if (n.name == name) return &n;
  return nullptr;
}

namespace {
void add_grantees(const Grants& grants, std::set<std::string>& out) {
  for (const auto& [grantee, privileges] : grants)
    if (grantee != "PUBLIC") out.insert(grantee);
}
}  // namespace

std::set<std::string> Catalog::mentioned_roles(std::span<const std::string> in) const {
  const std::set<std::string> scope(in.begin(), in.end());
  auto within = [&](const std::string& schema) { return scope.count(schema) > 0; };
  std::set<std::string> out;
  for (const auto& n : namespaces)
    if (within(n.name) && !n.from_extension) {
      out.insert(n.owner);
      add_grantees(n.grants, out);
    }
  for (const auto& r : relations) {
    if (!within(r.name.schema) || r.from_extension) continue;
    out.insert(r.owner);
    add_grantees(r.grants, out);
    for (const auto& c : r.columns) add_grantees(c.grants, out);
  }
  for (const auto& f : functions)
    if (within(f.name.schema) && !f.from_extension) {
      out.insert(f.owner);
      add_grantees(f.grants, out);
    }
  for (const auto& s : sequences)
    if (within(s.name.schema)) {
      out.insert(s.owner);
      add_grantees(s.grants, out);
    }
  for (const auto& e : enums)
    if (within(e.name.schema)) out.insert(e.owner);
  for (const auto& d : domains)
    if (within(d.name.schema)) out.insert(d.owner);
  for (const auto& p : policies)
    if (within(p.table.schema))
      for (const auto& role : p.roles)
        if (role != "public") out.insert(role);
  // Memberships both ways: the groups these roles draw privileges from, and who holds them.
  for (bool grew = true; grew;) {
    grew = false;
    for (const auto& r : roles) {
      const bool member = out.count(r.name) > 0;
      for (const auto& group : r.member_of) {
        if (member && !out.count(group)) grew = out.insert(group).second;
        if (!member && out.count(group)) {
          grew = out.insert(r.name).second;
          break;
        }
      }
    }
  }
  std::erase_if(out, [](const std::string& name) { return name.empty() || name.starts_with("pg_"); });
  return out;
}

const Role* Catalog::role(std::string_view name) const {
  for (const auto& r : roles)
    if (r.name == name) return &r;
  return nullptr;
}

}  // namespace pgcertify::catalog
