#pragma once
// Reading a Catalog from a live database.

#include <span>
#include <string>

#include "catalog/catalog.hpp"
#include "pg/connection.hpp"

namespace pgcertify::catalog {

/// Reads the objects of `schemas` (empty: every non-system schema) in a handful of queries
/// (one per kind of object, never one per object). Inside the connection's open transaction
/// when there is one (a check's READ ONLY transaction), else in its own `BEGIN READ ONLY`
/// … `ROLLBACK`. Only SELECTs on pg_catalog: it takes no lock stronger than AccessShareLock.
/// When it opens its own transaction it is REPEATABLE READ (one snapshot for every query) with
/// `statement_timeout` (0: the server's). Throws Error (kSql, kTimeout, kConnection).
Catalog load_catalog(pg::Connection& connection, std::span<const std::string> schemas, pg::ExecLimits limits = {},
                     std::chrono::milliseconds statement_timeout = {});

}  // namespace pgcertify::catalog
