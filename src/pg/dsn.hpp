#pragma once
// Connection strings: URI (postgresql://…) or keyword (host=… dbname=…) form.

#include <optional>
#include <string>
#include <string_view>

namespace pgcertify::pg {

/// The DSN with any password replaced by "***", safe to print or log.
std::string mask_password(std::string_view dsn);

/// `text` (an error libpq wrote about `dsn`) with the password `dsn` holds replaced by "***":
/// libpq quotes a malformed URI back, password and all. Works on DSNs libpq cannot parse.
std::string mask_password_in(std::string_view text, std::string_view dsn);

/// The password the DSN names, if any: for a child process's PGPASSWORD, never its argv.
std::optional<std::string> password_of(const std::string& dsn);

/// The DSN in keyword form without its password (what a child process may show in `ps`).
std::string without_password(const std::string& dsn);

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
