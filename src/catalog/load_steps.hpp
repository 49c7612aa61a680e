#pragma once
// Internal to load_catalog: one function per catalog query, sharing a Loader.

#include <map>
#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "pg/connection.hpp"

namespace pgcertify::catalog::detail {

struct Loader {
  pg::Connection& connection;
  pg::ExecLimits limits;
  std::string schema_array;                   // the loaded schemas as a text[] literal: $1
  std::map<std::string, size_t> relation_of;  // pg_class oid (text) -> index in Catalog::relations
  std::map<char, std::vector<std::string>> owner_defaults;  // acldefault's owner privileges per object type

  /// Runs `sql` with the schema array as $1.
  pg::Result query(std::string_view sql);
};

/// A JSON array of strings (json_agg output; NULL or "" is empty).
std::vector<std::string> json_strings(std::string_view json);
inline bool flag(std::string_view value) { return value == "t"; }

/// SQL for a JSON array of [grantee, privilege] pairs of the ACL `acl` ("PUBLIC" for PUBLIC,
/// "… WITH GRANT OPTION" when grantable). With `type` ('r', 's', 'f', 'n'), a NULL ACL reads
/// as the type's default for `owner` (acldefault); without, NULL has no privileges.
std::string grants_sql(std::string_view acl, char type = '\0', std::string_view owner = {});
/// Decodes grants_sql's column; drops `owner`'s entry while it is the default of `type`.
Grants decode_grants(const Loader& loader, std::string_view json, char type = '\0', const std::string& owner = {});
/// Fills loader.owner_defaults (one query).
void load_owner_defaults(Loader& loader);

void load_relations(Loader& loader, Catalog& catalog);
void load_columns(Loader& loader, Catalog& catalog);
void load_constraints(Loader& loader, Catalog& catalog);
void load_indexes(Loader& loader, Catalog& catalog);
void load_functions(Loader& loader, Catalog& catalog);
void load_triggers(Loader& loader, Catalog& catalog);
void load_sequences(Loader& loader, Catalog& catalog);
void load_policies(Loader& loader, Catalog& catalog);
void load_extensions_and_roles(Loader& loader, Catalog& catalog);
void load_namespaces(Loader& loader, Catalog& catalog);
/// Grants and comments of the catalog's relations and columns (needs build_index first).
void load_relation_posture(Loader& loader, Catalog& catalog);
void load_types(Loader& loader, Catalog& catalog);

}  // namespace pgcertify::catalog::detail
