#pragma once
// Applies a plan's setup to a fresh target: extensions, migrations in version order, SQL files,
// then synthetic data (setup.data).

#include "pg/connection.hpp"
#include "plan/model.hpp"

namespace pgcertify::runner {

/// Each migration and SQL file runs in its own transaction. Throws Error(kTarget) naming the
/// file:line:col of the statement the server refused, with its message.
void apply_setup(pg::Connection& connection, const plan::Setup& setup);

/// Runs one file's statements in one transaction (committed). Same errors as apply_setup.
void apply_sql_file(pg::Connection& connection, const plan::SqlFile& file);

}  // namespace pgcertify::runner
