#pragma once
// Running a migration's statements, one by one, with errors placed at file:line:col.

#include "migrate/script.hpp"
#include "pg/connection.hpp"

namespace pgcertify::migrate {

/// Runs every statement of `script` on `connection` as it stands (inside the caller's
/// transaction, or autocommitted). On a server error throws Error(kSql) at the statement's
/// file:line:col (the server's position when it gave one) with SQLSTATE, detail and hint;
/// kInterrupted, kTimeout and kConnection pass through unchanged.
void execute_script(pg::Connection& connection, const Script& script);

}  // namespace pgcertify::migrate
