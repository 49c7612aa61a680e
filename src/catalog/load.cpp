#include "catalog/load.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "catalog/load_steps.hpp"
#include "pg/transaction.hpp"

namespace pgcertify::catalog {
namespace detail {

pg::Result Loader::query(std::string_view sql) {
  const pg::Param params[] = {schema_array};
  return connection.exec(sql, params, limits);
}

std::vector<std::string> json_strings(std::string_view json) {
  std::vector<std::string> out;
  if (json.empty()) return out;
  const auto parsed = nlohmann::json::parse(json);
  if (!parsed.is_array()) return out;
  for (const auto& item : parsed) out.push_back(item.is_string() ? item.get<std::string>() : item.dump());
  return out;
}

std::string grants_sql(std::string_view acl, char type, std::string_view owner) {
  std::string source(acl);
  if (type != '\0') source = "COALESCE(" + source + ", pg_catalog.acldefault('" + type + "', " + std::string(owner) + "))";
  return "(SELECT pg_catalog.json_agg(pg_catalog.json_build_array(CASE WHEN g.grantee = 0 THEN 'PUBLIC' "
         "ELSE pg_catalog.pg_get_userbyid(g.grantee) END, g.privilege_type || CASE WHEN g.is_grantable "
         "THEN ' WITH GRANT OPTION' ELSE '' END)) FROM pg_catalog.aclexplode(" + source + ") g)";
}

Grants decode_grants(const Loader& loader, std::string_view json, char type, const std::string& owner) {
  Grants out;
  if (json.empty()) return out;
  const auto parsed = nlohmann::json::parse(json);
  if (!parsed.is_array()) return out;
  for (const auto& pair : parsed) out[pair.at(0).get<std::string>()].push_back(pair.at(1).get<std::string>());
  for (auto& [grantee, privileges] : out) std::sort(privileges.begin(), privileges.end());
  const auto defaults = loader.owner_defaults.find(type);
  const auto mine = out.find(owner);
  if (defaults != loader.owner_defaults.end() && mine != out.end() && mine->second == defaults->second) out.erase(mine);
  return out;
}

void load_owner_defaults(Loader& loader) {
  const pg::Result r = loader.connection.exec(
      "SELECT t, (SELECT pg_catalog.json_agg(g.privilege_type ORDER BY g.privilege_type) "
      "FROM pg_catalog.aclexplode(pg_catalog.acldefault(t, 10)) g WHERE g.grantee = 10) "
      "FROM unnest('{r,s,f,n}'::\"char\"[]) t",
      {}, loader.limits);
  for (int i = 0; i < r.rows(); ++i) loader.owner_defaults[r.value(i, 0)[0]] = json_strings(r.value(i, 1));
}

}  // namespace detail

namespace {
/// A text[] literal: {"a","b"} with quotes and backslashes escaped.
std::string text_array(std::span<const std::string> values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

/// Every schema but the system's (pg_catalog, information_schema, pg_toast*, pg_temp*).
std::vector<std::string> user_schemas(pg::Connection& connection, pg::ExecLimits limits) {
  const pg::Result r = connection.exec(
      "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT IN ('pg_catalog', 'information_schema') "
      "AND nspname !~ '^pg_(toast|temp_|toast_temp_)' ORDER BY nspname",
      {}, limits);
  std::vector<std::string> out;
  for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.value(i, 0));
  return out;
}

/// A REPEATABLE READ READ ONLY transaction unless the caller already holds one (then its own
/// snapshot is used), rolled back after; `statement_timeout` 0 leaves the server's.
pg::Transaction snapshot(pg::Connection& connection, pg::ExecLimits limits, std::chrono::milliseconds timeout) {
  return pg::Transaction(connection, pg::TransactionKind::kSnapshot,
                         {.statement_timeout = timeout.count() > 0 ? std::optional(timeout) : std::nullopt,
                          .limits = limits,
                          .join_open = true});
}
}  // namespace

Catalog load_catalog(pg::Connection& connection, std::span<const std::string> schemas, pg::ExecLimits limits,
                     std::chrono::milliseconds statement_timeout, unsigned parts) {
  const pg::Transaction transaction = snapshot(connection, limits, statement_timeout);
  Catalog catalog;
  catalog.schemas = user_schemas(connection, limits);
  if (schemas.empty()) {
    catalog.loaded_schemas = catalog.schemas;
  } else {
    catalog.loaded_schemas.assign(schemas.begin(), schemas.end());
  }
  load_catalog_parts(catalog, connection, parts, limits, statement_timeout);
  return catalog;
}

void load_catalog_parts(Catalog& catalog, pg::Connection& connection, unsigned parts, pg::ExecLimits limits,
                        std::chrono::milliseconds statement_timeout) {
  const unsigned missing = parts & ~catalog.loaded_parts;
  if (missing == 0) return;
  const pg::Transaction transaction = snapshot(connection, limits, statement_timeout);
  detail::Loader loader{connection, limits, text_array(catalog.loaded_schemas), {}, {}};
  if (missing & (kCatalogObjects | kCatalogPosture)) detail::load_owner_defaults(loader);
  if (missing & kCatalogRelations) {
    detail::load_relations(loader, catalog);
    detail::load_columns(loader, catalog);
    detail::load_constraints(loader, catalog);
    detail::load_indexes(loader, catalog);
  }
  if (missing & kCatalogObjects) {
    detail::load_functions(loader, catalog);
    detail::load_triggers(loader, catalog);
    detail::load_sequences(loader, catalog);
    detail::load_policies(loader, catalog);
    detail::load_extensions_and_roles(loader, catalog);
    detail::load_namespaces(loader, catalog);
    detail::load_types(loader, catalog);
  }
  if (missing & kCatalogPosture) {
    // Posture attaches to relations: those of this read, or of an earlier one.
    if (!((catalog.loaded_parts | missing) & kCatalogRelations)) {
      detail::load_relations(loader, catalog);
      detail::load_columns(loader, catalog);
      detail::load_constraints(loader, catalog);
      detail::load_indexes(loader, catalog);
      catalog.loaded_parts |= kCatalogRelations;
    }
    catalog.build_index();
    detail::load_relation_posture(loader, catalog);
  }
  catalog.loaded_parts |= missing;
  catalog.build_index();
}

}  // namespace pgcertify::catalog
