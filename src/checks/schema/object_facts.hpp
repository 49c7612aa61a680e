#pragma once
// The database-wide facts `objects` pins beyond names: schemas with owners and privileges,
// roles with their attributes and memberships, enum labels, domains, sequence parameters.
// Read from the plan once; compared with the catalog purely.

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "checks/schema/security_facts.hpp"
#include "plan/node.hpp"

namespace pgcertify::checks {

struct SchemaSpec {
  std::string name;
  PostureSpec posture;
};

struct RoleSpec {
  std::string name;
  std::optional<bool> login, superuser, createrole, createdb, bypassrls, inherit, replication, has_password;
  std::optional<long long> connection_limit;
  std::optional<std::vector<std::string>> member_of;  // "group" or "group with admin option", sorted
};

struct EnumSpec {
  catalog::QualifiedName name;
  std::vector<std::string> labels;
};

struct DomainSpec {
  catalog::QualifiedName name;
  std::optional<std::string> type, owner;
  std::optional<bool> not_null;
  std::optional<std::optional<std::string>> default_expression;
  std::optional<std::vector<std::string>> checks;  // "name: CHECK (…)" as pg_get_constraintdef prints it
};

struct SequenceSpec {
  catalog::QualifiedName name;
  std::optional<std::string> type;
  std::optional<long long> start, increment, min, max, cache;
  std::optional<bool> cycle;
  PostureSpec posture;
};

struct ObjectFacts {
  std::optional<std::vector<SchemaSpec>> schemas;
  std::vector<std::string> unpinned_schemas;  // schemas known to exist but left out of the plan
  std::optional<std::vector<RoleSpec>> roles;
  bool all_roles = false;  // role_scope: all (else exactness covers the roles the objects mention)
  std::optional<std::vector<EnumSpec>> enums;
  std::optional<std::vector<DomainSpec>> domains;
  std::vector<SequenceSpec> sequences;  // only those given with parameters
};

/// Reads schemas, unpinned_schemas, roles, role_scope, enums, domains and the map form of
/// sequences from `objects` options; `schema` qualifies unqualified names.
ObjectFacts read_object_facts(const plan::Node& options, const std::string& schema);

/// Every difference, one line each. `scope`: the schemas whose objects the check covers (for
/// "mentioned" roles, and for enums and domains not in the plan).
std::vector<std::string> compare_object_facts(const ObjectFacts& facts, const catalog::Catalog& catalog,
                                              const std::vector<std::string>& scope, bool exact);

}  // namespace pgcertify::checks
