#include "runner/setup.hpp"

#include <cstdio>

#include "common/strings.hpp"
#include "datagen/fill.hpp"
#include "migrate/migrator.hpp"
#include "pg/transaction.hpp"

namespace pgcertify::runner {
namespace {
/// MySQL writes `INDEX name (col)` inside CREATE TABLE; PostgreSQL reads it as a column named
/// "index" of type "name", and says only that the type does not exist.
std::string hint_for(const Error& e, std::string_view statement) {
  if (e.sqlstate != "42704" || e.statement_position <= 0 || static_cast<size_t>(e.statement_position) > statement.size())
    return e.hint;
  const std::string before = to_lower(statement.substr(0, static_cast<size_t>(e.statement_position - 1)));
  const std::string trimmed = trim(before);
  if (trimmed.ends_with("index") || trimmed.ends_with("key"))
    return "PostgreSQL has no INDEX clause inside CREATE TABLE: create the index with its own CREATE INDEX statement";
  return e.hint;
}
/// The folder through the migration runner, quietly: each file in its own transaction (or
/// outside one when it must be), recorded in pgcertify_schema_history, so that a `migrations`
/// check sees what setup applied. A refused statement is a setup failure (exit 3).
void apply_migrations(pg::Connection& connection, const std::filesystem::path& dir) {
  migrate::MigrateOptions options;
  options.out = nullptr;
  try {
    migrate::Migrator(connection, dir, options).up();
  } catch (Error& e) {
    if (e.kind != ErrorKind::kSql) throw;
    e.kind = ErrorKind::kTarget;
    e.hint = hint_for(e, e.sql);
    throw;
  }
}
}  // namespace

void apply_sql_file(pg::Connection& connection, const plan::SqlFile& file) {
  pg::Transaction apply(connection, pg::TransactionKind::kCommitOnSuccess);
  for (const auto& statement : file.statements) {
    try {
      apply.exec_simple(statement.text);
    } catch (Error& e) {
      if (e.kind == ErrorKind::kInterrupted) throw;
      const SourceLocation where = plan::locate_in_statement(statement, e.statement_position);
      const std::string source = line_of(file.text, where.line);
      throw e.as(ErrorKind::kTarget, e.what()).with_hint(hint_for(e, statement.text)).at(where, source);
    }
  }
  apply.commit();
}

void apply_setup(pg::Connection& connection, const plan::Setup& setup) {
  for (const auto& extension : setup.extensions) {
    try {
      connection.exec_simple("CREATE EXTENSION IF NOT EXISTS " + connection.quote_identifier(extension));
    } catch (const Error& e) {
      if (e.kind == ErrorKind::kInterrupted) throw;
      throw Error(ErrorKind::kTarget, "setup.extensions: cannot create extension '" + extension + "': " + e.what());
    }
  }
  if (setup.migrations_dir) apply_migrations(connection, *setup.migrations_dir);
  for (const auto& file : setup.sql) apply_sql_file(connection, file);
  // The ephemeral cluster is scratch: empty tables load before their indexes, as pg_restore does.
  if (setup.data) datagen::fill(connection, *setup.data, stdout, {.defer_indexes = true});
}

}  // namespace pgcertify::runner
