#pragma once
// Reading a Catalog from a live database.

#include <span>
#include <string>

#include "catalog/catalog.hpp"
#include "pg/connection.hpp"

namespace pgcertify::catalog {

/// What a catalog read covers; combine with |.
enum CatalogPart : unsigned {
  kCatalogRelations = 1,  // relations, columns, constraints, indexes
  kCatalogObjects = 2,    // functions, triggers, sequences, policies, extensions, roles, schemas, types
  kCatalogPosture = 4,    // owners are always read; grants and comments of relations and columns
  kCatalogAll = 7,
};

/// Reads the objects of `schemas` (empty: every non-system schema) in a handful of queries
/// (one per kind of object, never one per object). Inside the connection's open transaction
/// when there is one (a check's READ ONLY transaction), else in its own `BEGIN READ ONLY`
/// … `ROLLBACK`. Only SELECTs on pg_catalog: it takes no lock stronger than AccessShareLock.
/// When it opens its own transaction it is REPEATABLE READ (one snapshot for every query) with
/// `statement_timeout` (0: the server's). Throws Error (kSql, kTimeout, kConnection).
Catalog load_catalog(pg::Connection& connection, std::span<const std::string> schemas, pg::ExecLimits limits = {},
                     std::chrono::milliseconds statement_timeout = {}, unsigned parts = kCatalogAll);

/// Adds the `parts` a catalog read earlier does not have yet (same schemas, same rules). A
/// server fills its catalog caches on first use, and on a fresh backend that is most of the
/// cost: a plan of table checks need not pay for functions, triggers and roles.
void load_catalog_parts(Catalog& catalog, pg::Connection& connection, unsigned parts, pg::ExecLimits limits = {},
                        std::chrono::milliseconds statement_timeout = {});

}  // namespace pgcertify::catalog
