#pragma once
// Connection strings: URI (postgresql://…) or keyword (host=… dbname=…) form.

#include <string>
#include <string_view>

namespace pgcertify::pg {

/// The DSN with any password replaced by "***", safe to print or log.
std::string mask_password(std::string_view dsn);

/// Throws Error(kUsage) naming what libpq could not parse.
void validate_dsn(const std::string& dsn);

/// `dsn` with `dbname` replaced (or added), keeping every other setting.
std::string with_database(const std::string& dsn, std::string_view dbname);

/// What a command line says about the server (pgbench's and psql's DBNAME -h -p -U).
struct DsnParts {
  std::string dbname;  // a database name, or itself a connection string (keywords or URI)
  std::string host, port, user;
};

/// A connection string from `parts`; unset parts come from libpq's PG* environment variables.
/// Throws Error(kUsage) when -h, -p or -U come with a URI (they belong in the URI).
std::string dsn_from(const DsnParts& parts);

}  // namespace pgcertify::pg
