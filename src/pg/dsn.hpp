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

}  // namespace pgcertify::pg
